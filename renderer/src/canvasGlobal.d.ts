import type { Core } from 'cytoscape'

declare global {
  interface Window {
    /** The canvas's Cytoscape instance, for end-to-end tests and the developer console. */
    peerlabCanvas?: Core
  }
}
