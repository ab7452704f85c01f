import type { ConfiguredSession, SessionState } from '../bgp/sessions'
import type { BgpSpeaker } from '../bgp/speakers'
import type { IpamResult } from '../ipam/computeIpam'
import type { Design, EntityId } from '../model/design'
import { resourcesOf } from '../model/query'
import { parseIpAddress, parseIpPrefix, prefixContainsAddress, prefixContainsPrefix, type IpPrefix } from '../net'
import { filterVerdict } from './prefixFilter'

/** A route in a speaker's BGP table, with where it came from. */
export interface BgpRoute {
  readonly cidr: string
  readonly prefix: IpPrefix
  readonly originator: EntityId
  readonly nextHop: string
  readonly asPath: readonly number[]
  /** The neighbor it was learned from; undefined when this speaker originates it. */
  readonly learnedFrom: EntityId | undefined
  readonly ibgp: boolean
  /** Learned from a route-reflector client of this speaker. */
  readonly fromClient: boolean
  readonly kind: 'block' | 'borrowed' | 'learned'
  /** The speakers it passed through, originator first. */
  readonly path: readonly EntityId[]
}

export interface RouteChoice {
  readonly best: BgpRoute
  /** Every candidate, best first, each losing one with the comparison step it lost on. */
  readonly candidates: readonly { readonly route: BgpRoute; readonly lostOn: string | undefined }[]
}

/** A route that did not arrive somewhere, and why: the answer to "why is it not here". */
export interface RouteRejection {
  readonly at: EntityId
  readonly from: EntityId
  readonly cidr: string
  readonly reason: string
}

export interface BgpRoutes {
  readonly tables: ReadonlyMap<EntityId, ReadonlyMap<string, RouteChoice>>
  /**
   * Why `cidr` does not arrive at `at` from each neighbor that has it: the filter, session or rule
   * that stops it. Worked out when asked, from the same decision propagation used.
   */
  whyNot(at: EntityId, cidr: string): RouteRejection[]
}

const NOT_SENT = 'not sent'

interface PoolInfo {
  readonly prefix: IpPrefix
  readonly disableExport: boolean
}

/**
 * The BGP decision process as one comparator of named steps (RFC 4271 §9.1.2.2, in BIRD's order):
 * a locally originated route first (BIRD's static preference 200 over BGP's 100), then the shorter
 * AS path, eBGP over iBGP, and the lower router ID of the neighbor as the final tie-break. Local preference,
 * origin and MED are equal for every route Calico exchanges, so they never decide.
 */
const BEST_PATH_STEPS: readonly (readonly [string, (a: BgpRoute, b: BgpRoute, speakerOf: (id: EntityId) => BgpSpeaker | undefined) => number])[] = [
  ['originated here', (a, b) => Number(a.learnedFrom !== undefined) - Number(b.learnedFrom !== undefined)],
  ['shorter AS path', (a, b) => a.asPath.length - b.asPath.length],
  ['eBGP over iBGP', (a, b) => Number(a.ibgp) - Number(b.ibgp)],
  ['lower router ID', (a, b, speakerOf) => addressValue(speakerOf(a.learnedFrom ?? '')?.ipv4) - addressValue(speakerOf(b.learnedFrom ?? '')?.ipv4)],
]

function addressValue(text: string | undefined): number {
  const parsed = text === undefined ? undefined : parseIpAddress(text)
  return parsed?.ok && parsed.value.family === 4 ? parsed.value.value : Number.MAX_SAFE_INTEGER
}

function choose(routes: readonly BgpRoute[], speakerOf: (id: EntityId) => BgpSpeaker | undefined): RouteChoice {
  const ranked = [...routes].sort((a, b) => {
    for (const [, compare] of BEST_PATH_STEPS) {
      const order = compare(a, b, speakerOf)
      if (order !== 0) return order
    }
    return 0
  })
  const best = ranked[0] as BgpRoute
  return {
    best,
    candidates: ranked.map((route, i) => ({ route, lostOn: i === 0 ? undefined : BEST_PATH_STEPS.find(([, compare]) => compare(best, route, speakerOf) < 0)?.[0] ?? 'equal (not merged)' })),
  }
}

