import type { SessionState } from '../../../bgp/sessions'
import type { BgpSpeaker } from '../../../bgp/speakers'
import type { EntityId } from '../../../model/design'
import { resourcesOf, segmentHolds, segmentsOf } from '../../../model/query'
import type { RouterSpec } from '../../../model/resources'
import { parseIpPrefix, type IpPrefix } from '../../../net'
import type { BgpRoute, RouteChoice, SessionExchange } from '../../../routing/bgpRoutes'
import type { KernelRoute } from '../../../routing/kernelRoutes'
import { filterVerdict } from '../../../routing/prefixFilter'
import type { ProgramContext } from '../../program'
import { lookupRoute, parseAddress } from '../../routeLookup'

/**
 * An outside router's BIRD 1.6 as `birdc` sees it: the protocols of the configuration Peerlab
 * writes for it (shared/export/birdConfig.ts routerBirdConfig: device1, kernel1, one BGP protocol
 * per neighbor, `import filter peer_import; export filter peer_export;`, no `import keep
 * filtered`), its master table, and what each protocol would export. Built from the engine's
 * tables and exchanges; only BIRD's own bookkeeping (which refusal counts where) is worked out here.
 */

/** A route in the master table, as BIRD lists it under its net. */
export interface BirdRoute {
  readonly route: BgpRoute
  /** The BGP protocol it came from. */
  readonly session: SessionState | undefined
  readonly primary: boolean
  /** When it entered the table (the lab clock). */
  readonly since: number
}

export interface BirdNet {
  readonly cidr: string
  readonly prefix: IpPrefix
  readonly choice: RouteChoice
  /** Best first, then the others newest first (nest/rt-table.c rte_recalculate). */
  readonly routes: readonly BirdRoute[]
}

/** BGP attributes as `show route all` prints them (proto/bgp/attrs.c bgp_attr_table order). */
export interface BgpAttributes {
  readonly asPath: readonly number[]
  readonly nextHop: string
  /** Set by a route reflector (RFC 4456), carried over iBGP only. */
  readonly originatorId: string | undefined
  readonly clusterList: readonly string[]
}

/** One row of the Route change stats table (nest/proto.c proto_show_stats). */
export interface UpdateCounts {
  readonly received: number
  readonly rejected: number
  readonly filtered: number
  readonly ignored: number
  readonly accepted: number
}

export interface ProtocolStats {
  readonly imported: number
  readonly exported: number
  readonly preferred: number
  readonly importUpdates: UpdateCounts
  readonly importWithdraws: UpdateCounts
  readonly exportUpdates: UpdateCounts
  readonly exportWithdraws: UpdateCounts
}

export interface BirdProtocol {
  readonly name: string
  readonly proto: 'Device' | 'Kernel' | 'BGP'
  readonly state: string
  readonly since: number
  readonly preference: number
  readonly inputFilter: string
  readonly outputFilter: string
  readonly session: SessionState | undefined
}

/**
 * What BIRD decides when it offers a net's best route to a protocol (nest/rt-table.c
 * export_filter): `rejected` by the protocol's import_control (proto/bgp/attrs.c
 * bgp_import_control: back to where it came from, or iBGP to iBGP), `filtered` by the export
 * filter, else `exported` with the attributes it leaves with.
 */
export type ExportDecision = { readonly verdict: 'rejected' } | { readonly verdict: 'filtered' | 'exported'; readonly attributes: BgpAttributes }

const ZERO: UpdateCounts = { received: 0, rejected: 0, filtered: 0, ignored: 0, accepted: 0 }

/** BIRD 1.6's 16-bit hash of an IPv4 address (lib/ip.h ip4_hash): a FIB walk visits nets in this order. */
function ipv4Hash(value: number): number {
  let a = value >>> 0
  a = (a ^ (a >>> 16)) >>> 0
  a = (a ^ (a << 10)) >>> 0
  return a & 0xffff
}

/** Nothing configures the BGP defaults a router's protocols use, so each is BIRD's own (nest/proto.c, proto/bgp/bgp.c). */
export const PREFERENCE = { Device: 240, Kernel: 10, BGP: 100 } as const

