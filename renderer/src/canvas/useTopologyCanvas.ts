import cytoscape, { type Core, type EdgeSingular } from 'cytoscape'
import { markRaw, onScopeDispose, shallowRef, watch, type Ref, type ShallowRef } from 'vue'
import type { DesignerGraph } from '../../../shared/topology/designerGraph'
import { fitViewport, largestOpenArea } from '../../../shared/topology/fitView'
import { overlaps, placeNear, type Rect, type Size } from '../../../shared/topology/freeSpace'
import type { Bounds } from '../../../shared/topology/graphBounds'
import type { CanvasRendererName } from '../../../shared/topology/canvasRenderer'
import { placeEdgeLabels } from '../../../shared/topology/labelPlacement'
import { canvasStyle, COMPOUND_LIMIT, MANY_EDGES, type Theme } from './canvasStyle'
import { bindGestures, GRID, type CanvasGestures } from './canvasGestures'
import { bindLabelDetail } from './labelDetail'
import { patchElements } from './patchElements'
import { bindPointerModes } from './pointerModes'
import { rendererFor } from './rendererChoice'

/** Fitting a tiny design would blow its labels up to poster size; past this zoom it is only centred. */
const MAX_FIT_ZOOM = 1.4
const FIT_PADDING = 48

/**
 * The panels floating over the canvas (palette, legend, address plan, overview, side panel), in
 * canvas pixels: fitting and placing keep clear of them. Each marks itself `data-canvas-cover`.
 */
function coveredRects(cy: Core): Rect[] {
  const canvas = cy.container()?.getBoundingClientRect()
  if (!canvas) return []
  return [...document.querySelectorAll('[data-canvas-cover]')].flatMap((element) => {
    const r = element.getBoundingClientRect()
    if (r.width === 0 || r.height === 0) return []
    return [{ x1: r.left - canvas.left, y1: r.top - canvas.top, x2: r.right - canvas.left, y2: r.bottom - canvas.top }]
  })
}

/**
 * Fits the diagram into the part of the canvas no panel covers. A small canvas is measured with
 * its labels (a segment's title stands above its box); a large one passes the area it knows it
 * covers, as measuring thousands of labels is not free.
 */
function fitReadably(cy: Core, known: Bounds | undefined): void {
  const box = known ?? cy.nodes().boundingBox({ includeLabels: true, includeOverlays: false })
  if (!Number.isFinite(box.w) || (box.w === 0 && box.h === 0)) return
  cy.viewport(fitViewport(box, cy.width(), cy.height(), coveredRects(cy), { padding: FIT_PADDING, maxZoom: MAX_FIT_ZOOM, minZoom: cy.minZoom() }))
}

/** Where separateEdgeLabels keeps the shift it gave a label, on the edge itself: a redrawn edge starts with none. */
const LABEL_SHIFT = '_peerlabLabelShift'

/** Past this many sessions labels are not moved apart: on such canvases they are drawn only zoomed in, or not at all. */
const LABEL_PLACEMENT_LIMIT = 400

/**
 * Moves session labels apart along their lines so none covers another, a host or a title (see
 * placeEdgeLabels); one with no clear place is hidden. Sessions with a kind Calico sets up on
 * purpose (eBGP, peers) go before the router's own neighbor entries.
 */
