import { sessionSet, type SessionSet, type SessionState } from '../bgp/sessions'
import type { BgpSpeaker } from '../bgp/speakers'
import type { BlockState, IpamResult } from '../ipam/computeIpam'
import type { Design, EntityId } from '../model/design'
import type { BGPFilterRule } from '../model/resources'
import { resourcesOf, segmentHolds, segmentsOf } from '../model/query'
import { parseIpAddress, parseIpPrefix, prefixContainsAddress, prefixContainsPrefix, type IpAddress, type IpPrefix } from '../net'
import { filterVerdict } from './prefixFilter'

/** A route in a speaker's BGP table, with where it came from. */
export interface BgpRoute {
  readonly cidr: string
  readonly prefix: IpPrefix
  readonly originator: EntityId
  readonly nextHop: string
  /** `nextHop` parsed, once where the route is made: thousands of routes share a few hundred next hops. */
  readonly nextHopAddress: IpAddress | undefined
  readonly asPath: readonly number[]
  /** The neighbor it was learned from; undefined when this speaker originates it. */
  readonly learnedFrom: EntityId | undefined
  readonly ibgp: boolean
  /** Learned from a route-reflector client of this speaker. */
  readonly fromClient: boolean
  /**
   * `pod`: a local pod's /32, which only a BGPFilter's export rule ahead of calico_aggr lets out (see podRoutesOf).
   * `announced`: a prefix a router originates (its `spec.announce`, such as a ToR's rack subnet).
   */
  readonly kind: 'block' | 'borrowed' | 'pod' | 'service' | 'announced' | 'learned'
  /**
   * The speakers it passed through to get here, originator first and the neighbor it was learned
   * from last (just the originator when it is originated here). The speaker holding it is left
   * out, so that what a reflector sends all its clients is one route, not one per client.
   */
  readonly path: readonly EntityId[]
  /** Cluster IDs of the route reflectors that reflected it (RFC 4456 CLUSTER_LIST), newest first. */
  readonly clusterList: readonly string[]
  /**
   * The neighbor's address, when the holder learned the route over a session with `gateway
   * direct` (a router's, without multihop): BIRD installs it via that address when the next hop
   * is on none of its subnets (proto/bgp/packets.c bgp_set_next_hop, "Fallback").
   */
  readonly directNeighbor: string | undefined
}

export interface RouteChoice {
  readonly best: BgpRoute
  /**
   * Every candidate, best first, each losing one with the comparison step it lost on, and why BIRD
   * would not merge it with the best into one multipath route (undefined when it would).
   */
  readonly candidates: readonly { readonly route: BgpRoute; readonly lostOn: string | undefined; readonly notMerged: string | undefined }[]
  /**
   * The other candidates BIRD may merge with the best into one multipath kernel route, on their
   * BGP attributes; whether their next hops resolve, and equally, is the kernel table's question.
   */
  readonly mergeable: readonly BgpRoute[]
  /** Whether the candidates have more than one next hop between them: only then can merging add a path. */
  readonly nextHopsVary: boolean
}

/** The rule of BGP or of a policy that stopped a route on its way over one session. */
export type RejectionStage =
  /** The sender learned the route from the receiver, and BGP never sends a route back. */
  | 'learned-from'
  /** iBGP split horizon: an iBGP-learned route goes to another iBGP peer only through a reflector. */
  | 'split-horizon'
  /** A BGPFilter's export rules on the BGPPeer behind the session. */
  | 'bgp-filter-export'
  /** Calico's own export filter (pools, disableBGPExport, blocks owned elsewhere). */
  | 'calico-export'
  /** An outside router's export filter. */
  | 'router-export'
  /** eBGP loop prevention: the receiver's AS is already in the AS path. */
  | 'as-path-loop'
  /** A reflector drops a route that carries its own cluster ID. */
  | 'cluster-loop'
  /** The receiver's import filter: a router's, or a BGPFilter's import rules. */
  | 'import-filter'

/** A route that did not arrive somewhere, and why: the answer to "why is it not here". */
export interface RouteRejection {
  readonly at: EntityId
  readonly from: EntityId
  readonly cidr: string
  readonly reason: string
  readonly stage: RejectionStage
  /** The speaker whose rule stopped it: the sender for export rules, the receiver for import rules and loops. */
  readonly stoppedBy: EntityId
}

/** A route received over a session, and the import filter that refused it, if one did. */
export interface ReceivedRoute {
  readonly route: BgpRoute
  /** Undefined when accepted; else what refused it, in words (`filtered by bastion import`). */
  readonly filteredBy: string | undefined
}

/** What crosses one Established session, seen from one of its two speakers. */
export interface SessionExchange {
  /** What this speaker sends the neighbor, as it arrives there (before the neighbor's import filter). */
  readonly advertised: readonly BgpRoute[]
  /** What the neighbor sends this speaker, as it arrives, each with this speaker's import verdict. */
  readonly received: readonly ReceivedRoute[]
}

/** A leaf's table as the table it shares with other leaves (the clients of the same reflectors) and its own few changes to it. */
export interface LeafSharing {
  readonly table: ReadonlyMap<string, RouteChoice>
  /** The prefixes where the leaf's table may differ from the shared one. */
  readonly redo: ReadonlySet<string>
  /** The leaf's choices for those prefixes; a prefix of `redo` missing here is not in its table. */
  readonly choices: ReadonlyMap<string, RouteChoice>
}

export interface BgpRoutes {
  /** A speaker's BGP table (its best route and the candidates per prefix), built when first asked for. */
  tableOf(speaker: EntityId): ReadonlyMap<string, RouteChoice>
  /** How a leaf's table is made of a shared one; undefined for a speaker that shares none. `tableOf` is the shared table with the changes made. */
  sharingOf(speaker: EntityId): LeafSharing | undefined
  /** Every table leaves share, built with the routes. */
  readonly sharedTables: readonly ReadonlyMap<string, RouteChoice>[]
  /**
   * Why `cidr` does not arrive at `at` from each neighbor that has it: the filter, session or rule
   * that stops it. Worked out when asked, from the same decision propagation used.
   */
  whyNot(at: EntityId, cidr: string): RouteRejection[]
  /**
   * The routes advertised and received over the Established session between `at` and `neighbor`;
   * undefined when there is no such session. Worked out when asked, by the same rules as propagation.
   */
  exchange(at: EntityId, neighbor: EntityId): SessionExchange | undefined
}

const NOT_SENT = 'not sent'

/** A stop as "why not" reports it; propagation gets the bare NOT_SENT and builds nothing. */
interface Stop {
  readonly stage: RejectionStage
  readonly stoppedBy: EntityId
  readonly reason: string
}

/**
 * How a refusal is told: quietly for propagation, as a Stop for "why not". `sender` is given when
 * the sender's own rule stops the route, and the sentence then says so; it is built only when
 * asked for, as propagation refuses millions of offers in a large mesh.
 */
type Refuse<R> = (stage: RejectionStage, by: BgpSpeaker, reason: string, sender?: BgpSpeaker) => R

const refuseQuietly: Refuse<string> = () => NOT_SENT
const refuseWithReason: Refuse<Stop> = (stage, by, reason, sender) => ({ stage, stoppedBy: by.id, reason: sender ? `${sender.host.name} does not send it: ${reason}` : reason })

interface PoolInfo {
  readonly name: string
  readonly prefix: IpPrefix
  readonly disableExport: boolean
}

