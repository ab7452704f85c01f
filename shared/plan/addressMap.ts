import type { BlockState, IpamResult } from '../ipam/computeIpam'
import { entityId, type Design, type EntityId } from '../model/design'
import { clusterOf, displayName, hostsOf, resourcesOf, segmentsOf } from '../model/query'
import { comparePrefixes, formatIpPrefix, freeSpace, parseIpAddress, parseIpPrefix, prefixContainsPrefix, prefixFromAddress, prefixSize, type IpFamily, type IpPrefix } from '../net'

/** What a range of the map is. */
export type RangeKind =
  | 'private-space'
  | 'pod-cidr'
  | 'service-cidr'
  | 'subnet'
  | 'service-cluster-ips'
  | 'service-external-ips'
  | 'service-load-balancer-ips'
  | 'pool'
  | 'block'
  | 'reservation'
  | 'host-address'
  | 'gateway'

/** What a free prefix under a range of this kind can become, from the map. */
export type FreeUse = 'pool' | 'segment'

export interface RangeOverlap {
  readonly id: string
  readonly cidr: string
  readonly label: string
}

/** One range of the design, with what it holds, what of it is free and what it overlaps that it should not. */
export interface AddressMapNode {
  /** Unique in the map and stable across edits that keep the range: kind, CIDR and owner. */
  readonly id: string
  readonly kind: RangeKind
  readonly prefix: IpPrefix
  readonly cidr: string
  /** What the range is, named as the design names it: "IPPool external-pool", "worker2". */
  readonly label: string
  /** The resource or host that defines it, for selecting it elsewhere. */
  readonly subject: EntityId | undefined
  /** Blocks: the node they are affine to (Kubernetes name), and its colour in the legend. */
  readonly node: string | undefined
  readonly colour: number | undefined
  readonly block: BlockState | undefined
  readonly size: bigint
  /** Addresses handed out (pods, tunnels, hosts); undefined where the design does not say (service ranges). */
  readonly inUse: bigint | undefined
  /** Addresses covered by the ranges it holds. */
  readonly allocated: bigint
  readonly children: readonly AddressMapNode[]
  /** The largest aligned free prefixes not covered by children ("show available"), lowest first. */
  readonly free: readonly IpPrefix[]
  /** True when `free` was cut short (a large subnet with thousands of hosts). */
  readonly moreFree: boolean
  readonly freeUse: FreeUse | undefined
  /** Ranges this one shares addresses with although neither may hold the other: a conflict. */
  readonly overlaps: readonly RangeOverlap[]
}

export interface LegendEntry {
  readonly node: string
  readonly name: string
  readonly colour: number
}

export interface AddressMap {
  /** Top-level ranges, lowest address first, IPv4 before IPv6. */
  readonly roots: readonly AddressMapNode[]
  readonly families: readonly IpFamily[]
  /** Every Kubernetes node, in design order: its colour index never depends on which blocks exist. */
  readonly legend: readonly LegendEntry[]
}

/** Free prefixes listed per range: past this a subnet of thousands of hosts lists the first ones and says there are more. */
export const FREE_LIMIT = 256

/** Where planned ranges usually come from: when a design's ranges sit in one, its free space is where new subnets go. */
const PRIVATE_SPACES: readonly { cidr: string; label: string }[] = [
  { cidr: '10.0.0.0/8', label: 'private range (RFC 1918)' },
  { cidr: '172.16.0.0/12', label: 'private range (RFC 1918)' },
  { cidr: '192.168.0.0/16', label: 'private range (RFC 1918)' },
  { cidr: '100.64.0.0/10', label: 'shared address space (RFC 6598)' },
  { cidr: 'fc00::/7', label: 'unique local addresses (RFC 4193)' },
]

/** On an equal prefix the range that holds comes first: a pod CIDR before the pool that fills it. */
const RANK: Readonly<Record<RangeKind, number>> = {
  'private-space': 0,
  'pod-cidr': 1,
  'service-cidr': 1,
  subnet: 1,
  'service-cluster-ips': 2,
  'service-external-ips': 2,
  'service-load-balancer-ips': 2,
  pool: 3,
  block: 4,
  reservation: 5,
  'host-address': 6,
  gateway: 7,
}

/**
 * Which ranges may sit inside which: pools in the pod network, blocks in their pool, hosts in
 * their subnet. Any other overlap is a conflict (the pairs shared/validate reports as
 * plan.range-overlap and ippool.overlap), except for reservations, which only say "not these".
 */
