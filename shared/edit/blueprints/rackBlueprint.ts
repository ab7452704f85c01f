import { bgpGlobals } from '../../bgp/speakers'
import type { Command } from '../../commands/commands'
import type { Design, EntityId } from '../../model/design'
import { PEERLAB_API_VERSION } from '../../model/kinds'
import { hostsOf, resourcesOf } from '../../model/query'
import type { BGPConfigurationResource, RouterResource } from '../../model/resources'
import { HOST_SPACING } from '../../topology/topologyGraph'
import { ROW_HEIGHT } from '../clearSpot'
import { proposeAddress } from '../freeAddress'
import type { Position } from '../newEntities'
import { placeBlock } from './blockPlacement'
import { BlueprintBuilder } from './blueprintBuilder'
import { addNode, ensurePool, freeSubnet, gatewayOf } from './blueprintParts'

/**
 * A rack as Calico's docs draw one ("Configure BGP peering", docs.tigera.io/calico/latest/networking/configuring/bgp):
 * its nodes on one subnet behind a top-of-rack router that is their gateway and BGP peer.
 */
export interface RackOptions {
  readonly workers: number
  /** eBGP: the ToR has an AS of its own. iBGP: the ToR shares the nodes' AS. */
  readonly peering: 'ebgp' | 'ibgp'
  /** `rack`: the rack's nodes get an AS of their own (Calico's AS-per-rack model); `cluster`: they keep the cluster's. */
  readonly nodeAs: 'rack' | 'cluster'
  /**
   * Two of the rack's nodes become route reflectors (routeReflectorClusterID) that the other nodes
   * and the ToR peer with, and the node-to-node mesh is turned off (docs: "Configure in-cluster route reflectors").
   */
  readonly routeReflectors: boolean
}

export const DEFAULT_RACK: RackOptions = { workers: 3, peering: 'ebgp', nodeAs: 'rack', routeReflectors: false }
export const MAX_RACK_WORKERS = 48

/** The label racks are told apart by, as in Calico's AS-per-rack examples (`nodeSelector: rack == 'rack1'`). */
export const RACK_LABEL = 'rack'
/** The label that marks route reflectors, as in Calico's docs (`peerSelector: has(route-reflector)`). */
export const REFLECTOR_LABEL = 'route-reflector'
/** The segment the ToRs peer with each other on. */
export const FABRIC_SEGMENT = 'fabric'
/** First private AS (RFC 6996) for ToRs, and further up for racks' nodes, clear of each other. */
const FIRST_TOR_AS = 65000
const FIRST_RACK_AS = 65100
/** Calico's docs give reflectors cluster IDs of this form (244.0.0.1). */
const CLUSTER_ID_BASE = '244.0.0.'

export type BlueprintResult = { readonly ok: true; readonly command: Command; readonly design: Design; readonly ids: readonly EntityId[] } | { readonly ok: false; readonly message: string }

function meshOff(builder: BlueprintBuilder): void {
  const existing = resourcesOf(builder.design, 'projectcalico.org/v3/BGPConfiguration').find((c) => c.metadata.name === 'default')
  if (existing?.spec?.nodeToNodeMeshEnabled === false) return
  const next: BGPConfigurationResource = existing
    ? { ...existing, spec: { ...existing.spec, nodeToNodeMeshEnabled: false } }
    : { apiVersion: 'projectcalico.org/v3', kind: 'BGPConfiguration', metadata: { name: 'default' }, spec: { nodeToNodeMeshEnabled: false } }
  builder.apply(next)
}

function freshClusterId(design: Design): string {
  const used = new Set(resourcesOf(design, 'projectcalico.org/v3/Node').map((n) => n.spec?.bgp?.routeReflectorClusterID))
  let n = 1
  while (used.has(`${CLUSTER_ID_BASE}${n}`)) n++
  return `${CLUSTER_ID_BASE}${n}`
}

