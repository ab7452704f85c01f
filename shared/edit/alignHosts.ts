import type { Command } from '../commands/commands'
import type { Design, EntityId } from '../model/design'
import { entityLabel } from '../model/entityLabel'
import { buildTopologyGraph } from '../topology/topologyGraph'
import type { Position } from './newEntities'

export type Alignment = 'left' | 'centre' | 'right' | 'top' | 'middle' | 'bottom'
export type Distribution = 'horizontal' | 'vertical'

/** Hosts are boxes of one size, so lining up their centres lines up their edges too. */
export function aligned(points: ReadonlyMap<EntityId, Position>, how: Alignment): Map<EntityId, Position> {
  const horizontal = how === 'left' || how === 'centre' || how === 'right'
  const values = [...points.values()].map((p) => (horizontal ? p.x : p.y))
  const low = Math.min(...values)
  const high = Math.max(...values)
  const to = how === 'left' || how === 'top' ? low : how === 'right' || how === 'bottom' ? high : Math.round((low + high) / 2)
  return new Map([...points].map(([id, p]) => [id, horizontal ? { x: to, y: p.y } : { x: p.x, y: to }]))
}

/** The first and last stay; those between are spread at equal steps, in the order they already stand. */
export function distributed(points: ReadonlyMap<EntityId, Position>, axis: Distribution): Map<EntityId, Position> {
  const along = (p: Position): number => (axis === 'horizontal' ? p.x : p.y)
  const order = [...points].sort(([a, p], [b, q]) => along(p) - along(q) || a.localeCompare(b))
  const first = along((order[0] as [EntityId, Position])[1])
  const step = order.length > 1 ? (along((order.at(-1) as [EntityId, Position])[1]) - first) / (order.length - 1) : 0
  return new Map(
    order.map(([id, p], i) => {
      const value = Math.round(first + i * step)
      return [id, axis === 'horizontal' ? { x: value, y: p.y } : { x: p.x, y: value }]
    }),
  )
}

/** Where each selected host is drawn now: placed by hand, or where the automatic rows put it. */
export function hostPositions(design: Design, ids: readonly EntityId[]): Map<EntityId, Position> {
  const wanted = new Set(ids)
  return new Map(buildTopologyGraph(design).nodes.flatMap((n) => (n.kind !== 'segment' && n.position && wanted.has(n.id) ? [[n.id, n.position] as const] : [])))
}

const ALIGN_WORDS: Readonly<Record<Alignment, string>> = { left: 'left', centre: 'on their centres', right: 'right', top: 'top', middle: 'on their middles', bottom: 'bottom' }

function moveOf(before: ReadonlyMap<EntityId, Position>, after: ReadonlyMap<EntityId, Position>, label: string): Command | undefined {
  const changed = [...after].filter(([id, p]) => before.get(id)?.x !== p.x || before.get(id)?.y !== p.y)
  if (changed.length === 0) return undefined
  return { type: 'batch', label, commands: [{ type: 'move', positions: Object.fromEntries(changed) }] }
}

/** A few hosts by name, more by number: the label is read in a menu. */
function hostsWord(design: Design, points: ReadonlyMap<EntityId, Position>): string {
  return points.size <= 3 ? [...points.keys()].map((id) => entityLabel(design, id)).join(', ') : `${points.size} hosts`
}

/** Lines up two or more selected hosts as one undo step; undefined when fewer are selected or nothing would move. */
export function alignCommand(design: Design, ids: readonly EntityId[], how: Alignment): Command | undefined {
  const points = hostPositions(design, ids)
  if (points.size < 2) return undefined
  return moveOf(points, aligned(points, how), `Align ${hostsWord(design, points)} ${ALIGN_WORDS[how]}`)
}

/** Spaces three or more selected hosts evenly as one undo step. */
export function distributeCommand(design: Design, ids: readonly EntityId[], axis: Distribution): Command | undefined {
  const points = hostPositions(design, ids)
  if (points.size < 3) return undefined
  return moveOf(points, distributed(points, axis), `Distribute ${hostsWord(design, points)} ${axis === 'horizontal' ? 'horizontally' : 'vertically'}`)
}
