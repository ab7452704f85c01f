import type { Diagnostic } from '../diagnostics'
import { loadDesign, type LoadResult } from '../format/loadDesign'
import { locateDiagnostics, validateDesign } from './validateDesign'

/** Position in the file first, so a reader can walk the file top to bottom. */
function byPlace(a: Diagnostic, b: Diagnostic): number {
  return (a.location?.document ?? Infinity) - (b.location?.document ?? Infinity) || (a.location?.line ?? 0) - (b.location?.line ?? 0) || (a.location?.column ?? 0) - (b.location?.column ?? 0)
}

/** Loads a bundle and runs every check: the one call the CLI and the app use to show problems. */
export function checkBundle(text: string, options: { name?: string } = {}): LoadResult {
  const loaded = loadDesign(text, options)
  const semantic = locateDiagnostics(validateDesign(loaded.design), loaded.sourceIndex)
  return { ...loaded, diagnostics: [...loaded.diagnostics, ...semantic].sort(byPlace) }
}
