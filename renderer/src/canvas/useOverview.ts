import type { Core } from 'cytoscape'
import { onScopeDispose, watch, type Ref } from 'vue'
import type { DesignerGraph } from '../../../shared/topology/designerGraph'
import { overviewScene, type OverviewSizes, type Point } from '../../../shared/topology/overviewScene'
import { boundsOnOverview, fitOverview, keepInside, panCentredOn, toModel, type OverviewTransform } from '../../../shared/topology/overviewTransform'
import { NODE_SIZES, type Theme } from './canvasStyle'
import { drawOverview } from './drawOverview'
import { SEGMENT_BOX_SIZES } from './patchElements'

const SIZES: OverviewSizes = { hosts: NODE_SIZES, segments: SEGMENT_BOX_SIZES }
/** How much + and - zoom the main view from the overview. */
const KEY_ZOOM = 1.25
/** How much of the viewport frame always stays on the overview, in pixels, when the view is off the design. */
const VISIBLE_SLIVER = 6
/** Room left around the design, in overview pixels, so its edge boxes do not touch the frame. */
const PADDING = 8
/** Past this many sessions only hosts and segments are drawn: a few hundred hairlines already read as one smudge. */
const SESSION_LIMIT = 600
/** One wheel notch (a deltaY of 100) zooms by about a fifth: gentler than the canvas, as the overview is small. */
const WHEEL_ZOOM = 0.002

export interface OverviewInputs {
  readonly cy: Ref<Core | undefined>
  readonly graph: Ref<DesignerGraph>
  readonly theme: Ref<Theme>
  /** The canvas the design is painted on, sized by CSS. */
  readonly content: Ref<HTMLCanvasElement | undefined>
  /** The element framing what the main view shows, moved on every pan and zoom without repainting the design. */
  readonly viewport: Ref<HTMLElement | undefined>
}

export interface OverviewGestures {
  pointerDown(event: PointerEvent): void
  pointerMove(event: PointerEvent): void
  pointerUp(event: PointerEvent): void
  wheel(event: WheelEvent): void
  /** With the overview focused: arrows move the main view, + and - zoom it. */
  key(event: KeyboardEvent): void
}

/**
 * Paints the design in miniature at most once a frame, and only when the graph or the theme
 * changes; panning and zooming only move the viewport frame. A press or drag on it centres the main
 * view there at the same zoom, and the wheel zooms the main view about its centre; focused, the
 * overview moves the view with the arrow keys and zooms it with + and -.
 */
export function useOverview(inputs: OverviewInputs): OverviewGestures {
  let transform: OverviewTransform | undefined
  let frame: number | undefined
  /** While the pointer is down: from the pointer's model point to the view centre, so a grabbed frame does not jump. */
  let grab: Point | undefined

  const placeViewport = (): void => {
    const frameElement = inputs.viewport.value
    const cy = inputs.cy.value
    if (!frameElement) return
    frameElement.hidden = !cy || !transform
    if (!cy || !transform) return
    const content = inputs.content.value
    const r = keepInside(boundsOnOverview(transform, cy.extent()), content?.clientWidth ?? 0, content?.clientHeight ?? 0, VISIBLE_SLIVER)
    frameElement.style.transform = `translate(${r.x1}px, ${r.y1}px)`
    frameElement.style.width = `${r.w}px`
    frameElement.style.height = `${r.h}px`
  }

  const paint = (): void => {
    frame = undefined
    const canvas = inputs.content.value
    const context = canvas?.getContext('2d')
    if (!canvas || !context) return
    const width = canvas.clientWidth
    const height = canvas.clientHeight
    // Sharp on a high-density screen: the backing store has a pixel per device pixel.
    const ratio = window.devicePixelRatio || 1
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio)
      canvas.height = Math.round(height * ratio)
    }
    context.setTransform(ratio, 0, 0, ratio, 0, 0)
    context.clearRect(0, 0, width, height)
    const scene = overviewScene(inputs.graph.value, SIZES, SESSION_LIMIT)
    transform = scene.bounds ? fitOverview(scene.bounds, width, height, PADDING) : undefined
    if (transform) drawOverview(context, scene, transform, inputs.theme.value)
    placeViewport()
  }
  const schedule = (): void => {
    frame ??= requestAnimationFrame(paint)
  }

  const stops = [
    watch([inputs.graph, inputs.theme, inputs.content], schedule, { immediate: true }),
    watch(
      inputs.cy,
      (cy, before) => {
        before?.off('viewport resize', placeViewport)
        cy?.on('viewport resize', placeViewport)
        placeViewport()
      },
      { immediate: true },
    ),
  ]
  onScopeDispose(() => {
    for (const stop of stops) stop()
    inputs.cy.value?.off('viewport resize', placeViewport)
    if (frame !== undefined) cancelAnimationFrame(frame)
  })

  const modelPointOf = (event: PointerEvent): Point | undefined => {
    const box = inputs.content.value?.getBoundingClientRect()
    return box && transform ? toModel(transform, { x: event.clientX - box.left, y: event.clientY - box.top }) : undefined
  }
  const centreOn = (cy: Core, at: Point): void => {
    cy.pan(panCentredOn(at, cy.zoom(), { width: cy.width(), height: cy.height() }))
  }

  return {
    pointerDown(event) {
      const cy = inputs.cy.value
      const at = modelPointOf(event)
      if (!cy || !at || event.button !== 0) return
      ;(event.currentTarget as Element).setPointerCapture(event.pointerId)
      const view = cy.extent()
      const inside = at.x >= view.x1 && at.x <= view.x2 && at.y >= view.y1 && at.y <= view.y2
      grab = inside ? { x: (view.x1 + view.x2) / 2 - at.x, y: (view.y1 + view.y2) / 2 - at.y } : { x: 0, y: 0 }
      if (!inside) centreOn(cy, at)
    },
    pointerMove(event) {
      const cy = inputs.cy.value
      const at = modelPointOf(event)
      if (!grab || !cy || !at) return
      centreOn(cy, { x: at.x + grab.x, y: at.y + grab.y })
    },
    pointerUp() {
      grab = undefined
    },
    key(event) {
      const cy = inputs.cy.value
      if (!cy || event.ctrlKey || event.metaKey || event.altKey) return
      // A quarter of the view per arrow, as a scroll bar's page step would be too far on a large design.
      const step = { ArrowLeft: { x: 1, y: 0 }, ArrowRight: { x: -1, y: 0 }, ArrowUp: { x: 0, y: 1 }, ArrowDown: { x: 0, y: -1 } }[event.key]
      const zoom = { '+': KEY_ZOOM, '=': KEY_ZOOM, '-': 1 / KEY_ZOOM }[event.key]
      if (step) cy.panBy({ x: (step.x * cy.width()) / 4, y: (step.y * cy.height()) / 4 })
      else if (zoom) cy.zoom({ level: cy.zoom() * zoom, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } })
      else return
      event.preventDefault()
    },
    wheel(event) {
      const cy = inputs.cy.value
      if (!cy) return
      event.preventDefault()
      cy.zoom({ level: cy.zoom() * Math.exp(-event.deltaY * WHEEL_ZOOM), renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } })
    },
  }
}