/** What ranking routes needs beyond the routes: the speakers, and how the holder reaches each next hop. */
interface Ranking {
  readonly speakerOf: (id: EntityId) => BgpSpeaker | undefined
  /** BIRD's IGP metric of the route's next hop at the holder; Infinity when it does not resolve. */
  readonly igpOf: (route: BgpRoute) => number
}

/** BIRD's IGP metric of a next hop resolved through a route that carries none (nest/route.h IGP_METRIC_UNKNOWN). */
const IGP_METRIC_UNKNOWN = 0x80000000

/**
 * The BGP decision process as one comparator of named steps, in BIRD 1.6's order (nest/rt-table.c
 * rte_better, proto/bgp/attrs.c bgp_rte_better in projectcalico/bird): a locally originated route
 * first (BIRD's static preference 200 over BGP's 100), a next hop that resolves, the shorter AS
 * path, eBGP over iBGP, the lower IGP metric of the next hop, and the lower router ID of the
 * neighbor as the final tie-break. Local preference, origin and MED are equal for every route
 * Calico exchanges, so they never decide.
 */
const BEST_PATH_STEPS: readonly (readonly [string, (a: BgpRoute, b: BgpRoute, ranking: Ranking) => number])[] = [
  ['originated here', (a, b) => Number(a.learnedFrom !== undefined) - Number(b.learnedFrom !== undefined)],
  ['a next hop that resolves', (a, b, ranking) => Number(ranking.igpOf(a) === Infinity) - Number(ranking.igpOf(b) === Infinity)],
  ['shorter AS path', (a, b) => a.asPath.length - b.asPath.length],
  ['eBGP over iBGP', (a, b) => Number(a.ibgp) - Number(b.ibgp)],
  ['lower IGP metric (next hop on a connected subnet)', (a, b, ranking) => Math.sign(ranking.igpOf(a) - ranking.igpOf(b)) || 0],
  ['lower router ID', (a, b, { speakerOf }) => addressValue(speakerOf(a.learnedFrom ?? '')?.ipv4) - addressValue(speakerOf(b.learnedFrom ?? '')?.ipv4)],
]

const addressValues = new Map<string, number>()

/** Router IDs compare as numbers; they are few, and compared constantly, so each is parsed once. */
function addressValue(text: string | undefined): number {
  if (text === undefined) return Number.MAX_SAFE_INTEGER
  const known = addressValues.get(text)
  if (known !== undefined) return known
  const value = parseAddressValue(text)
  addressValues.set(text, value)
  return value
}

function addressOf(text: string): IpAddress | undefined {
  const parsed = parseIpAddress(text)
  return parsed.ok ? parsed.value : undefined
}

function parseAddressValue(text: string | undefined): number {
  const parsed = text === undefined ? undefined : parseIpAddress(text)
  return parsed?.ok && parsed.value.family === 4 ? parsed.value.value : Number.MAX_SAFE_INTEGER
}

function compareRoutes(a: BgpRoute, b: BgpRoute, ranking: Ranking): number {
  for (const [, compare] of BEST_PATH_STEPS) {
    const order = compare(a, b, ranking)
    if (order !== 0) return order
  }
  return 0
}

/**
 * When BIRD 1.6 merges another route into the best one's multipath kernel route (nest/rt-table.c
 * `rte_mergable`, proto/bgp/attrs.c `bgp_rte_mergable` in projectcalico/bird): both from BGP with
 * the same preference, equal local preference, AS-path length, origin and MED, both internal or
 * both external, equal IGP metric. Nothing here sets local preference, origin or MED, so those
 * never differ; the IGP metric depends on how the next hop resolves, checked in kernelRoutes.ts.
 * Each rule is named by what separates the two routes.
 */
const MERGE_RULES: readonly (readonly [string, (best: BgpRoute, other: BgpRoute) => boolean])[] = [
  ['the best route is originated here (static, preference 200), not learned by BGP', (best) => best.learnedFrom !== undefined],
  ['it is originated here (static, preference 200), not learned by BGP', (_, other) => other.learnedFrom !== undefined],
  ['its AS path has a different length', (best, other) => best.asPath.length === other.asPath.length],
  ['one path is iBGP and the other eBGP', (best, other) => best.ibgp === other.ibgp],
]

function notMergedBecause(owner: BgpSpeaker | undefined, best: BgpRoute, other: BgpRoute): string | undefined {
  if (owner !== undefined && !owner.mergesPaths) return `${owner.host.name} does not merge paths (merge paths off)`
  return MERGE_RULES.find(([, mergable]) => !mergable(best, other))?.[0]
}

const NONE: readonly BgpRoute[] = []

/** How many leaf tables are kept once built: enough for a view that flips between a few hosts. */
const KEPT_LEAF_TABLES = 16

/**
 * The best route by one linear scan; the ranked candidates, each with the step it lost on, and the
 * routes merged with the best are worked out only when someone looks (a table of thousands of
 * prefixes is mostly read for its best).
 */
class Choice implements RouteChoice {
  readonly best: BgpRoute
  readonly nextHopsVary: boolean
  private ranked: RouteChoice['candidates'] | undefined
  private merging: readonly BgpRoute[] | undefined

  constructor(
    private readonly routes: readonly BgpRoute[],
    private readonly ranking: Ranking,
    private readonly owner: BgpSpeaker | undefined,
  ) {
    let best = routes[0] as BgpRoute
    let vary = false
    for (let i = 1; i < routes.length; i++) {
      const route = routes[i] as BgpRoute
      if (route.nextHop !== best.nextHop) vary = true
      if (compareRoutes(route, best, ranking) < 0) best = route
    }
    this.best = best
    this.nextHopsVary = vary
    if (routes.length === 1) this.merging = NONE
  }

  get candidates(): RouteChoice['candidates'] {
    const { best, ranking, owner } = this
    this.ranked ??= [...this.routes]
      .sort((a, b) => compareRoutes(a, b, ranking))
      .map((route, i) => ({
        route,
        lostOn: i === 0 ? undefined : (BEST_PATH_STEPS.find(([, compare]) => compare(best, route, ranking) < 0)?.[0] ?? 'equal'),
        notMerged: i === 0 ? undefined : notMergedBecause(owner, best, route),
      }))
    return this.ranked
  }

  get mergeable(): readonly BgpRoute[] {
    this.merging ??= this.routes.filter((route) => route !== this.best && notMergedBecause(this.owner, this.best, route) === undefined)
    return this.merging
  }
}

/** What each Calico node originates (calico.md §5.2): its affine blocks (not /32 ones), and a /32 for each pod it hosts in another node's block (§2.8). */
interface Originated {
  readonly blocks: BlockState[]
  readonly borrowed: string[]
}

/**
 * What each Calico node originates (calico.md §5.2), in one pass over the blocks: its affine
 * blocks (not /32 ones), and a /32 for each pod it hosts in another node's block (§2.8).
 */
function originatedByNode(ipam: IpamResult): Map<string, Originated> {
  const byNode = new Map<string, Originated>()
  const entry = (node: string): Originated => {
    let found = byNode.get(node)
    if (!found) byNode.set(node, (found = { blocks: [], borrowed: [] }))
    return found
  }
  for (const block of ipam.blocks) {
    if (block.affinity !== undefined && !block.cidr.endsWith('/32') && !block.cidr.endsWith('/128')) entry(block.affinity).blocks.push(block)
    // Only blocks shared with another node hold borrowed addresses: skip spelling out the rest.
    if (block.borrowed === 0) continue
    for (const allocation of block.allocations) if (allocation.borrowed) entry(allocation.node).borrowed.push(`${allocation.address}/${allocation.address.includes(':') ? 128 : 32}`)
  }
  return byNode
}