function separateEdgeLabels(cy: Core): void {
  const edges = cy.edges('[label != ""]')
  if (edges.length === 0 || edges.length > LABEL_PLACEMENT_LIMIT) return
  // Every label keeps its shift and its hiding while measured (a hidden label is transparent, its
  // box stays; the shift is taken off the box below): clearing them would make Cytoscape restyle
  // and re-measure every session after any edit. Only what changes is restyled.
  const labelBox = { includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false } as const
  const obstacles: Rect[] = []
  cy.nodes().forEach((node) => {
    if (node.data('kind') === 'rectangle') return
    // A segment's body is where sessions run; its title is what a label must not cover.
    if (!node.isParent() && node.data('kind') !== 'segment') obstacles.push(node.boundingBox({ includeLabels: false, includeOverlays: false }))
    if (node.data('label')) obstacles.push(node.boundingBox(labelBox))
  })
  const rank = (kind: string): number => (kind === 'router' ? 1 : 0)
  const applied = new Map<string, { dx: number; dy: number }>()
  const labels = edges
    .toArray()
    .map((element) => element as EdgeSingular)
    .sort((a, b) => rank(a.data('kind')) - rank(b.data('kind')) || (a.id() < b.id() ? -1 : 1))
    .map((edge) => {
      const s = edge.source().position()
      const t = edge.target().position()
      const length = Math.hypot(t.x - s.x, t.y - s.y) || 1
      // Read back from the element's scratch, not its style: asking for a style makes Cytoscape restyle whatever an edit dirtied first.
      const shift = (edge.scratch(LABEL_SHIFT) as { dx: number; dy: number } | undefined) ?? { dx: 0, dy: 0 }
      applied.set(edge.id(), shift)
      const box = edge.boundingBox(labelBox)
      return { id: edge.id(), box: { x1: box.x1 - shift.dx, x2: box.x2 - shift.dx, y1: box.y1 - shift.dy, y2: box.y2 - shift.dy }, along: { x: (t.x - s.x) / length, y: (t.y - s.y) / length } }
    })
    .filter((label) => Number.isFinite(label.box.x1) && label.box.x2 > label.box.x1)
  const { shifts, hidden } = placeEdgeLabels(labels, obstacles)
  cy.batch(() => {
    for (const [id, was] of applied) {
      const shift = shifts.get(id) ?? { dx: 0, dy: 0 }
      if (shift.dx === was.dx && shift.dy === was.dy) continue
      const edge = cy.getElementById(id)
      edge.scratch(LABEL_SHIFT, shift)
      if (shift.dx === 0 && shift.dy === 0) edge.removeStyle('text-margin-x text-margin-y')
      else edge.style({ 'text-margin-x': shift.dx, 'text-margin-y': shift.dy })
    }
    for (const id of applied.keys()) {
      const edge = cy.getElementById(id)
      if (edge.hasClass('label-hidden') !== hidden.has(id)) edge.toggleClass('label-hidden', hidden.has(id))
    }
  })
}

/** Hosts decide the renderer: segments and the mesh hub are a handful beside them. */
function hostCount(graph: DesignerGraph): number {
  let count = 0
  for (const node of graph.nodes) if (node.kind !== 'segment' && node.kind !== 'mesh') count++
  return count
}

/** Whether a box lies wholly inside another (model coordinates). */
function contains(outer: { x1: number; x2: number; y1: number; y2: number }, inner: { x1: number; x2: number; y1: number; y2: number }): boolean {
  return inner.x1 >= outer.x1 && inner.x2 <= outer.x2 && inner.y1 >= outer.y1 && inner.y2 <= outer.y2
}

export interface CanvasInputs {
  readonly graph: Ref<DesignerGraph>
  /** Changes when another document is shown: the view is fitted to it. */
  readonly documentVersion: Ref<number>
  readonly selected: Ref<readonly string[]>
  readonly focus: Ref<{ id: string; serial: number } | undefined>
  readonly peering: Ref<boolean>
  readonly theme: Ref<Theme>
  /** Elements a panel lights, and how. */
  readonly highlighted: Ref<{ readonly ids: readonly string[]; readonly tone: 'path' | 'stop' } | undefined>
}

export interface CanvasView {
  fit(): void
  /** The model position at the centre of the view. */
  centre(): { x: number; y: number }
  /**
   * Model positions for new things of these sizes: near the middle of the part of the view no
   * panel covers, clear of every element and label and of each other (see placeNear).
   * `reserveRight` keeps that many pixels on the right free for a panel about to open there.
   */
  freeSpots(sizes: readonly Size[], reserveRight?: number): { x: number; y: number }[]
  /** The Cytoscape instance once the container is there, for views that follow its viewport (the overview). */
  readonly core: Readonly<ShallowRef<Core | undefined>>
}

