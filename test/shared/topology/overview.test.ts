import { describe, expect, it } from 'vitest'
import type { DesignerGraph } from '../../../shared/topology/designerGraph'
import { overviewScene, type OverviewSizes } from '../../../shared/topology/overviewScene'
import { boundsOnOverview, fitOverview, keepInside, panCentredOn, toModel, toOverview } from '../../../shared/topology/overviewTransform'

const SIZES: OverviewSizes = {
  hosts: { router: { width: 180, height: 66 }, 'control-plane': { width: 170, height: 66 }, worker: { width: 170, height: 66 }, mesh: { width: 190, height: 70 } },
  segments: { hostWidth: 180, hostHeight: 66, padding: 28, minWidth: 220, minHeight: 90 },
}

const edge = (source: string, target: string) => ({
  id: `session/${source}|${target}`,
  source,
  target,
  kind: 'mesh' as const,
  state: 'up' as const,
  label: '',
  asNumbers: '',
  subject: undefined,
  addresses: [],
})

const GRAPH: DesignerGraph = {
  nodes: [
    { id: 'segment/lab', kind: 'segment', label: 'lab' },
    { id: 'router/r', kind: 'router', label: 'r', parent: 'segment/lab', position: { x: 0, y: 0 } },
    { id: 'node/w', kind: 'worker', label: 'w', parent: 'segment/lab', position: { x: 400, y: 0 } },
    { id: 'node/loose', kind: 'control-plane', label: 'loose', position: { x: 200, y: 500 } },
    { id: 'segment/unplaced', kind: 'segment', label: 'unplaced' },
  ],
  edges: [edge('node/w', 'node/loose'), edge('node/loose', 'node/gone')],
  bundleOf: new Map(),
}

describe('the overview scene', () => {
  it('holds every segment box and host, and bounds them all', () => {
    const scene = overviewScene(GRAPH, SIZES, 100)
    // The segment wraps r and w: x from -90 to 490 and y from -33 to 33, padded by 28.
    expect(scene.segments).toEqual([{ x: 200, y: 0, width: 636, height: 122 }])
    expect(scene.hosts.map((h) => [h.kind, h.x, h.y, h.width])).toEqual([
      ['router', 0, 0, 180],
      ['worker', 400, 0, 170],
      ['control-plane', 200, 500, 170],
    ])
    expect(scene.bounds).toEqual({ x1: -118, y1: -61, w: 636, h: 594 })
  })

  it('draws sessions between placed hosts, and none past the limit', () => {
    expect(overviewScene(GRAPH, SIZES, 2).sessions).toEqual([{ kind: 'mesh', state: 'up', from: { x: 400, y: 0 }, to: { x: 200, y: 500 }, bundle: false }])
    expect(overviewScene(GRAPH, SIZES, 1).sessions).toEqual([])
  })

  it('starts a bundle of sessions from the middle of its segment', () => {
    const bundle = { ...edge('segment/lab', 'node/loose'), id: 'bundle/segment/lab|node/loose|mesh|up', members: ['a', 'b', 'c', 'd'] }
    const scene = overviewScene({ ...GRAPH, edges: [bundle] }, SIZES, 10)
    expect(scene.sessions).toEqual([{ kind: 'mesh', state: 'up', from: { x: 200, y: 0 }, to: { x: 200, y: 500 }, bundle: true }])
  })

  it('includes the mesh hub at its size', () => {
    const scene = overviewScene({ nodes: [{ id: 'mesh/node-to-node', kind: 'mesh', label: 'mesh', state: 'up', position: { x: 10, y: -170 } }], edges: [], bundleOf: new Map() }, SIZES, 10)
    expect(scene.hosts).toEqual([{ kind: 'mesh', x: 10, y: -170, width: 190, height: 70 }])
    expect(scene.bounds).toEqual({ x1: -85, y1: -205, w: 190, h: 70 })
  })

  it('has no bounds when nothing is placed', () => {
    expect(overviewScene({ nodes: [{ id: 'segment/s', kind: 'segment', label: 's' }], edges: [], bundleOf: new Map() }, SIZES, 10).bounds).toBeUndefined()
  })
})

describe('fitting the model into the overview', () => {
  it('fits a wide design to the width, centred vertically', () => {
    const t = fitOverview({ x1: -100, y1: 0, w: 1000, h: 100 }, 200, 140, 10)
    expect(t.scale).toBeCloseTo(0.18)
    expect(toOverview(t, { x: -100, y: 0 })).toEqual({ x: 10, y: 61 })
    expect(toOverview(t, { x: 900, y: 100 })).toEqual({ x: 190, y: 79 })
  })

  it('fits a tall design to the height, centred horizontally', () => {
    const t = fitOverview({ x1: 0, y1: 0, w: 100, h: 1200 }, 200, 140, 10)
    expect(t.scale).toBeCloseTo(0.1)
    const corner = toOverview(t, { x: 0, y: 0 })
    expect(corner.x).toBeCloseTo(95)
    expect(corner.y).toBeCloseTo(10)
  })

  it('shows a design with no extent at scale 1, in the middle', () => {
    const t = fitOverview({ x1: 50, y1: 50, w: 0, h: 0 }, 200, 140, 10)
    expect(t.scale).toBe(1)
    expect(toOverview(t, { x: 50, y: 50 })).toEqual({ x: 100, y: 70 })
  })

  it('maps a point there and back', () => {
    const t = fitOverview({ x1: -3000, y1: -200, w: 8000, h: 2800 }, 200, 140, 8)
    const p = { x: 1234.5, y: -67.25 }
    const back = toModel(t, toOverview(t, p))
    expect(back.x).toBeCloseTo(p.x, 9)
    expect(back.y).toBeCloseTo(p.y, 9)
  })

  it('maps the main view extent to a rectangle of the same proportions', () => {
    const t = fitOverview({ x1: 0, y1: 0, w: 1000, h: 1000 }, 200, 200, 0)
    expect(boundsOnOverview(t, { x1: 250, y1: 500, w: 500, h: 100 })).toEqual({ x1: 50, y1: 100, w: 100, h: 20 })
  })

  it('keeps a sliver of the frame on the overview when the view is panned off the design', () => {
    const offRight = keepInside({ x1: 500, y1: 40, w: 50, h: 30 }, 200, 140, 6)
    expect(offRight).toEqual({ x1: 194, y1: 40, w: 50, h: 30 })
    expect(keepInside({ x1: -300, y1: -300, w: 50, h: 30 }, 200, 140, 6)).toEqual({ x1: -44, y1: -24, w: 50, h: 30 })
    expect(keepInside({ x1: 20, y1: 20, w: 50, h: 30 }, 200, 140, 6)).toEqual({ x1: 20, y1: 20, w: 50, h: 30 })
  })

  it('pans so that a model point sits in the middle of the view, keeping the zoom', () => {
    const pan = panCentredOn({ x: 300, y: -40 }, 2, { width: 800, height: 600 })
    expect(pan).toEqual({ x: -200, y: 380 })
    // Cytoscape draws model point p at zoom * p + pan.
    expect({ x: 2 * 300 + pan.x, y: 2 * -40 + pan.y }).toEqual({ x: 400, y: 300 })
  })
})
