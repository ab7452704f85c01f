import { applyCommand, type Command } from '../commands/commands'
import { entityId, type Design, type EntityId, type OpaqueResource } from '../model/design'
import { PEERLAB_API_VERSION } from '../model/kinds'
import { ALIAS_ANNOTATION, hostsOf, ipPoolsOf, resourcesOf, segmentHolds, segmentsOf } from '../model/query'
import type { CalicoNodeResource, KubernetesNodeResource, ObjectMeta, RouterResource, SegmentResource } from '../model/resources'
import {
  addressAtOffset,
  formatIpAddress,
  formatIpPrefix,
  nextFreePrefix,
  parseIpAddress,
  parseIpPrefix,
  prefixContainsAddress,
  prefixContainsPrefix,
  prefixFirstAddress,
  prefixFromAddress,
  type IpPrefix,
} from '../net'
import { buildTopologyGraph, HOST_SPACING, SEGMENT_SPACING } from '../topology/topologyGraph'
import { indexRanges } from '../validate/ranges'
import { ROW_HEIGHT } from './clearSpot'
import { proposeAddress } from './freeAddress'
import { freshName, renamedForAddress } from './freshName'
import type { Position } from './newEntities'

/**
 * What Copy keeps: the hosts and segments selected, as resources (a node with its Calico Node),
 * and where each was drawn. Pasting works from this alone, so it still works after the originals
 * are deleted or the design is edited.
 */
export interface Clip {
  readonly resources: readonly OpaqueResource[]
  readonly positions: Readonly<Record<EntityId, Position>>
}

export type PasteResult = { readonly ok: true; readonly command: Command; readonly ids: readonly EntityId[]; readonly summary: string } | { readonly ok: false; readonly message: string }

const isKind = (resource: OpaqueResource, apiVersion: string, kind: string): boolean => resource.apiVersion === apiVersion && resource.kind === kind

function layoutPositions(design: Design): Readonly<Record<string, Position>> {
  return resourcesOf(design, 'peerlab.dev/v1alpha1/Layout')[0]?.spec.positions ?? {}
}

/** The selected hosts and segments to copy; undefined when the selection holds neither. */
export function copySelection(design: Design, ids: readonly EntityId[]): Clip | undefined {
  const wanted = new Set(ids)
  const segments = segmentsOf(design).filter((s) => wanted.has(s.id))
  const hosts = hostsOf(design).filter((h) => wanted.has(h.id))
  if (segments.length === 0 && hosts.length === 0) return undefined
  const byId = new Map(design.entries.map((e) => [e.id, e.resource as OpaqueResource]))
  const nodes = buildTopologyGraph(design).nodes
  const placed = layoutPositions(design)
  const positions: Record<EntityId, Position> = {}
  for (const node of nodes) if (wanted.has(node.id) && node.position) positions[node.id] = node.position
  for (const segment of segments) {
    // A segment's box wraps its hosts: one copied without them is put where that box was.
    const members = nodes.flatMap((n) => (n.parent === segment.id && n.position ? [n.position] : []))
    const centre = members.length > 0 ? { x: members.reduce((sum, p) => sum + p.x, 0) / members.length, y: members.reduce((sum, p) => sum + p.y, 0) / members.length } : undefined
    const at = placed[segment.id] ?? centre
    if (at) positions[segment.id] = at
  }
  const resources = [
    ...segments.map((s) => s.resource as unknown as OpaqueResource),
    ...hosts.flatMap((h) => [byId.get(h.id), h.role === 'router' ? undefined : byId.get(`caliconode/${h.name}`)].filter((r): r is OpaqueResource => r !== undefined)),
  ]
  return { resources, positions }
}

/** Where a copied subnet is looked for: the private block it is in (RFC 1918), else the ones around it. */
function searchSpace(prefix: IpPrefix): IpPrefix {
  if (prefix.family === 4) {
    for (const block of ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']) {
      const parsed = parseIpPrefix(block)
      if (parsed.ok && prefixContainsPrefix(parsed.value, prefix)) return parsed.value
    }
  }
  const widen = prefix.family === 4 ? 8 : 16
  return prefixFromAddress(prefixFirstAddress(prefix), Math.max(0, prefix.length - widen))
}

