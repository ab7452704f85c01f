import type { SessionState } from '../../../bgp/sessions'
import type { BgpSpeaker } from '../../../bgp/speakers'
import type { EntityId } from '../../../model/design'
import { resourcesOf, segmentHolds, segmentsOf } from '../../../model/query'
import type { RouterSpec } from '../../../model/resources'
import { parseIpPrefix } from '../../../net'
import type { BgpRoute, RouteChoice, SessionExchange } from '../../../routing/bgpRoutes'
import type { KernelRoute } from '../../../routing/kernelRoutes'
import { filterVerdict } from '../../../routing/prefixFilter'
import type { ProgramContext } from '../../program'
import { lookupRoute, parseAddress } from '../../routeLookup'
import type { SymbolClass } from './birdArgs'
import {
  NO_STATS,
  ZERO,
  fibOrder,
  mergedRoute,
  type BgpSessionDetails,
  type BgpTimers,
  type BirdDaemon,
  type BirdNet,
  type BirdProtocol,
  type BirdRoute,
  type ExportView,
  type ProtocolStats,
} from './birdDaemon'
import { bgpAttributeLines, bgpRouteInfo, neighborCaps, type BgpAttributes } from './bgpFormat'

/**
 * An outside router's BIRD 1.6 as `birdc` sees it: the protocols of the configuration Peerlab
 * writes for it (shared/export/birdConfig.ts routerBirdConfig: device1, kernel1, one BGP protocol
 * per neighbor, `import filter peer_import; export filter peer_export;`, no `import keep
 * filtered`), its master table, and what each protocol would export. Built from the engine's
 * tables and exchanges; only BIRD's own bookkeeping (which refusal counts where) is worked out here.
 */

/** A route of the router's master table: every one is a BGP route. */
interface RouterRoute extends BirdRoute {
  readonly bgp: BgpRoute
  /** The BGP protocol it came from. */
  readonly session: SessionState | undefined
}

export interface RouterNet extends BirdNet {
  readonly choice: RouteChoice
  readonly routes: readonly RouterRoute[]
}

/**
 * What BIRD decides when it offers a net's best route to a protocol (nest/rt-table.c
 * export_filter): `rejected` by the protocol's import_control (proto/bgp/attrs.c
 * bgp_import_control: back to where it came from, or iBGP to iBGP), `filtered` by the export
 * filter, else `exported` with the attributes it leaves with.
 */
type ExportDecision = { readonly verdict: 'rejected' } | { readonly verdict: 'filtered' | 'exported'; readonly attributes: BgpAttributes }

/** Nothing configures the BGP defaults a router's protocols use, so each is BIRD's own (nest/proto.c, proto/bgp/bgp.c). */
export const PREFERENCE = { Device: 240, Kernel: 10, BGP: 100 } as const

/**
 * BIRD's BGP timers, none of which Peerlab's router configurations change (proto/bgp/config.Y
 * defaults). A refused connection is tried again every 5 s here, as the conformance test saw.
 */
const TIMERS: BgpTimers = { hold: 240, keepalive: 80, connectDelay: 5, connectRetry: 5, errorWaitMin: 60, errorWaitMax: 300 }

export class RouterBird implements BirdDaemon<RouterNet> {
  readonly version = 'BIRD 1.6.8'
  readonly timers = TIMERS
  readonly speaker: BgpSpeaker
  readonly sessions: readonly SessionState[]
  readonly protocols: readonly BirdProtocol[]
  private readonly spec: RouterSpec | undefined
  private netList: RouterNet[] | undefined
  private kernelTable: readonly KernelRoute[] | undefined
  private readonly exchanges = new Map<string, SessionExchange | undefined>()
  private readonly advertisedByCidr = new Map<string, ReadonlyMap<string, BgpRoute>>()

