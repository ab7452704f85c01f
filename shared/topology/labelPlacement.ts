import { overlaps, type Rect } from './freeSpace'

export interface EdgeLabel {
  readonly id: string
  /** Where the label is drawn now, unshifted (model coordinates). */
  readonly box: Rect
  /** Unit vector along the edge at its label: shifting along it keeps the label on its line. */
  readonly along: { readonly x: number; readonly y: number }
}

export interface LabelShift {
  readonly dx: number
  readonly dy: number
}

export interface LabelPlacementOptions {
  /** Distance between two tries along the edge. */
  readonly step: number
  /** How far along its edge a label may move from the middle before it is hidden instead. */
  readonly maxShift: number
}

const DEFAULTS: LabelPlacementOptions = { step: 12, maxShift: 96 }

/**
 * Where each edge label goes so that none covers another, a host or a segment's title: labels
 * taken in the order given (put the ones that matter most first) keep their place if it is clear,
 * else slide along their edge, nearest first, alternately towards either end; a label with no clear
 * place within `maxShift` is left out (`hidden`), as one that covers another cannot be read anyway.
 */
export function placeEdgeLabels(labels: readonly EdgeLabel[], obstacles: readonly Rect[], options: Partial<LabelPlacementOptions> = {}): { shifts: Map<string, LabelShift>; hidden: Set<string> } {
  const { step, maxShift } = { ...DEFAULTS, ...options }
  const taken: Rect[] = [...obstacles]
  const shifts = new Map<string, LabelShift>()
  const hidden = new Set<string>()
  const offsets = [0]
  for (let d = step; d <= maxShift; d += step) offsets.push(d, -d)
  for (const label of labels) {
    let placed = false
    for (const t of offsets) {
      const dx = Math.round(label.along.x * t)
      const dy = Math.round(label.along.y * t)
      const box = { x1: label.box.x1 + dx, y1: label.box.y1 + dy, x2: label.box.x2 + dx, y2: label.box.y2 + dy }
      if (taken.some((other) => overlaps(box, other))) continue
      taken.push(box)
      shifts.set(label.id, { dx, dy })
      placed = true
      break
    }
    if (!placed) hidden.add(label.id)
  }
  return { shifts, hidden }
}