type PrefixPair = readonly [from: IpPrefix, to: IpPrefix]

/** The address at the same place in the copied subnet, so hosts keep their numbering there. */
function movedAddress(pairs: readonly PrefixPair[], address: string): string | undefined {
  const ip = parseIpAddress(address)
  if (!ip.ok) return undefined
  const pair = pairs.find(([from]) => prefixContainsAddress(from, ip.value))
  if (!pair) return undefined
  const offset = BigInt(ip.value.value) - BigInt(prefixFirstAddress(pair[0]).value)
  return formatIpAddress(addressAtOffset(pair[1], offset))
}

/** A copy is a new object: what a cluster stamped on the original is not the copy's. */
function copiedMeta(metadata: ObjectMeta, name: string): ObjectMeta {
  const { uid: _uid, resourceVersion: _version, creationTimestamp: _created, ...rest } = metadata as ObjectMeta & { uid?: unknown; resourceVersion?: unknown; creationTimestamp?: unknown }
  return { ...rest, name }
}

/**
 * The smallest shift, in whole steps, that puts none of the copies on anything drawn: beside the
 * originals for hosts, a segment row down for segments.
 */
export function pasteShift(taken: readonly Position[], points: readonly Position[], withSegments: boolean): Position {
  const step = withSegments ? { x: 0, y: SEGMENT_SPACING } : { x: HOST_SPACING, y: 0 }
  const clear = (p: Position): boolean => !taken.some((t) => Math.abs(t.x - p.x) < HOST_SPACING && Math.abs(t.y - p.y) < ROW_HEIGHT)
  for (let n = 1; n <= 1000; n++) {
    const shift = { x: step.x * n, y: step.y * n }
    if (points.every((p) => clear({ x: p.x + shift.x, y: p.y + shift.y }))) return shift
  }
  return step
}

/**
 * The copies of a clip as one undo step, with fresh names, addresses and subnets: a copied
 * segment gets a free subnet of the same size, and its hosts copied with it the same place in
 * it; a host copied without its segment gets that segment's first free address. A node keeps its
 * labels, taints and BGP settings (its Calico Node); a router its AS, filters and neighbors, those
 * among the copies readdressed. Addresses on no segment, ExternalIPs and pod CIDRs are not copied:
 * they would clash with the originals.
 */