export class RouterBird {
  readonly speaker: BgpSpeaker
  readonly sessions: readonly SessionState[]
  readonly protocols: readonly BirdProtocol[]
  private readonly spec: RouterSpec | undefined
  private netList: BirdNet[] | undefined
  private kernelTable: readonly KernelRoute[] | undefined
  private readonly exchanges = new Map<string, SessionExchange | undefined>()
  private readonly advertisedByCidr = new Map<string, ReadonlyMap<string, BgpRoute>>()

  constructor(
    private readonly context: ProgramContext,
    speaker: BgpSpeaker,
  ) {
    this.speaker = speaker
    this.sessions = context.network.sessions.filter((s) => s.speaker === speaker.id)
    this.spec = resourcesOf(context.design, 'peerlab.dev/v1alpha1/Router').find((r) => `router/${r.metadata.name}` === speaker.id)?.spec
    const booted = context.bootedAt
    this.protocols = [
      { name: 'device1', proto: 'Device', state: 'up', since: booted, preference: PREFERENCE.Device, inputFilter: 'ACCEPT', outputFilter: 'REJECT', session: undefined },
      // `import none; export all;`
      { name: 'kernel1', proto: 'Kernel', state: 'up', since: booted, preference: PREFERENCE.Kernel, inputFilter: 'REJECT', outputFilter: 'ACCEPT', session: undefined },
      ...this.sessions.map((s): BirdProtocol => ({ name: s.protocol, proto: 'BGP', state: s.state, since: context.timeline.sessionSince(s) ?? context.now, preference: PREFERENCE.BGP, inputFilter: 'peer_import', outputFilter: 'peer_export', session: s })),
    ]
  }

  /** The names the configuration defines, for BIRD's "is not a protocol" and "is not a table". */
  classOf(name: string): 'protocol' | 'table' | 'filter' | undefined {
    if (this.protocols.some((p) => p.name === name)) return 'protocol'
    if (name === 'master') return 'table'
    if (name === 'peer_import' || name === 'peer_export') return 'filter'
    return undefined
  }

  protocol(name: string): BirdProtocol | undefined {
    return this.protocols.find((p) => p.name === name)
  }

  /** The master table in FIB order: by the hash of the network address (nest/rt-fib.c keeps each chain sorted by it). */
  get nets(): readonly BirdNet[] {
    if (this.netList) return this.netList
    const bySession = new Map(this.sessions.flatMap((s) => (s.remote !== undefined ? [[s.remote, s] as const] : [])))
    const order = new Map([...bySession.keys()].map((remote, index) => [remote, index]))
    const nets: (BirdNet & { hash: number })[] = []
    for (const [cidr, choice] of this.context.network.bgp.tableOf(this.speaker.id)) {
      const parsed = parseIpPrefix(cidr)
      if (!parsed.ok || parsed.value.family !== 4) continue
      const routes = listOrder(choice, order).map((route, index): BirdRoute => ({
        route,
        session: route.learnedFrom !== undefined ? bySession.get(route.learnedFrom) : undefined,
        primary: index === 0,
        since: this.context.timeline.routeSince(this.speaker.id, cidr, route.nextHop, route.learnedFrom) ?? this.context.now,
      }))
      nets.push({ cidr, prefix: parsed.value, choice, routes, hash: ipv4Hash(Number(parsed.value.network)) })
    }
    nets.sort((a, b) => a.hash - b.hash)
    this.netList = nets
    return nets
  }

  /** The interface a next hop is reached through, as the kernel table says. */
  deviceFor(address: string): string {
    const hop = parseAddress(address)
    this.kernelTable ??= this.context.network.routesOf(this.speaker.id)
    return (hop ? lookupRoute(this.kernelTable, hop)?.dev : undefined) ?? ''
  }

  /** The router ID of a speaker: what a peer's OPEN carries and an ORIGINATOR_ID holds. */
  routerIdOf(id: EntityId | undefined): string | undefined {
    return this.context.network.speakers.find((s) => s.id === id)?.ipv4
  }

  remoteOf(session: SessionState): BgpSpeaker | undefined {
    return this.context.network.speakers.find((s) => s.id === session.remote)
  }

