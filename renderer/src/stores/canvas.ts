import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { EntityId } from '../../../shared/model/design'
import { buildDesignerGraph, meshSize } from '../../../shared/topology/designerGraph'
import { useDesignStore } from './design'

/** What a drag on the canvas does: move things, or draw a BGP peering from one element to another. */
export type CanvasTool = 'select' | 'peer'

/** UI state of the canvas, kept apart from the design so selecting never touches undo history. */
export const useCanvasStore = defineStore('canvas', () => {
  const design = useDesignStore()
  const selected = shallowRef<readonly string[]>([])
  const expandMesh = ref(false)
  /** Bundles of sessions the user opened up to see one by one (large canvases bundle them). */
  const expandedBundles = shallowRef<ReadonlySet<string>>(new Set())
  const tool = ref<CanvasTool>('select')
  /** An element to bring into view, with a counter so asking twice for the same one still works. */
  const focus = shallowRef<{ id: string; serial: number } | undefined>()
  const message = ref('')

  const graph = computed(() => buildDesignerGraph(design.design, design.network.sessions, { expandMesh: expandMesh.value, expandedBundles: expandedBundles.value }))
  const meshMembers = computed(() => meshSize(design.network.sessions))

  /** The session or bundle selected, if one is: the inspector shows it even when no single resource stands behind it. */
  const selectedEdge = computed(() => (selected.value.length === 1 ? graph.value.edges.find((e) => e.id === selected.value[0]) : undefined))

  /** The entity an element stands for: a session edge is edited through the BGPPeer (or router) behind it. */
  const inspected = computed<EntityId | undefined>(() => {
    if (selected.value.length !== 1) return undefined
    const id = selected.value[0] as string
    return id.startsWith('session/') || id.startsWith('bundle/') ? selectedEdge.value?.subject : id
  })

  /** Whether the inspector has something to show. */
  const inspecting = computed(() => inspected.value !== undefined || selectedEdge.value !== undefined)

  function select(ids: readonly string[]): void {
    selected.value = ids
  }

  /** Selects what a diagnostic is about and brings it into view; a BGPPeer is shown as its session, a Calico Node as its host. */
  function focusOn(subject: string): void {
    const id = subject.startsWith('caliconode/') ? `node/${subject.slice('caliconode/'.length)}` : (graph.value.edges.find((e) => e.subject === subject)?.id ?? subject)
    selected.value = [id]
    focus.value = { id, serial: (focus.value?.serial ?? 0) + 1 }
  }

  /** Shows a bundle's sessions one by one, or gathers them back; the selection follows. */
  function toggleBundle(bundle: string): void {
    const next = new Set(expandedBundles.value)
    if (next.delete(bundle)) selected.value = [bundle]
    else {
      next.add(bundle)
      selected.value = []
    }
    expandedBundles.value = next
  }

  return { selected, expandMesh, expandedBundles, tool, focus, message, graph, meshMembers, inspected, selectedEdge, inspecting, select, focusOn, toggleBundle }
})