const HOLDS: Readonly<Record<RangeKind, readonly RangeKind[]>> = {
  'private-space': ['pod-cidr', 'service-cidr', 'subnet', 'service-cluster-ips', 'service-external-ips', 'service-load-balancer-ips', 'pool', 'reservation', 'host-address', 'gateway'],
  'pod-cidr': ['pool', 'reservation'],
  'service-cidr': ['service-cluster-ips', 'reservation'],
  'service-cluster-ips': ['service-cidr', 'reservation'],
  'service-external-ips': ['pool', 'reservation'],
  'service-load-balancer-ips': ['pool', 'reservation'],
  subnet: ['host-address', 'gateway', 'reservation'],
  pool: ['block', 'reservation'],
  block: ['reservation'],
  reservation: [],
  'host-address': ['gateway'],
  gateway: [],
}

/** Under these, free space is something an architect can hand out from the map. */
const FREE_USE: Partial<Record<RangeKind, FreeUse>> = { 'private-space': 'segment', 'pod-cidr': 'pool' }

/** A range before it is placed in the tree. */
interface Item {
  readonly kind: RangeKind
  readonly prefix: IpPrefix
  readonly label: string
  readonly subject: EntityId | undefined
  readonly node?: string
  readonly pool?: string
  readonly block?: BlockState
}

/** Mutable while the tree is built; handed out as `AddressMapNode`. */
interface Building {
  readonly item: Item
  readonly id: string
  readonly children: Building[]
  readonly overlaps: Building[]
  parent: Building | undefined
}

function parsedPrefix(text: string): IpPrefix | undefined {
  const prefix = parseIpPrefix(text)
  if (prefix.ok) return prefix.value
  const address = parseIpAddress(text)
  return address.ok ? prefixFromAddress(address.value, address.value.family === 4 ? 32 : 128) : undefined
}

/** Every range the design plans or uses, unplaced; text that does not parse is the validator's to report. */
function itemsOf(design: Design, ipam: IpamResult): Item[] {
  const items: Item[] = []
  const add = (kind: RangeKind, text: string, label: string, subject: EntityId | undefined): void => {
    const prefix = parsedPrefix(text)
    if (prefix) items.push({ kind, prefix, label, subject })
  }
  const cluster = clusterOf(design)
  if (cluster) {
    const id = entityId(cluster)
    const label = `Cluster ${cluster.metadata.name}`
    for (const cidr of cluster.spec.podCIDRs ?? []) add('pod-cidr', cidr, label, id)
    for (const cidr of cluster.spec.serviceCIDRs ?? []) add('service-cidr', cidr, label, id)
  }
  const bgp = resourcesOf(design, 'projectcalico.org/v3/BGPConfiguration').find((c) => c.metadata.name === 'default')
  if (bgp) {
    const id = entityId(bgp)
    for (const s of bgp.spec?.serviceClusterIPs ?? []) add('service-cluster-ips', s.cidr, 'BGPConfiguration serviceClusterIPs', id)
    for (const s of bgp.spec?.serviceExternalIPs ?? []) add('service-external-ips', s.cidr, 'BGPConfiguration serviceExternalIPs', id)
    for (const s of bgp.spec?.serviceLoadBalancerIPs ?? []) add('service-load-balancer-ips', s.cidr, 'BGPConfiguration serviceLoadBalancerIPs', id)
  }
  for (const segment of segmentsOf(design)) {
    const name = segment.resource.metadata.name
    for (const prefix of segment.prefixes) items.push({ kind: 'subnet', prefix, label: `Segment ${name}`, subject: segment.id })
    for (const gateway of segment.resource.spec.gateways ?? []) add('gateway', gateway, `gateway of ${name}`, segment.id)
  }
  for (const pool of ipam.pools) items.push({ kind: 'pool', prefix: pool.prefix, label: `IPPool ${pool.name}`, subject: entityId(pool.resource), pool: pool.name })
  const names = new Map(hostsOf(design).map((h) => [h.name, displayName(h)]))
  for (const block of ipam.blocks) {
    const owner = block.affinity === undefined ? 'no node' : (names.get(block.affinity) ?? block.affinity)
    items.push({ kind: 'block', prefix: block.prefix, label: owner, subject: undefined, ...(block.affinity !== undefined ? { node: block.affinity } : {}), pool: block.pool, block: plainBlock(block) })
  }
  // IPReservation is not modelled (IPAM does not honour it yet), but it is part of the plan.
  for (const entry of design.entries) {
    const { resource } = entry
    if (resource.kind !== 'IPReservation' || !resource.apiVersion.startsWith('projectcalico.org/')) continue
    const cidrs = (resource as { spec?: { reservedCIDRs?: unknown } }).spec?.reservedCIDRs
    if (!Array.isArray(cidrs)) continue
    for (const cidr of cidrs) if (typeof cidr === 'string') add('reservation', cidr, `IPReservation ${resource.metadata.name}`, entry.id)
  }
  for (const host of hostsOf(design)) for (const iface of host.interfaces) add('host-address', iface.address, displayName(host), host.id)
  return items
}

