import { LabConsole, type ConsoleEntry, type ConsoleOptions } from '../../../shared/console/labConsole'
import { loadDesign } from '../../../shared/format/loadDesign'
import { readExample } from '../../exampleText'
import { labAfterAllSteps } from '../../labSteps'

/** A console on the lab as it starts, or after every step of the handout, plus any extra documents. */
export function labConsole(options: { afterSteps?: boolean; extra?: string } & ConsoleOptions = {}): LabConsole {
  const base = options.afterSteps ? labAfterAllSteps() : readExample('calico-lab-2.2')
  const text = options.extra !== undefined ? `${base}---\n${options.extra}` : base
  return new LabConsole(loadDesign(text).design, options)
}

/** Runs one command and returns its entry. */
export function run(console: LabConsole, text: string): ConsoleEntry {
  const entries = console.run(text)
  if (entries.length !== 1) throw new Error(`expected one command in ${JSON.stringify(text)}, got ${entries.length}`)
  return entries[0] as ConsoleEntry
}
