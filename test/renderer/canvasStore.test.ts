import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { syntheticText } from '../../bench/bgpDesign'
import { useCanvasStore } from '../../renderer/src/stores/canvas'
import { useDesignStore } from '../../renderer/src/stores/design'

describe('the canvas store', () => {
  beforeEach(() => {
    vi.stubGlobal('requestAnimationFrame', (callback: () => void) => setTimeout(callback, 0))
    setActivePinia(createPinia())
  })

  it('refuses to expand a mesh too large to draw session by session, saying why', async () => {
    const store = useDesignStore()
    const canvas = useCanvasStore()
    store.open({ name: 'mesh.yaml', text: syntheticText(201, false) })
    await vi.waitFor(() => expect(canvas.meshMembers).toBe(201), { timeout: 20_000 })
    canvas.expandMesh = true
    await nextTick()
    expect(canvas.expandMesh).toBe(false)
    expect(canvas.message).toBe('The mesh has 201 members and 20,100 sessions, too many to draw one by one (at most 20,000): it stays folded.')
  }, 30_000)

  it('expands a mesh small enough', async () => {
    const store = useDesignStore()
    const canvas = useCanvasStore()
    store.open({ name: 'mesh.yaml', text: syntheticText(12, false) })
    await vi.waitFor(() => expect(canvas.meshMembers).toBe(12), { timeout: 20_000 })
    canvas.expandMesh = true
    await nextTick()
    expect(canvas.expandMesh).toBe(true)
    expect(canvas.graph.edges.filter((e) => e.kind === 'mesh')).toHaveLength(66)
  })
})
