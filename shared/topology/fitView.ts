import type { Bounds } from './graphBounds'
import { overlaps, type Rect } from './freeSpace'

export interface FitOptions {
  /** Room left between the content and the edge of the area it is fitted into, in screen pixels. */
  readonly padding: number
  /** A tiny design fitted to a big window would be drawn poster-sized: no zoom beyond this. */
  readonly maxZoom: number
  readonly minZoom: number
}

export interface Viewport {
  readonly zoom: number
  readonly pan: { readonly x: number; readonly y: number }
}

/**
 * The open rectangles of the canvas that no panel covers, between the edges panels make: every
 * rectangle whose sides lie on the canvas's or a panel's edges and that overlaps no panel.
 */
function openAreas(width: number, height: number, covered: readonly Rect[]): Rect[] {
  const clip = (v: number, max: number): number => Math.min(max, Math.max(0, v))
  const xs = [...new Set([0, width, ...covered.flatMap((c) => [clip(c.x1, width), clip(c.x2, width)])])].sort((a, b) => a - b)
  const ys = [...new Set([0, height, ...covered.flatMap((c) => [clip(c.y1, height), clip(c.y2, height)])])].sort((a, b) => a - b)
  const areas: Rect[] = []
  for (let a = 0; a < xs.length; a++)
    for (let b = a + 1; b < xs.length; b++)
      for (let c = 0; c < ys.length; c++)
        for (let d = c + 1; d < ys.length; d++) {
          const area = { x1: xs[a] as number, x2: xs[b] as number, y1: ys[c] as number, y2: ys[d] as number }
          if (!covered.some((panel) => overlaps(area, panel))) areas.push(area)
        }
  return areas
}

/**
 * The zoom and pan that show `content` (model coordinates) as large as it can be in the part of a
 * `width` × `height` canvas that the `covered` rectangles (panels over it, in canvas pixels) leave
 * open, centred there. Among open areas the one giving the largest zoom wins, and of those (the
 * zoom capped) the largest area, so a small design sits in the roomiest open part. With no open
 * area at all the whole canvas is used.
 */
export function fitViewport(content: Bounds, width: number, height: number, covered: readonly Rect[], options: FitOptions): Viewport {
  const areas = openAreas(width, height, covered)
  if (areas.length === 0) areas.push({ x1: 0, y1: 0, x2: width, y2: height })
  const zoomIn = (area: Rect): number => {
    const w = area.x2 - area.x1 - 2 * options.padding
    const h = area.y2 - area.y1 - 2 * options.padding
    if (w <= 0 || h <= 0) return 0
    const fit = Math.min(content.w > 0 ? w / content.w : Infinity, content.h > 0 ? h / content.h : Infinity)
    return Math.max(options.minZoom, Math.min(options.maxZoom, fit))
  }
  let best = areas[0] as Rect
  let bestZoom = zoomIn(best)
  const size = (area: Rect): number => (area.x2 - area.x1) * (area.y2 - area.y1)
  for (const area of areas) {
    const zoom = zoomIn(area)
    if (zoom > bestZoom + 1e-9 || (Math.abs(zoom - bestZoom) <= 1e-9 && size(area) > size(best))) {
      best = area
      bestZoom = zoom
    }
  }
  const centre = { x: (best.x1 + best.x2) / 2, y: (best.y1 + best.y2) / 2 }
  return { zoom: bestZoom, pan: { x: centre.x - bestZoom * (content.x1 + content.w / 2), y: centre.y - bestZoom * (content.y1 + content.h / 2) } }
}

/** The largest rectangle of a `width` × `height` canvas that no `covered` rectangle overlaps; the whole canvas if there is none. */
export function largestOpenArea(width: number, height: number, covered: readonly Rect[]): Rect {
  const size = (area: Rect): number => (area.x2 - area.x1) * (area.y2 - area.y1)
  return openAreas(width, height, covered).reduce<Rect>((best, area) => (size(area) > size(best) ? area : best), { x1: 0, y1: 0, x2: 0, y2: 0 }) ?? { x1: 0, y1: 0, x2: width, y2: height }
}
