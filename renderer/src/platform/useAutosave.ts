import { onScopeDispose, ref, watch, type Ref } from 'vue'
import type { AutosavedWork, DesktopBridge } from '../../../shared/ipc/contract'
import type { OpenFile } from '../stores/design'
import { autosaveSchedule, type Clock } from './autosaveSchedule'

export type AutosaveStorage = Pick<DesktopBridge, 'readAutosave' | 'writeAutosave' | 'clearAutosave' | 'restoreAutosave'>

/**
 * Keeps unsaved work through the bridge (IndexedDB in a browser, a file in the user data folder
 * on the desktop) within a second of each edit, and forgets it once the work is saved or thrown
 * away. What a crash or a reload left behind is offered back once, at start; until the user
 * answers, that work stays as it is and new edits are not kept over it. A write that fails is
 * reported once, and again only after one has succeeded in between.
 */
export function useAutosave(
  source: { isDirty: Ref<boolean>; file: Ref<OpenFile | undefined>; text: () => string | Promise<string>; version: Ref<unknown> },
  storage: AutosaveStorage,
  report: (message: string) => void,
  clock?: Clock,
): {
  offered: Ref<AutosavedWork | undefined>
  /** Why the current work is not kept for recovery, while that is so. */
  failure: Ref<string | undefined>
  /** The offered work, ready to be shown again (see `DesktopBridge.restoreAutosave`). */
  restore(): Promise<AutosavedWork | undefined>
  dismiss(): void
} {
  const offered = ref<AutosavedWork | undefined>()
  let ready = false
  /** The design last kept, so an unchanged one is not written again. */
  let written: unknown
  /** Whether storage may hold work of this session, which a save or discard must then remove. */
  let holding = false
  const failure = ref<string | undefined>()

  const write = async (): Promise<void> => {
    if (!ready || offered.value) return
    if (!source.isDirty.value) {
      if (holding) await storage.clearAutosave()
      holding = false
      written = undefined
      return
    }
    const version = source.version.value
    if (version === written) return
    const { name, text, path } = source.file.value ?? { name: 'untitled.peerlab.yaml', text: '' }
    // A plain copy: storage clones what it is given, and a reactive proxy does not clone.
    const work: AutosavedWork = { file: { name, text, ...(path !== undefined ? { path } : {}) }, text: await source.text(), savedAt: new Date().toISOString() }
    const result = await storage.writeAutosave(work).catch((error: unknown) => ({ status: 'failed' as const, message: (error as Error).message }))
    if (result.status === 'kept') {
      written = version
      holding = true
      if (failure.value !== undefined) report('Autosaved again')
      failure.value = undefined
    } else {
      if (failure.value === undefined) report(`Not autosaved: ${result.message}. Save to keep this work.`)
      failure.value = result.message
    }
  }

  const schedule = autosaveSchedule(write, clock)
  const stop = watch([source.version, source.isDirty], () => schedule.edited())
  void storage.readAutosave().then((work) => {
    offered.value = work
    ready = true
    schedule.edited()
  })
  onScopeDispose(() => {
    schedule.dispose()
    stop()
  })

  const settle = (): void => {
    offered.value = undefined
    written = undefined
    schedule.edited()
  }
  return {
    offered,
    failure,
    async restore() {
      const work = await storage.restoreAutosave()
      // The restored design is kept afresh by the next write, with whatever path it came back with.
      holding = true
      settle()
      return work
    },
    dismiss() {
      void storage.clearAutosave()
      holding = false
      settle()
    },
  }
}