function mayHold(parent: Item, child: Item): boolean {
  if (!HOLDS[parent.kind].includes(child.kind)) return false
  // A block belongs to its own pool, never to one it happens to fall in.
  return child.kind !== 'block' || parent.pool === child.pool
}

function compareItems(a: Item, b: Item): number {
  return comparePrefixes(a.prefix, b.prefix) || RANK[a.kind] - RANK[b.kind]
}

function ancestry(node: Building | undefined): Building[] {
  const chain: Building[] = []
  for (let n = node; n; n = n.parent) chain.push(n)
  return chain
}

/**
 * Places every range under the narrowest range that may hold it, in one sweep over the ranges in
 * prefix order (a prefix sorts before everything it contains, so the open ranges on the stack are
 * exactly those containing the current one). A containing range that may not hold it is an
 * overlap, marked on both, unless one of the range's ancestors already overlaps it: a pool
 * overlapping another is one conflict, not one more per block.
 */
function buildTree(items: readonly Item[]): Building[] {
  const sorted = [...items].sort(compareItems)
  const roots: Building[] = []
  const open: Building[] = []
  const ids = new Map<string, number>()
  for (const item of sorted) {
    while (open.length > 0 && !prefixContainsPrefix((open.at(-1) as Building).item.prefix, item.prefix)) open.pop()
    const base = `${item.kind}:${formatIpPrefix(item.prefix)}:${item.pool ?? item.subject ?? item.label}`
    const seen = ids.get(base) ?? 0
    ids.set(base, seen + 1)
    const node: Building = { item, id: seen === 0 ? base : `${base}#${seen + 1}`, children: [], overlaps: [], parent: undefined }
    const parent = [...open].reverse().find((o) => mayHold(o.item, item))
    node.parent = parent
    ;(parent ? parent.children : roots).push(node)
    if (item.kind !== 'reservation') {
      const lineage = ancestry(parent)
      for (const other of open) {
        if (other.item.kind === 'reservation' || other.item.kind === 'private-space' || lineage.includes(other)) continue
        if (lineage.some((a) => a.overlaps.includes(other))) continue
        node.overlaps.push(other)
        other.overlaps.push(node)
      }
    }
    open.push(node)
  }
  return roots
}

/** Private spaces that hold a root range, as roots themselves: their free space is where new subnets go. */
function privateSpaces(items: readonly Item[]): Item[] {
  return PRIVATE_SPACES.flatMap(({ cidr, label }) => {
    const prefix = parsedPrefix(cidr) as IpPrefix
    return items.some((i) => prefixContainsPrefix(prefix, i.prefix)) ? [{ kind: 'private-space' as const, prefix, label, subject: undefined }] : []
  })
}

function finish(node: Building, colours: ReadonlyMap<string, number>): AddressMapNode {
  const { item } = node
  const children = node.children.map((c) => finish(c, colours))
  const size = prefixSize(item.prefix)
  // Blocks list their own free addresses (block.inUse); a free /32 of a block is not a plan.
  const leaf = item.kind === 'block' || item.kind === 'host-address' || item.kind === 'gateway'
  const free = leaf
    ? { prefixes: [], more: false, addresses: item.kind === 'block' ? size : 0n }
    : freeSpace(
        item.prefix,
        children.filter((c) => c.kind !== 'reservation').map((c) => c.prefix),
        FREE_LIMIT,
      )
  return {
    id: node.id,
    kind: item.kind,
    prefix: item.prefix,
    cidr: formatIpPrefix(item.prefix),
    label: item.label,
    subject: item.subject,
    node: item.node,
    colour: item.node === undefined ? undefined : colours.get(item.node),
    block: item.block,
    size,
    inUse: inUseOf(item, children),
    allocated: item.kind === 'block' ? BigInt(item.block?.inUse ?? 0) : size - free.addresses,
    children,
    free: free.prefixes,
    moreFree: free.more,
    freeUse: FREE_USE[item.kind],
    overlaps: node.overlaps.map((o) => ({ id: o.id, cidr: formatIpPrefix(o.item.prefix), label: o.item.label })),
  }
}

function inUseOf(item: Item, children: readonly AddressMapNode[]): bigint | undefined {
  switch (item.kind) {
    case 'block':
      return BigInt(item.block?.inUse ?? 0)
    case 'host-address':
    case 'gateway':
      return 1n
    case 'service-cidr':
    case 'service-cluster-ips':
    case 'service-external-ips':
    case 'service-load-balancer-ips':
    case 'reservation':
      return undefined
    case 'subnet':
      // A gateway on a router's own address sits under that address: one address, counted once.
      return BigInt(children.filter((c) => c.kind === 'host-address' || c.kind === 'gateway').length)
    default:
      return children.reduce((sum, c) => sum + (c.inUse ?? 0n), 0n)
  }
}

