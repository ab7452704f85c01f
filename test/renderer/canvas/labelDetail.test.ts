import cytoscape, { type Core } from 'cytoscape'
import { describe, expect, it } from 'vitest'
import { bindLabelDetail, READABLE_ZOOM } from '../../../renderer/src/canvas/labelDetail'

/** A headless canvas is one pixel square: the view is a point, and "near it" half a pixel around. */
function canvasWith(...positions: { x: number; y: number }[]): Core {
  return cytoscape({
    headless: true,
    layout: { name: 'preset' },
    elements: positions.map((position, i) => ({ data: { id: `node/h${i}`, kind: 'worker' }, position })),
  })
}

const labelledIds = (cy: Core): string[] => cy.nodes('.labelled').map((n) => n.id())

/** Zooms to `zoom` with the view's top left corner at model point (0, 0). */
function look(cy: Core, zoom: number): void {
  cy.zoom(zoom)
  cy.pan({ x: 0, y: 0 })
}

describe('host labels on a large canvas', () => {
  it('labels the hosts in or near the view once zoomed in far enough, and takes every label off again when zoomed out', () => {
    const cy = canvasWith({ x: 0.1, y: 0.1 }, { x: 500, y: 500 })
    const labels = bindLabelDetail(cy, () => true)
    look(cy, READABLE_ZOOM / 2)
    labels.refresh()
    expect(labelledIds(cy)).toEqual([])
    look(cy, 1)
    labels.refresh()
    expect(labelledIds(cy)).toEqual(['node/h0'])
    look(cy, READABLE_ZOOM / 2)
    labels.refresh()
    expect(labelledIds(cy)).toEqual([])
    labels.stop()
  })

  it('labels the sessions whose midpoint is in or near the view, and no other', () => {
    const cy = canvasWith({ x: 0.1, y: 0.1 }, { x: 0.3, y: 0.3 }, { x: 500, y: 500 }, { x: 600, y: 600 })
    cy.add([{ data: { id: 'session/near', source: 'node/h0', target: 'node/h1' } }, { data: { id: 'session/far', source: 'node/h2', target: 'node/h3' } }])
    const labels = bindLabelDetail(cy, () => true)
    look(cy, 1)
    labels.refresh()
    expect(cy.edges('.labelled').map((e) => e.id())).toEqual(['session/near'])
    look(cy, READABLE_ZOOM / 2)
    labels.refresh()
    expect(cy.elements('.labelled').length).toBe(0)
    labels.stop()
  })

  it('labels again a moment after the canvas is resized: a panel closing shows more of the design without moving the view', async () => {
    const cy = canvasWith({ x: 0.1, y: 0.1 })
    look(cy, 1)
    const labels = bindLabelDetail(cy, () => true)
    expect(labelledIds(cy)).toEqual([])
    cy.resize()
    await new Promise((settle) => setTimeout(settle, 150))
    expect(labelledIds(cy)).toEqual(['node/h0'])
    labels.stop()
  })

  it('takes the labels off when the canvas stops being large, and labels no host added while zoomed out', () => {
    const cy = canvasWith({ x: 0.1, y: 0.1 })
    let large = true
    const labels = bindLabelDetail(cy, () => large)
    look(cy, 1)
    labels.refresh()
    expect(labelledIds(cy)).toEqual(['node/h0'])
    large = false
    labels.refresh()
    expect(labelledIds(cy)).toEqual([])
    large = true
    look(cy, READABLE_ZOOM / 2)
    cy.add({ data: { id: 'node/late', kind: 'worker' }, position: { x: 0.2, y: 0.2 } })
    labels.refresh()
    expect(labelledIds(cy)).toEqual([])
    labels.stop()
  })
})
