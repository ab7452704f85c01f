import { describe, expect, it } from 'vitest'
import { synthetic } from '../../../bench/bgpDesign'
import { applyCommand } from '../../../shared/commands/commands'
import { loadDesign } from '../../../shared/format/loadDesign'
import type { Design, OpaqueResource } from '../../../shared/model/design'
import { deriveNetwork } from '../../../shared/routing/network'
import { canvasSessions } from '../../../shared/topology/canvasSessions'
import { buildDesignerGraph, meshSize, withBundles, type DesignerGraph } from '../../../shared/topology/designerGraph'
import { sessionEdges, type SessionEdge } from '../../../shared/topology/sessionEdges'
import { MESH_ID } from '../../../shared/edit/drawPeering'
import { readExample } from '../../exampleText'

const peer = (name: string, node: string, peerIP: string, asNumber: number): OpaqueResource => ({
  apiVersion: 'projectcalico.org/v3',
  kind: 'BGPPeer',
  metadata: { name },
  spec: { node, peerIP, asNumber },
})
const withPeers = (design: Design, peers: readonly OpaqueResource[]): Design =>
  applyCommand(design, { type: 'batch', label: 'peers', commands: peers.map((resource) => ({ type: 'apply' as const, resource })) })

/**
 * Edges, and the sessions in a bundle, in id order: the compact form lists an expanded mesh's
 * pairs last (only the drawing order differs).
 */
const sorted = (graph: DesignerGraph) => ({
  ...graph,
  edges: [...graph.edges].map((e) => ('members' in e ? { ...e, members: [...(e.members as string[])].sort() } : e)).sort((a, b) => (a.id < b.id ? -1 : 1)),
  bundleOf: [...graph.bundleOf].sort(),
})

const withNodeAs = (design: Design, node: string, address: string, asNumber: number): Design =>
  applyCommand(design, {
    type: 'apply',
    resource: { apiVersion: 'projectcalico.org/v3', kind: 'Node', metadata: { name: node }, spec: { bgp: { ipv4Address: `${address}/24`, asNumber } } },
  })

const designs: Record<string, Design> = {
  'the lab (a three-node mesh and a router)': loadDesign(readExample('calico-lab-2.2')).design,
  'a 30-node mesh': synthetic(30, false),
  'a 210-node mesh (a large canvas, bundled)': synthetic(210, false),
  'route reflectors': synthetic(30, true),
  // Two members peer on their own as well, once in the mesh's AS and once (never Established) in another.
  'a mesh with a member in an AS of its own': withNodeAs(synthetic(30, false), 'node-7', '10.0.0.17', 65001),
  'a mesh with members that also peer explicitly': withPeers(synthetic(30, false), [peer('a', 'node-1', '10.0.0.12', 64512), peer('b', 'node-3', '10.0.0.14', 65001)]),
}

