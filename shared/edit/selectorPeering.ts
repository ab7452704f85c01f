import { bgpSpeakers, type BgpSpeaker } from '../bgp/speakers'
import type { Command } from '../commands/commands'
import type { Design, EntityId, OpaqueResource } from '../model/design'
import { segmentsOf } from '../model/query'
import { parseSelector } from '../selector'
import { bgpPeer, peerName, withNeighbors, type PeeringResult } from './peeringParts'

/** What a peering can be drawn from besides one host: a segment's box, or the nodes a label selector picks. */
export type PeeringGroup = { readonly segment: EntityId } | { readonly selector: string }

/** The label given to a segment's nodes when no label they have picks exactly them. */
export const SEGMENT_LABEL = 'peerlab.dev/segment'
/** Labels every node has one of its own: a selector on them picks one node, never a group. */
const PER_NODE_LABELS = new Set(['kubernetes.io/hostname'])
/** Labels kubelet gives every node of a platform: a group picked by them would take in any node added later. */
const PLATFORM_LABELS = new Set(['kubernetes.io/os', 'kubernetes.io/arch', 'beta.kubernetes.io/os', 'beta.kubernetes.io/arch'])

const quoted = (value: string): string => `'${value.replace(/'/g, "\\'")}'`

function picks(selector: string, nodes: readonly BgpSpeaker[]): BgpSpeaker[] | undefined {
  const parsed = parseSelector(selector)
  return parsed.ok ? nodes.filter((n) => parsed.selector.matches(n.host.labels)) : undefined
}

const sameSet = (a: readonly BgpSpeaker[], b: readonly BgpSpeaker[]): boolean => a.length === b.length && a.every((s) => b.includes(s))

/**
 * The shortest selector of `members`' own labels (one `key == 'value'`, else two joined by &&) that
 * picks exactly them among `nodes`; undefined when their labels cannot tell them apart.
 */
export function selectorFor(members: readonly BgpSpeaker[], nodes: readonly BgpSpeaker[], allowPerNode = false): string | undefined {
  const first = members[0]
  if (!first) return undefined
  const shared = Object.entries(first.host.labels)
    .filter(([key, value]) => !PLATFORM_LABELS.has(key) && (allowPerNode || !PER_NODE_LABELS.has(key)) && members.every((m) => m.host.labels[key] === value))
    .map(([key, value]) => `${key} == ${quoted(value)}`)
    .sort()
  for (const selector of shared) if (sameSet(picks(selector, nodes) ?? [], members)) return selector
  for (let i = 0; i < shared.length; i++) {
    for (let j = i + 1; j < shared.length; j++) {
      const selector = `${shared[i]} && ${shared[j]}`
      if (sameSet(picks(selector, nodes) ?? [], members)) return selector
    }
  }
  return undefined
}

/** The node labels to add so that `selector` picks the segment's nodes, when none of their labels does. */
function labelSegment(design: Design, members: readonly BgpSpeaker[], segment: string): Command[] {
  return members.flatMap((member): Command[] => {
    const entry = design.entries.find((e) => e.id === member.id)
    if (!entry) return []
    const resource = entry.resource as OpaqueResource
    return [{ type: 'apply', resource: { ...resource, metadata: { ...resource.metadata, labels: { ...resource.metadata.labels, [SEGMENT_LABEL]: segment } } } }]
  })
}

/**
 * A peering drawn from a group to a router or a Calico node, as ONE BGPPeer with a nodeSelector
 * (Calico's AS-per-rack example: `nodeSelector: rack == 'rack1'` with the ToR's peerIP) instead of
 * a BGPPeer per node. To a router it carries the router's peerIP and AS, and the router gets a
 * neighbor for each node; to a Calico node (a route reflector, usually) it carries a peerSelector
 * for that node, or for every reflector of its cluster ID when their labels pick them out.
 */
export function drawGroupPeering(design: Design, group: PeeringGroup, toId: EntityId): PeeringResult {
  const speakers = bgpSpeakers(design)
  const nodes = speakers.filter((s) => s.kind === 'calico' && s.ipv4 !== undefined)
  const target = speakers.find((s) => s.id === toId)
  if (!target) return { ok: false, message: 'draw from a group to a router or a node; a router needs an AS number first' }
  if (target.ipv4 === undefined) return { ok: false, message: `${target.host.name} has no IPv4 address to peer with yet: attach it to a segment first` }
  let members: BgpSpeaker[]
  let selector: string
  let groupName: string
  const labels: Command[] = []
  if ('segment' in group) {
    const segment = segmentsOf(design).find((s) => s.id === group.segment)
    if (!segment) return { ok: false, message: `${group.segment} does not exist` }
    groupName = segment.resource.metadata.name
    members = nodes.filter((n) => n.host.interfaces.some((i) => i.segmentId === segment.id) && n !== target)
    if (members.length === 0) return { ok: false, message: `${groupName} has no Calico node to peer` }
    const found = selectorFor(
      members,
      nodes.filter((n) => n !== target),
    )
    if (found !== undefined) selector = found
    else {
      selector = `${SEGMENT_LABEL} == ${quoted(groupName)}`
      labels.push(...labelSegment(design, members, groupName))
    }
  } else {
    const parsed = parseSelector(group.selector)
    if (!parsed.ok) return { ok: false, message: `${group.selector}: ${parsed.message}` }
    selector = group.selector
    groupName = 'selected'
    members = nodes.filter((n) => parsed.selector.matches(n.host.labels) && n !== target)
    if (members.length === 0) return { ok: false, message: `${group.selector} picks no Calico node to peer` }
  }
  const label = `Peer ${'segment' in group ? groupName : `nodes matching ${selector}`} with ${target.host.name}`
  if (target.kind === 'router') {
    // The router's address on the group's subnet, when it has one there: the one its nodes reach directly.
    const onSegment = 'segment' in group ? target.host.interfaces.find((i) => i.segmentId === group.segment)?.address : undefined
    const peerIP = onSegment ?? target.ipv4
    const peer = bgpPeer(peerName(design, [groupName, target.host.name]), { nodeSelector: selector, peerIP, asNumber: target.asNumber })
    return { ok: true, command: { type: 'batch', label, commands: [...labels, peer, ...withNeighbors(design, target, members)] } }
  }
  const reflectors = target.routeReflectorClusterId !== undefined ? nodes.filter((n) => n.routeReflectorClusterId === target.routeReflectorClusterId) : [target]
  const peerSelector = selectorFor(reflectors, nodes) ?? selectorFor([target], nodes, true) ?? `kubernetes.io/hostname == ${quoted(target.host.name)}`
  const peer = bgpPeer(peerName(design, [groupName, 'to', target.host.name]), { nodeSelector: selector, peerSelector })
  return { ok: true, command: { type: 'batch', label, commands: [...labels, peer] } }
}
