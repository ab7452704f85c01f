import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { overlaps, placeNear, type Rect } from '../../../shared/topology/freeSpace'

const box = (x: number, y: number, width: number, height: number): Rect => ({ x1: x - width / 2, y1: y - height / 2, x2: x + width / 2, y2: y + height / 2 })
const WORKER = { width: 170, height: 66 }

describe('placing new things in free space', () => {
  it('takes the wanted point itself when nothing is there', () => {
    expect(placeNear([WORKER], { x: 100, y: 40 }, [])).toEqual([{ x: 100, y: 40 }])
  })

  it('moves off an element and its label, as little as it can', () => {
    const host = box(0, 0, 170, 66)
    const [spot] = placeNear([WORKER], { x: 0, y: 0 }, [host], { gap: 20 })
    if (!spot) throw new Error('nothing placed')
    expect(overlaps(box(spot.x, spot.y, 170 + 40, 66 + 40), host)).toBe(false)
    // Below or above the host (66 + 20 apart), not beside it (170 + 20): the nearer way out.
    expect(Math.abs(spot.x)).toBe(0)
    expect(Math.abs(spot.y)).toBe(100)
  })

  it('places several at once without stacking them on each other', () => {
    const spots = placeNear([WORKER, WORKER, WORKER], { x: 0, y: 0 }, [], { gap: 10 })
    const boxes = spots.map((s) => box(s.x, s.y, WORKER.width, WORKER.height))
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i] as Rect, boxes[j] as Rect)).toBe(false)
  })

  it('prefers a farther spot inside the visible area to a nearer one outside it', () => {
    // The view ends just right of a host that sits at the point: the spot to its left is out of view, the one below is not.
    const host = box(0, 0, 170, 66)
    const within = { x1: -100, y1: -200, x2: 600, y2: 400 }
    const [spot] = placeNear([{ width: 170, height: 66 }], { x: 0, y: 0 }, [host], { within })
    if (!spot) throw new Error('nothing placed')
    expect(spot.x - 85).toBeGreaterThanOrEqual(within.x1)
    expect(overlaps(box(spot.x, spot.y, 170, 66), host)).toBe(false)
  })

  it('goes beyond the visible area only when it is full, to the nearest free spot', () => {
    const within = { x1: -100, y1: -50, x2: 100, y2: 50 }
    const [spot] = placeNear([WORKER], { x: 0, y: 0 }, [within], { within })
    if (!spot) throw new Error('nothing placed')
    expect(overlaps(box(spot.x, spot.y, WORKER.width, WORKER.height), within)).toBe(false)
    expect(Math.hypot(spot.x, spot.y)).toBeLessThan(200)
  })

  it('lands on the grid', () => {
    const [spot] = placeNear([WORKER], { x: 13, y: 27 }, [box(13, 27, 50, 50)], { step: 20 })
    expect(Math.abs((spot?.x ?? 1) % 20)).toBe(0)
    expect(Math.abs((spot?.y ?? 1) % 20)).toBe(0)
  })

  it('never overlaps anything it was told to avoid, wherever things are', () => {
    const rect = fc
      .record({ x: fc.integer({ min: -600, max: 600 }), y: fc.integer({ min: -400, max: 400 }), w: fc.integer({ min: 10, max: 400 }), h: fc.integer({ min: 10, max: 200 }) })
      .map((r) => box(r.x, r.y, r.w, r.h))
    fc.assert(
      fc.property(fc.array(rect, { maxLength: 25 }), fc.integer({ min: 1, max: 4 }), (avoid, count) => {
        const sizes = Array.from({ length: count }, () => WORKER)
        const spots = placeNear(sizes, { x: 0, y: 0 }, avoid, { gap: 10, within: { x1: -700, y1: -450, x2: 700, y2: 450 } })
        const placed = spots.map((s) => box(s.x, s.y, WORKER.width, WORKER.height))
        for (const [i, p] of placed.entries()) {
          if (avoid.some((a) => overlaps(p, a))) return false
          if (placed.some((q, j) => j !== i && overlaps(p, q))) return false
        }
        return true
      }),
      { numRuns: 150 },
    )
  })
})
