import { describe, expect, it } from 'vitest'
import { applyCommand } from '../../../shared/commands/commands'
import type { OpaqueResource } from '../../../shared/model/design'
import { loadDesign } from '../../../shared/format/loadDesign'
import { layoutByRack } from '../../../shared/topology/rackLayout'
import { buildTopologyGraph, HOST_SPACING, SEGMENT_SPACING } from '../../../shared/topology/topologyGraph'

const segment = (name: string, cidr: string, rack?: string): OpaqueResource => ({
  apiVersion: 'peerlab.dev/v1alpha1',
  kind: 'Segment',
  metadata: { name },
  spec: { cidrs: [cidr], ...(rack !== undefined ? { rack } : {}) },
})
const node = (name: string, address?: string): OpaqueResource => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name },
  ...(address !== undefined ? { status: { addresses: [{ type: 'InternalIP', address }] } } : {}),
})

describe('layout by rack', () => {
  const design = [
    segment('b1', '10.0.2.0/24', 'rack-b'),
    segment('a1', '10.0.1.0/24', 'rack-a'),
    segment('a2', '10.0.3.0/24', 'rack-a'),
    segment('loose', '10.0.4.0/24'),
    node('n1', '10.0.1.10'),
    node('n2', '10.0.1.11'),
    node('n3', '10.0.3.10'),
    node('n4', '10.0.2.10'),
    node('n5'),
  ].reduce((d, resource) => applyCommand(d, { type: 'apply', resource }), loadDesign('').design)
  const positions = Object.fromEntries(buildTopologyGraph(applyCommand(design, layoutByRack(design))).nodes.flatMap((n) => (n.position ? [[n.id, n.position]] : [])))

  it("puts a rack's segments side by side in one row, racks in name order", () => {
    expect(positions['node/n1']).toEqual({ x: 0, y: 0 })
    expect(positions['node/n2']).toEqual({ x: HOST_SPACING, y: 0 })
    // a1's two hosts, then a gap as wide as a host.
    expect(positions['node/n3']).toEqual({ x: 2 * HOST_SPACING + HOST_SPACING, y: 0 })
    expect(positions['node/n4']).toEqual({ x: 0, y: SEGMENT_SPACING })
  })

  it('puts hosts on no segment in the last row', () => {
    expect(positions['node/n5']).toEqual({ x: 0, y: 3 * SEGMENT_SPACING })
  })
})
