import type { Design, EntityId } from '../model/design'
import { buildTopologyGraph, HOST_SPACING } from '../topology/topologyGraph'
import type { Position } from './newEntities'

/** Rows of this many hosts around the wanted point before a new row starts below. */
const ROW_LENGTH = 5
export const ROW_HEIGHT = 120

/**
 * Two boxes must not land on one spot (adding twice, or dropping hosts on a segment's centre): the
 * first clear place in rows around `at`, centre first, then right and left of it, then a row down.
 * `moving` is left out of what is in the way, as it is the thing being placed.
 */
export function clearSpot(design: Design, at: Position, moving?: EntityId): Position {
  const taken = buildTopologyGraph(design).nodes.flatMap((n) => (n.position && n.id !== moving ? [n.position] : []))
  const free = (x: number, y: number): boolean => !taken.some((p) => Math.abs(p.x - x) < HOST_SPACING && Math.abs(p.y - y) < ROW_HEIGHT)
  const columns = Array.from({ length: ROW_LENGTH }, (_, i) => (i % 2 === 1 ? (i + 1) / 2 : -i / 2))
  for (let row = 0; ; row++) {
    const y = at.y + row * ROW_HEIGHT
    const column = columns.find((c) => free(at.x + c * HOST_SPACING, y))
    if (column !== undefined) return { x: at.x + column * HOST_SPACING, y }
  }
}