/** Nodes with this label advertise no service ranges (calico.md §5.6). */
const EXCLUDE_FROM_LOAD_BALANCERS = 'node.kubernetes.io/exclude-from-external-load-balancers'

/** The service ranges the default BGPConfiguration asks every node to advertise (calico.md §5.6). */
export function advertisedServiceRanges(design: Design): string[] {
  const spec = resourcesOf(design, 'projectcalico.org/v3/BGPConfiguration').find((c) => c.metadata.name === 'default')?.spec
  const cidrs = [...(spec?.serviceClusterIPs ?? []), ...(spec?.serviceExternalIPs ?? []), ...(spec?.serviceLoadBalancerIPs ?? [])].map((s) => s.cidr)
  // Single addresses are advertised per service, not as ranges.
  return cidrs.filter((cidr) => !cidr.endsWith('/32') && !cidr.endsWith('/128'))
}

/**
 * The /32 (/128) of every running pod in a node's own blocks, for the nodes whose bird.cfg could
 * let one out: BIRD's kernel protocol learns each pod route Felix programs (`learn`), and
 * calico_aggr rejects them all unless a BGPFilter's export rules, which the inline export filter
 * runs first (shared/export/birdConfig.ts), accept one. Other nodes need none, so none are made.
 */
function podRoutesOf(design: Design, ipam: IpamResult, speakers: readonly BgpSpeaker[], sessions: readonly SessionState[], byNode: ReadonlyMap<string, Originated>): Map<string, string[]> {
  const filters = new Map(resourcesOf(design, 'projectcalico.org/v3/BGPFilter').map((f) => [f.metadata.name, f.spec]))
  const exportsSome = new Set(
    resourcesOf(design, 'projectcalico.org/v3/BGPPeer')
      .filter((p) => (p.spec.filters ?? []).some((name) => (filters.get(name)?.exportV4?.length ?? 0) + (filters.get(name)?.exportV6?.length ?? 0) > 0))
      .map((p) => `bgppeer/${p.metadata.name}`),
  )
  const byNodeName = new Map<string, string[]>()
  if (exportsSome.size === 0) return byNodeName
  const nodes = new Set(sessions.filter((s) => s.source !== undefined && exportsSome.has(s.source)).map((s) => s.speaker))
  for (const speaker of speakers) {
    if (!nodes.has(speaker.id)) continue
    const borrowed = new Set(byNode.get(speaker.host.name)?.borrowed ?? [])
    const own = speaker.host.interfaces.map((i) => i.address)
    const routes = ipam.pods
      .filter((p) => p.node === speaker.host.name && p.phase === 'Running')
      .flatMap((p) => p.ips.filter((ip) => !own.includes(ip)).map((ip) => `${ip}/${ip.includes(':') ? 128 : 32}`))
      .filter((cidr) => !borrowed.has(cidr))
    byNodeName.set(speaker.host.name, routes)
  }
  return byNodeName
}

function originated(speaker: BgpSpeaker, byNode: ReadonlyMap<string, Originated>, services: readonly string[] = [], pods: ReadonlyMap<string, readonly string[]> = new Map()): BgpRoute[] {
  if (speaker.kind !== 'calico' || speaker.ipv4 === undefined) return []
  const nextHopAddress = addressOf(speaker.ipv4)
  // Plain loops and one path for all: thousands of speakers each originate a few routes.
  const path = [speaker.id]
  const routes: BgpRoute[] = []
  const own = byNode.get(speaker.host.name)
  for (const block of own?.blocks ?? []) pushOriginated(routes, speaker, block.cidr, block.prefix, 'block', nextHopAddress, path)
  for (const cidr of own?.borrowed ?? []) pushOriginated(routes, speaker, cidr, undefined, 'borrowed', nextHopAddress, path)
  for (const cidr of pods.get(speaker.host.name) ?? []) pushOriginated(routes, speaker, cidr, undefined, 'pod', nextHopAddress, path)
  if (!(EXCLUDE_FROM_LOAD_BALANCERS in speaker.host.labels)) for (const cidr of services) pushOriginated(routes, speaker, cidr, undefined, 'service', nextHopAddress, path)
  return routes
}

/**
 * What a router originates: the prefixes of its `spec.announce` (BIRD's static protocol, FRR's
 * `network`), with its own address as next hop, which every session replaces with its local end.
 */
function announcedBy(speaker: BgpSpeaker, announce: readonly string[] | undefined): BgpRoute[] {
  if (speaker.kind !== 'router' || speaker.ipv4 === undefined || announce === undefined) return []
  const routes: BgpRoute[] = []
  for (const cidr of new Set(announce)) pushOriginated(routes, speaker, cidr, undefined, 'announced', addressOf(speaker.ipv4), [speaker.id])
  return routes
}

const NO_NUMBERS: readonly number[] = []
const NO_STRINGS: readonly string[] = []

/** `prefix` is `cidr` parsed when the caller has it (a block's), else it is parsed here. */
function pushOriginated(
  routes: BgpRoute[],
  speaker: BgpSpeaker,
  cidr: string,
  known: IpPrefix | undefined,
  kind: BgpRoute['kind'],
  nextHopAddress: IpAddress | undefined,
  path: readonly EntityId[],
): void {
  const parsed = known !== undefined ? { ok: true as const, value: known } : parseIpPrefix(cidr)
  if (parsed.ok)
    routes.push({
      cidr,
      prefix: parsed.value,
      originator: speaker.id,
      nextHop: speaker.ipv4 as string,
      nextHopAddress,
      asPath: NO_NUMBERS,
      learnedFrom: undefined,
      ibgp: false,
      fromClient: false,
      kind,
      path,
      clusterList: NO_STRINGS,
      directNeighbor: undefined,
    })
}

/** Calico's export filter (calico.md §5.3) for a route a node sends to a peer. */
function calicoExportVerdict(speaker: BgpSpeaker, route: BgpRoute, pools: readonly PoolInfo[], ownBlocks: readonly IpPrefix[]): string | undefined {
  const unexported = pools.find((p) => p.disableExport && prefixContainsPrefix(p.prefix, route.prefix))
  if (unexported) return `pool ${unexported.name} has disableBGPExport`
  if (ownBlocks.some((b) => b.network === route.prefix.network && b.length === route.prefix.length)) return undefined
  if (ownBlocks.some((b) => prefixContainsPrefix(b, route.prefix))) return `more specific than a block ${speaker.host.name} owns`
  if (pools.some((p) => prefixContainsPrefix(p.prefix, route.prefix))) return undefined
  return "outside every IP pool (Calico's export filter rejects it)"
}

/**
 * Propagates routes over the Established sessions until nothing changes: originated blocks and
 * borrowed /32s, Calico's export filter, BGPFilters and routers' prefix filters, iBGP split
 * horizon and route reflection, AS-path prepending and loop prevention, next-hop rules
 * (calico.md §5.3–5.4), best-path selection. Every route keeps its path; every route that
 * stops somewhere says why.
 */
