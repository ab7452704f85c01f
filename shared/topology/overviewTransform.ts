import type { Bounds } from './graphBounds'
import type { Point } from './overviewScene'

/** Model to overview: a uniform scale then an offset, so shapes keep their proportions. */
export interface OverviewTransform {
  readonly scale: number
  readonly x: number
  readonly y: number
}

/**
 * Fits `bounds` into a `width` × `height` overview with `padding` on every side, centred along the
 * axis with room to spare. A single point (no extent at all) is shown at scale 1 in the middle.
 */
export function fitOverview(bounds: Bounds, width: number, height: number, padding: number): OverviewTransform {
  const { w, h } = bounds
  const room = { w: Math.max(1, width - 2 * padding), h: Math.max(1, height - 2 * padding) }
  const scale = w <= 0 && h <= 0 ? 1 : Math.min(w > 0 ? room.w / w : Infinity, h > 0 ? room.h / h : Infinity)
  return { scale, x: width / 2 - scale * (bounds.x1 + w / 2), y: height / 2 - scale * (bounds.y1 + h / 2) }
}

export function toOverview(t: OverviewTransform, p: Point): Point {
  return { x: t.x + t.scale * p.x, y: t.y + t.scale * p.y }
}

export function toModel(t: OverviewTransform, p: Point): Point {
  return { x: (p.x - t.x) / t.scale, y: (p.y - t.y) / t.scale }
}

/** A model rectangle (the main view's extent) as a rectangle on the overview. */
export function boundsOnOverview(t: OverviewTransform, b: Bounds): Bounds {
  const corner = toOverview(t, { x: b.x1, y: b.y1 })
  return { x1: corner.x, y1: corner.y, w: b.w * t.scale, h: b.h * t.scale }
}

/** The pan that puts model point `p` in the middle of a view of `size` at `zoom`, as Cytoscape's pan is defined. */
export function panCentredOn(p: Point, zoom: number, size: { readonly width: number; readonly height: number }): Point {
  return { x: size.width / 2 - zoom * p.x, y: size.height / 2 - zoom * p.y }
}

/**
 * Keeps at least `sliver` pixels of the frame on a `width` × `height` overview: a view panned right
 * off the design still shows as a bar on the edge it went past, instead of vanishing.
 */
export function keepInside(frame: Bounds, width: number, height: number, sliver: number): Bounds {
  const clamp = (value: number, low: number, high: number): number => Math.min(Math.max(value, low), high)
  return { ...frame, x1: clamp(frame.x1, sliver - frame.w, width - sliver), y1: clamp(frame.y1, sliver - frame.h, height - sliver) }
}