  /** This router's address towards a neighbor: the one on the subnet they share (BIRD binds no source address, so the kernel picks it). */
  sourceAddress(session: SessionState): string {
    const segments = segmentsOf(this.context.design)
    const facing = this.speaker.host.interfaces.find((i) => {
      const segment = segments.find((s) => s.id === i.segmentId)
      return segment !== undefined && segmentHolds(segment, session.peerAddress)
    })
    return facing?.address ?? this.speaker.ipv4 ?? ''
  }

  /** The attributes a table route carries (proto/bgp/attrs.c bgp_decode_attrs, LOCAL_PREF defaulting to 100). */
  attributesOf(route: BgpRoute): BgpAttributes {
    // ORIGINATOR_ID and CLUSTER_LIST are not sent over eBGP (bgp_attr_table: allow_in_ebgp 0).
    const reflected = route.ibgp && route.clusterList.length > 0
    return { asPath: route.asPath, nextHop: route.nextHop, originatorId: reflected ? this.routerIdOf(route.originator) : undefined, clusterList: reflected ? route.clusterList : [] }
  }

  /** What crosses an Established session, from the engine; undefined for a session that is not up. */
  exchangeOf(session: SessionState): SessionExchange | undefined {
    if (!this.exchanges.has(session.protocol)) this.exchanges.set(session.protocol, session.state === 'up' && session.remote !== undefined ? this.context.network.bgp.exchange(this.speaker.id, session.remote) : undefined)
    return this.exchanges.get(session.protocol)
  }

  /**
   * BIRD's decision for a net's best route towards a BGP neighbor. What the engine advertises is
   * exported with the attributes it arrives with. Of the rest, BIRD's import_control refuses
   * what came from that neighbor and, between iBGP peers, what came over iBGP; the export filter
   * refuses what `peer_export` rejects; anything else BIRD still sends, and the neighbor drops it
   * (its own AS in the path): the engine counts it as not sent, BIRD as exported.
   */
  exportDecision(session: SessionState, best: BgpRoute): ExportDecision {
    let advertisedTo = this.advertisedByCidr.get(session.protocol)
    if (!advertisedTo) this.advertisedByCidr.set(session.protocol, (advertisedTo = new Map((this.exchangeOf(session)?.advertised ?? []).map((r) => [r.cidr, r]))))
    const advertised = advertisedTo.get(best.cidr)
    const attributes = this.attributesOf(best)
    if (advertised) return { verdict: 'exported', attributes: { ...attributes, asPath: advertised.asPath, nextHop: advertised.nextHop } }
    const internal = session.remoteAs === this.speaker.asNumber
    if (best.learnedFrom !== undefined && best.learnedFrom === session.remote) return { verdict: 'rejected' }
    if (internal && best.learnedFrom !== undefined && best.ibgp && !session.rrClient && !best.fromClient) return { verdict: 'rejected' }
    const leaving = { ...attributes, asPath: internal ? best.asPath : [this.speaker.asNumber, ...best.asPath], nextHop: this.exportedNextHop(session, best, internal) }
    if (filterVerdict(this.spec?.exportFilter, best.prefix) === 'reject') return { verdict: 'filtered', attributes: leaving }
    return { verdict: 'exported', attributes: leaving }
  }

  /**
   * proto/bgp/attrs.c bgp_update_attrs, for the sessions Peerlab configures (direct, neither
   * `next hop self` nor `next hop keep`): iBGP keeps the next hop; eBGP keeps it when the route
   * leaves through the interface facing the neighbor, else puts this router's address.
   */
  private exportedNextHop(session: SessionState, route: BgpRoute, internal: boolean): string {
    if (internal) return route.nextHop
    const facing = this.deviceFor(session.peerAddress)
    return facing !== '' && this.deviceFor(route.nextHop) === facing ? route.nextHop : this.sourceAddress(session)
  }

  /**
   * The kernel protocol's copy of a net: with `merge paths on` (RA_MERGED) the best route and the
   * ones BIRD may merge with it become one multipath route, their gateways sorted as
   * nest/rt-attr.c mpnh_compare_node orders them; with a single distinct gateway it stays the best.
   */
  kernelNextHops(net: BirdNet): readonly string[] | undefined {
    if (this.spec?.mergePaths !== true) return undefined
    const gateways = [...new Set([net.choice.best, ...net.choice.mergeable].map((r) => r.nextHop))]
    if (gateways.length < 2) return undefined
    return gateways.sort((a, b) => (parseAddress(a)?.value as number) - (parseAddress(b)?.value as number))
  }