export function computeBgpRoutes(design: Design, ipam: IpamResult, speakers: readonly BgpSpeaker[], given: readonly SessionState[] | SessionSet): BgpRoutes {
  const set = 'explicit' in given ? given : sessionSet(given, undefined)
  // A full mesh kept as a group is Established throughout: its links are made per receiver, when asked for.
  const mesh = set.mesh
  const sessions = set.explicit
  const byId = new Map(speakers.map((s) => [s.id, s]))
  const speakerOf = (id: EntityId): BgpSpeaker | undefined => byId.get(id)
  const pools: PoolInfo[] = ipam.pools.map((p) => ({ name: p.name, prefix: p.prefix, disableExport: p.resource.spec.disableBGPExport === true }))
  const filters = new Map(resourcesOf(design, 'projectcalico.org/v3/BGPFilter').map((f) => [f.metadata.name, f.spec]))
  const peers = new Map(resourcesOf(design, 'projectcalico.org/v3/BGPPeer').map((p) => [`bgppeer/${p.metadata.name}`, p.spec]))
  const routers = new Map(resourcesOf(design, 'peerlab.dev/v1alpha1/Router').map((r) => [`router/${r.metadata.name}`, r.spec]))
  const blocksByNode = new Map<string, IpPrefix[]>()
  for (const block of ipam.blocks) {
    if (block.affinity === undefined) continue
    const list = blocksByNode.get(block.affinity)
    if (list) list.push(block.prefix)
    else blocksByNode.set(block.affinity, [block.prefix])
  }
  const ownBlocks = new Map(speakers.map((s) => [s.id, blocksByNode.get(s.host.name) ?? []]))
  const byNode = originatedByNode(ipam)
  const services = advertisedServiceRanges(design)
  const serviceSet = new Set(services)
  const pods = podRoutesOf(design, ipam, speakers, sessions, byNode)
  const origin = new Map(speakers.map((s) => [s.id, s.kind === 'router' ? announcedBy(s, routers.get(s.id)?.announce) : originated(s, byNode, services, pods)]))
  const up = sessions.filter((s) => s.state === 'up' && s.remote !== undefined)
  // The other end's configuration of each session, found once: by speaker and the address it
  // peers with (two levels, not a joined string: there are tens of thousands of sessions).
  const sessionAt = new Map<EntityId, Map<string, SessionState>>()
  for (const s of up) {
    const bySpeaker = sessionAt.get(s.speaker)
    if (bySpeaker) bySpeaker.set(s.peerAddress, s)
    else sessionAt.set(s.speaker, new Map([[s.peerAddress, s]]))
  }
  const backOf = (session: SessionState, remote: EntityId): SessionState | undefined => {
    const atRemote = sessionAt.get(remote)
    // The remote peers with the address our end of the connection has.
    const matched = session.localAddress !== undefined ? atRemote?.get(session.localAddress) : undefined
    if (matched) return matched
    for (const address of speakerOf(session.speaker)?.addresses ?? []) {
      const back = atRemote?.get(address)
      if (back) return back
    }
    return undefined
  }
  const tables = new Map<EntityId, Map<string, RouteChoice>>()
  const rankings = new Map<EntityId | undefined, Ranking>()
  const rankingOf = (owner: BgpSpeaker | undefined): Ranking => {
    let ranking = rankings.get(owner?.id)
    if (!ranking) rankings.set(owner?.id, (ranking = { speakerOf, igpOf: igpMetrics(design, owner) }))
    return ranking
  }
  // A speaker that puts itself as next hop does so on every route it sends: its address is parsed once.
  const selfAddresses = new Map<string, IpAddress | undefined>()
  const selfAddressOf = (text: string): IpAddress | undefined => {
    if (!selfAddresses.has(text)) selfAddresses.set(text, addressOf(text))
    return selfAddresses.get(text)
  }

  // The BGPFilter rules of the BGPPeer behind a session, gathered once per BGPPeer (not per
  // session: one BGPPeer makes thousands): they are consulted for every route it carries.
  const rulesOf = new Map<EntityId | undefined, Readonly<Record<'exportV4' | 'exportV6' | 'importV4' | 'importV6', readonly BGPFilterRule[]>>>()
  const bgpFilterRules = (session: SessionState, direction: 'export' | 'import', family: 4 | 6): readonly BGPFilterRule[] => {
    let rules = rulesOf.get(session.source)
    if (!rules) {
      const specs = (session.source ? (peers.get(session.source)?.filters ?? []) : []).map((name) => filters.get(name))
      const gather = (key: 'exportV4' | 'exportV6' | 'importV4' | 'importV6'): BGPFilterRule[] => specs.flatMap((spec) => spec?.[key] ?? [])
      rules = { exportV4: gather('exportV4'), exportV6: gather('exportV6'), importV4: gather('importV4'), importV6: gather('importV6') }
      rulesOf.set(session.source, rules)
    }
    return direction === 'export' ? (family === 4 ? rules.exportV4 : rules.exportV6) : family === 4 ? rules.importV4 : rules.importV6
  }

  /**
   * What the receiver gets when the sender considers sending its best route over a session: the
   * route as it arrives, or what `refuse` makes of the rule that stops it. One function, so that
   * propagation and "why is this route not here" can never disagree. Without `checkImport` the
   * receiver's import filter is left out: the route as it arrives, before the receiver judges it.
   */
  const offer = <R>(session: SessionState, back: SessionState, sender: BgpSpeaker, receiver: BgpSpeaker, best: BgpRoute, refuse: Refuse<R>, checkImport = true): BgpRoute | R =>
    best.learnedFrom === receiver.id
      ? refuse('learned-from', sender, `it learned the route from ${receiver.host.name}`, sender)
      : offerToPeer(session, back, sender, receiver, best, refuse, checkImport)

  /** `offer` for a receiver the route did not come from: nothing below depends on which receiver it is beyond its AS, cluster ID and kind, the sessions' policies and, for a router sender, its subnet. */
  const offerToPeer = <R>(session: SessionState, back: SessionState, sender: BgpSpeaker, receiver: BgpSpeaker, best: BgpRoute, refuse: Refuse<R>, checkImport = true): BgpRoute | R => {
    const ibgp = sender.asNumber === receiver.asNumber
    // iBGP split horizon (RFC 4456): an iBGP-learned route goes to another iBGP peer only through a
    // reflector. Checked first: in a mesh it stops almost every offer.
    if (ibgp && best.learnedFrom !== undefined && best.ibgp && !session.rrClient && !best.fromClient) return refuse('split-horizon', sender, 'not reflected: iBGP split horizon', sender)
    const family = best.prefix.family
    const peerFilter = filterVerdict(bgpFilterRules(session, 'export', family), best.prefix)
    if (peerFilter === 'reject') return refuse('bgp-filter-export', sender, `rejected by ${bgpFilterNames(session)} on the peering`, sender)
    if (sender.kind === 'calico' && peerFilter === undefined) {
      // Rule 6 of the export filter: advertised service ranges go out (calico.md §5.3).
      const verdict = serviceSet.has(best.cidr) ? undefined : calicoExportVerdict(sender, best, pools, ownBlocks.get(sender.id) ?? [])
      if (verdict !== undefined) return refuse('calico-export', sender, verdict, sender)
    }
    if (sender.kind === 'router' && filterVerdict(routers.get(sender.id)?.exportFilter, best.prefix) === 'reject')
      return refuse('router-export', sender, `filtered by ${sender.host.name} export`, sender)
    if (!ibgp && best.asPath.includes(receiver.asNumber)) return refuse('as-path-loop', receiver, `AS ${receiver.asNumber} is already in the AS path`, sender)
    // A reflector adds its cluster ID when it reflects; a reflector of that cluster drops the route (RFC 4456 §8).
    const reflecting = ibgp && best.learnedFrom !== undefined && best.ibgp && sender.routeReflectorClusterId !== undefined
    const clusterList = reflecting ? [sender.routeReflectorClusterId as string, ...best.clusterList] : best.clusterList
    if (receiver.routeReflectorClusterId !== undefined && clusterList.includes(receiver.routeReflectorClusterId)) {
      return refuse('cluster-loop', receiver, `${receiver.host.name} drops it: its cluster ID ${receiver.routeReflectorClusterId} is in the cluster list (reflection loop)`)
    }
    if (checkImport) {
      const rejectedBy = importFilterRejection(back, receiver, best.prefix)
      if (rejectedBy !== undefined) return refuse('import-filter', receiver, rejectedBy)
    }
    const nextHop = advertisedNextHop(design, session, sender, receiver, best, ibgp)
    const nextHopAddress = nextHop === best.nextHop ? best.nextHopAddress : selfAddressOf(nextHop)
    const path = best.learnedFrom === undefined ? best.path : [...best.path, sender.id]
    const directNeighbor = receiver.kind === 'router' && !back.multihop ? back.peerAddress : undefined
    return {
      ...best,
      nextHop,
      nextHopAddress,
      asPath: ibgp ? best.asPath : [sender.asNumber, ...best.asPath],
      learnedFrom: sender.id,
      ibgp,
      fromClient: back.rrClient,
      kind: 'learned',
      path,
      clusterList,
      directNeighbor,
    }
  }

  /** The BGPFilters on the BGPPeer behind a session, as a sentence names them. */
  const bgpFilterNames = (session: SessionState): string => {
    const names = session.source ? (peers.get(session.source)?.filters ?? []) : []
    return names.length === 1 ? `BGPFilter ${names[0]}` : `BGPFilters ${names.join(', ')}`
  }

  /** Why the receiver's import filter refuses a prefix (`back` is the receiver's side of the session); undefined when it accepts. */
  const importFilterRejection = (back: SessionState, receiver: BgpSpeaker, prefix: IpPrefix): string | undefined => {
    const rules = receiver.kind === 'router' ? routers.get(receiver.id)?.importFilter : bgpFilterRules(back, 'import', prefix.family)
    if (filterVerdict(rules, prefix) !== 'reject') return undefined
    return receiver.kind === 'router' ? `filtered by ${receiver.host.name} import` : `filtered by ${receiver.host.name} import (${bgpFilterNames(back)})`
  }

  type Link = { readonly session: SessionState; readonly back: SessionState; readonly sender: BgpSpeaker; readonly receiver: BgpSpeaker }
  // Each link with the place of its session among the sessions outside the mesh: a receiver's
  // links come in the order of the sessions carrying them, the mesh's among them (see linksToOf).
  const links: Link[] = []
  const linkIndex = new Map<Link, number>()
  const sessionIndex = new Map(sessions.map((session, i) => [session, i]))
  for (const session of up) {
    const sender = speakerOf(session.speaker)
    const receiver = speakerOf(session.remote as EntityId)
    const back = backOf(session, session.remote as EntityId)
    if (!sender || !receiver || !back) continue
    const link = { session, back, sender, receiver }
    links.push(link)
    linkIndex.set(link, sessionIndex.get(session) ?? 0)
  }
  const meshLink = (sender: BgpSpeaker, receiver: BgpSpeaker): Link => ({
    session: (mesh as NonNullable<typeof mesh>).session(sender, receiver),
    back: (mesh as NonNullable<typeof mesh>).session(receiver, sender),
    sender,
    receiver,
  })

  // Event-driven propagation: a speaker whose best route for a prefix changed offers that one
  // route over its sessions; nothing else is re-examined. Each speaker keeps, per prefix, the
  // route each neighbor sent (adj-RIB-in) and its best choice (loc-RIB).
  // A leaf can never pass a learned route on: every session of it is iBGP and none makes it a
  // reflector, so split horizon stops whatever it learns. Nobody's routes depend on a leaf's
  // table, so leaves take no part in propagation and their tables are built when asked for.
  // In a full mesh every node is a leaf; with reflectors every client is. A mesh kept as a group
  // is iBGP without reflection throughout, so it makes nobody pass routes on.
  const passesOn = new Set<EntityId>()
  for (const session of up) {
    const local = speakerOf(session.speaker)
    if (session.rrClient || speakerOf(session.remote as EntityId)?.asNumber !== local?.asNumber) passesOn.add(session.speaker)
  }
  const leaves = new Set(speakers.filter((s) => s.kind === 'calico' && !passesOn.has(s.id)).map((s) => s.id))
  const linksFrom = new Map<EntityId, Link[]>()
  const explicitTo = new Map<EntityId, Link[]>()
  // A member's mesh sessions come before its others, by the receiver's name.
  const passingMembers = mesh ? mesh.members.filter((m) => !leaves.has(m.id)) : []
  if (mesh && passingMembers.length > 0)
    for (const sender of mesh.members)
      linksFrom.set(
        sender.id,
        passingMembers.flatMap((receiver) => (receiver === sender ? [] : [meshLink(sender, receiver)])),
      )
  for (const link of links) {
    if (!leaves.has(link.receiver.id)) {
      const list = linksFrom.get(link.sender.id)
      if (list) list.push(link)
      else linksFrom.set(link.sender.id, [link])
    }
    const incoming = explicitTo.get(link.receiver.id)
    if (incoming) incoming.push(link)
    else explicitTo.set(link.receiver.id, [link])
  }
  /** The links into a speaker, in the order of the sessions carrying them; a mesh member's are made when asked for, and the last few kept. */
  const meshLinksTo = new Map<EntityId, readonly Link[]>()
  const linksToOf = (id: EntityId): readonly Link[] => {
    const explicit = explicitTo.get(id) ?? []
    if (!mesh || !mesh.has(id)) return explicit
    const known = meshLinksTo.get(id)
    if (known) return known
    const receiver = speakerOf(id) as BgpSpeaker
    const merged: Link[] = []
    let next = 0
    for (const link of explicit) {
      const index = linkIndex.get(link) ?? 0
      for (; next < mesh.at.length && (mesh.at[next] as { index: number }).index <= index; next++) {
        const sender = (mesh.at[next] as { node: BgpSpeaker }).node
        if (sender !== receiver) merged.push(meshLink(sender, receiver))
      }
      merged.push(link)
    }
    for (; next < mesh.at.length; next++) {
      const sender = (mesh.at[next] as { node: BgpSpeaker }).node
      if (sender !== receiver) merged.push(meshLink(sender, receiver))
    }
    if (meshLinksTo.size >= KEPT_LEAF_TABLES) meshLinksTo.delete(meshLinksTo.keys().next().value as EntityId)
    meshLinksTo.set(id, merged)
    return merged
  }
  const adjIn = new Map<EntityId, Map<string, Map<EntityId, BgpRoute>>>(speakers.map((s) => [s.id, new Map()]))
  const originByCidr = new Map(speakers.map((s) => [s.id, new Map((origin.get(s.id) ?? []).map((r) => [r.cidr, r]))]))
  for (const speaker of speakers) tables.set(speaker.id, new Map())
  // Two parallel lists, not a pair per entry: tens of thousands of entries at thousands of nodes.
  const queuedSpeakers: EntityId[] = []
  const queuedCidrs: string[] = []

  /** Re-chooses one prefix at one speaker; queues the speaker when its best route for it changed. */
  const reconsider = (speakerId: EntityId, cidr: string): void => {
    const candidates: BgpRoute[] = []
    const own = originByCidr.get(speakerId)?.get(cidr)
    if (own) candidates.push(own)
    for (const route of adjIn.get(speakerId)?.get(cidr)?.values() ?? []) candidates.push(route)
    const table = tables.get(speakerId) as Map<string, RouteChoice>
    const before = table.get(cidr)?.best
    if (candidates.length === 0) table.delete(cidr)
    else table.set(cidr, new Choice(candidates, rankingOf(speakerOf(speakerId)), speakerOf(speakerId)))
    if (!sameRoute(before, table.get(cidr)?.best)) {
      queuedSpeakers.push(speakerId)
      queuedCidrs.push(cidr)
    }
  }

  for (const speaker of speakers) for (const cidr of originByCidr.get(speaker.id)?.keys() ?? []) reconsider(speaker.id, cidr)
  // Bounded like BGP itself: policies here are monotone, so this ends; the cap only guards a broken invariant.
  let budget = 50_000_000
  let head = 0
  while (head < queuedSpeakers.length && budget-- > 0) {
    const senderId = queuedSpeakers[head] as EntityId
    const cidr = queuedCidrs[head++] as string
    const best = tables.get(senderId)?.get(cidr)?.best
    for (const { session, back, sender, receiver } of linksFrom.get(senderId) ?? []) {
      const arriving = best ? offer(session, back, sender, receiver, best, refuseQuietly) : NOT_SENT
      const byCidr = adjIn.get(receiver.id) as Map<string, Map<EntityId, BgpRoute>>
      const fromSenders = byCidr.get(cidr)
      const current = fromSenders?.get(sender.id)
      if (typeof arriving === 'string') {
        if (!current) continue
        fromSenders?.delete(sender.id)
      } else {
        if (sameRoute(current, arriving)) continue
        if (fromSenders) fromSenders.set(sender.id, arriving)
        else byCidr.set(cidr, new Map([[sender.id, arriving]]))
      }
      reconsider(receiver.id, cidr)
    }
  }

  /**
   * The best routes a neighbor can offer: a leaf offers only what it originates (split horizon
   * stops the rest, and its own routes always win there), so a leaf's table never needs another
   * leaf's.
   */
  const offeredBy = (id: EntityId): Iterable<{ readonly best: BgpRoute }> => (leaves.has(id) ? (origin.get(id) ?? []).map((best) => ({ best })) : (tables.get(id)?.values() ?? []))

  /**
   * What a Calico node sends every leaf of one kind over sessions of one kind, worked out once
   * (as routers group peers with the same outbound policy into one update group): a reflector's
   * table reaches each of its thousands of clients as one shared list. `from` is the neighbor
   * each route came from, which gets nothing back.
   */
  interface Offers {
    readonly key: string | undefined
    /** A short stand-in for `key`, numbered as keys first appear: leaves are grouped by these. */
    readonly id: number
    readonly routes: BgpRoute[]
    readonly from: (EntityId | undefined)[]
    readonly byCidr: Map<string, number>
  }
  const sharedOffers = new Map<string, Offers>()
  // Each link's shared offers, found once: every leaf's links are looked at more than once.
  const offersByLink = new Map<Link, Offers>()
  const offersOver = (link: Link): Offers => {
    const cached = offersByLink.get(link)
    if (cached) return cached
    const { session, back, sender, receiver } = link
    const key =
      sender.kind === 'calico'
        ? `${sender.id} ${session.rrClient} ${session.source ?? ''} ${session.localAddress ?? ''} ${back.rrClient} ${back.source ?? ''} ${receiver.asNumber} ${receiver.routeReflectorClusterId ?? ''} ${receiver.kind} ${back.multihop}`
        : undefined
    const known = key === undefined ? undefined : sharedOffers.get(key)
    if (known) {
      offersByLink.set(link, known)
      return known
    }
    const offers: Offers = { key, id: sharedOffers.size, routes: [], from: [], byCidr: new Map() }
    for (const { best } of offeredBy(sender.id)) {
      const arriving = offerToPeer(session, back, sender, receiver, best, refuseQuietly)
      if (typeof arriving === 'string') continue
      offers.byCidr.set(arriving.cidr, offers.routes.length)
      offers.routes.push(arriving)
      offers.from.push(best.learnedFrom)
    }
    if (key !== undefined) {
      sharedOffers.set(key, offers)
      offersByLink.set(link, offers)
    }
    return offers
  }

  /** Several candidates for a prefix, or one: most prefixes have one, and need no list. */
  const addCandidate = (candidates: Map<string, BgpRoute | BgpRoute[]>, route: BgpRoute): void => {
    const known = candidates.get(route.cidr)
    if (known === undefined) candidates.set(route.cidr, route)
    else if (Array.isArray(known)) known.push(route)
    else candidates.set(route.cidr, [known, route])
  }

  /**
   * The table every leaf with the same neighbors and sessions shares (all clients of the same
   * reflectors): everything offered to them, before each takes out what came from itself and
   * puts in what it originates. `touched` lists, per leaf, the prefixes where it must.
   */
  interface SharedTable {
    readonly table: ReadonlyMap<string, RouteChoice>
    readonly touched: ReadonlyMap<EntityId, readonly string[]>
    /** Prefixes offered with different next hops: how each leaf reaches them can decide, so each leaf ranks them itself. */
    readonly mixed: readonly string[]
  }
  /**
   * What a mesh member offers the other members: the same for each (they share one AS, no cluster
   * ID and the group's session settings, so `offersOver` keys them alike), found over its link to
   * whichever member asks first and kept, so that no table spells out the mesh's links again.
   */
  const meshOffers = new Map<EntityId, Offers>()
  const meshOffersOf = (sender: BgpSpeaker, receiver: BgpSpeaker): Offers => {
    let found = meshOffers.get(sender.id)
    if (!found) meshOffers.set(sender.id, (found = offersOver(meshLink(sender, receiver))))
    return found
  }
  /** Each mesh member's offers in the mesh's order, once every member's are known: a member's table then reads them without a lookup per member. */
  let meshOffersInOrder: readonly Offers[] | undefined
  /** The offers reaching a speaker, in the order of the links that carry them (as `linksToOf` lists them). */
  const offersOf = (id: EntityId): Offers[] => {
    if (!mesh || !mesh.has(id)) return linksToOf(id).map(offersOver)
    const receiver = speakerOf(id) as BgpSpeaker
    const explicit = explicitTo.get(id)
    if (meshOffersInOrder !== undefined && explicit === undefined) {
      const list: Offers[] = []
      for (let i = 0; i < mesh.at.length; i++) if ((mesh.at[i] as { node: BgpSpeaker }).node !== receiver) list.push(meshOffersInOrder[i] as Offers)
      return list
    }
    const list: Offers[] = []
    let next = 0
    const meshUpTo = (index: number): void => {
      for (; next < mesh.at.length && (mesh.at[next] as { index: number }).index <= index; next++) {
        const sender = (mesh.at[next] as { node: BgpSpeaker }).node
        if (sender !== receiver) list.push(meshOffersOf(sender, receiver))
      }
    }
    for (const link of explicit ?? []) {
      meshUpTo(linkIndex.get(link) ?? 0)
      list.push(offersOver(link))
    }
    meshUpTo(Infinity)
    return list
  }
  const sharedKeyOf = (offers: readonly Offers[]): string | undefined =>
    offers.every((o) => o.key !== undefined)
      ? offers
          .map((o) => o.id)
          .sort((a, b) => a - b)
          .join(' ')
      : undefined
  const sharedTables = new Map<string, SharedTable>()
  const buildShared = (offers: readonly Offers[], owner: BgpSpeaker | undefined): SharedTable => {
    const candidates = new Map<string, BgpRoute | BgpRoute[]>()
    const touched = new Map<EntityId, string[]>()
    for (const { routes, from } of offers) {
      for (let i = 0; i < routes.length; i++) {
        const route = routes[i] as BgpRoute
        addCandidate(candidates, route)
        const source = from[i]
        if (source === undefined) continue
        const list = touched.get(source)
        if (list) list.push(route.cidr)
        else touched.set(source, [route.cidr])
      }
    }
    // In the order `ip route` lists them, so that each leaf's routing table, which copies this
    // order, comes out nearly sorted already.
    const mixed = [...candidates].flatMap(([cidr, routes]) => (Array.isArray(routes) && routes.some((r) => r.nextHop !== routes[0]?.nextHop) ? [cidr] : []))
    const ordered = [...candidates].sort(([, a], [, b]) => prefixOrder((Array.isArray(a) ? a[0] : a) as BgpRoute, (Array.isArray(b) ? b[0] : b) as BgpRoute))
    const table = new Map<string, RouteChoice>()
    for (const [cidr, routes] of ordered) table.set(cidr, new Choice(Array.isArray(routes) ? routes : [routes], rankingOf(owner), owner))
    return { table, touched, mixed }
  }
  // Leaves that share a table have it built now, once: it is what makes one of their tables cheap.
  const leavesByShared = new Map<string, EntityId[]>()
  // A member of a mesh group shares its table with nobody: the offers of every other member reach it, each under its sender's own key.
  const meshShares = mesh === undefined || mesh.members.length < 2
  for (const leaf of leaves) {
    if (!meshShares && mesh?.has(leaf)) continue
    const key = sharedKeyOf(offersOf(leaf))
    if (key === undefined) continue
    const members = leavesByShared.get(key)
    if (members) members.push(leaf)
    else leavesByShared.set(key, [leaf])
  }
  for (const [key, members] of leavesByShared) {
    // Every member is a Calico node, and Calico nodes all merge paths: any member can own the choices.
    if (members.length > 1) sharedTables.set(key, buildShared(offersOf(members[0] as EntityId), speakerOf(members[0] as EntityId)))
  }
  // What each mesh member offers the others is worked out now too, once: a member's table is then what those offers make of it.
  const [firstMember, secondMember] = mesh?.members ?? []
  if (!meshShares && mesh && firstMember && secondMember && mesh.members.some((m) => leaves.has(m.id)))
    meshOffersInOrder = mesh.at.map(({ node }) => meshOffersOf(node, node === firstMember ? secondMember : firstMember))
  /** How each leaf that shares a table changes it, kept like the leaves' tables. */
  const leafSharings = new Map<EntityId, LeafSharing>()
  const sharingOf = (id: EntityId): LeafSharing | undefined => {
    const cached = leafSharings.get(id)
    if (cached) return cached
    // A mesh member's offers are its own mix (it hears every member but itself): no shared table has them.
    if (!leaves.has(id) || (!meshShares && mesh?.has(id) === true)) return undefined
    const offers = offersOf(id)
    const sharedKey = sharedKeyOf(offers)
    const shared = sharedKey === undefined ? undefined : sharedTables.get(sharedKey)
    if (shared === undefined) return undefined
    const own = origin.get(id) ?? []
    // Only the prefixes this leaf changes are worked out here.
    const redo = new Set([...own.map((r) => r.cidr), ...(shared.touched.get(id) ?? []), ...shared.mixed])
    const candidates = new Map<string, BgpRoute | BgpRoute[]>()
    for (const route of own) addCandidate(candidates, route)
    for (const { routes, from, byCidr } of offers) {
      for (const cidr of redo) {
        const i = byCidr.get(cidr)
        if (i !== undefined && from[i] !== id) addCandidate(candidates, routes[i] as BgpRoute)
      }
    }
    const owner = speakerOf(id)
    const ranking = rankingOf(owner)
    const choices = new Map<string, RouteChoice>()
    for (const [cidr, routes] of candidates) choices.set(cidr, new Choice(Array.isArray(routes) ? routes : [routes], ranking, owner))
    const sharing = { table: shared.table, redo, choices }
    if (leafSharings.size >= KEPT_LEAF_TABLES) leafSharings.delete(leafSharings.keys().next().value as EntityId)
    leafSharings.set(id, sharing)
    return sharing
  }
  /** A leaf's table: its own routes, and what each neighbor offers it. The last few are kept; a large design never holds them all. */
  const leafTables = new Map<EntityId, Map<string, RouteChoice>>()
  const tableOf = (id: EntityId): ReadonlyMap<string, RouteChoice> => {
    if (!leaves.has(id)) return tables.get(id) ?? new Map()
    const cached = leafTables.get(id)
    if (cached) return cached
    const sharing = sharingOf(id)
    let made: Map<string, RouteChoice>
    if (sharing !== undefined) {
      made = new Map(sharing.table)
      for (const cidr of sharing.redo) if (!sharing.choices.has(cidr)) made.delete(cidr)
      for (const [cidr, choice] of sharing.choices) made.set(cidr, choice)
    } else {
      const owner = speakerOf(id)
      const ranking = rankingOf(owner)
      const candidates = new Map<string, BgpRoute | BgpRoute[]>()
      for (const route of origin.get(id) ?? []) addCandidate(candidates, route)
      for (const { routes, from } of offersOf(id)) for (let i = 0; i < routes.length; i++) if (from[i] !== id) addCandidate(candidates, routes[i] as BgpRoute)
      // Nothing shared: the candidates become the table where they stand, in the order they came.
      const choices = candidates as Map<string, BgpRoute | BgpRoute[] | RouteChoice>
      candidates.forEach((routes, cidr) => choices.set(cidr, new Choice(Array.isArray(routes) ? routes : [routes], ranking, owner)))
      made = choices as Map<string, RouteChoice>
    }
    if (leafTables.size >= KEPT_LEAF_TABLES) leafTables.delete(leafTables.keys().next().value as EntityId)
    leafTables.set(id, made)
    return made
  }

  /**
   * What a sender puts on a link before the receiver's import filter judges it, with the neighbor
   * each route came from (which gets nothing back): shared, as `offersOver` is, by every link of a
   * Calico sender with the same policies, so a reflector's thousand clients cost one pass.
   */
  const exportsByKey = new Map<string, { readonly routes: readonly BgpRoute[]; readonly from: readonly (EntityId | undefined)[] }>()
  const exportsOver = (link: Link): { readonly routes: readonly BgpRoute[]; readonly from: readonly (EntityId | undefined)[] } => {
    const { session, back, sender, receiver } = link
    const key =
      sender.kind === 'calico'
        ? `${sender.id} ${session.rrClient} ${session.source ?? ''} ${session.localAddress ?? ''} ${back.rrClient} ${receiver.asNumber} ${receiver.routeReflectorClusterId ?? ''} ${receiver.kind} ${back.multihop}`
        : undefined
    const known = key === undefined ? undefined : exportsByKey.get(key)
    if (known) return known
    const routes: BgpRoute[] = []
    const from: (EntityId | undefined)[] = []
    for (const { best } of offeredBy(sender.id)) {
      const arriving = offerToPeer(session, back, sender, receiver, best, refuseQuietly, false)
      if (typeof arriving === 'string') continue
      routes.push(arriving)
      from.push(best.learnedFrom)
    }
    const made = { routes, from }
    if (key !== undefined) exportsByKey.set(key, made)
    return made
  }

  /** The link that carries routes from `sender` to `receiver`, when their session is Established. */
  const linkBetween = (sender: EntityId, receiver: EntityId): Link | undefined => linksToOf(receiver).find((link) => link.sender.id === sender)

  return {
    tableOf,
    sharingOf,
    sharedTables: [...sharedTables.values()].map((shared) => shared.table),
    whyNot(at, cidr) {
      return linksToOf(at)
        .flatMap(({ session, back, sender, receiver }): RouteRejection[] => {
          const best = tableOf(sender.id).get(cidr)?.best
          if (!best) return []
          const arriving = offer(session, back, sender, receiver, best, refuseWithReason)
          return 'stage' in arriving ? [{ at, from: sender.id, cidr, ...arriving }] : []
        })
        .sort((a, b) => a.from.localeCompare(b.from))
    },
    exchange(at, neighbor) {
      const out = linkBetween(at, neighbor)
      const into = linkBetween(neighbor, at)
      if (!out || !into) return undefined
      const sent = exportsOver(out)
      const advertised = sent.routes.filter((_, i) => sent.from[i] !== neighbor)
      const coming = exportsOver(into)
      const received = coming.routes.flatMap((route, i): ReceivedRoute[] => (coming.from[i] === at ? [] : [{ route, filteredBy: importFilterRejection(into.back, into.receiver, route.prefix) }]))
      return { advertised, received }
    },
  }
}