/**
 * The design's address space as a tree, like NetBox's prefix hierarchy: cluster, service and
 * subnet ranges at the top (inside the private space they come from), pools in the pod network,
 * each pool's blocks coloured by the node they are affine to, hosts in their subnets, service
 * advertisements and reservations where they fall; each range with its use, its free prefixes,
 * and in red what it overlaps.
 */
export function buildAddressMap(design: Design, ipam: IpamResult): AddressMap {
  const items = itemsOf(design, ipam)
  const all = [...privateSpaces(items), ...items]
  const nodes = hostsOf(design).filter((h) => h.role !== 'router')
  const legend = nodes.map((h, colour): LegendEntry => ({ node: h.name, name: displayName(h), colour }))
  const colours = new Map(legend.map((l) => [l.node, l.colour]))
  const roots = buildTree(all).map((r) => finish(r, colours))
  const families = ([4, 6] as const).filter((f) => roots.some((r) => r.prefix.family === f))
  return { roots, families, legend }
}

/**
 * The ranges drawn each on a ruler of its own: every planned top-level range, then the private
 * spaces they sit in (whose free space is for new subnets). Drawn inside one ruler, a /24 subnet
 * would be a hair on a /8.
 */
export function mapSections(map: AddressMap, family: IpFamily): AddressMapNode[] {
  const roots = map.roots.filter((r) => r.prefix.family === family)
  return [...roots.flatMap((r) => (r.kind === 'private-space' ? r.children : [r])), ...roots.filter((r) => r.kind === 'private-space')]
}

/** One entry of a row of a section: a range, or a free prefix of the range above it. */
export type RowEntry = { readonly type: 'range'; readonly node: AddressMapNode } | { readonly type: 'free'; readonly prefix: IpPrefix; readonly cidr: string; readonly parent: AddressMapNode }

/**
 * A section's rows, like a visual subnet calculator's: row 0 holds what the section's range
 * holds, row n what row n-1's ranges hold, each row with the free prefixes of the row above.
 */
export function sectionRows(section: AddressMapNode): RowEntry[][] {
  const rows: RowEntry[][] = []
  let level: readonly AddressMapNode[] = [section]
  // A private range shows only what sits in it and what is free: its ranges have rulers of their own.
  const depth = section.kind === 'private-space' ? 1 : Infinity
  while (level.length > 0 && rows.length < depth) {
    const row: RowEntry[] = []
    for (const parent of level) {
      for (const node of parent.children) row.push({ type: 'range', node })
      for (const prefix of parent.free) row.push({ type: 'free', prefix, cidr: formatIpPrefix(prefix), parent })
    }
    rows.push(...lanes(row))
    level = level.flatMap((n) => n.children)
  }
  return rows
}

function entryPrefix(entry: RowEntry): IpPrefix {
  return entry.type === 'range' ? entry.node.prefix : entry.prefix
}

/**
 * A level's entries in as few rows as keep any two from sharing addresses (two overlapping pools,
 * and the free space of each, would otherwise be drawn over each other), lowest address first.
 */
function lanes(row: readonly RowEntry[]): RowEntry[][] {
  const sorted = [...row].sort((a, b) => comparePrefixes(entryPrefix(a), entryPrefix(b)))
  const out: { entries: RowEntry[]; end: bigint }[] = []
  for (const entry of sorted) {
    const prefix = entryPrefix(entry)
    const first = typeof prefix.network === 'bigint' ? prefix.network : BigInt(prefix.network)
    const lane = out.find((l) => l.end <= first)
    const end = first + prefixSize(prefix)
    if (lane) {
      lane.entries.push(entry)
      lane.end = end
    } else out.push({ entries: [entry], end })
  }
  return out.map((l) => l.entries)
}

/** Every range in the map, depth first: for finding one by id or CIDR. */
export function allRanges(map: AddressMap): AddressMapNode[] {
  const out: AddressMapNode[] = []
  const visit = (n: AddressMapNode): void => {
    out.push(n)
    n.children.forEach(visit)
  }
  map.roots.forEach(visit)
  return out
}

/**
 * The block as plain data. IPAM's blocks work out their allocations on first read, through getters
 * on their class; the map is sent from the analysis worker to the window, and a structured clone
 * keeps only own data, so without this a block arrived there with no pods and no borrowed count.
 */
function plainBlock(block: BlockState): BlockState {
  const { cidr, prefix, name, pool, size, inUse, affinity, allocations, borrowed } = block
  return { cidr, prefix, name, pool, size, inUse, affinity, allocations, borrowed }
}