/** What each Calico node originates (calico.md §5.2): its affine blocks (not /32 ones), and a /32 for each pod it hosts in another node's block (§2.8). */
function originated(speaker: BgpSpeaker, ipam: IpamResult): BgpRoute[] {
  if (speaker.kind !== 'calico' || speaker.ipv4 === undefined) return []
  const route = (cidr: string, kind: BgpRoute['kind']): BgpRoute[] => {
    const parsed = parseIpPrefix(cidr)
    return parsed.ok ? [{ cidr, prefix: parsed.value, originator: speaker.id, nextHop: speaker.ipv4 as string, asPath: [], learnedFrom: undefined, ibgp: false, fromClient: false, kind, path: [speaker.id] }] : []
  }
  const name = speaker.host.name
  const blocks = ipam.blocks.filter((b) => b.affinity === name && !b.cidr.endsWith('/32') && !b.cidr.endsWith('/128')).flatMap((b) => route(b.cidr, 'block'))
  const borrowed = ipam.blocks.filter((b) => b.affinity !== name).flatMap((b) => b.allocations.filter((a) => a.node === name).flatMap((a) => route(`${a.address}/${a.address.includes(':') ? 128 : 32}`, 'borrowed')))
  return [...blocks, ...borrowed]
}

/** Calico's export filter (calico.md §5.3) for a route a node sends to a peer. */
function calicoExportVerdict(speaker: BgpSpeaker, route: BgpRoute, pools: readonly PoolInfo[], ownBlocks: readonly IpPrefix[]): string | undefined {
  if (pools.some((p) => p.disableExport && prefixContainsPrefix(p.prefix, route.prefix))) return 'inside a pool with disableBGPExport'
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
export function computeBgpRoutes(design: Design, ipam: IpamResult, speakers: readonly BgpSpeaker[], sessions: readonly SessionState[]): BgpRoutes {
  const byId = new Map(speakers.map((s) => [s.id, s]))
  const speakerOf = (id: EntityId): BgpSpeaker | undefined => byId.get(id)
  const pools: PoolInfo[] = ipam.pools.map((p) => ({ prefix: p.prefix, disableExport: p.resource.spec.disableBGPExport === true }))
  const filters = new Map(resourcesOf(design, 'projectcalico.org/v3/BGPFilter').map((f) => [f.metadata.name, f.spec]))
  const peers = new Map(resourcesOf(design, 'projectcalico.org/v3/BGPPeer').map((p) => [`bgppeer/${p.metadata.name}`, p.spec]))
  const routers = new Map(resourcesOf(design, 'peerlab.dev/v1alpha1/Router').map((r) => [`router/${r.metadata.name}`, r.spec]))
  const blocksByNode = new Map<string, IpPrefix[]>()
  for (const block of ipam.blocks) {
    const parsed = parseIpPrefix(block.cidr)
    if (!parsed.ok || block.affinity === undefined) continue
    blocksByNode.set(block.affinity, [...(blocksByNode.get(block.affinity) ?? []), parsed.value])
  }
  const ownBlocks = new Map(speakers.map((s) => [s.id, blocksByNode.get(s.host.name) ?? []]))
  const origin = new Map(speakers.map((s) => [s.id, originated(s, ipam)]))
  const up = sessions.filter((s) => s.state === 'up' && s.remote !== undefined)
  // The other end's configuration of each session, found once: by speaker and the address it peers with.
  const sessionAt = new Map(up.map((s) => [`${s.speaker} ${s.peerAddress}`, s]))
  const backOf = (session: ConfiguredSession, remote: EntityId): ConfiguredSession | undefined => {
    for (const address of speakerOf(session.speaker)?.addresses ?? []) {
      const back = sessionAt.get(`${remote} ${address}`)
      if (back) return back
    }
    return undefined
  }
  const ribIn = new Map<EntityId, Map<EntityId, Map<string, BgpRoute>>>(speakers.map((s) => [s.id, new Map()]))
  const tables = new Map<EntityId, Map<string, RouteChoice>>()

  const bgpFilterRules = (session: ConfiguredSession, direction: 'export' | 'import', family: 4 | 6) =>
    (session.source ? (peers.get(session.source)?.filters ?? []) : []).flatMap((name) => filters.get(name)?.[`${direction}V${family}`] ?? [])

  /**
   * What the receiver gets when the sender considers sending its best route over a session: the
   * route as it arrives, or why it does not (a reason string). One function, so that propagation
   * and "why is this route not here" can never disagree.
   */
  const offer = (session: ConfiguredSession, back: ConfiguredSession, sender: BgpSpeaker, receiver: BgpSpeaker, best: BgpRoute, explain: boolean): BgpRoute | string => {
    const ibgp = sender.asNumber === receiver.asNumber
    const family = best.prefix.family
    // Propagation only needs to know that a route stops; the sentence is built when someone asks why.
    const notSent = (reason: string): string => (explain ? `${sender.host.name} does not send it: ${reason}` : NOT_SENT)
    if (best.learnedFrom === receiver.id) return notSent(`it learned the route from ${receiver.host.name}`)
    const peerFilter = filterVerdict(bgpFilterRules(session, 'export', family), best.prefix)
    if (peerFilter === 'reject') return notSent('rejected by a BGPFilter on the peering')
    if (sender.kind === 'calico' && peerFilter === undefined) {
      const verdict = calicoExportVerdict(sender, best, pools, ownBlocks.get(sender.id) ?? [])
      if (verdict !== undefined) return notSent(verdict)
    }
    if (sender.kind === 'router' && filterVerdict(routers.get(sender.id)?.exportFilter, best.prefix) === 'reject') return notSent(`filtered by ${sender.host.name} export`)
    // iBGP split horizon (RFC 4456): an iBGP-learned route goes to another iBGP peer only through a reflector.
    if (ibgp && best.learnedFrom !== undefined && best.ibgp && !session.rrClient && !best.fromClient) return notSent('not reflected: iBGP split horizon')
    if (!ibgp && best.asPath.includes(receiver.asNumber)) return notSent(`AS ${receiver.asNumber} is already in the AS path`)
    const importRules = receiver.kind === 'router' ? routers.get(receiver.id)?.importFilter : bgpFilterRules(back, 'import', family)
    if (filterVerdict(importRules, best.prefix) === 'reject') return explain ? `filtered by ${receiver.host.name} import` : NOT_SENT
    const nextHop = advertisedNextHop(design, sender, receiver, best, ibgp)
    return { ...best, nextHop, asPath: ibgp ? best.asPath : [sender.asNumber, ...best.asPath], learnedFrom: sender.id, ibgp, fromClient: back.rrClient, kind: 'learned', path: [...best.path, receiver.id] }
  }

  const links = up.flatMap((session) => {
    const sender = speakerOf(session.speaker)
    const receiver = speakerOf(session.remote as EntityId)
    const back = backOf(session, session.remote as EntityId)
    return sender && receiver && back ? [{ session, back, sender, receiver }] : []
  })

  for (let round = 0; round <= speakers.length + 1; round++) {
    for (const speaker of speakers) {
      const candidates = new Map<string, BgpRoute[]>()
      const add = (route: BgpRoute): void => {
        const list = candidates.get(route.cidr)
        if (list) list.push(route)
        else candidates.set(route.cidr, [route])
      }
      for (const route of origin.get(speaker.id) ?? []) add(route)
      for (const learned of ribIn.get(speaker.id)?.values() ?? []) for (const route of learned.values()) add(route)
      tables.set(speaker.id, new Map([...candidates].map(([cidr, routes]) => [cidr, choose(routes, speakerOf)])))
    }
    let changed = false
    for (const { session, back, sender, receiver } of links) {
      const offered = new Map<string, BgpRoute>()
      for (const { best } of tables.get(sender.id)?.values() ?? []) {
        const arriving = offer(session, back, sender, receiver, best, false)
        if (typeof arriving !== 'string') offered.set(best.cidr, arriving)
      }
      const previous = ribIn.get(receiver.id)?.get(sender.id)
      if (!sameRoutes(previous, offered)) {
        ribIn.get(receiver.id)?.set(sender.id, offered)
        changed = true
      }
    }
    if (!changed) break
  }

  return {
    tables,
    whyNot(at, cidr) {
      return links
        .filter((link) => link.receiver.id === at)
        .flatMap(({ session, back, sender, receiver }): RouteRejection[] => {
          const best = tables.get(sender.id)?.get(cidr)?.best
          if (!best) return []
          const arriving = offer(session, back, sender, receiver, best, true)
          return typeof arriving === 'string' ? [{ at, from: sender.id, cidr, reason: arriving }] : []
        })
        .sort((a, b) => a.from.localeCompare(b.from))
    },
  }
}

/**
 * The address a route is advertised with (calico.md §5.4, checked against BIRD 1.6 by the
 * conformance test): what the sender originates goes with its own address; iBGP keeps the next
 * hop. Over eBGP, BIRD keeps a learned next hop only when the session is direct and the route
 * leaves through the interface facing the peer; Calico's sessions are all multihop, so a Calico
 * node always puts itself, and a router keeps the next hop only for a peer on the same subnet.
 */
function advertisedNextHop(design: Design, sender: BgpSpeaker, receiver: BgpSpeaker, route: BgpRoute, ibgp: boolean): string {
  const self = sourceAddress(design, sender, receiver)
  if (route.learnedFrom === undefined) return self
  if (ibgp) return route.nextHop
  if (sender.kind === 'calico') return self
  const facing = sender.host.interfaces.find((i) => i.segmentId !== undefined && receiver.host.interfaces.some((j) => j.segmentId === i.segmentId))
  return facing?.segmentId !== undefined && prefixHolds(design, facing.segmentId, route.nextHop) ? route.nextHop : self
}

/** The sender's address on the session: a Calico node's BGP address, or a router's address on the subnet it shares with the peer. */
function sourceAddress(design: Design, sender: BgpSpeaker, receiver: BgpSpeaker): string {
  if (sender.kind === 'calico') return sender.ipv4 ?? ''
  const facing = sender.host.interfaces.find((i) => i.segmentId !== undefined && receiver.host.interfaces.some((j) => j.segmentId === i.segmentId))
  return facing?.address ?? sender.ipv4 ?? ''
}

function sameRoutes(a: ReadonlyMap<string, BgpRoute> | undefined, b: ReadonlyMap<string, BgpRoute>): boolean {
  if (!a || a.size !== b.size) return false
  for (const [cidr, route] of b) {
    const other = a.get(cidr)
    if (!other || other.nextHop !== route.nextHop || other.asPath.join(' ') !== route.asPath.join(' ') || other.fromClient !== route.fromClient || other.path.join(' ') !== route.path.join(' ')) return false
  }
  return true
}

const segmentPrefixes = new WeakMap<Design, Map<string, IpPrefix[]>>()

function prefixHolds(design: Design, segmentId: string, address: string): boolean {
  let bySegment = segmentPrefixes.get(design)
  if (!bySegment) {
    bySegment = new Map(resourcesOf(design, 'peerlab.dev/v1alpha1/Segment').map((s) => [`segment/${s.metadata.name}`, s.spec.cidrs.flatMap((c) => { const p = parseIpPrefix(c); return p.ok ? [p.value] : [] })]))
    segmentPrefixes.set(design, bySegment)
  }
  const ip = parseIpAddress(address)
  return ip.ok && (bySegment.get(segmentId) ?? []).some((prefix) => prefixContainsAddress(prefix, ip.value))
}

