import { describeCommand, type Command } from '../commands/commands'
import type { Diagnostic } from '../diagnostics'
import type { Design, EntityId } from '../model/design'
import { checkEdit } from './checkedEdit'
import { editField } from './editableFields'
import { proposeFix } from './proposals'
import { renumberPool, renumberSegment } from './renumber'

export interface FieldEdit {
  /** The design after the edit; the same design when it is refused or changes nothing. */
  readonly design: Design
  /** Why it is refused, each with the edit that works where there is one; empty when it applies. */
  readonly problems: readonly Diagnostic[]
  /** The undo step's name. */
  readonly label: string
  /** The command that made `design`, when the edit applies: whoever holds a copy of the design before (the analysis worker) makes the same edit with it. */
  readonly command?: Command
}

const splitList = (text: string): string[] =>
  text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')

/** A segment's or a pool's range typed anew moves what is in it; any other field is written as typed. */
function commandFor(design: Design, id: EntityId, key: string, text: string): { command: Command } | { problem: Diagnostic } | undefined {
  const renumbered =
    id.startsWith('segment/') && key === 'cidrs' ? renumberSegment(design, id, splitList(text)) : id.startsWith('ippool/') && key === 'cidr' ? renumberPool(design, id, text) : undefined
  if (renumbered) return renumbered.ok ? { command: renumbered.command } : { problem: renumbered.problem }
  const command = editField(design, id, key, text)
  return command ? { command } : undefined
}

/**
 * One inspector edit, on trial: the field typed into becomes a command (a renumbering for a
 * range), which applies as one undo step unless the engine refuses it; a refusal says what would
 * work instead, as an edit to apply (`Diagnostic.proposal`) where it is one.
 */
export function checkFieldEdit(design: Design, id: EntityId, key: string, text: string): FieldEdit {
  const typed = { id, field: key, text }
  const made = commandFor(design, id, key, text)
  if (!made) return { design, problems: [], label: '' }
  if ('problem' in made) return { design, problems: [proposeFix(design, typed, made.problem)], label: '' }
  const checked = checkEdit(design, made.command)
  const label = describeCommand(made.command, design)
  if (checked.problems.length === 0) return { design: checked.design, problems: [], label, command: made.command }
  return { design, problems: checked.problems.map((p) => proposeFix(design, typed, p)), label }
}
