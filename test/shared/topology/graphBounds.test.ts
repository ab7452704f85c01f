import { describe, expect, it } from 'vitest'
import { graphBounds } from '../../../shared/topology/graphBounds'

const sizes = { hostWidth: 180, hostHeight: 66 }

describe('graphBounds', () => {
  it('covers every placed host at the widest host size, and boxes at their own size', () => {
    const bounds = graphBounds(
      [{ kind: 'worker', position: { x: 0, y: 0 } }, { kind: 'router', position: { x: 400, y: 100 } }, { kind: 'segment', position: { x: 200, y: 300 }, width: 1000, height: 90 }, { kind: 'worker' }],
      sizes,
    )
    expect(bounds).toEqual({ x1: -300, y1: -33, w: 1000, h: 378 })
  })

  it('has nothing to cover when nothing is placed', () => {
    expect(graphBounds([{ kind: 'worker' }], sizes)).toBeUndefined()
  })
})