/**
 * The address a route is advertised with (calico.md §5.4, checked against BIRD 1.6 by the
 * conformance test): what the sender originates goes with its own address, the session's local
 * end (its `source address`, or with none the address the kernel chose towards the peer); iBGP
 * keeps the next hop. Over eBGP, `next hop keep` keeps it; otherwise BIRD keeps a learned next
 * hop only on a session without multihop when the route leaves through the interface facing the
 * peer (proto/bgp/attrs.c bgp_update_attrs). Calico's sessions are all multihop, so a Calico node
 * puts itself unless it keeps, and a router keeps the next hop only for a direct peer on the same
 * subnet.
 */
function advertisedNextHop(design: Design, session: SessionState, sender: BgpSpeaker, receiver: BgpSpeaker, route: BgpRoute, ibgp: boolean): string {
  const self = session.localAddress ?? facingAddress(sender, receiver)
  if (route.learnedFrom === undefined) return self
  if (ibgp || session.nextHopKeep) return route.nextHop
  if (sender.kind === 'calico' || session.multihop) return self
  const facing = sender.host.interfaces.find((i) => i.segmentId !== undefined && receiver.host.interfaces.some((j) => j.segmentId === i.segmentId))
  // The route's interface is its gateway's: the next hop on a subnet of the sender's, else the neighbor it came from.
  const onSubnet = sender.host.interfaces.some((i) => i.segmentId !== undefined && prefixHolds(design, i.segmentId, route.nextHop))
  const gateway = onSubnet || route.directNeighbor === undefined ? route.nextHop : route.directNeighbor
  return facing?.segmentId !== undefined && prefixHolds(design, facing.segmentId, gateway) ? route.nextHop : self
}

