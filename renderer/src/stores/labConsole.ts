import { defineStore } from 'pinia'
import { ref, shallowRef, watch } from 'vue'
import { describeCommand } from '../../../shared/commands/commands'
import { LabConsole } from '../../../shared/console/labConsole'
import { CLEAR_SCREEN } from '../../../shared/console/shellBuiltins'
import { useDesignStore } from './design'

/** One command in the panel's scrollback. */
export interface TranscriptEntry {
  readonly id: number
  readonly prompt: string
  readonly command: string
  readonly output: string
  readonly exitCode: number
}

/**
 * The lab console panel: a LabConsole over the open design. Its edits (kubectl apply, ...) go
 * into the design store as undoable steps; edits made elsewhere (undo, opening a file) reach it.
 */
export const useLabConsoleStore = defineStore('labConsole', () => {
  const designs = useDesignStore()
  const transcript = ref<TranscriptEntry[]>([])
  const typed = ref<string[]>([])
  const prompt = ref('')
  let nextId = 0
  const session = shallowRef<LabConsole | undefined>()

  function start(): void {
    session.value = new LabConsole(designs.design, {
      onEdit: (command, before, after) => designs.recordChange(`${describeCommand(command, before)} (console)`, before, after),
    })
    prompt.value = session.value.prompt
    transcript.value = []
  }

  /** Runs what was typed; returns the entries it added. */
  function run(text: string): readonly TranscriptEntry[] {
    if (!session.value) start()
    const current = session.value as LabConsole
    if (text.trim() !== '') typed.value = [...typed.value, text]
    const added: TranscriptEntry[] = []
    for (const entry of current.run(text)) {
      // What `clear` prints: the panel empties its scrollback instead of showing it.
      if (entry.output.startsWith(CLEAR_SCREEN)) {
        transcript.value = []
        continue
      }
      added.push({ id: nextId++, prompt: `ubuntu@${entry.host}:~$ `, command: entry.command, output: entry.output, exitCode: entry.exitCode })
    }
    if (text.trim() === '') added.push({ id: nextId++, prompt: current.prompt, command: '', output: '', exitCode: 0 })
    transcript.value = [...transcript.value, ...added]
    prompt.value = current.prompt
    return added
  }

  // A new file starts a new session; an undo or a canvas edit is the same session's cluster changing.
  watch(
    () => designs.file,
    () => start(),
  )
  watch(
    () => designs.design,
    (design) => {
      if (session.value && session.value.design !== design) session.value.setDesign(design)
    },
  )

  /** What a read-only command prints on a host, with this console's clock and history, leaving its terminal as it was. */
  function peek(host: string, command: string): string | undefined {
    if (!session.value) start()
    return session.value?.peek(host, command)?.output
  }

  start()
  return { transcript, typed, prompt, run, start, peek }
})
