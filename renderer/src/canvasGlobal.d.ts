import type { Core } from 'cytoscape'
import type { Diagnostic } from '../../shared/diagnostics'
import type { Design } from '../../shared/model/design'

declare global {
  interface Window {
    /** The canvas's Cytoscape instance, for end-to-end tests and the developer console. */
    peerlabCanvas?: Core
    /** The open design and its problems as the store holds them, for end-to-end tests and the developer console. */
    peerlabDesign?: () => { readonly design: Design; readonly diagnostics: readonly Diagnostic[]; readonly isDirty: boolean }
  }
}
