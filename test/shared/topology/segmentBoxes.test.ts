import { describe, expect, it } from 'vitest'
import { segmentBoxes } from '../../../shared/topology/segmentBoxes'

const SIZES = { hostWidth: 180, hostHeight: 66, padding: 28, minWidth: 220, minHeight: 90 }

describe('segment boxes drawn without compound parents', () => {
  it('wraps the members with padding, centred on them', () => {
    const boxes = segmentBoxes(
      [
        { id: 'segment/a', kind: 'segment' },
        { id: 'node/1', kind: 'worker', parent: 'segment/a', position: { x: 0, y: 0 } },
        { id: 'node/2', kind: 'worker', parent: 'segment/a', position: { x: 400, y: 100 } },
        { id: 'node/free', kind: 'worker', position: { x: 5000, y: 5000 } },
      ],
      SIZES,
    )
    // x from -90 to 490, y from -33 to 133, each side padded by 28.
    expect(boxes.get('segment/a')).toEqual({ x: 200, y: 50, width: 636, height: 222 })
    expect(boxes.size).toBe(1)
  })

  it('keeps the minimum size for one member, and for a segment with none at its own position', () => {
    const boxes = segmentBoxes(
      [
        { id: 'segment/one', kind: 'segment' },
        { id: 'node/1', kind: 'worker', parent: 'segment/one', position: { x: 10, y: 20 } },
        { id: 'segment/empty', kind: 'segment', position: { x: -300, y: 600 } },
      ],
      SIZES,
    )
    expect(boxes.get('segment/one')).toEqual({ x: 10, y: 20, width: 236, height: 122 })
    expect(boxes.get('segment/empty')).toEqual({ x: -300, y: 600, width: 220, height: 90 })
  })
})
