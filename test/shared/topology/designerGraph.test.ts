import { describe, expect, it } from 'vitest'
import { computeSessions } from '../../../shared/bgp/sessions'
import type { OpaqueResource } from '../../../shared/model/design'
import { applyCommand } from '../../../shared/commands/commands'
import { loadDesign } from '../../../shared/format/loadDesign'
import { canvasDesignText } from '../../../bench/canvasDesign'
import { MESH_ID } from '../../../shared/edit/drawPeering'
import { hostsOf } from '../../../shared/model/query'
import { editField } from '../../../shared/edit/editableFields'
import { deriveNetwork } from '../../../shared/routing/network'
import { canvasSessions, type CanvasSessions } from '../../../shared/topology/canvasSessions'
import { buildDesignerGraph, meshExpandable, withBundles } from '../../../shared/topology/designerGraph'
import { readExample } from '../../exampleText'

const lab = loadDesign(readExample('calico-lab-2.2')).design

const node = (name: string, address: string): OpaqueResource => ({ apiVersion: 'v1', kind: 'Node', metadata: { name }, status: { addresses: [{ type: 'InternalIP', address }] } })
const withWorkers = (count: number) =>
  applyCommand(lab, { type: 'batch', label: 'workers', commands: Array.from({ length: count }, (_, i) => ({ type: 'apply' as const, resource: node(`extra-${i}`, `10.0.1.${100 + i}`) })) })

describe('sessions on the canvas', () => {
  it("draws the lab's three-node mesh as lines and bastion's unanswered neighbors as down", () => {
    const graph = buildDesignerGraph(lab, computeSessions(lab).sessions, { expandMesh: false })
    expect(graph.edges.map((e) => [e.kind, e.state]).sort()).toEqual([
      ['mesh', 'up'],
      ['mesh', 'up'],
      ['mesh', 'up'],
      ['router', 'down'],
      ['router', 'down'],
      ['router', 'down'],
    ])
    expect(graph.nodes.some((n) => n.kind === 'mesh')).toBe(false)
  })

  it('folds a mesh of four or more nodes into one element, with a spoke per member, until expanded', () => {
    const design = withWorkers(2)
    const sessions = computeSessions(design).sessions
    const folded = buildDesignerGraph(design, sessions, { expandMesh: false })
    const hub = folded.nodes.find((n) => n.kind === 'mesh')
    expect(hub?.label).toBe('node-to-node mesh\n5 nodes · 10/10 Established')
    expect(folded.edges.filter((e) => e.kind === 'mesh')).toHaveLength(5)
    expect(buildDesignerGraph(design, sessions, { expandMesh: true }).edges.filter((e) => e.kind === 'mesh')).toHaveLength(10)
  })

  it('styles a peering by its kind: eBGP when the AS numbers differ, with both in the label', () => {
    const tor: OpaqueResource = {
      apiVersion: 'peerlab.dev/v1alpha1',
      kind: 'Router',
      metadata: { name: 'tor' },
      spec: { asNumber: 65001, interfaces: [{ name: 'eth0', segment: 'lab-subnet', addresses: ['10.0.1.2'] }], neighbors: [{ address: '10.0.1.20', asNumber: 64512 }] },
    }
    const peer: OpaqueResource = {
      apiVersion: 'projectcalico.org/v3',
      kind: 'BGPPeer',
      metadata: { name: 'to-tor' },
      spec: { node: 'ip-10-0-1-20.eu-west-1.compute.internal', peerIP: '10.0.1.2', asNumber: 65001 },
    }
    const design = applyCommand(lab, {
      type: 'batch',
      label: 'tor',
      commands: [
        { type: 'apply', resource: tor },
        { type: 'apply', resource: peer },
      ],
    })
    const edge = buildDesignerGraph(design, computeSessions(design).sessions, { expandMesh: false }).edges.find((e) => e.target === 'router/tor' || e.source === 'router/tor')
    expect(edge).toMatchObject({ kind: 'ebgp', state: 'up', label: 'eBGP · AS 64512 ↔ 65001', subject: 'bgppeer/to-tor', addresses: ['10.0.1.2', '10.0.1.20'] })
  })

  it('draws no session to a host that is no longer in the design', () => {
    const sessions = computeSessions(lab).sessions
    const without = applyCommand(lab, { type: 'remove', id: 'router/bastion' })
    expect(buildDesignerGraph(without, sessions, { expandMesh: false }).edges.map((e) => e.kind)).toEqual(['mesh', 'mesh', 'mesh'])
  })

  it('places a segment with no hosts yet where the layout says', () => {
    const segment: OpaqueResource = { apiVersion: 'peerlab.dev/v1alpha1', kind: 'Segment', metadata: { name: 'empty' }, spec: { cidrs: ['10.0.9.0/24'] } }
    const design = applyCommand(lab, {
      type: 'batch',
      label: 's',
      commands: [
        { type: 'apply', resource: segment },
        { type: 'move', positions: { 'segment/empty': { x: 1, y: 2 } } },
      ],
    })
    expect(buildDesignerGraph(design, [], { expandMesh: false }).nodes.find((n) => n.id === 'segment/empty')?.position).toEqual({ x: 1, y: 2 })
  })
})

