import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
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
 * The lab console panel: a LabConsole over the open design, run by the analysis worker beside the
 * network its commands read. Its edits (kubectl apply, ...) come back into the design store as
 * undoable steps; edits made elsewhere (undo, opening a file) reach it through the worker.
 */
export const useLabConsoleStore = defineStore('labConsole', () => {
  const designs = useDesignStore()
  const transcript = ref<TranscriptEntry[]>([])
  const typed = ref<string[]>([])
  const prompt = ref('')
  let nextId = 0
  /** Commands run one after another, in the order typed, each once the one before has answered. */
  let queue: Promise<unknown> = Promise.resolve()
  const inOrder = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work)
    queue = next.catch(() => undefined)
    return next
  }

  function start(): Promise<void> {
    transcript.value = []
    return inOrder(async () => {
      prompt.value = await designs.console.start()
    })
  }

  /** Runs what was typed; resolves to the entries it added. */
  function run(text: string): Promise<readonly TranscriptEntry[]> {
    if (text.trim() !== '') typed.value = [...typed.value, text]
    return inOrder(async () => {
      const result = await designs.console.run(text)
      const added: TranscriptEntry[] = []
      for (const entry of result.entries) {
        // What `clear` prints: the panel empties its scrollback instead of showing it.
        if (entry.output.startsWith(CLEAR_SCREEN)) {
          transcript.value = []
          continue
        }
        added.push({ id: nextId++, prompt: `ubuntu@${entry.host}:~$ `, command: entry.command, output: entry.output, exitCode: entry.exitCode })
      }
      if (text.trim() === '') added.push({ id: nextId++, prompt: result.prompt, command: '', output: '', exitCode: 0 })
      transcript.value = [...transcript.value, ...added]
      prompt.value = result.prompt
      return added
    })
  }

  // A new file starts a new session; an undo or a canvas edit is the same session's cluster changing.
  watch(
    () => designs.file,
    () => void start(),
  )

  void start()
  return { transcript, typed, prompt, run, start }
})
