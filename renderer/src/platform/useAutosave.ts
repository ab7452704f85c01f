import { onScopeDispose, ref, watch, type Ref } from 'vue'
import type { OpenFile } from '../stores/design'

/** Unsaved work as kept in the app's own storage between sessions. */
export interface AutosavedWork {
  readonly file: OpenFile
  readonly text: string
  readonly savedAt: string
}

const KEY = 'peerlab.autosave.v1'
export const AUTOSAVE_INTERVAL_MS = 3000

function isAutosavedWork(value: unknown): value is AutosavedWork {
  const work = value as Partial<AutosavedWork> | null
  return typeof work === 'object' && work !== null && typeof work.text === 'string' && typeof work.savedAt === 'string' && typeof work.file?.name === 'string' && typeof work.file.text === 'string'
}

function read(): AutosavedWork | undefined {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? 'null')
    return isAutosavedWork(parsed) ? parsed : undefined
  } catch {
    // Storage that cannot be read (corrupt, or disabled) holds nothing worth offering.
    return undefined
  }
}

/**
 * Every few seconds, writes unsaved work to local storage (Electron keeps it in the app's profile,
 * a browser per site), and forgets it once the work is saved or thrown away. What a crash or a
 * reload left behind is offered back once, at start.
 */
export function useAutosave(source: { isDirty: Ref<boolean>; file: Ref<OpenFile | undefined>; text: () => string; version: Ref<unknown> }): {
  offered: Ref<AutosavedWork | undefined>
  dismiss(): void
} {
  const offered = ref<AutosavedWork | undefined>(read())
  let written: unknown

  const tick = (): void => {
    // While an offer is open, its work stays in storage until the user decides.
    if (offered.value) return
    if (!source.isDirty.value) {
      if (written !== undefined) localStorage.removeItem(KEY)
      written = undefined
      return
    }
    if (written === source.version.value) return
    const work: AutosavedWork = { file: source.file.value ?? { name: 'untitled.yaml', text: '' }, text: source.text(), savedAt: new Date().toISOString() }
    try {
      localStorage.setItem(KEY, JSON.stringify(work))
      written = source.version.value
    } catch {
      // A full storage must not break editing; the next tick tries again.
    }
  }
  // Writing out a large design takes a moment: done when the browser is idle, not amid a drag or an edit.
  const whenIdle = (): void => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(tick, { timeout: AUTOSAVE_INTERVAL_MS })
    else tick()
  }
  const timer = setInterval(whenIdle, AUTOSAVE_INTERVAL_MS)
  const stop = watch(source.isDirty, (dirty) => {
    if (!dirty) tick()
  })
  onScopeDispose(() => {
    clearInterval(timer)
    stop()
  })

  return {
    offered,
    dismiss: () => {
      offered.value = undefined
      localStorage.removeItem(KEY)
      written = undefined
    },
  }
}