/** Where a session's local end is when no connection says: a Calico node's BGP address, or a router's address on the subnet it shares with the peer. */
function facingAddress(sender: BgpSpeaker, receiver: BgpSpeaker): string {
  if (sender.kind === 'calico') return sender.ipv4 ?? ''
  const facing = sender.host.interfaces.find((i) => i.segmentId !== undefined && receiver.host.interfaces.some((j) => j.segmentId === i.segmentId))
  return facing?.address ?? sender.ipv4 ?? ''
}

/**
 * How a speaker reaches next hops, as BIRD's IGP metric (nest/rt-table.c rt_get_igp_metric). A
 * Calico node resolves them recursively (`gateway recursive`, calico.md §5.1): 0 through a
 * connected subnet (a device route of its direct protocol), unknown through the default route its
 * kernel protocol learned, unresolvable without one. An outside router resolves them directly
 * (`gateway direct`): 0.
 */
function igpMetrics(design: Design, owner: BgpSpeaker | undefined): (route: BgpRoute) => number {
  if (owner?.kind !== 'calico') return () => 0
  // Worked out at the first learned route: most of thousands of nodes rank only their own routes.
  let subnets: readonly IpPrefix[] | undefined
  let hasDefault = false
  const known = new Map<string, number>()
  return (route) => {
    if (route.learnedFrom === undefined) return 0
    let metric = known.get(route.nextHop)
    if (metric === undefined) {
      if (subnets === undefined) {
        const segments = segmentsOf(design).filter((s) => owner.host.interfaces.some((i) => i.segmentId === s.id))
        subnets = segments.flatMap((s) => s.prefixes)
        hasDefault = segments.some((s) => (s.resource.spec.gateways ?? []).some((g) => !owner.host.interfaces.some((i) => i.address === g)))
      }
      const address = route.nextHopAddress
      metric = address !== undefined && subnets.some((p) => prefixContainsAddress(p, address)) ? 0 : hasDefault ? IGP_METRIC_UNKNOWN : Infinity
      known.set(route.nextHop, metric)
    }
    return metric
  }
}

