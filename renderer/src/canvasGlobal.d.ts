import type { Core } from 'cytoscape'
import type { Diagnostic } from '../../shared/diagnostics'
import type { Design } from '../../shared/model/design'

declare global {
  interface Window {
    /** The canvas's Cytoscape instance, for end-to-end tests and the developer console. */
    peerlabCanvas?: Core
    /** The open design and its problems as the store holds them, for end-to-end tests and the developer console. */
    peerlabDesign?: () => { readonly design: Design; readonly diagnostics: readonly Diagnostic[]; readonly isDirty: boolean }
    /** Where the analysis runs and the stages of its results as they arrived (most recent last), for end-to-end tests. */
    peerlabAnalysis?: () => { readonly thread: 'worker' | 'inline'; readonly stages: readonly { readonly version: number; readonly stage: 'sessions' | 'routes' | 'diagnostics' | 'done' }[] }
  }
}
