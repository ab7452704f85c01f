import type { Diagnostic } from '../diagnostics'
import type { LoadResult } from '../format/loadDesign'
import type { Design } from '../model/design'
import { deepEqual } from '../util/deepEqual'
import { locateDiagnostics, validateDesign } from '../validate/validateDesign'

/**
 * The problems of a design while it is edited: what loading the file found, for as long as the
 * entity it was about is unchanged (a saved file is read again for its new positions), then every semantic check and the network's own findings
 * (sessions down, pools exhausted), with file positions where the file still says so.
 */
export function liveDiagnostics(loaded: LoadResult, design: Design, network: readonly Diagnostic[]): Diagnostic[] {
  const current = new Map(design.entries.map((e) => [e.id, e]))
  const original = new Map(loaded.design.entries.map((e) => [e.id, e]))
  const untouched = (subject: string): boolean => {
    const now = current.get(subject)
    const then = original.get(subject)
    return now !== undefined && then !== undefined && (now === then || deepEqual(now.resource, then.resource))
  }
  const fromLoad = loaded.diagnostics.filter((d) => d.subject === undefined || untouched(d.subject))
  return [...fromLoad, ...locateDiagnostics([...validateDesign(design), ...network], loaded.sourceIndex)]
}
