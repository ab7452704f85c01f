import { describe, expect, it } from 'vitest'
import { computeSessions } from '../../../shared/bgp/sessions'
import { applyCommand } from '../../../shared/commands/commands'
import { loadDesign } from '../../../shared/format/loadDesign'
import type { OpaqueResource } from '../../../shared/model/design'
import { buildDesignerGraph, LARGE_CANVAS } from '../../../shared/topology/designerGraph'
import { bundleSessions, isBundle, MIN_BUNDLE } from '../../../shared/topology/sessionBundles'
import type { SessionEdge } from '../../../shared/topology/sessionEdges'
import { canvasDesignText } from '../../../bench/canvasDesign'

const edge = (source: string, target: string, state: 'up' | 'down' = 'up', kind: SessionEdge['kind'] = 'rr-client'): SessionEdge => ({
  id: `session/${source}|${target}`,
  source,
  target,
  kind,
  state,
  label: 'RR client · AS 64512',
  asNumbers: 'AS 64512',
  subject: 'bgppeer/to-reflectors',
  addresses: [],
})

/** A rack of `count` nodes, each peering with reflector rr (outside the rack). */
function rack(name: string, count: number, state: 'up' | 'down' = 'up'): { nodes: { id: string; parent: string }[]; edges: SessionEdge[] } {
  const nodes = Array.from({ length: count }, (_, i) => ({ id: `node/${name}-${i}`, parent: `segment/${name}` }))
  return { nodes, edges: nodes.map((n) => edge(n.id, 'node/rr', state)) }
}

describe('session bundles', () => {
  it("draws a rack's sessions to one reflector as one line from the rack, labelled with how many", () => {
    const { nodes, edges } = rack('r1', 40)
    const result = bundleSessions(edges, nodes, new Set())
    expect(result.edges).toHaveLength(1)
    const [bundle] = result.edges
    expect(bundle && isBundle(bundle) ? bundle.members : []).toHaveLength(40)
    expect(bundle).toMatchObject({
      id: 'bundle/segment/r1|node/rr|rr-client|up',
      source: 'segment/r1',
      target: 'node/rr',
      kind: 'rr-client',
      state: 'up',
      label: '40 RR client sessions Established · AS 64512',
      subject: 'bgppeer/to-reflectors',
    })
    expect(result.bundleOf.get('session/node/r1-7|node/rr')).toBe('bundle/segment/r1|node/rr|rr-client|up')
  })

  it('keeps sessions that are down apart from the ones up, so a problem still stands out', () => {
    const up = rack('r1', 10)
    const down = [edge('node/r1-0', 'node/rr2', 'down'), edge('node/r1-1', 'node/rr2', 'down')]
    const result = bundleSessions([...up.edges, ...down], up.nodes, new Set())
    expect(result.edges.map((e) => [e.id, e.state])).toEqual([
      ['session/node/r1-0|node/rr2', 'down'],
      ['session/node/r1-1|node/rr2', 'down'],
      ['bundle/segment/r1|node/rr|rr-client|up', 'up'],
    ])
  })

  it(`draws fewer than ${MIN_BUNDLE} sessions one by one`, () => {
    const { nodes, edges } = rack('r1', MIN_BUNDLE - 1)
    expect(bundleSessions(edges, nodes, new Set()).edges).toEqual(edges)
  })

  it('shows an expanded bundle session by session, still knowing which bundle they came from', () => {
    const { nodes, edges } = rack('r1', 8)
    const result = bundleSessions(edges, nodes, new Set(['bundle/segment/r1|node/rr|rr-client|up']))
    expect(result.edges).toEqual(edges)
    expect(result.bundleOf.size).toBe(8)
  })

  it('gathers a session at whichever end has more company', () => {
    const r1 = rack('r1', 6).nodes
    const r2 = rack('r2', 2).nodes
    const edges = r1.flatMap((a) => r2.map((b) => edge(a.id, b.id)))
    const result = bundleSessions(edges, [...r1, ...r2], new Set())
    expect(result.edges.map((e) => e.id)).toEqual(['bundle/segment/r1|node/r2-0|rr-client|up', 'bundle/segment/r1|node/r2-1|rr-client|up'])
  })

  it('leaves sessions within one segment single: a line from its box to a host inside could not be drawn', () => {
    const nodes = [...rack('r1', 6).nodes, { id: 'node/tor', parent: 'segment/r1' }]
    const edges = rack('r1', 6).nodes.map((n) => edge(n.id, 'node/tor', 'up', 'ebgp'))
    expect(bundleSessions(edges, nodes, new Set()).edges).toEqual(edges)
  })
})

describe('bundles on a large canvas', () => {
  it(`bundles only past ${LARGE_CANVAS} elements: 1,000 hosts with three reflectors draw 186 lines, not 2,994`, () => {
    const design = loadDesign(canvasDesignText(1000)).design
    const sessions = computeSessions(design).sessions
    const graph = buildDesignerGraph(design, sessions, { expandMesh: false })
    // Racks 1–24 send one bundle to each reflector; rack-0 holds the reflectors, so its 37 clients' sessions and the reflectors' own stay single.
    expect(graph.edges.filter(isBundle)).toHaveLength(24 * 3)
    expect(graph.edges.filter((e) => !isBundle(e))).toHaveLength(37 * 3 + 3)
    const members = graph.edges.reduce((sum, e) => sum + (isBundle(e) ? e.members.length : 1), 0)
    expect(members).toBe(3 * 1000 - 6)

    // The same sessions (they lag an edit), with the last host of rack-12 moved to rack-13: the bundles follow the move.
    const node = design.entries.find((e) => e.id === 'node/node-519')?.resource as OpaqueResource
    const moved = applyCommand(design, { type: 'apply', resource: { ...node, status: { addresses: [{ type: 'InternalIP', address: '10.0.13.5' }] } } as OpaqueResource })
    const sizeOf = (graph: { edges: readonly SessionEdge[] }, id: string) => graph.edges.filter(isBundle).find((e) => e.id === id)?.members.length
    const after = buildDesignerGraph(moved, sessions, { expandMesh: false })
    expect(sizeOf(after, 'bundle/segment/rack-12|node/node-0|rr-client|up')).toBe(39)
    expect(sizeOf(after, 'bundle/segment/rack-13|node/node-0|rr-client|up')).toBe(41)

    const small = loadDesign(canvasDesignText(100)).design
    expect(buildDesignerGraph(small, computeSessions(small).sessions, { expandMesh: false }).edges.some(isBundle)).toBe(false)
  })
})
