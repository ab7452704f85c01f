import cytoscape, { type Core } from 'cytoscape'
import { markRaw, onScopeDispose, shallowRef, watch, type Ref, type ShallowRef } from 'vue'
import type { DesignerGraph } from '../../../shared/topology/designerGraph'
import type { Bounds } from '../../../shared/topology/graphBounds'
import { canvasStyle, COMPOUND_LIMIT, MANY_EDGES, type Theme } from './canvasStyle'
import { bindGestures, GRID, type CanvasGestures } from './canvasGestures'
import { bindLabelDetail } from './labelDetail'
import { patchElements } from './patchElements'
import { bindPointerModes } from './pointerModes'

/** Fitting a tiny design would blow its labels up to poster size; past this zoom it is only centred. */
const MAX_FIT_ZOOM = 1.4
const FIT_PADDING = 48

/** How much of the canvas's left edge the palette covers: the fitted diagram stays clear of it. */
function paletteInset(cy: Core): number {
  const palette = document.querySelector('[data-testid="palette"]')?.getBoundingClientRect()
  const canvas = cy.container()?.getBoundingClientRect()
  return palette && canvas && palette.width > 0 ? Math.max(0, palette.right - canvas.left) : 0
}

/**
 * Fits the hosts in view; their boxes without labels are enough, and measuring thousands of labels
 * is not free. A large canvas passes the area it knows it covers, so nothing is measured at all.
 */
function fitReadably(cy: Core, known: Bounds | undefined): void {
  const box = known ?? cy.nodes().boundingBox({ includeLabels: false, includeOverlays: false })
  if (box.w === 0 && box.h === 0) return
  const left = paletteInset(cy)
  const width = cy.width() - left
  const zoom = Math.min(MAX_FIT_ZOOM, Math.max(cy.minZoom(), Math.min((width - 2 * FIT_PADDING) / box.w, (cy.height() - 2 * FIT_PADDING) / box.h)))
  cy.viewport({ zoom, pan: { x: left + width / 2 - zoom * (box.x1 + box.w / 2), y: cy.height() / 2 - zoom * (box.y1 + box.h / 2) } })
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
  /** The model position at the centre of the view, where the palette puts new things. */
  centre(): { x: number; y: number }
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
  let bounds: Bounds | undefined
  const render = (): void => {
    if (!cy) return
    const graph = inputs.graph.value
    const many = graph.edges.length > MANY_EDGES
    const flat = graph.nodes.length > COMPOUND_LIMIT
    if (many !== manyEdges || flat !== flatSegments) cy.style(canvasStyle(inputs.theme.value, (manyEdges = many), (flatSegments = flat)))
    bounds = patchElements(cy, graph, flat)
    if (fittedVersion !== inputs.documentVersion.value) {
      fittedVersion = inputs.documentVersion.value
      fitReadably(cy, bounds)
    }
    labels?.refresh()
    showHighlight()
  }

  /**
   * Lights what a panel asks for; the elements may have been re-created by a patch, so the classes
   * are set again. Lit hosts out of view are brought into it, never zooming in further.
   */
  let litBefore = ''
  const showHighlight = (): void => {
    if (!cy) return
    const instance = cy
    const wanted = inputs.highlighted.value
    instance.batch(() => {
      instance.$('.lit-path, .lit-stop').removeClass('lit-path lit-stop')
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

  /** Something selected from outside the canvas (the palette, the Problems list) is panned into view if it is not. */
  const reveal = (ids: readonly string[]): void => {
    const element = ids.length === 1 && cy ? cy.getElementById(ids[0] as string) : undefined
    if (!cy || !element || element.empty()) return
    const box = element.boundingBox()
    const view = cy.extent()
    if (box.x1 >= view.x1 && box.x2 <= view.x2 && box.y1 >= view.y1 && box.y2 <= view.y2) return
    cy.animate({ center: { eles: element } }, { duration: 150 })
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

  const stopWatching = watch(
    container,
    (element) => {
      if (!element || cy) return
      resizing = new ResizeObserver(onResize)
      resizing.observe(element)
      cy = markRaw(
        cytoscape({
          container: element,
          style: canvasStyle(inputs.theme.value),
          layout: { name: 'preset' },
          minZoom: 0.05,
          maxZoom: 4,
          boxSelectionEnabled: true,
          // A click selects one element; Ctrl, Cmd or Shift with a click adds or removes one, as in every editor.
          selectionType: 'single',
        }),
      )
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
    unbind?.()
    pointerModes?.stop()
    labels?.stop()
    if (window.peerlabCanvas === cy) delete window.peerlabCanvas
    core.value = undefined
    cy?.destroy()
    cy = undefined
  })

  return {
    core,
    fit: () => {
      if (!cy) return
      // The container may have changed size (the console opened): Cytoscape caches it.
      cy.resize()
      fitReadably(cy, bounds)
    },
    centre: () => {
      if (!cy) return { x: 0, y: 0 }
      const extent = cy.extent()
      const snap = (value: number): number => Math.round(value / GRID) * GRID
      return { x: snap((extent.x1 + extent.x2) / 2), y: snap((extent.y1 + extent.y2) / 2) }
    },
  }
}
