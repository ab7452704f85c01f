import type { BoxSizes } from './segmentBoxes'

interface Placed {
  readonly kind: string
  readonly position?: { readonly x: number; readonly y: number }
  readonly width?: number
  readonly height?: number
}

export interface Bounds {
  readonly x1: number
  readonly y1: number
  readonly w: number
  readonly h: number
}

/**
 * The rectangle a canvas of placed elements covers, worked out from positions and known sizes.
 * Asking Cytoscape instead makes it resolve the style and measure the label of every element
 * first: on a thousand hosts that took half a second before anything could be drawn.
 * Elements with their own size (segment boxes) use it; every other one is taken as the widest host.
 */
export function graphBounds(elements: Iterable<Placed>, sizes: Pick<BoxSizes, 'hostWidth' | 'hostHeight'>): Bounds | undefined {
  let x1 = Infinity
  let y1 = Infinity
  let x2 = -Infinity
  let y2 = -Infinity
  for (const element of elements) {
    if (!element.position) continue
    const halfWidth = (element.width ?? sizes.hostWidth) / 2
    const halfHeight = (element.height ?? sizes.hostHeight) / 2
    x1 = Math.min(x1, element.position.x - halfWidth)
    x2 = Math.max(x2, element.position.x + halfWidth)
    y1 = Math.min(y1, element.position.y - halfHeight)
    y2 = Math.max(y2, element.position.y + halfHeight)
  }
  return x1 <= x2 ? { x1, y1, w: x2 - x1, h: y2 - y1 } : undefined
}