/**
 * Owns the Cytoscape instance: Cytoscape is only a view of the engine's graph, patched in one batch
 * whenever the graph changes, with gestures turned into edits, and torn down with the component.
 */
export function useTopologyCanvas(container: Ref<HTMLElement | undefined>, inputs: CanvasInputs, gestures: CanvasGestures): CanvasView {
  let cy: Core | undefined
  const core = shallowRef<Core>()
  let unbind: (() => void) | undefined
  let labels: ReturnType<typeof bindLabelDetail> | undefined
  let pointerModes: ReturnType<typeof bindPointerModes> | undefined
  let fittedVersion = -1
  /** The canvas part of the last selection pushed in: its echo must not clear a selection the canvas cannot show (a pool). */
  let shown: readonly string[] = []
  const sameIds = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((id) => b.includes(id))

  let manyEdges = false
  let flatSegments = false
  let bounds: (() => Bounds | undefined) | undefined
  const render = (): void => {
    if (!cy) return
    const graph = inputs.graph.value
    const wanted = rendererFor(hostCount(graph), rendererName)
    const recreated = wanted !== rendererName
    if (recreated) recreate(wanted)
    if (!cy) return
    const many = graph.edges.length > MANY_EDGES
    const flat = graph.nodes.length > COMPOUND_LIMIT
    if (many !== manyEdges || flat !== flatSegments) cy.style(canvasStyle(inputs.theme.value, (manyEdges = many), (flatSegments = flat)))
    bounds = patchElements(cy, graph, flat)
    if (fittedVersion !== inputs.documentVersion.value) {
      fittedVersion = inputs.documentVersion.value
      fitReadably(cy, bounds?.())
    }
    labels?.refresh()
    if (!flat && !many) separateEdgeLabels(cy)
    showHighlight()
    if (recreated) showSelection(inputs.selected.value)
  }

  /**
   * Lights what a panel asks for; the elements may have been re-created by a patch, so the classes
   * are set again. Lit hosts out of view are brought into it, never zooming in further.
   */
  let litBefore = ''
  /** Whether any element carries a lit class: while none does, an edit need not search thousands of elements for one. */
  let anyLit = false
  const showHighlight = (): void => {
    if (!cy) return
    const instance = cy
    const wanted = inputs.highlighted.value
    if (anyLit || wanted)
      instance.batch(() => {
        instance.$('.lit-path, .lit-stop').removeClass('lit-path lit-stop')
        anyLit = wanted !== undefined && wanted.ids.length > 0
        if (!wanted) return
        for (const id of wanted.ids) instance.getElementById(id).addClass(`lit-${wanted.tone}`)
      })
    const key = wanted?.ids.join(' ') ?? ''
    if (key === litBefore) return
    litBefore = key
    revealLit()
  }

  /** Brings lit hosts into view if some are out of it: zooming out only as far as needed, never in. */
  const revealLit = (): void => {
    if (!cy) return
    const instance = cy
    const hosts = instance.$('node.lit-path, node.lit-stop')
    if (hosts.empty() || contains(instance.extent(), hosts.boundingBox({ includeLabels: false }))) return
    const box = hosts.boundingBox({ includeLabels: false })
    const zoom = Math.max(instance.minZoom(), Math.min(instance.zoom(), (instance.width() - 2 * FIT_PADDING) / box.w, (instance.height() - 2 * FIT_PADDING) / box.h))
    instance.stop()
    instance.animate({ zoom, pan: { x: instance.width() / 2 - zoom * (box.x1 + box.w / 2), y: instance.height() / 2 - zoom * (box.y1 + box.h / 2) } }, { duration: 200 })
  }

  const showSelection = (ids: readonly string[]): void => {
    if (!cy) return
    const instance = cy
    const current = instance.$(':selected').map((e) => e.id())
    shown = ids.filter((id) => instance.getElementById(id).nonempty())
    if (sameIds(current, ids)) return
    instance.batch(() => {
      instance.$(':selected').unselect()
      for (const id of ids) instance.getElementById(id).select()
    })
    reveal(ids)
  }

  /**
   * Something selected from outside the canvas (the palette, the Problems list) is panned into
   * view if it is not, only as far as it takes: centring it would shift everything else about,
   * under the panels, each time a docked panel narrows the canvas.
   */
  const reveal = (ids: readonly string[]): void => {
    const element = ids.length === 1 && cy ? cy.getElementById(ids[0] as string) : undefined
    if (!cy || !element || element.empty()) return
    const box = element.renderedBoundingBox({ includeOverlays: false })
    const margin = FIT_PADDING / 2
    const panels = coveredRects(cy)
    const seen = box.x1 >= 0 && box.y1 >= 0 && box.x2 <= cy.width() && box.y2 <= cy.height() && !panels.some((panel) => overlaps(box, panel))
    if (seen) return
    const open = largestOpenArea(cy.width(), cy.height(), panels)
    const shift = (low: number, high: number, from: number, to: number): number => {
      if (high - low > to - from - 2 * margin) return (from + to) / 2 - (low + high) / 2
      return low < from + margin ? from + margin - low : high > to - margin ? to - margin - high : 0
    }
    const dx = shift(box.x1, box.x2, open.x1, open.x2)
    const dy = shift(box.y1, box.y2, open.y1, open.y2)
    if (dx === 0 && dy === 0) return
    const pan = cy.pan()
    cy.animate({ pan: { x: pan.x + dx, y: pan.y + dy } }, { duration: 150 })
  }

  // The container narrows when a panel docks beside it: Cytoscape only notices window resizes.
  let resizing: ResizeObserver | undefined
  // The zoom stays (a jump in scale loses the reader); the selection is kept in view. Done after
  // the frame that shows what narrowed the canvas (the host panel opening): redrawing thousands of
  // hosts at the new size would otherwise hold that frame back.
  let resizeQueued = false
  const onResize = (): void => {
    if (resizeQueued) return
    resizeQueued = true
    requestAnimationFrame(() =>
      setTimeout(() => {
        resizeQueued = false
        if (!cy) return
        cy.resize()
        reveal(inputs.selected.value)
        revealLit()
      }, 0),
    )
  }

  let rendererName: CanvasRendererName = rendererFor(hostCount(inputs.graph.value))
  /** Cytoscape's renderer is fixed when it is created: another is a new instance over the same container. */
  const create = (element: HTMLElement): void => {
    cy = markRaw(
      cytoscape({
        container: element,
        style: canvasStyle(inputs.theme.value, manyEdges, flatSegments),
        layout: { name: 'preset' },
        minZoom: 0.05,
        maxZoom: 4,
        boxSelectionEnabled: true,
        // A click selects one element; Ctrl, Cmd or Shift with a click adds or removes one, as in every editor.
        selectionType: 'single',
        // Cytoscape's typings do not know the WebGL options yet.
        ...({ renderer: { name: 'canvas', webgl: rendererName === 'webgl' } } as object),
      }),
    )
    // Cytoscape's WebGL mode raises, for every instance made after it, the number of canvases an
    // instance stacks: a 2D one gets a fourth, WebGL, canvas it never draws on. Its context is let go.
    if (rendererName === 'canvas')
      for (const stray of element.querySelectorAll<HTMLCanvasElement>('canvas[data-id$="-webgl"]')) {
        stray.getContext('webgl2')?.getExtension('WEBGL_lose_context')?.loseContext()
        stray.remove()
      }
    element.dataset.renderer = rendererName
    window.peerlabCanvas = cy
    core.value = cy
    labels = bindLabelDetail(cy, () => flatSegments)
    pointerModes = bindPointerModes(cy, element, () => inputs.peering.value)
    unbind = bindGestures(cy, {
      ...gestures,
      select: (ids) => {
        if (sameIds(ids, shown)) return
        shown = ids
        gestures.select(ids)
      },
    })
  }
  const tearDown = (): void => {
    unbind?.()
    pointerModes?.stop()
    labels?.stop()
    if (window.peerlabCanvas === cy) delete window.peerlabCanvas
    core.value = undefined
    cy?.destroy()
    cy = undefined
  }
  /** The view stays where it was: an edit that crosses the threshold must not move it. */
  const recreate = (name: CanvasRendererName): void => {
    const element = container.value
    if (!element || !cy) return
    const view = { zoom: cy.zoom(), pan: cy.pan() }
    tearDown()
    rendererName = name
    litBefore = ''
    create(element)
    cy?.viewport(view)
  }

  const stopWatching = watch(
    container,
    (element) => {
      if (!element || cy) return
      resizing = new ResizeObserver(onResize)
      resizing.observe(element)
      create(element)
      render()
    },
    { immediate: true },
  )
  const stops = [
    watch([inputs.graph, inputs.documentVersion], render),
    watch(inputs.selected, showSelection),
    watch(inputs.highlighted, showHighlight),
    watch(inputs.focus, (request) => {
      const element = request ? cy?.getElementById(request.id) : undefined
      if (!cy || !element || element.empty()) return
      showSelection([request?.id as string])
      cy.animate({ center: { eles: element }, zoom: Math.max(cy.zoom(), 0.8) }, { duration: 200 })
    }),
    watch(inputs.peering, () => pointerModes?.apply()),
    watch(inputs.theme, (theme) => cy?.style(canvasStyle(theme, manyEdges, flatSegments))),
  ]

  onScopeDispose(() => {
    stopWatching()
    resizing?.disconnect()
    for (const stop of stops) stop()
    tearDown()
  })

  return {
    core,
    fit: () => {
      if (!cy) return
      // The container may have changed size (the console opened): Cytoscape caches it.
      cy.resize()
      fitReadably(cy, bounds?.())
    },
    centre: () => {
      if (!cy) return { x: 0, y: 0 }
      const extent = cy.extent()
      const snap = (value: number): number => Math.round(value / GRID) * GRID
      return { x: snap((extent.x1 + extent.x2) / 2), y: snap((extent.y1 + extent.y2) / 2) }
    },
    freeSpots: (sizes, reserveRight = 0) => {
      if (!cy) return sizes.map(() => ({ x: 0, y: 0 }))
      const instance = cy
      const zoom = instance.zoom()
      const pan = instance.pan()
      const toModel = (r: Rect): Rect => ({ x1: (r.x1 - pan.x) / zoom, y1: (r.y1 - pan.y) / zoom, x2: (r.x2 - pan.x) / zoom, y2: (r.y2 - pan.y) / zoom })
      const right = Math.max(instance.width() / 2, instance.width() - reserveRight)
      const panels = [...coveredRects(instance), ...(right < instance.width() ? [{ x1: right, y1: 0, x2: instance.width(), y2: instance.height() }] : [])]
      const margin = FIT_PADDING / 2
      const within = toModel({ x1: margin, y1: margin, x2: right - margin, y2: instance.height() - margin })
      // The middle of the open area left of, right of, above or below the panels: the roomiest of them.
      const open = fitViewport({ x1: 0, y1: 0, w: 1, h: 1 }, instance.width(), instance.height(), panels, { padding: 0, maxZoom: 1, minZoom: 1 })
      const near = { x: (open.pan.x + 0.5 - pan.x) / zoom, y: (open.pan.y + 0.5 - pan.y) / zoom }
      const avoid: Rect[] = panels.map(toModel)
      instance.nodes().forEach((node) => void avoid.push(node.boundingBox({ includeLabels: true, includeOverlays: false })))
      instance.edges('[label != ""]').forEach((edge) => void avoid.push(edge.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false })))
      return placeNear(
        sizes,
        near,
        avoid.filter((r) => Number.isFinite(r.x1)),
        { within, step: GRID, gap: 2 * GRID },
      )
    },
  }
}