  constructor(
    private readonly context: ProgramContext,
    speaker: BgpSpeaker,
  ) {
    this.speaker = speaker
    this.sessions = context.network.sessionsOf(speaker.id)
    this.spec = resourcesOf(context.design, 'peerlab.dev/v1alpha1/Router').find((r) => `router/${r.metadata.name}` === speaker.id)?.spec
    const booted = context.bootedAt
    const base = { state: 'up', since: booted, description: undefined, session: undefined }
    this.protocols = [
      { ...base, name: 'device1', proto: 'Device', preference: PREFERENCE.Device, inputFilter: 'ACCEPT', outputFilter: 'REJECT' },
      // `import none; export all;`
      { ...base, name: 'kernel1', proto: 'Kernel', preference: PREFERENCE.Kernel, inputFilter: 'REJECT', outputFilter: 'ACCEPT' },
      ...this.sessions.map((s): BirdProtocol => ({
        name: s.protocol,
        proto: 'BGP',
        state: s.state,
        since: context.timeline.sessionSince(s) ?? context.now,
        description: undefined,
        preference: PREFERENCE.BGP,
        inputFilter: 'peer_import',
        outputFilter: 'peer_export',
        session: s,
      })),
    ]
  }

  get routerId(): string {
    return this.speaker.ipv4 ?? '0.0.0.0'
  }

  /** The names the configuration defines, for BIRD's "is not a protocol" and "is not a table". */
  classOf(name: string): SymbolClass {
    if (this.protocols.some((p) => p.name === name)) return 'protocol'
    if (name === 'master') return 'table'
    if (name === 'peer_import' || name === 'peer_export') return 'filter'
    return undefined
  }

  protocol(name: string): BirdProtocol | undefined {
    return this.protocols.find((p) => p.name === name)
  }

  /** The master table in FIB order. A router's routes are all BGP routes, so nets of equal hash come as BGP learned them. */
  get nets(): readonly RouterNet[] {
    if (this.netList) return this.netList
    const bySession = new Map(this.sessions.flatMap((s) => (s.remote !== undefined ? [[s.remote, s] as const] : [])))
    const order = new Map([...bySession.keys()].map((remote, index) => [remote, index]))
    const nets: RouterNet[] = []
    for (const [cidr, choice] of this.context.network.bgp.tableOf(this.speaker.id)) {
      const parsed = parseIpPrefix(cidr)
      if (!parsed.ok || parsed.value.family !== 4) continue
      const routes = listOrder(choice, order).map((route): RouterRoute => this.tableRoute(route, route.learnedFrom !== undefined ? bySession.get(route.learnedFrom) : undefined))
      nets.push({ cidr, prefix: parsed.value, choice, routes })
    }
    this.netList = fibOrder(nets, () => 0)
    return this.netList
  }

  /**
   * A BGP route as the table holds it: `gateway direct`, so the next hop is the gateway on the
   * interface that reaches it and no IGP metric is printed (proto/bgp/attrs.c bgp_get_route_info).
   */
  private tableRoute(route: BgpRoute, session: SessionState | undefined): RouterRoute {
    return {
      bgp: route,
      session,
      protocol: session?.protocol ?? '?',
      since: this.context.timeline.routeSince(this.speaker.id, route.cidr, route.nextHop, route.learnedFrom) ?? this.context.now,
      dest: { kind: 'via', gateway: this.gatewayOf(route), dev: this.deviceFor(this.gatewayOf(route)) },
      from: session?.peerAddress,
      info: bgpRouteInfo(PREFERENCE.BGP, undefined, route.asPath),
      type: 'BGP unicast univ',
      attributes: () => bgpAttributeLines(this.attributesOf(route)),
    }
  }

  /**
   * The kernel protocol takes the best route only and exports all of it; with `merge paths on`
   * `export` shows the best merged with the routes it merges with (RA_MERGED, nest/rt-table.c
   * rt_export_merged). A BGP protocol takes the best route only (RA_OPTIMAL: no ADD-PATH here).
   */
  exportViews(target: BirdProtocol, net: RouterNet, mode: 'export' | 'preexport' | 'noexport'): readonly ExportView[] {
    const best = net.routes[0] as RouterRoute
    if (target.proto === 'Kernel') {
      const hops = mode === 'export' ? this.kernelNextHops(net) : undefined
      if (!hops) return [{ verdict: 'exported', route: best, primary: true }]
      return [
        {
          verdict: 'exported',
          route: mergedRoute(
            best,
            hops.map((gateway) => ({ gateway, dev: this.deviceFor(gateway) })),
          ),
          primary: false,
        },
      ]
    }
    const decision = this.exportDecision(target.session as SessionState, best.bgp)
    if (decision.verdict === 'rejected') return [decision]
    const { attributes } = decision
    // rt_show_rte gives get_route_info the attributes as they leave: the origin AS of the new path.
    return [{ verdict: decision.verdict, route: { ...best, info: bgpRouteInfo(PREFERENCE.BGP, undefined, attributes.asPath), attributes: () => bgpAttributeLines(attributes) }, primary: true }]
  }