/** The fabric segment, made on first use, and the ToR's address on it, with each other ToR there peered with it both ways. */
function joinFabric(builder: BlueprintBuilder, tor: RouterResource): RouterResource | undefined {
  let fabric = resourcesOf(builder.design, 'peerlab.dev/v1alpha1/Segment').find((s) => s.metadata.name === FABRIC_SEGMENT)
  if (!fabric) {
    const cidr = freeSubnet(builder.design)
    if (!cidr) return undefined
    fabric = { apiVersion: PEERLAB_API_VERSION, kind: 'Segment', metadata: { name: FABRIC_SEGMENT }, spec: { cidrs: [cidr] } }
    builder.apply(fabric)
  }
  const address = proposeAddress(builder.design, `segment/${FABRIC_SEGMENT}`)
  if (!address) return undefined
  const others = resourcesOf(builder.design, 'peerlab.dev/v1alpha1/Router').flatMap((router) => {
    const iface = router.spec.interfaces.find((i) => i.segment === FABRIC_SEGMENT && i.addresses.length > 0)
    return iface && router.metadata.name !== tor.metadata.name && router.spec.asNumber !== undefined ? [{ router, address: iface.addresses[0] as string }] : []
  })
  for (const { router } of others) {
    const neighbors = [...(router.spec.neighbors ?? []), { address, asNumber: tor.spec.asNumber as number }]
    builder.apply({ ...router, spec: { ...router.spec, neighbors } })
  }
  return {
    ...tor,
    spec: {
      ...tor.spec,
      interfaces: [...tor.spec.interfaces, { name: `eth${tor.spec.interfaces.length}`, segment: FABRIC_SEGMENT, addresses: [address] }],
      neighbors: [...(tor.spec.neighbors ?? []), ...others.map((o) => ({ address: o.address, asNumber: o.router.spec.asNumber as number | string }))],
    },
  }
}

/**
 * Everything a new rack is, as one command: a subnet that overlaps nothing, its ToR (the subnet's
 * gateway, joined to the other ToRs over the fabric), `workers` nodes on it, and the BGPPeers that
 * peer them with the ToR, or with two of them made route reflectors. Laid out as a block near `at`.
 */
