import { bgpSpeakers, type BgpSpeaker } from '../bgp/speakers'
import type { Command } from '../commands/commands'
import type { Design, EntityId, OpaqueResource } from '../model/design'
import { resourcesOf } from '../model/query'
import type { RouterResource } from '../model/resources'
import { uniqueName } from './uniqueName'

/** The canvas element standing for the whole node-to-node mesh: a peering drawn to it is global. */
export const MESH_ID = 'mesh/node-to-node'

export type PeeringResult = { readonly ok: true; readonly command: Command } | { readonly ok: false; readonly message: string }

function peerName(design: Design, parts: readonly string[]): string {
  const taken = new Set(resourcesOf(design, 'projectcalico.org/v3/BGPPeer').map((p) => p.metadata.name))
  const base = parts.join('-').toLowerCase().replace(/[^a-z0-9.-]/g, '-').slice(0, 200)
  return taken.has(base) ? uniqueName(taken, base) : base
}

/** The router's neighbor list with `peers` added, as BIRD needs one for each side that connects. */
function withNeighbors(design: Design, router: BgpSpeaker, peers: readonly BgpSpeaker[]): Command[] {
  const resource = resourcesOf(design, 'peerlab.dev/v1alpha1/Router').find((r) => `router/${r.metadata.name}` === router.id) as RouterResource
  const neighbors = resource.spec.neighbors ?? []
  const added = peers.filter((p) => p.ipv4 !== undefined && !neighbors.some((n) => n.address === p.ipv4)).map((p) => ({ address: p.ipv4 as string, asNumber: p.asNumber }))
  if (added.length === 0) return []
  return [{ type: 'apply', resource: { ...resource, spec: { ...resource.spec, neighbors: [...neighbors, ...added] } } as unknown as OpaqueResource }]
}

function bgpPeer(name: string, spec: Record<string, unknown>): Command {
  return { type: 'apply', resource: { apiVersion: 'projectcalico.org/v3', kind: 'BGPPeer', metadata: { name }, spec } }
}

/**
 * What a peering drawn between two canvas elements means in Calico's terms (calico.md §4.3):
 * node to router is a node-specific BGPPeer plus the router's neighbor for the node; the mesh to a
 * router is a global BGPPeer (every node) plus a neighbor per node; node to node is a node-specific
 * BGPPeer, which Calico answers with the reverse peering itself; router to router is a neighbor on each.
 */
export function drawPeering(design: Design, fromId: EntityId, toId: EntityId): PeeringResult {
  if (fromId === toId) return { ok: false, message: 'a peering needs two ends' }
  const speakers = bgpSpeakers(design)
  const calico = speakers.filter((s) => s.kind === 'calico')
  const ends: (BgpSpeaker | 'mesh' | undefined)[] = [fromId, toId].map((id) => (id === MESH_ID ? 'mesh' : speakers.find((s) => s.id === id)))
  const hosts: BgpSpeaker[] = []
  for (const end of ends) {
    if (end === undefined) return { ok: false, message: 'draw a peering between nodes, routers and the mesh; a router needs an AS number first' }
    if (end === 'mesh') continue
    if (end.ipv4 === undefined) return { ok: false, message: `${end.host.name} has no IPv4 address to peer from yet: attach it to a segment first` }
    hosts.push(end)
  }
  if (hosts.length === 1) {
    const router = hosts[0] as BgpSpeaker
    if (router.kind !== 'router') return { ok: false, message: 'the mesh already peers every node with every other: draw from the mesh to a router' }
    const commands = [bgpPeer(peerName(design, ['global', router.host.name]), { peerIP: router.ipv4, asNumber: router.asNumber }), ...withNeighbors(design, router, calico)]
    return { ok: true, command: { type: 'batch', label: `Peer every node with ${router.host.name}`, commands } }
  }
  // Calico's side first: it is the one a BGPPeer is written for.
  const [first, second] = (hosts[0]?.kind === 'router' ? [hosts[1], hosts[0]] : hosts) as [BgpSpeaker, BgpSpeaker]
  const label = `Peer ${first.host.name} with ${second.host.name}`
  if (first.kind === 'router') {
    return { ok: true, command: { type: 'batch', label, commands: [...withNeighbors(design, first, [second]), ...withNeighbors(design, second, [first])] } }
  }
  const peer = bgpPeer(peerName(design, [first.host.name, second.host.name]), { node: first.host.name, peerIP: second.ipv4, asNumber: second.asNumber })
  const commands = second.kind === 'router' ? [peer, ...withNeighbors(design, second, [first])] : [peer]
  return { ok: true, command: { type: 'batch', label, commands } }
}
