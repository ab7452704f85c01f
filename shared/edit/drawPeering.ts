import { bgpSpeakers, type BgpSpeaker } from '../bgp/speakers'
import type { Design, EntityId } from '../model/design'
import { bgpPeer, peerName, withNeighbors, type PeeringResult } from './peeringParts'
import { drawGroupPeering } from './selectorPeering'

export type { PeeringResult } from './peeringParts'

/** The canvas element standing for the whole node-to-node mesh: a peering drawn to it is global. */
export const MESH_ID = 'mesh/node-to-node'

/**
 * What a peering drawn between two canvas elements means in Calico's terms (calico.md §4.3):
 * node to router is a node-specific BGPPeer plus the router's neighbor for the node; the mesh to a
 * router is a global BGPPeer (every node) plus a neighbor per node; node to node is a node-specific
 * BGPPeer, which Calico answers with the reverse peering itself; router to router is a neighbor on each;
 * a segment to a router or node is one BGPPeer with a nodeSelector (selectorPeering.ts).
 */
export function drawPeering(design: Design, fromId: EntityId, toId: EntityId): PeeringResult {
  if (fromId === toId) return { ok: false, message: 'a peering needs two ends' }
  // From a segment's box: one BGPPeer whose nodeSelector picks the segment's nodes.
  if (fromId.startsWith('segment/') || toId.startsWith('segment/')) {
    const [group, other] = fromId.startsWith('segment/') ? [fromId, toId] : [toId, fromId]
    if (other.startsWith('segment/') || other === MESH_ID) return { ok: false, message: 'draw from a segment to a router or a route reflector' }
    return drawGroupPeering(design, { segment: group }, other)
  }
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
