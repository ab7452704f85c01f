import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import { MESH_ID } from '../../../shared/edit/drawPeering'
import type { CanvasPlaces } from '../../../shared/explain/routeProvenance'
import { annotationIdOf } from '../../../shared/model/annotations'
import type { EntityId } from '../../../shared/model/design'
import { pairCount } from '../../../shared/topology/canvasSessions'
import { buildDesignerGraph, MAX_EXPANDED_MESH_PAIRS, meshExpandable, meshSize } from '../../../shared/topology/designerGraph'
import { useDesignStore } from './design'

/** What a drag on the canvas does: move things, or draw a BGP peering from one element to another. */
export type CanvasTool = 'select' | 'peer'

/** What a panel lights on the canvas: a route's way (`path`), or where a route stops (`stop`). */
export interface Highlight {
  readonly places: CanvasPlaces
  readonly tone: 'path' | 'stop'
}

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
  const highlight = shallowRef<Highlight | undefined>()

  const graph = computed(() => buildDesignerGraph(design.design, design.sessionEdges, { expandMesh: expandMesh.value, expandedBundles: expandedBundles.value }))
  const meshMembers = computed(() => meshSize(design.sessionEdges))
  // A mesh too large to draw session by session stays folded, and says why.
  watch([expandMesh, meshMembers], ([expanded, members]) => {
    if (!expanded || meshExpandable(members)) return
    expandMesh.value = false
    message.value = `The mesh has ${members} members and ${pairCount(members).toLocaleString('en')} sessions, too many to draw one by one (at most ${MAX_EXPANDED_MESH_PAIRS.toLocaleString('en')}): it stays folded.`
  })

  /** The session or bundle selected, if one is: the inspector shows it even when no single resource stands behind it. */
  const selectedEdge = computed(() => (selected.value.length === 1 ? graph.value.edges.find((e) => e.id === selected.value[0]) : undefined))

  /** The entity an element stands for: a session edge is edited through the BGPPeer (or router) behind it. */
  const inspected = computed<EntityId | undefined>(() => {
    if (selected.value.length !== 1) return undefined
    const id = selected.value[0] as string
    if (annotationIdOf(id) !== undefined) return undefined
    return id.startsWith('session/') || id.startsWith('bundle/') ? selectedEdge.value?.subject : id
  })

  /** The one note or rectangle selected, by its id in the Layout: the annotation editor shows it. */
  const selectedAnnotation = computed<string | undefined>(() => (selected.value.length === 1 ? annotationIdOf(selected.value[0] as string) : undefined))

  /**
   * The canvas elements a highlight stands for: its hosts, and for each session the edge drawn for
   * it, which may be a folded mesh's two spokes and hub, or the bundle it is gathered into.
   */
  const highlighted = computed<{ readonly ids: readonly string[]; readonly tone: Highlight['tone'] } | undefined>(() => {
    const lit = highlight.value
    if (!lit) return undefined
    const edges = new Set(graph.value.edges.map((e) => e.id))
    const ids = new Set<string>(lit.places.hosts)
    for (const [a, b] of lit.places.sessions) {
      const id = a < b ? `session/${a}|${b}` : `session/${b}|${a}`
      const drawn = edges.has(id) ? id : graph.value.bundleOf.get(id)
      if (drawn !== undefined && edges.has(drawn)) ids.add(drawn)
      else if (edges.has(`session/${a}|${MESH_ID}`) && edges.has(`session/${b}|${MESH_ID}`)) for (const spoke of [`session/${a}|${MESH_ID}`, `session/${b}|${MESH_ID}`, MESH_ID]) ids.add(spoke)
      for (const host of [a, b]) ids.add(host)
    }
    return { ids: [...ids], tone: lit.tone }
  })

  /** Several elements selected: the inspector shows what they have in common. */
  const several = computed(() => selected.value.length > 1)

  /** Whether the inspector has something to show. */
  const inspecting = computed(() => inspected.value !== undefined || selectedEdge.value !== undefined || several.value)

  /**
   * Counts selections made to edit what is selected (added from the palette, a problem's subject,
   * a rename): the host panel then opens on the host's properties rather than its routes.
   */
  const editRequests = ref(0)

  /** The element of the last edit request while it stays selected: an annotation's editor takes the keyboard only then. */
  const editTarget = ref<string | undefined>()

  function select(ids: readonly string[], intent: 'view' | 'edit' = 'view'): void {
    selected.value = ids
    editTarget.value = intent === 'edit' ? ids[0] : undefined
    if (intent === 'edit') editRequests.value += 1
  }

  /** Selects what a diagnostic is about and brings it into view; a BGPPeer is shown as its session, a Calico Node as its host. */
  function focusOn(subject: string): void {
    const id = subject.startsWith('caliconode/') ? `node/${subject.slice('caliconode/'.length)}` : (graph.value.edges.find((e) => e.subject === subject)?.id ?? subject)
    select([id], 'edit')
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

  /** The one host selected, if one is: what the host panel shows. */
  const selectedHost = computed<EntityId | undefined>(() => {
    if (selected.value.length !== 1) return undefined
    const id = selected.value[0] as string
    return id.startsWith('node/') || id.startsWith('router/') ? id : undefined
  })

  return {
    selected,
    several,
    selectedAnnotation,
    editRequests,
    editTarget,
    expandMesh,
    expandedBundles,
    tool,
    focus,
    message,
    highlight,
    graph,
    meshMembers,
    inspected,
    selectedEdge,
    inspecting,
    highlighted,
    selectedHost,
    select,
    focusOn,
    toggleBundle,
  }
})
