import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useDesignStore } from '../../renderer/src/stores/design'

const example = { name: 'calico-lab-2.2.yaml', text: readFileSync(resolve(import.meta.dirname, '../../examples/calico-lab-2.2.yaml'), 'utf8') }
const rack = { name: 'rack.yaml', path: '/designs/rack.yaml', text: 'apiVersion: peerlab.dev/v1alpha1\nkind: Segment\nmetadata: {name: rack1}\nspec: {cidrs: [10.0.1.0/24], gateways: [10.0.1.1]}\n' }
const ids = (store: ReturnType<typeof useDesignStore>) => store.design.entries.map((e) => e.id)

describe('the design store: Open, New and Restore can be undone', () => {
  beforeEach(() => {
    // The store works out the network after the next frame; Node has no frames.
    vi.stubGlobal('requestAnimationFrame', (callback: () => void) => setTimeout(callback, 0))
    setActivePinia(createPinia())
  })

  it('reads a broken file without touching the open design', () => {
    const store = useDesignStore()
    store.open(example)
    const before = store.design
    const read = store.read({ name: 'broken.yaml', text: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: [unclosed\n' })
    expect(read.refusals.map((d) => d.code)).toEqual(['format.yaml-syntax'])
    expect(store.design).toBe(before)
    expect(store.canUndo).toBe(false)
  })

  it('brings back the replaced design with its file, unsaved edits and history, and redoes the open', () => {
    const store = useDesignStore()
    store.open(example)
    store.dispatch({ type: 'apply', resource: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-b' } } })
    const edited = store.design
    expect(store.isDirty).toBe(true)
    store.replace(store.read(rack), 'Open rack.yaml')
    expect(ids(store)).toEqual(['segment/rack1'])
    expect(store.isDirty).toBe(false)
    expect(store.canUndo).toBe(true)

    expect(store.undoLast()).toBe('Open rack.yaml')
    expect(store.design).toBe(edited)
    expect(store.file?.name).toBe('calico-lab-2.2.yaml')
    expect(store.isDirty).toBe(true)
    // Then on into the edits made before the open.
    expect(store.undoLast()).toBeDefined()
    expect(store.isDirty).toBe(false)
    expect(store.undoLast()).toBeUndefined()

    expect(store.redoNext()).toBeDefined()
    expect(store.design).toBe(edited)
    expect(store.redoNext()).toBe('Open rack.yaml')
    expect(store.file).toEqual(rack)
    expect(ids(store)).toEqual(['segment/rack1'])
  })

  it('restores autosaved work as unsaved changes against its file, and Undo goes back to what was open', () => {
    const store = useDesignStore()
    store.open(example)
    const lab = store.design
    store.restore(rack, `${rack.text}---\napiVersion: v1\nkind: Namespace\nmetadata: {name: team-a}\n`)
    expect(ids(store)).toEqual(['segment/rack1', 'namespace/team-a'])
    expect(store.file).toEqual(rack)
    expect(store.isDirty).toBe(true)
    expect(store.undoLast()).toBe('Restore unsaved work on rack.yaml')
    expect(store.design).toBe(lab)
  })

  it('New is one Undo away from the design it replaced', () => {
    const store = useDesignStore()
    store.open(example)
    const lab = store.design
    store.newDesign()
    expect(store.design.name).toBe('untitled')
    expect(store.undoLast()).toBe('New design')
    expect(store.design).toBe(lab)
  })
})

describe('the design store tells the analysis worker of an inspector edit', () => {
  beforeEach(() => {
    vi.stubGlobal('requestAnimationFrame', (callback: () => void) => setTimeout(callback, 0))
    setActivePinia(createPinia())
  })

  it('as the command that made it, not as the whole design', async () => {
    const sent: unknown[] = []
    const clone = globalThis.structuredClone
    vi.stubGlobal('structuredClone', (value: unknown) => {
      if ((value as { kind?: string }).kind === 'state') sent.push(value)
      return clone(value)
    })
    try {
      const store = useDesignStore()
      store.open(example)
      await vi.waitFor(() => expect(store.analysedDesign).toBe(store.design))
      sent.length = 0
      expect(store.tryEdit('node/ip-10-0-1-31.eu-west-1.compute.internal', 'alias', 'front')).toEqual([])
      await vi.waitFor(() => expect(store.analysedDesign).toBe(store.design))
      expect(sent).toHaveLength(1)
      expect((sent[0] as { design: object }).design).toHaveProperty('commands', [expect.objectContaining({ type: 'apply' })])
      expect((sent[0] as { design: object }).design).not.toHaveProperty('design')
    } finally {
      vi.stubGlobal('structuredClone', clone)
    }
  })
})

describe('the design store sends an edit to the analysis worker once the edit has been drawn', () => {
  let frames: (() => void)[] = []
  const statesSent: unknown[] = []
  const clone = globalThis.structuredClone
  // The inline analysis (Node has no workers) copies each message a task after it is sent.
  const aTaskLater = async (): Promise<void> => {
    await Promise.resolve()
    await new Promise((resolve) => setTimeout(resolve, 0))
  }
  beforeEach(() => {
    frames = []
    statesSent.length = 0
    vi.stubGlobal('requestAnimationFrame', (callback: () => void) => frames.push(callback))
    vi.stubGlobal('structuredClone', (value: unknown) => {
      if ((value as { kind?: string }).kind === 'state') statesSent.push(value)
      return clone(value)
    })
    setActivePinia(createPinia())
  })
  afterEach(() => vi.unstubAllGlobals())

  it('not before the next frame, and then as one version, by the commands that made it, however many edits were made before it', async () => {
    const store = useDesignStore()
    store.open(example)
    await vi.waitFor(() => expect(store.analysedDesign).toBe(store.design))
    statesSent.length = 0
    // Fake timers, so that a slow machine cannot reach the fallback before the frame is drawn.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      expect(store.tryEdit('node/ip-10-0-1-31.eu-west-1.compute.internal', 'alias', 'front')).toEqual([])
      await vi.advanceTimersByTimeAsync(1)
      expect(store.tryEdit('node/ip-10-0-1-31.eu-west-1.compute.internal', 'alias', 'back')).toEqual([])
      await vi.advanceTimersByTimeAsync(50)
      expect(statesSent).toHaveLength(0)
      for (const callback of frames.splice(0)) callback()
      await vi.advanceTimersByTimeAsync(1)
      expect(statesSent).toHaveLength(1)
      // The design between the two edits was never sent: both edits go, not the whole design.
      const sent = (statesSent[0] as { design: { commands?: unknown[]; design?: unknown } }).design
      expect(sent.commands).toHaveLength(2)
      expect(sent).not.toHaveProperty('design')
      await vi.runAllTimersAsync()
    } finally {
      vi.useRealTimers()
    }
    await vi.waitFor(() => expect(store.analysedDesign).toBe(store.design))
  })

  it('at once when a file is opened, and at once when asked a question before the frame', async () => {
    const store = useDesignStore()
    await aTaskLater()
    statesSent.length = 0
    store.open(example)
    await aTaskLater()
    expect(statesSent).toHaveLength(1)
    expect(store.tryEdit('node/ip-10-0-1-31.eu-west-1.compute.internal', 'alias', 'front')).toEqual([])
    const question = store.ask(store.analysedVersion, 'utilisation')
    await aTaskLater()
    expect(statesSent).toHaveLength(2)
    await question.catch(() => undefined)
  })

  it('by a fallback timer when no frame comes, as in a hidden window', async () => {
    const store = useDesignStore()
    store.open(example)
    await vi.waitFor(() => expect(store.analysedDesign).toBe(store.design))
    statesSent.length = 0
    expect(store.tryEdit('node/ip-10-0-1-31.eu-west-1.compute.internal', 'alias', 'front')).toEqual([])
    await vi.waitFor(() => expect(statesSent).toHaveLength(1), { timeout: 1000 })
    expect(frames.length).toBeGreaterThan(0)
  })
})
