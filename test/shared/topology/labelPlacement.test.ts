import { describe, expect, it } from 'vitest'
import { overlaps } from '../../../shared/topology/freeSpace'
import { placeEdgeLabels } from '../../../shared/topology/labelPlacement'

const label = (id: string, x: number, y: number, along = { x: 1, y: 0 }) => ({ id, box: { x1: x - 50, y1: y - 8, x2: x + 50, y2: y + 8 }, along })

describe('placing edge labels so none covers another', () => {
  it('leaves a clear label where it is', () => {
    expect(placeEdgeLabels([label('a', 0, 0)], []).shifts.get('a')).toEqual({ dx: 0, dy: 0 })
  })

  it('slides the second of two labels on one spot along its own edge until it is clear', () => {
    const { shifts, hidden } = placeEdgeLabels([label('a', 0, 0), label('b', 10, 4, { x: 0.6, y: 0.8 })], [], { step: 12, maxShift: 120 })
    expect(hidden.size).toBe(0)
    const b = shifts.get('b')
    if (!b) throw new Error('b not placed')
    // Along (0.6, 0.8): it moves down and right, never across its line.
    expect(b.dx / b.dy).toBeCloseTo(0.75, 1)
    const moved = { x1: -40 + b.dx, y1: -4 + b.dy, x2: 60 + b.dx, y2: 12 + b.dy }
    expect(overlaps(moved, { x1: -50, y1: -8, x2: 50, y2: 8 })).toBe(false)
  })

  it('keeps labels off segment titles and hosts', () => {
    const title = { x1: -200, y1: -20, x2: 200, y2: 0 }
    const { shifts } = placeEdgeLabels([label('a', 0, -5, { x: 0, y: 1 })], [title])
    expect(shifts.get('a')?.dy).toBeGreaterThanOrEqual(13)
  })

  it('hides a label that has no clear place near its middle, rather than drawing it over another', () => {
    const wall = { x1: -1000, y1: -1000, x2: 1000, y2: 1000 }
    expect([...placeEdgeLabels([label('a', 0, 0)], [wall]).hidden]).toEqual(['a'])
  })
})
