import { describe, expect, it } from 'vitest'
import { fitViewport } from '../../../shared/topology/fitView'

const OPTIONS = { padding: 20, maxZoom: 1.4, minZoom: 0.05 }
/** Where the content's corners land on the screen under a viewport. */
function screenBox(content: { x1: number; y1: number; w: number; h: number }, v: { zoom: number; pan: { x: number; y: number } }) {
  return { left: v.pan.x + v.zoom * content.x1, top: v.pan.y + v.zoom * content.y1, right: v.pan.x + v.zoom * (content.x1 + content.w), bottom: v.pan.y + v.zoom * (content.y1 + content.h) }
}

describe('fitting the view into the part of the canvas no panel covers', () => {
  const content = { x1: 0, y1: 0, w: 1000, h: 500 }

  it('fills the whole canvas when nothing covers it, padding kept', () => {
    const v = fitViewport(content, 1040, 800, [], OPTIONS)
    expect(v.zoom).toBe(1)
    expect(screenBox(content, v)).toEqual({ left: 20, top: 150, right: 1020, bottom: 650 })
  })

  it('keeps clear of a palette on the left and an overview in the bottom right', () => {
    const palette = { x1: 0, y1: 0, x2: 180, y2: 300 }
    const overview = { x1: 820, y1: 640, x2: 1040, y2: 800 }
    const v = fitViewport(content, 1040, 800, [palette, overview], OPTIONS)
    const shown = screenBox(content, v)
    for (const panel of [palette, overview]) {
      const apart = shown.right <= panel.x1 || shown.left >= panel.x2 || shown.bottom <= panel.y1 || shown.top >= panel.y2
      expect(apart).toBe(true)
    }
    expect(v.zoom).toBeGreaterThan(0.5)
  })

  it('never zooms a small design up to poster size, and centres it in the roomiest open part', () => {
    const small = { x1: 0, y1: 0, w: 100, h: 50 }
    const v = fitViewport(small, 1000, 800, [{ x1: 0, y1: 0, x2: 200, y2: 800 }], OPTIONS)
    expect(v.zoom).toBe(1.4)
    const shown = screenBox(small, v)
    expect((shown.left + shown.right) / 2).toBeCloseTo(600)
    expect((shown.top + shown.bottom) / 2).toBeCloseTo(400)
  })

  it('uses the whole canvas when panels leave no open area', () => {
    const v = fitViewport(content, 400, 300, [{ x1: -10, y1: -10, x2: 500, y2: 400 }], OPTIONS)
    expect(v.zoom).toBeCloseTo((400 - 40) / 1000)
  })
})