describe('a mesh too large to draw session by session', () => {
  const design = loadDesign(canvasDesignText(240)).design
  const members = hostsOf(design).map((h) => ({ id: h.id, ipv4: h.interfaces[0]?.address as string }))
  const mesh = (count: number): CanvasSessions => ({ edges: [], mesh: { members: members.slice(0, count), asNumber: 64512 } })

  it('stays folded when expanded', () => {
    expect(meshExpandable(200)).toBe(true)
    expect(meshExpandable(201)).toBe(false)
    const graph = buildDesignerGraph(design, mesh(201), { expandMesh: true })
    expect(graph.nodes.find((n) => n.id === MESH_ID)?.label).toBe('node-to-node mesh\n201 nodes · 20100/20100 Established')
    expect(graph.edges.every((e) => e.target === MESH_ID || e.kind !== 'mesh')).toBe(true)
  })

  it('is spelled out up to the limit', () => {
    const graph = buildDesignerGraph(design, mesh(200), { expandMesh: true })
    expect(graph.nodes.some((n) => n.id === MESH_ID)).toBe(false)
    expect(graph.bundleOf.size + graph.edges.length).toBeGreaterThanOrEqual(19_900)
  })
})

describe('the bundles of a large canvas', () => {
  it('are kept when an alias moves a host along its row', () => {
    const design = loadDesign(canvasDesignText(400)).design
    const sessions = withBundles(design, canvasSessions(deriveNetwork(design).sessionSet))
    const before = buildDesignerGraph(design, sessions, { expandMesh: false })
    const command = editField(design, 'node/node-47', 'alias', 'aaa-first')
    if (!command) throw new Error('hosts have aliases')
    const after = buildDesignerGraph(applyCommand(design, command), sessions, { expandMesh: false })
    expect(after.nodes.find((n) => n.id === 'node/node-47')?.position).not.toEqual(before.nodes.find((n) => n.id === 'node/node-47')?.position)
    expect(after.edges).toBe(before.edges)
  })

  it('are worked out again when a host moves into another segment', () => {
    const design = loadDesign(canvasDesignText(400)).design
    const plain = canvasSessions(deriveNetwork(design).sessionSet)
    const sessions = withBundles(design, plain)
    const before = buildDesignerGraph(design, sessions, { expandMesh: false })
    const command = editField(design, 'node/node-47', 'addresses', '10.0.3.99')
    if (!command) throw new Error('hosts have addresses')
    const moved = applyCommand(design, command)
    const after = buildDesignerGraph(moved, sessions, { expandMesh: false })
    expect(after.edges).not.toBe(before.edges)
    // As if the bundles had never been worked out: from the plain sessions.
    expect(after).toEqual(buildDesignerGraph(moved, plain, { expandMesh: false }))
  })
})