describe('the sessions the canvas draws, sent between threads without the mesh spelled out', () => {
  for (const [name, design] of Object.entries(designs))
    it(`draw the same canvas as every session does: ${name}`, () => {
      const { sessionSet } = deriveNetwork(design)
      const compact = structuredClone(canvasSessions(sessionSet))
      for (const expandMesh of [false, true]) expect(sorted(buildDesignerGraph(design, compact, { expandMesh }))).toEqual(sorted(buildDesignerGraph(design, sessionSet.all, { expandMesh })))
      expect(meshSize(compact)).toBe(meshSize(sessionSet.all))
    })

  it('keep a large mesh as its members', () => {
    const { sessionSet } = deriveNetwork(synthetic(300, false))
    const compact = canvasSessions(sessionSet)
    expect(compact.mesh?.members).toHaveLength(300)
    expect(compact.edges.filter((e) => e.kind === 'mesh')).toEqual([])
  })

  it('keep a mesh whose members also peer explicitly as its members, with those pairs as edges of their own', () => {
    const { sessionSet } = deriveNetwork(designs['a mesh with members that also peer explicitly'] as Design)
    expect(sessionSet.mesh).toBeUndefined()
    const compact = canvasSessions(sessionSet)
    expect(compact.mesh?.members).toHaveLength(30)
    expect(compact.mesh?.except).toEqual(compact.edges.map((e) => `${e.source}|${e.target}`))
    expect(compact.edges.map((e) => e.subject).sort()).toEqual(['bgppeer/a', 'bgppeer/b'])
  })

  describe('a mesh one of whose members has an AS of its own (Calico meshes every node, over eBGP between ASes)', () => {
    const design = withNodeAs(synthetic(30, false), 'node-7', '10.0.0.17', 65001)
    const { sessionSet } = deriveNetwork(design)
    const compact = structuredClone(canvasSessions(sessionSet))

    it('is sent as its members, the one in another AS naming it', () => {
      expect(sessionSet.mesh).toBeUndefined()
      expect(compact.edges).toEqual([])
      expect(compact.mesh?.members.filter((m) => m.asNumber !== undefined)).toEqual([{ id: 'node/node-7', ipv4: '10.0.0.17', asNumber: 65001 }])
      expect(compact.mesh?.asNumber).toBe(64512)
    })

    it('expands into every session edge, eBGP ones included', () => {
      const all = sessionEdges(sessionSet.all)
      expect(all.filter((e) => e.kind === 'ebgp')).toHaveLength(29)
      const byId = (a: SessionEdge, b: SessionEdge) => (a.id < b.id ? -1 : 1)
      expect([...buildDesignerGraph(design, compact, { expandMesh: true }).edges].sort(byId)).toEqual([...all].sort(byId))
    })

    it('stays folded into one element with all its pairs Established', () => {
      const graph = buildDesignerGraph(design, compact, { expandMesh: false })
      expect(graph.edges.every((e) => e.target === MESH_ID)).toBe(true)
      expect(graph.nodes.find((n) => n.id === MESH_ID)?.label).toBe('node-to-node mesh\n30 nodes · 435/435 Established')
    })
  })

  it('send a large mesh split by AS as its members and the pairs that are down, not as every pair', () => {
    // Racks of 40: an eBGP session to a node of another rack is direct, and waits for a neighbour that is not connected.
    const { sessionSet } = deriveNetwork(withNodeAs(synthetic(200, false), 'node-7', '10.0.0.17', 65001))
    const compact = canvasSessions(sessionSet)
    expect(compact.mesh?.members).toHaveLength(200)
    expect(compact.edges).toHaveLength(160)
    expect(compact.edges.every((e) => e.state === 'down' && e.kind === 'ebgp' && [e.source, e.target].includes('node/node-7'))).toBe(true)
    expect(compact.mesh?.except).toHaveLength(160)
    // Folded, those pairs are spokes down (of node-7 and of the nodes of other racks), not 160 lines of their own.
    const graph = buildDesignerGraph(withNodeAs(synthetic(200, false), 'node-7', '10.0.0.17', 65001), compact, { expandMesh: false })
    expect(graph.nodes.find((n) => n.id === MESH_ID)?.label).toBe('node-to-node mesh\n200 nodes · 19740/19900 Established')
    expect(graph.edges.filter((e) => e.kind !== 'mesh')).toEqual([])
    expect(graph.edges.filter((e) => e.state === 'down').map((e) => e.id)).toContain(`session/node/node-7|${MESH_ID}`)
  })

  it('carry the bundles of a large canvas, which the graph takes while its hosts sit in the same segments and nothing is expanded', () => {
    const design = synthetic(600, true)
    const plain = canvasSessions(deriveNetwork(design).sessionSet)
    const bundled = structuredClone(withBundles(design, plain))
    expect(bundled.bundled?.bundled.edges.length).toBeLessThan(plain.edges.length)
    expect(buildDesignerGraph(design, bundled, { expandMesh: false })).toEqual(buildDesignerGraph(design, plain, { expandMesh: false }))
    const opened = new Set([bundled.bundled?.bundled.bundleOf.values().next().value as string])
    expect(buildDesignerGraph(design, bundled, { expandMesh: false, expandedBundles: opened })).toEqual(buildDesignerGraph(design, plain, { expandMesh: false, expandedBundles: opened }))
  })
})
