import type { Command } from '../commands/commands'
import type { DiagnosticFix } from '../diagnostics'
import type { Design } from '../model/design'
import { resourceOf } from './editableFields'
import { setIn } from './resourcePath'

/**
 * The command a diagnostic's fix stands for: one step, labelled as the fix says, so undo takes it
 * back whole. Undefined when the entity is gone (the design changed since the problem was found).
 */
export function fixCommand(design: Design, fix: DiagnosticFix): Command | undefined {
  const resource = resourceOf(design, fix.subject)
  if (!resource) return undefined
  return { type: 'batch', label: fix.label, commands: [{ type: 'apply', resource: setIn(resource, fix.path, fix.value) }] }
}