  bgpDetails(protocol: BirdProtocol): BgpSessionDetails {
    const session = protocol.session as SessionState
    return {
      neighborId: this.routerIdOf(session.remote) ?? session.peerAddress,
      neighborCaps: neighborCaps(this.remoteOf(session)),
      session: `${session.remoteAs === this.speaker.asNumber ? 'internal' : 'external'}${session.multihop ? ' multihop' : ''} AS4`,
      sourceAddress: this.sourceAddress(session),
    }
  }

  /**
   * Where `gateway direct` sends a route: its next hop when that is on a connected subnet, else
   * the neighbor it came from (proto/bgp/packets.c bgp_set_next_hop, "Fallback").
   */
  gatewayOf(route: BgpRoute): string {
    if (route.directNeighbor === undefined) return route.nextHop
    const segments = segmentsOf(this.context.design)
    const onLink = this.speaker.host.interfaces.some((i) => {
      const segment = segments.find((s) => s.id === i.segmentId)
      return segment !== undefined && segmentHolds(segment, route.nextHop)
    })
    return onLink ? route.nextHop : route.directNeighbor
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

  /** This router's address towards a neighbor: BIRD binds no source address, so the kernel picks it (the one on the subnet they share, for a direct neighbor). */
  sourceAddress(session: SessionState): string {
    if (session.localAddress !== undefined) return session.localAddress
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
    if (!this.exchanges.has(session.protocol))
      this.exchanges.set(session.protocol, session.state === 'up' && session.remote !== undefined ? this.context.network.bgp.exchange(this.speaker.id, session.remote) : undefined)
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
   * proto/bgp/attrs.c bgp_update_attrs, for the sessions Peerlab configures (neither `next hop
   * self` nor `next hop keep`): iBGP keeps the next hop; eBGP keeps it on a direct session when the
   * route leaves through the interface facing the neighbor, else puts this router's address (a
   * multihop session has no neighbor entry, so never keeps).
   */
  private exportedNextHop(session: SessionState, route: BgpRoute, internal: boolean): string {
    if (internal) return route.nextHop
    if (session.multihop) return this.sourceAddress(session)
    const facing = this.deviceFor(session.peerAddress)
    return facing !== '' && this.deviceFor(this.gatewayOf(route)) === facing ? route.nextHop : this.sourceAddress(session)
  }

  /**
   * The kernel protocol's copy of a net: with `merge paths on` (RA_MERGED) the best route and the
   * ones BIRD may merge with it become one multipath route, their gateways sorted as
   * nest/rt-attr.c mpnh_compare_node orders them; with a single distinct gateway it stays the best.
   */
  private kernelNextHops(net: RouterNet): readonly string[] | undefined {
    if (this.spec?.mergePaths !== true) return undefined
    const gateways = [...new Set([net.choice.best, ...net.choice.mergeable].map((r) => this.gatewayOf(r)))]
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
    if (protocol.proto !== 'Kernel' && protocol.proto !== 'BGP') return NO_STATS
    if (protocol.proto === 'Kernel') {
      const offered = { ...ZERO, received: nets.length, accepted: nets.length }
      return { imported: 0, exported: nets.length, preferred: 0, importUpdates: ZERO, importWithdraws: ZERO, exportUpdates: offered, exportWithdraws: ZERO }
    }
    const session = protocol.session as SessionState
    const exchange = this.exchangeOf(session)
    if (!exchange) return NO_STATS
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
