import type { Design } from '../../model/design'
import { buildTopologyGraph } from '../../topology/topologyGraph'
import type { Position } from '../newEntities'

/** Room kept between a new block and what is already on the canvas: a host box and its label. */
const MARGIN = 160

/**
 * Where a block of `width` × `height` (model units, measured between host centres) goes: centred on
 * `at` when nothing placed lies within it, else the nearest clear place stepping right, then left,
 * then a row further down. Returns the block's top-left host centre.
 */
export function placeBlock(design: Design, at: Position, width: number, height: number): Position {
  const placed = buildTopologyGraph(design).nodes.flatMap((n) => (n.position ? [n.position] : []))
  const clear = (x: number, y: number): boolean => !placed.some((p) => p.x > x - MARGIN && p.x < x + width + MARGIN && p.y > y - MARGIN && p.y < y + height + MARGIN)
  const stepX = width + 2 * MARGIN
  const stepY = height + 2 * MARGIN
  const left = at.x - width / 2
  const top = at.y - height / 2
  for (let row = 0; ; row++) {
    for (let column = 0; column <= 8; column++) {
      for (const side of column === 0 ? [0] : [column, -column]) {
        const x = left + side * stepX
        const y = top + row * stepY
        if (clear(x, y)) return { x, y }
      }
    }
  }
}