  /**
   * Each protocol's counters as they stand once every route has arrived once and nothing has
   * been withdrawn: BIRD counts updates as they happen, so a real daemon that saw routes change
   * on the way (a better path arriving later) shows more updates, and withdrawals.
   */
  stats(protocol: BirdProtocol): ProtocolStats {
    const nets = this.nets
    if (protocol.proto === 'Device') return { imported: 0, exported: 0, preferred: 0, importUpdates: ZERO, importWithdraws: ZERO, exportUpdates: ZERO, exportWithdraws: ZERO }
    if (protocol.proto === 'Kernel') {
      const offered = { ...ZERO, received: nets.length, accepted: nets.length }
      return { imported: 0, exported: nets.length, preferred: 0, importUpdates: ZERO, importWithdraws: ZERO, exportUpdates: offered, exportWithdraws: ZERO }
    }
    const session = protocol.session as SessionState
    const exchange = this.exchangeOf(session)
    if (!exchange) return { imported: 0, exported: 0, preferred: 0, importUpdates: ZERO, importWithdraws: ZERO, exportUpdates: ZERO, exportWithdraws: ZERO }
    const received = exchange.received.length
    const filteredIn = exchange.received.filter((r) => r.filteredBy !== undefined).length
    const looped = this.loopedFrom(session)
    let rejected = 0
    let filteredOut = 0
    for (const net of nets) {
      const verdict = this.exportDecision(session, net.choice.best).verdict
      if (verdict === 'rejected') rejected++
      else if (verdict === 'filtered') filteredOut++
    }
    const exported = nets.length - rejected - filteredOut
    return {
      imported: received - filteredIn,
      exported,
      preferred: nets.filter((n) => n.routes[0]?.session === session).length,
      importUpdates: { received, rejected: 0, filtered: filteredIn, ignored: 0, accepted: received - filteredIn },
      // A route with this router's AS in its path is taken as a withdrawal of what was never there (proto/bgp/attrs.c bgp_decode_attrs).
      importWithdraws: { ...ZERO, received: looped, ignored: looped },
      exportUpdates: { received: nets.length, rejected, filtered: filteredOut, ignored: 0, accepted: exported },
      exportWithdraws: ZERO,
    }
  }

  /** How many of the neighbor's routes arrive with this router's AS in their path, which the engine does not deliver. */
  private loopedFrom(session: SessionState): number {
    const remote = session.remote
    if (remote === undefined || session.remoteAs === this.speaker.asNumber) return 0
    let count = 0
    for (const [cidr, choice] of this.context.network.bgp.tableOf(remote)) {
      if (!choice.best.asPath.includes(this.speaker.asNumber)) continue
      if (this.context.network.bgp.whyNot(this.speaker.id, cidr).some((r) => r.from === remote && r.stage === 'as-path-loop')) count++
    }
    return count
  }
}

/**
 * A net's routes in BIRD's list order: the best first, then the others newest first (nest/rt-table.c
 * rte_recalculate links a route that is not the best right after the best). Routes are taken to
 * arrive in the order the sessions are configured; in a real daemon that order is a race.
 */
function listOrder(choice: RouteChoice, sessionOrder: ReadonlyMap<EntityId, number>): BgpRoute[] {
  const [best, ...others] = choice.candidates
  const arrival = (route: BgpRoute): number => sessionOrder.get(route.learnedFrom ?? '') ?? -1
  return best ? [best.route, ...others.map((c) => c.route).sort((a, b) => arrival(b) - arrival(a))] : []
}

/** The router's BIRD, or undefined when the host runs no BIRD 1.6 of Peerlab's making. */
export function routerBird(context: ProgramContext): RouterBird | undefined {
  const speaker = context.network.speakers.find((s) => s.id === context.host.id)
  if (!speaker || speaker.kind !== 'router') return undefined
  if (context.host.daemon !== undefined && context.host.daemon !== 'bird') return undefined
  return new RouterBird(context, speaker)
}
