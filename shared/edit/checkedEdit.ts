import { applyCommand, type Command } from '../commands/commands'
import type { Diagnostic } from '../diagnostics'
import { classifyResource } from '../model/classify'
import type { Design } from '../model/design'
import { sameForValidation } from '../validate/sameForValidation'
import { validateDesign } from '../validate/validateDesign'

export interface CheckedEdit {
  readonly design: Design
  /** Errors the edit would introduce; an edit with any is not applied. */
  readonly problems: readonly Diagnostic[]
}

const keyOf = (d: Diagnostic): string => `${d.code} ${d.subject ?? ''} ${(d.path ?? []).join('.')} ${d.message}`

/** validateDesign checks each design once, so asking again for the design before the edit costs nothing. */
function errorsOf(design: Design): readonly Diagnostic[] {
  return validateDesign(design).filter((d) => d.severity === 'error')
}

/**
 * Applies a command on trial. A form must not write a value the engine rejects, yet a design being
 * drawn is full of errors already; so only the errors the edit adds count against it: fields of the
 * wrong shape, and semantic errors that were not there before.
 */
export function checkEdit(design: Design, command: Command): CheckedEdit {
  const after = applyCommand(design, command)
  if (after === design) return { design, problems: [] }
  const before = new Map(design.entries.map((e) => [e.id, e]))
  const structural: Diagnostic[] = after.entries.flatMap((entry) => {
    if (entry.modelled || entry.reason !== 'invalid' || before.get(entry.id) === entry) return []
    return classifyResource(entry.resource).problems.map((p): Diagnostic => ({ code: p.code, severity: 'error', message: p.message, subject: entry.id, path: p.path }))
  })
  // A resource of the wrong shape drops out of the model, and what leaned on it fails too: only the cause is worth showing.
  if (structural.length > 0) return { design: after, problems: structural }
  // An edit no check can see (an alias) adds no error: neither design need be checked, which on 5,000 hosts takes tens of milliseconds.
  if (sameForValidation(design, after)) return { design: after, problems: [] }
  const known = new Set(errorsOf(design).map(keyOf))
  return { design: after, problems: errorsOf(after).filter((d) => !known.has(keyOf(d))) }
}