/** Ascending prefix, and the longer first for the same address: the order `ip route` prints. */
function prefixOrder(a: BgpRoute, b: BgpRoute): number {
  if (a.prefix.family !== b.prefix.family) return a.prefix.family - b.prefix.family
  if (a.prefix.network !== b.prefix.network) return a.prefix.network < b.prefix.network ? -1 : 1
  return b.prefix.length - a.prefix.length
}

/** Whether two routes would be advertised alike: what a neighbor sees of a route. */
function sameRoute(a: BgpRoute | undefined, b: BgpRoute | undefined): boolean {
  if (a === b) return true
  if (!a || !b) return false
  return (
    a.nextHop === b.nextHop &&
    a.learnedFrom === b.learnedFrom &&
    a.fromClient === b.fromClient &&
    a.ibgp === b.ibgp &&
    a.originator === b.originator &&
    a.asPath.length === b.asPath.length &&
    a.asPath.every((as, i) => as === b.asPath[i]) &&
    a.path.length === b.path.length &&
    a.path.every((hop, i) => hop === b.path[i])
  )
}

function prefixHolds(design: Design, segmentId: string, address: string): boolean {
  const segment = segmentsOf(design).find((s) => s.id === segmentId)
  return segment !== undefined && segmentHolds(segment, address)
}
