import { describe, expect, it } from 'vitest'
import { computeSessions } from '../../../shared/bgp/sessions'
import { applyCommand, type Command } from '../../../shared/commands/commands'
import { attachHost } from '../../../shared/edit/attachHost'
import { drawPeering, MESH_ID } from '../../../shared/edit/drawPeering'
import { proposeAddress } from '../../../shared/edit/freeAddress'
import { addEntityCommand } from '../../../shared/edit/newEntities'
import { loadDesign } from '../../../shared/format/loadDesign'
import { createEmptyDesign, type Design } from '../../../shared/model/design'
import { hostsOf, resourcesOf } from '../../../shared/model/query'
import { HOST_SPACING } from '../../../shared/topology/topologyGraph'
import { validateDesign } from '../../../shared/validate/validateDesign'
import { readExample } from '../../exampleText'

const lab = loadDesign(readExample('calico-lab-2.2')).design
const CONTROL1 = 'node/ip-10-0-1-20.eu-west-1.compute.internal'

function add(design: Design, kind: Parameters<typeof addEntityCommand>[1]): { design: Design; id: string } {
  const added = addEntityCommand(design, kind, { x: 10, y: 20 })
  if (!added) throw new Error(`could not add ${kind}`)
  return { design: applyCommand(design, added.command), id: added.id }
}

function attach(design: Design, host: string, segment: string, from?: string): Design {
  const result = attachHost(design, host, segment, from)
  if (!result.ok) throw new Error(result.message)
  return applyCommand(design, result.command)
}

function peer(design: Design, from: string, to: string): Design {
  const result = drawPeering(design, from, to)
  if (!result.ok) throw new Error(result.message)
  return applyCommand(design, result.command)
}

describe('drawing a network from the palette', () => {
  it('adds nodes, routers and segments with fresh names at the drop point', () => {
    const first = add(createEmptyDesign(), 'worker')
    const second = add(first.design, 'worker')
    const router = add(second.design, 'router')
    const segment = add(router.design, 'segment')
    const design = segment.design
    expect([first.id, second.id, router.id, segment.id]).toEqual(['node/worker-1', 'node/worker-2', 'router/router-1', 'segment/segment-1'])
    expect(resourcesOf(design, 'peerlab.dev/v1alpha1/Segment')[0]?.spec).toEqual({ cidrs: ['10.0.0.0/24'], gateways: ['10.0.0.1'] })
    expect(resourcesOf(design, 'peerlab.dev/v1alpha1/Router')[0]?.spec.asNumber).toBe(65000)
    expect(resourcesOf(design, 'peerlab.dev/v1alpha1/Layout')[0]?.spec.positions).toEqual({
      'node/worker-1': { x: 10, y: 20 },
      'node/worker-2': { x: 10 + HOST_SPACING, y: 20 },
      'router/router-1': { x: 10 - HOST_SPACING, y: 20 },
      'segment/segment-1': { x: 10, y: 260 },
    })
    expect(
      validateDesign(design)
        .filter((d) => d.severity === 'error')
        .map((d) => d.code),
    ).not.toContain('format.wrong-type')
  })

  it("gives a new segment a /24 that overlaps none of the design's ranges", () => {
    const { design } = add(lab, 'segment')
    expect(resourcesOf(design, 'peerlab.dev/v1alpha1/Segment').map((s) => s.spec.cidrs[0])).toEqual(['10.0.1.0/24', '10.0.0.0/24'])
    expect(resourcesOf(add(design, 'segment').design, 'peerlab.dev/v1alpha1/Segment').map((s) => s.spec.cidrs[0])).toEqual(['10.0.1.0/24', '10.0.0.0/24', '10.0.2.0/24'])
  })
})

describe('attaching a host to a segment', () => {
  it("proposes the segment's first address that no host or gateway uses", () => {
    expect(proposeAddress(lab, 'segment/lab-subnet')).toBe('10.0.1.2')
    const { design } = add(lab, 'worker')
    const attached = attach(design, 'node/worker-1', 'segment/lab-subnet')
    expect(hostsOf(attached).find((h) => h.id === 'node/worker-1')?.interfaces).toEqual([
      { name: 'ens5', address: '10.0.1.2', segmentId: 'segment/lab-subnet', path: ['status', 'addresses', 0, 'address'] },
    ])
    expect(proposeAddress(attached, 'segment/lab-subnet')).toBe('10.0.1.3')
  })

  it('moves a host between segments by replacing its address there', () => {
    const { design } = add(lab, 'segment')
    const moved = attach(design, CONTROL1, 'segment/segment-1', 'segment/lab-subnet')
    expect(
      hostsOf(moved)
        .find((h) => h.id === CONTROL1)
        ?.interfaces.map((i) => [i.address, i.segmentId]),
    ).toEqual([['10.0.0.2', 'segment/segment-1']])
  })

  it("connects a palette router's empty interface to the segment", () => {
    const { design } = add(lab, 'router')
    const attached = attach(design, 'router/router-1', 'segment/lab-subnet')
    expect(resourcesOf(attached, 'peerlab.dev/v1alpha1/Router')[1]?.spec.interfaces).toEqual([{ name: 'eth0', segment: 'lab-subnet', addresses: ['10.0.1.2'] }])
    expect(attachHost(attached, 'router/router-1', 'segment/lab-subnet')).toEqual({ ok: false, message: 'router-1 is already on lab-subnet' })
  })
})

describe('drawing a peering', () => {
  it('node to router: a node-specific BGPPeer with the router AS, and the router neighbor; the session comes up', () => {
    const router = add(lab, 'router')
    const design = peer(attach(router.design, 'router/router-1', 'segment/lab-subnet'), CONTROL1, 'router/router-1')
    expect(resourcesOf(design, 'projectcalico.org/v3/BGPPeer').map((p) => [p.metadata.name, p.spec])).toEqual([
      ['ip-10-0-1-20.eu-west-1.compute.internal-router-1', { node: 'ip-10-0-1-20.eu-west-1.compute.internal', peerIP: '10.0.1.2', asNumber: 65000 }],
    ])
    const session = computeSessions(design).sessions.find((s) => s.speaker === CONTROL1 && s.peerAddress === '10.0.1.2')
    expect([session?.type, session?.state]).toEqual(['node', 'up'])
  })

  it('mesh to router: a global BGPPeer and a neighbor for every node', () => {
    const design = peer(lab, MESH_ID, 'router/bastion')
    expect(resourcesOf(design, 'projectcalico.org/v3/BGPPeer').map((p) => [p.metadata.name, p.spec])).toEqual([['global-bastion', { peerIP: '10.0.1.10', asNumber: 64512 }]])
    const bastion = computeSessions(design).sessions.filter((s) => s.speaker === 'router/bastion')
    expect(bastion.map((s) => s.state)).toEqual(['up', 'up', 'up'])
  })

  it('explains why a host with no address cannot peer yet', () => {
    const { design } = add(lab, 'worker')
    expect(drawPeering(design, 'node/worker-1', 'router/bastion')).toEqual({ ok: false, message: 'worker-1 has no IPv4 address to peer from yet: attach it to a segment first' })
    expect(drawPeering(lab, MESH_ID, CONTROL1).ok).toBe(false)
  })

  it('applies as one command', () => {
    const result = drawPeering(lab, MESH_ID, 'router/bastion') as { command: Command }
    expect(result.command.type).toBe('batch')
  })
})