export function pasteClip(design: Design, clip: Clip, verb = 'Paste'): PasteResult {
  let working = design
  const commands: Command[] = []
  const add = (resource: OpaqueResource): void => {
    const command: Command = { type: 'apply', resource }
    commands.push(command)
    working = applyCommand(working, command)
  }
  const namesOf = (apiVersion: string, kind: string): Set<string> => new Set(working.entries.filter((e) => isKind(e.resource as OpaqueResource, apiVersion, kind)).map((e) => e.resource.metadata.name))
  /** Original id to the copy's id, for positions. */
  const copies = new Map<EntityId, EntityId>()
  const summary: string[] = []
  /** How messages name each copy: an alias, or a kind and name. */
  const names: string[] = []
  /** Old address to new, across every copied host, for router neighbors among the copies. */
  const addressMap = new Map<string, string>()

  const segmentCopies = new Map<string, { name: string; pairs: PrefixPair[] }>()
  const used = indexRanges(design, ipPoolsOf(design)).ranges.map((r) => r.prefix)
  for (const resource of clip.resources) {
    if (!isKind(resource, PEERLAB_API_VERSION, 'Segment')) continue
    const segment = resource as unknown as SegmentResource
    const name = freshName(namesOf(PEERLAB_API_VERSION, 'Segment'), segment.metadata.name)
    const pairs: PrefixPair[] = []
    for (const cidr of segment.spec.cidrs) {
      const parsed = parseIpPrefix(cidr)
      if (!parsed.ok) continue
      const fresh = nextFreePrefix(searchSpace(parsed.value), parsed.value.length, used)
      if (!fresh) return { ok: false, message: `No free /${parsed.value.length} near ${cidr} for a copy of segment ${segment.metadata.name}` }
      used.push(fresh)
      pairs.push([parsed.value, fresh])
    }
    if (pairs.length === 0) return { ok: false, message: `Segment ${segment.metadata.name} has no subnet to copy` }
    const gateways = segment.spec.gateways?.flatMap((g) => movedAddress(pairs, g) ?? [])
    const cidrs = pairs.map(([, to]) => formatIpPrefix(to))
    add({ ...segment, metadata: copiedMeta(segment.metadata, name), spec: { ...segment.spec, cidrs, ...(gateways ? { gateways } : {}) } } as unknown as OpaqueResource)
    segmentCopies.set(segment.metadata.name, { name, pairs })
    copies.set(entityId(segment), `segment/${name}`)
    names.push(`segment ${name}`)
    summary.push(`segment ${name} ${cidrs.join(', ')}`)
  }

  /** A copied host's address: the same place on a copied segment, else the first free one on the segment it is on. */
  const readdress = (address: string, segmentName?: string): string | undefined => {
    const copied = segmentName !== undefined ? segmentCopies.get(segmentName) : [...segmentCopies.values()].find((c) => movedAddress(c.pairs, address) !== undefined)
    if (copied) return movedAddress(copied.pairs, address)
    const on = segmentsOf(working).find((s) => (segmentName !== undefined ? s.resource.metadata.name === segmentName : segmentHolds(s, address)))
    return on ? proposeAddress(working, on.id) : undefined
  }
  const aliases = new Set(hostsOf(design).flatMap((h) => (h.alias !== undefined ? [h.alias] : [])))
  const freshAlias = (annotations: Readonly<Record<string, string>> | undefined): Readonly<Record<string, string>> | undefined => {
    const alias = annotations?.[ALIAS_ANNOTATION]
    if (alias === undefined) return annotations
    const next = freshName(aliases, alias)
    aliases.add(next)
    return { ...annotations, [ALIAS_ANNOTATION]: next }
  }
  const calicoNodes = new Map(clip.resources.filter((r) => isKind(r, 'projectcalico.org/v3', 'Node')).map((r) => [r.metadata.name, r as unknown as CalicoNodeResource]))

  for (const resource of clip.resources) {
    if (!isKind(resource, 'v1', 'Node')) continue
    const node = resource as unknown as KubernetesNodeResource
    const old = node.metadata.name
    const mapped = new Map<string, string>()
    for (const a of node.status?.addresses ?? []) {
      const next = a.type === 'InternalIP' ? readdress(a.address) : undefined
      if (next !== undefined) mapped.set(a.address, next)
    }
    const taken = namesOf('v1', 'Node')
    const first = node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address
    const name = renamedForAddress(old, first, first !== undefined ? mapped.get(first) : undefined, taken) ?? freshName(taken, old)
    const labels = node.metadata.labels
    const annotations = freshAlias(node.metadata.annotations)
    const addresses = (node.status?.addresses ?? []).flatMap((a) => {
      if (a.type === 'InternalIP') return mapped.has(a.address) ? [{ ...a, address: mapped.get(a.address) as string }] : []
      if (a.type === 'Hostname') return [{ ...a, address: a.address === old ? name : a.address }]
      return []
    })
    const { podCIDR: _podCIDR, podCIDRs: _podCIDRs, ...spec } = node.spec ?? {}
    const metadata: ObjectMeta = {
      ...copiedMeta(node.metadata, name),
      ...(labels ? { labels: labels['kubernetes.io/hostname'] === old ? { ...labels, 'kubernetes.io/hostname': name } : labels } : {}),
      ...(annotations ? { annotations } : {}),
    }
    add({ ...node, metadata, ...(node.spec ? { spec } : {}), ...(node.status ? { status: { ...node.status, addresses } } : {}) } as unknown as OpaqueResource)
    for (const [from, to] of mapped) addressMap.set(from, to)
    const calico = calicoNodes.get(old)
    if (calico) add(copiedCalicoNode(calico, name, mapped) as unknown as OpaqueResource)
    copies.set(`node/${old}`, `node/${name}`)
    names.push(annotations?.[ALIAS_ANNOTATION] ?? name)
    summary.push(`${annotations?.[ALIAS_ANNOTATION] ?? name} ${[...mapped.values()].join(', ')}`.trim())
  }

  const routers: RouterResource[] = []
  for (const resource of clip.resources) {
    if (!isKind(resource, PEERLAB_API_VERSION, 'Router')) continue
    const router = resource as unknown as RouterResource
    const name = freshName(namesOf(PEERLAB_API_VERSION, 'Router'), router.metadata.name)
    const interfaces = router.spec.interfaces.map((iface) => {
      const copied = iface.segment !== undefined ? segmentCopies.get(iface.segment) : undefined
      const stays = iface.segment !== undefined && segmentsOf(working).some((s) => s.resource.metadata.name === iface.segment)
      const addresses = iface.addresses.flatMap((a) => {
        const next = readdress(a, copied || stays ? iface.segment : undefined)
        if (next !== undefined) addressMap.set(a, next)
        return next ?? []
      })
      const { segment: _segment, ...rest } = iface
      return { ...rest, ...(copied ? { segment: copied.name } : stays ? { segment: iface.segment } : {}), addresses }
    })
    const annotations = freshAlias(router.metadata.annotations)
    const copy: RouterResource = { ...router, metadata: { ...copiedMeta(router.metadata, name), ...(annotations ? { annotations } : {}) }, spec: { ...router.spec, interfaces } }
    add(copy as unknown as OpaqueResource)
    routers.push(copy)
    copies.set(`router/${router.metadata.name}`, `router/${name}`)
    names.push(annotations?.[ALIAS_ANNOTATION] ?? name)
    summary.push(`${annotations?.[ALIAS_ANNOTATION] ?? name} ${interfaces.flatMap((i) => i.addresses).join(', ')}`.trim())
  }
  // Neighbors that are copies too now point at the copies; the rest are kept.
  for (const router of routers) {
    const neighbors = router.spec.neighbors?.map((n) => (addressMap.has(n.address) ? { ...n, address: addressMap.get(n.address) as string } : n))
    if (neighbors?.some((n, i) => n !== router.spec.neighbors?.[i])) add({ ...router, spec: { ...router.spec, neighbors } } as unknown as OpaqueResource)
  }

  if (copies.size === 0) return { ok: false, message: 'Nothing to paste: copy hosts or segments first' }
  const moved = [...copies].flatMap(([from, to]) => (clip.positions[from] ? [[to, clip.positions[from] as Position] as const] : []))
  const taken = [...buildTopologyGraph(design).nodes.flatMap((n) => (n.position ? [n.position] : [])), ...Object.values(layoutPositions(design))]
  const shift = pasteShift(
    taken,
    moved.map(([, p]) => p),
    segmentCopies.size > 0,
  )
  if (moved.length > 0) commands.push({ type: 'move', positions: Object.fromEntries(moved.map(([id, p]) => [id, { x: p.x + shift.x, y: p.y + shift.y }])) })
  const ids = [...copies.values()]
  const label = `${verb} ${ids.length === 1 ? (names[0] as string) : `${ids.length} items`}`
  return { ok: true, ids, summary: summary.join('; '), command: { type: 'batch', label, commands } }
}

/** The Calico Node of a copied node: its BGP addresses follow the node's, dropped when the node's were. */
function copiedCalicoNode(calico: CalicoNodeResource, name: string, mapped: ReadonlyMap<string, string>): CalicoNodeResource {
  const bgp = calico.spec?.bgp
  const follow = (cidr: string | undefined): string | undefined => {
    if (cidr === undefined) return undefined
    const [address, length] = cidr.split('/') as [string, string | undefined]
    const next = mapped.get(address)
    return next === undefined ? undefined : length !== undefined ? `${next}/${length}` : next
  }
  const metadata = copiedMeta(calico.metadata, name)
  if (!bgp) return { ...calico, metadata }
  const { ipv4Address: _v4, ipv6Address: _v6, ...rest } = bgp
  const ipv4Address = follow(bgp.ipv4Address)
  const ipv6Address = follow(bgp.ipv6Address)
  return { ...calico, metadata, spec: { ...calico.spec, bgp: { ...rest, ...(ipv4Address ? { ipv4Address } : {}), ...(ipv6Address ? { ipv6Address } : {}) } } }
}
