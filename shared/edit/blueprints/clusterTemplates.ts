import type { Design, EntityId } from '../../model/design'
import { PEERLAB_API_VERSION } from '../../model/kinds'
import { HOST_SPACING } from '../../topology/topologyGraph'
import { proposeAddress } from '../freeAddress'
import { placeBlock } from './blockPlacement'
import { BlueprintBuilder } from './blueprintBuilder'
import { addNode, ensurePool, freeSubnet, gatewayOf } from './blueprintParts'
import { addRack, type BlueprintResult, type RackOptions } from './rackBlueprint'

export type ClusterTemplate = 'full-mesh' | 'racks' | 'route-reflectors'

export const CLUSTER_TEMPLATES: readonly { readonly id: ClusterTemplate; readonly title: string; readonly description: string }[] = [
  { id: 'full-mesh', title: 'Small full mesh', description: 'A control-plane node and three workers on one subnet, peering in Calico’s default node-to-node mesh.' },
  { id: 'racks', title: 'Racks with ToRs', description: 'Two racks of three workers, each rack its own AS behind an eBGP top-of-rack router; the mesh stays on.' },
  { id: 'route-reflectors', title: 'Route reflectors, mesh off', description: 'Two racks of three workers behind eBGP ToRs; two nodes of each rack reflect routes and the node-to-node mesh is off.' },
]

const RACK_GAP = 2 * HOST_SPACING

/** One subnet, a control plane and three workers meshing as Calico does by default: the smallest cluster that routes. */
function fullMesh(design: Design, at: { x: number; y: number }): BlueprintResult {
  const builder = new BlueprintBuilder(design)
  const cidr = freeSubnet(design)
  if (!cidr) return { ok: false, message: 'no free /24 is left in 10.0.0.0/8' }
  ensurePool(builder)
  const segment = builder.freshName('Segment', 'cluster-subnet')
  builder.apply({ apiVersion: PEERLAB_API_VERSION, kind: 'Segment', metadata: { name: segment }, spec: { cidrs: [cidr], gateways: [gatewayOf(cidr)] } })
  const names = [builder.freshName('Node', 'control-plane-1'), ...[1, 2, 3].map((i) => builder.freshName('Node', `worker-${i}`))]
  const positions: Record<EntityId, { x: number; y: number }> = {}
  const width = (names.length - 1) * HOST_SPACING
  const origin = placeBlock(design, at, width, 0)
  names.forEach((name, i) => {
    const address = proposeAddress(builder.design, `segment/${segment}`) as string
    addNode(builder, name, address, i === 0 ? { 'node-role.kubernetes.io/control-plane': '' } : {})
    positions[`node/${name}`] = { x: origin.x + i * HOST_SPACING, y: origin.y }
  })
  builder.add({ type: 'move', positions })
  return { ok: true, command: builder.batch('New cluster: small full mesh'), design: builder.design, ids: [`segment/${segment}`, ...names.map((n) => `node/${n}`)] }
}

function racks(design: Design, at: { x: number; y: number }, options: RackOptions, label: string): BlueprintResult {
  const builder = new BlueprintBuilder(design)
  const ids: EntityId[] = []
  for (let i = 0; i < 2; i++) {
    const rack = addRack(builder.design, options, { x: at.x + (i - 0.5) * (2 * HOST_SPACING + RACK_GAP + HOST_SPACING), y: at.y })
    if (!rack.ok) return rack
    builder.add(rack.command)
    ids.push(...rack.ids)
  }
  return { ok: true, command: builder.batch(label), design: builder.design, ids }
}

/** The commands that turn a new, empty cluster into the template's design, as one undo step. */
export function clusterFromTemplate(design: Design, template: ClusterTemplate, at = { x: 0, y: 0 }): BlueprintResult {
  switch (template) {
    case 'full-mesh':
      return fullMesh(design, at)
    case 'racks':
      return racks(design, at, { workers: 3, peering: 'ebgp', nodeAs: 'rack', routeReflectors: false }, 'New cluster: racks with ToRs')
    case 'route-reflectors':
      return racks(design, at, { workers: 3, peering: 'ebgp', nodeAs: 'rack', routeReflectors: true }, 'New cluster: route reflectors, mesh off')
  }
}