export function addRack(design: Design, options: RackOptions, at: Position): BlueprintResult {
  const workers = Math.floor(options.workers)
  if (!(workers >= 1 && workers <= MAX_RACK_WORKERS)) return { ok: false, message: `a rack has 1 to ${MAX_RACK_WORKERS} workers` }
  const builder = new BlueprintBuilder(design)
  const racks = new Set([...resourcesOf(design, 'peerlab.dev/v1alpha1/Segment').flatMap((s) => [s.metadata.name, s.spec.rack]), ...hostsOf(design).map((h) => h.labels[RACK_LABEL])])
  let index = 1
  while (racks.has(`rack-${index}`)) index++
  const rack = `rack-${index}`
  const cidr = freeSubnet(design)
  if (!cidr) return { ok: false, message: 'no free /24 is left in 10.0.0.0/8 for the rack' }
  const gateway = gatewayOf(cidr)
  ensurePool(builder)
  const segmentName = builder.freshName('Segment', rack)
  builder.apply({ apiVersion: PEERLAB_API_VERSION, kind: 'Segment', metadata: { name: segmentName }, spec: { cidrs: [cidr], gateways: [gateway], rack } })

  const clusterAs = bgpGlobals(builder.design).asNumber
  const nodeAs = options.nodeAs === 'rack' ? builder.freshAsNumber(FIRST_RACK_AS) : clusterAs
  const torAs = options.peering === 'ibgp' ? nodeAs : builder.freshAsNumber(FIRST_TOR_AS)
  const reflectorCount = options.routeReflectors ? Math.min(2, workers) : 0
  const clusterId = reflectorCount > 0 ? freshClusterId(builder.design) : undefined

  const nodeNames: string[] = []
  for (let i = 0; i < workers; i++) {
    const name = builder.freshName('Node', `${rack}-worker-${i + 1}`)
    const address = proposeAddress(builder.design, `segment/${segmentName}`)
    if (!address) return { ok: false, message: `${segmentName} has no free address for ${name}` }
    const reflector = i < reflectorCount
    const bgp = { ...(nodeAs !== clusterAs ? { asNumber: nodeAs } : {}), ...(reflector ? { routeReflectorClusterID: clusterId } : {}) }
    addNode(builder, name, address, { [RACK_LABEL]: rack, ...(reflector ? { [REFLECTOR_LABEL]: 'true' } : {}) }, bgp)
    nodeNames.push(name)
  }

  // The ToR's own address is the gateway the subnet names, so that the nodes' default route goes
  // through it; it announces the rack subnet, so that the other racks' ToRs have a route back to it.
  const torName = builder.freshName('Router', `${rack}-tor`)
  const peersOfTor = nodeNames.slice(0, reflectorCount > 0 ? reflectorCount : workers)
  const addressOf = (name: string): string => hostsOf(builder.design).find((h) => h.name === name)?.interfaces[0]?.address as string
  let tor: RouterResource | undefined = {
    apiVersion: PEERLAB_API_VERSION,
    kind: 'Router',
    metadata: { name: torName, labels: { [RACK_LABEL]: rack } },
    spec: {
      asNumber: torAs,
      daemon: 'bird',
      interfaces: [{ name: 'eth0', segment: segmentName, addresses: [gateway] }],
      announce: [cidr],
      neighbors: peersOfTor.map((n) => ({ address: addressOf(n), asNumber: nodeAs })),
    },
  }
  tor = joinFabric(builder, tor)
  if (!tor) return { ok: false, message: 'no free address is left on the fabric segment' }
  builder.apply(tor)

  const inRack = `${RACK_LABEL} == '${rack}'`
  if (reflectorCount > 0) {
    meshOff(builder)
    builder.apply({
      apiVersion: 'projectcalico.org/v3',
      kind: 'BGPPeer',
      metadata: { name: builder.freshName('BGPPeer', `${rack}-to-reflectors`) },
      spec: { nodeSelector: `${inRack} && !has(${REFLECTOR_LABEL})`, peerSelector: `${inRack} && has(${REFLECTOR_LABEL})` },
    })
    const meshName = 'route-reflector-mesh'
    if (!resourcesOf(builder.design, 'projectcalico.org/v3/BGPPeer').some((p) => p.metadata.name === meshName)) {
      builder.apply({ apiVersion: 'projectcalico.org/v3', kind: 'BGPPeer', metadata: { name: meshName }, spec: { nodeSelector: `has(${REFLECTOR_LABEL})`, peerSelector: `has(${REFLECTOR_LABEL})` } })
    }
  }
  if (reflectorCount === 0 && nodeAs !== clusterAs) {
    // AS per rack (Calico's "AS per rack" model): the mesh would join nodes of different ASes,
    // eBGP without multihop, which BIRD only brings up between directly connected nodes. So the
    // mesh goes off and each rack meshes within itself; other racks are reached through the ToRs.
    meshOff(builder)
    builder.apply({ apiVersion: 'projectcalico.org/v3', kind: 'BGPPeer', metadata: { name: builder.freshName('BGPPeer', `${rack}-mesh`) }, spec: { nodeSelector: inRack, peerSelector: inRack } })
  }
  const peeredWithTor = reflectorCount > 0 ? `${inRack} && has(${REFLECTOR_LABEL})` : inRack
  builder.apply({
    apiVersion: 'projectcalico.org/v3',
    kind: 'BGPPeer',
    metadata: { name: builder.freshName('BGPPeer', `${rack}-tor`) },
    spec: { nodeSelector: peeredWithTor, peerIP: gateway, asNumber: torAs },
  })

  // A tidy block: the ToR centred above a row of its nodes, clear of what is on the canvas.
  const width = (workers - 1) * HOST_SPACING
  const origin = placeBlock(design, at, width, ROW_HEIGHT)
  const positions: Record<EntityId, Position> = { [`router/${torName}`]: { x: origin.x + width / 2, y: origin.y } }
  nodeNames.forEach((name, i) => (positions[`node/${name}`] = { x: origin.x + i * HOST_SPACING, y: origin.y + ROW_HEIGHT }))
  if (!resourcesOf(design, 'peerlab.dev/v1alpha1/Segment').some((s) => s.metadata.name === FABRIC_SEGMENT))
    positions[`segment/${FABRIC_SEGMENT}`] = { x: origin.x + width / 2, y: origin.y - 1.6 * ROW_HEIGHT }
  builder.add({ type: 'move', positions })

  const label = `Add ${rack}: ${workers} worker${workers === 1 ? '' : 's'}, ToR ${torName} (${options.peering === 'ebgp' ? 'eBGP' : 'iBGP'})${reflectorCount > 0 ? `, ${reflectorCount} route reflectors` : ''}`
  return { ok: true, command: builder.batch(label), design: builder.design, ids: [`segment/${segmentName}`, `router/${torName}`, ...nodeNames.map((n) => `node/${n}`)] }
}
