import type { SessionState } from '../../../bgp/sessions'
import type { BgpSpeaker } from '../../../bgp/speakers'
import type { EntityId } from '../../../model/design'
import { calicoBirdInputs, type CalicoBirdInputs, type CalicoBirdSession } from '../../../export/birdConfig'
import { formatIpPrefix, parseIpPrefix, prefixContainsAddress, type IpPrefix } from '../../../net'
import type { BgpRoute } from '../../../routing/bgpRoutes'
import type { KernelRoute } from '../../../routing/kernelRoutes'
import type { ProgramContext } from '../../program'
import type { SymbolClass } from './birdArgs'
import { bgpAttributeLines, bgpRouteInfo, neighborCaps, type BgpAttributes, type IgpMetric } from './bgpFormat'
import {
  fibOrder,
  mergedRoute,
  NO_STATS,
  ZERO,
  type BgpSessionDetails,
  type BgpTimers,
  type BirdDaemon,
  type BirdNet,
  type BirdProtocol,
  type BirdRoute,
  type ExportView,
  type ProtocolStats,
  type RouteDest,
} from './birdDaemon'
import { bgpExportAccepts, kernelExportAccepts } from './calicoFilters'
import { TUNNEL_DEVICE } from '../../../ipam/tunnelKinds'

/**
 * A Calico node's BIRD (the fork calico-node runs, BIRD v0.3.3+birdv1.6.8) as `birdcl` sees it,
 * running the bird.cfg Peerlab writes for the node (shared/export/birdConfig.ts
 * calicoNodeBirdConfig): static1 with a blackhole per own block and advertised service range,
 * kernel1 learning every alien route of the host (`learn`: Felix's pod routes on cali
 * interfaces, the DHCP routes; sysdep/linux/netlink.c nl_parse_route skips only `proto kernel`
 * and BIRD's own), device1, direct1 on every interface but cali* and kube-ipvs*, and one BGP
 * protocol per session, `gateway recursive` and `add paths on`. Built from the engine's BGP table
 * and the host's kernel table.
 */

/** Where a route came from, which decides its preference and how BIRD treats it. */
type Source = 'static' | 'direct' | 'kernel' | 'bgp'

interface CalicoRoute extends BirdRoute {
  readonly source: Source
  readonly preference: number
  readonly bgp: BgpRoute | undefined
  readonly session: CalicoBirdSession | undefined
  /** How a BGP route's next hop resolved. */
  readonly igp: IgpMetric
}

export interface CalicoNet extends BirdNet {
  readonly routes: readonly CalicoRoute[]
}

/** BIRD's default preferences (nest/proto.c, proto/bgp/bgp.c); bird.cfg sets none. */
const PREFERENCE: Readonly<Record<Source, number>> = { direct: 240, static: 200, bgp: 100, kernel: 10 }

/** The order BIRD creates nets at start-up, which breaks FIB hash ties: static routes first, then interfaces, then the kernel scan, then BGP. */
const CREATED: Readonly<Record<Source, number>> = { static: 0, direct: 1, kernel: 2, bgp: 3 }

/** bird.cfg's BGP template: `connect delay time 2; connect retry time 5; error wait time 5,30;`, BIRD's hold and keepalive. */
const TIMERS: BgpTimers = { hold: 240, keepalive: 80, connectDelay: 2, connectRetry: 5, errorWaitMin: 5, errorWaitMax: 30 }

/** iproute2's `proto` names for the numbers Kernel.source prints (the kernel's rtnetlink RTPROT_*); no `proto` is boot (3). */
const KERNEL_PROTO: Readonly<Record<string, number>> = { boot: 3, static: 4, dhcp: 16 }

export class CalicoBird implements BirdDaemon<CalicoNet> {
  readonly version = 'BIRD v0.3.3+birdv1.6.8'
  readonly timers = TIMERS
  readonly protocols: readonly BirdProtocol[]
  private readonly inputs: CalicoBirdInputs
  private readonly bySession = new Map<string, CalicoBirdSession>()
  private readonly servicePrefixes: readonly IpPrefix[]
  private kernelTable: readonly KernelRoute[] | undefined
  private connectedRoutes: readonly KernelRoute[] | undefined
  private netList: CalicoNet[] | undefined

  constructor(
    private readonly context: ProgramContext,
    readonly speaker: BgpSpeaker,
  ) {
    this.inputs = calicoBirdInputs(context.design, context.network, speaker)
    for (const s of this.inputs.sessions) this.bySession.set(s.session.protocol, s)
    this.servicePrefixes = this.inputs.services.flatMap((c) => {
      const parsed = parseIpPrefix(c)
      return parsed.ok ? [parsed.value] : []
    })
    const base = { state: 'up', since: context.bootedAt, description: undefined, session: undefined }
    this.protocols = [
      { ...base, name: 'static1', proto: 'Static', preference: PREFERENCE.static, inputFilter: 'ACCEPT', outputFilter: 'REJECT' },
      // `import all; export filter calico_kernel_programming;`
      { ...base, name: 'kernel1', proto: 'Kernel', preference: PREFERENCE.kernel, inputFilter: 'ACCEPT', outputFilter: 'calico_kernel_programming' },
      { ...base, name: 'device1', proto: 'Device', preference: 240, inputFilter: 'ACCEPT', outputFilter: 'REJECT' },
      { ...base, name: 'direct1', proto: 'Direct', preference: PREFERENCE.direct, inputFilter: 'ACCEPT', outputFilter: 'REJECT' },
      // An inline `import filter { ... }` or `export filter { ... }` has no name: BIRD shows `(unnamed)` (nest/proto.c filter_name).
      ...this.inputs.sessions.map(({ session, importRules, exportRules }): BirdProtocol => ({
        name: session.protocol,
        proto: 'BGP',
        state: session.state,
        since: context.timeline.sessionSince(session) ?? context.now,
        description: 'Connection to BGP peer',
        preference: PREFERENCE.bgp,
        inputFilter: importRules.length > 0 ? '(unnamed)' : 'ACCEPT',
        outputFilter: exportRules.length > 0 ? '(unnamed)' : 'calico_export_to_bgp_peers',
        session,
      })),
    ]
  }

  get routerId(): string {
    return this.speaker.ipv4 ?? '0.0.0.0'
  }

  protocol(name: string): BirdProtocol | undefined {
    return this.protocols.find((p) => p.name === name)
  }

  /** The names bird.cfg defines: its protocols, the master table, two filters, a function and the BGP template. */
  classOf(name: string): SymbolClass {
    if (this.protocol(name)) return 'protocol'
    if (name === 'master') return 'table'
    if (['calico_export_to_bgp_peers', 'calico_kernel_programming', 'calico_aggr', 'bgp_template'].includes(name)) return 'filter'
    return undefined
  }

  private get kernel(): readonly KernelRoute[] {
    this.kernelTable ??= this.context.network.routesOf(this.speaker.id)
    return this.kernelTable
  }

  /** The node's connected subnets: the direct protocol's device routes, which resolve a next hop with IGP metric 0. */
  private get connected(): readonly KernelRoute[] {
    this.connectedRoutes ??= this.kernel.filter((k) => k.kind === 'connected')
    return this.connectedRoutes
  }

  /** The default route kernel1 learned (DHCP's), through which other next hops resolve. */
  private get defaultRoute(): KernelRoute | undefined {
    return this.kernel.find((k) => k.destination === 'default' && k.proto !== 'bird')
  }

  /** The master table: every source's routes per net, the best (highest preference, then BGP's own choice) first, in FIB order. */
  get nets(): readonly CalicoNet[] {
    if (this.netList) return this.netList
    const byCidr = new Map<string, { prefix: IpPrefix; routes: CalicoRoute[] }>()
    const add = (cidr: string, prefix: IpPrefix, route: CalicoRoute): void => {
      const net = byCidr.get(cidr)
      if (net) net.routes.push(route)
      else byCidr.set(cidr, { prefix, routes: [route] })
    }
    const booted = this.context.bootedAt
    const blackhole = (since: number): CalicoRoute => this.localRoute('static', since, { kind: 'blackhole' }, 'static unicast univ', () => [])
    for (const block of this.inputs.blocks) add(block.cidr, block.prefix, blackhole(this.context.timeline.blockSince(block.cidr) ?? booted))
    this.inputs.services.forEach((cidr, i) => add(cidr, this.servicePrefixes[i] as IpPrefix, blackhole(booted)))
    for (const route of this.kernel) {
      if (route.destination === 'default' ? false : route.destination.family !== 4) continue
      const prefix = route.destination === 'default' ? ({ family: 4, network: 0, length: 0 } as IpPrefix) : route.destination
      const cidr = formatIpPrefix(prefix)
      if (route.kind === 'connected')
        add(
          cidr,
          prefix,
          this.localRoute('direct', booted, { kind: 'dev', dev: route.nextHops[0]?.dev ?? '' }, 'device unicast univ', () => []),
        )
      else if (route.proto !== 'bird' && route.proto !== 'kernel') add(cidr, prefix, this.kernelRoute(route))
    }
    for (const tunnel of this.context.network.ipam.tunnels) {
      if (tunnel.node !== this.speaker.host.name || tunnel.address.includes(':')) continue
      // The tunnel device's own /32 address is a connected route of the direct protocol (nest/rt-dev.c dev_ifa_notify).
      const prefix = parseIpPrefix(`${tunnel.address}/32`)
      if (prefix.ok)
        add(
          `${tunnel.address}/32`,
          prefix.value,
          this.localRoute('direct', booted, { kind: 'dev', dev: TUNNEL_DEVICE[tunnel.kind] }, 'device unicast univ', () => []),
        )
    }
    this.addBgpRoutes(add)
    const nets = [...byCidr].map(([cidr, { prefix, routes }]): CalicoNet => ({ cidr, prefix, routes: routes.sort((a, b) => b.preference - a.preference) }))
    this.netList = fibOrder(nets, (net) => Math.min(...net.routes.map((r) => CREATED[r.source])))
    return this.netList
  }

  /** The engine's BGP candidates for each net, learned ones only (what this node originates is static1's or kernel1's): its best first, the others newest first. */
  private addBgpRoutes(add: (cidr: string, prefix: IpPrefix, route: CalicoRoute) => void): void {
    const sessionOf = new Map<EntityId, CalicoBirdSession>()
    for (const s of this.inputs.sessions) if (s.session.remote !== undefined && s.session.state === 'up') sessionOf.set(s.session.remote, s)
    const order = new Map([...sessionOf.keys()].map((remote, index) => [remote, index]))
    for (const [cidr, choice] of this.context.network.bgp.tableOf(this.speaker.id)) {
      const learned = choice.candidates.map((c) => c.route).filter((r) => r.learnedFrom !== undefined && r.prefix.family === 4)
      const [best, ...others] = learned
      if (!best) continue
      others.sort((a, b) => (order.get(b.learnedFrom as EntityId) ?? -1) - (order.get(a.learnedFrom as EntityId) ?? -1))
      for (const route of [best, ...others]) {
        const session = sessionOf.get(route.learnedFrom as EntityId)
        if (session) add(cidr, route.prefix, this.bgpRoute(route, session))
      }
    }
  }

  private localRoute(source: Source, since: number, dest: RouteDest, type: string, attributes: () => readonly string[]): CalicoRoute {
    const protocol = source === 'static' ? 'static1' : source === 'direct' ? 'direct1' : 'kernel1'
    return { source, preference: PREFERENCE[source], bgp: undefined, session: undefined, igp: undefined, protocol, since, dest, from: undefined, info: ` (${PREFERENCE[source]})`, type, attributes }
  }

  /**
   * A route kernel1 learned from the host's table (sysdep/linux/netlink.c nl_parse_route): type
   * `inherit`, and the attributes the scan attaches, Kernel.source (the route's protocol number),
   * Kernel.metric and Kernel.prefsrc (sysdep/unix/krt.c krt_get_attr).
   */
  private kernelRoute(route: KernelRoute): CalicoRoute {
    const hop = route.nextHops[0]
    const dest: RouteDest = route.kind === 'blackhole' ? { kind: 'blackhole' } : hop?.via !== undefined ? { kind: 'via', gateway: hop.via, dev: hop.dev ?? '' } : { kind: 'dev', dev: hop?.dev ?? '' }
    const pod = route.pod !== undefined ? this.context.network.ipam.pods.find((p) => p.namespace === route.pod?.namespace && p.name === route.pod?.name) : undefined
    const since = pod ? Math.max(this.context.timeline.podStartedAt(pod) ?? this.context.now, this.context.bootedAt) : this.context.bootedAt
    const source = KERNEL_PROTO[route.proto ?? 'boot'] ?? Number(route.proto)
    const prefsrc = / src (\S+)/.exec(route.text)?.[1]
    const attributes = [`Kernel.source: ${source}`, `Kernel.metric: ${route.metric ?? 0}`, ...(prefsrc !== undefined ? [`Kernel.prefsrc: ${prefsrc}`] : [])]
    return this.localRoute('kernel', since, dest, 'inherit unicast univ', () => attributes)
  }

  /**
   * A BGP route as `gateway recursive` resolves its next hop (nest/rt-table.c rt_update_hostentry):
   * through a connected subnet (the direct protocol's device route, IGP metric 0), else through
   * the default route the kernel protocol learned (no metric: `/?`), else unreachable (`/-`).
   */
  private bgpRoute(route: BgpRoute, session: CalicoBirdSession): CalicoRoute {
    const address = route.nextHopAddress
    const connected = address === undefined ? undefined : this.connected.find((k) => k.destination !== 'default' && prefixContainsAddress(k.destination, address))
    const viaDefault = connected ? undefined : this.defaultRoute
    let dest: RouteDest = { kind: 'unreachable' }
    let igp: IgpMetric = 'unresolvable'
    if (connected) {
      dest = { kind: 'via', gateway: route.nextHop, dev: connected.nextHops[0]?.dev ?? '' }
      igp = 0
    } else if (viaDefault?.nextHops[0]?.via !== undefined) {
      dest = { kind: 'via', gateway: viaDefault.nextHops[0].via, dev: viaDefault.nextHops[0].dev ?? '' }
      igp = 'unknown'
    }
    const since = Math.max(this.context.timeline.sessionSince(session.session) ?? this.context.now, this.context.timeline.blockSince(route.cidr) ?? this.context.bootedAt)
    const attributes = this.attributesOf(route)
    return {
      source: 'bgp',
      preference: PREFERENCE.bgp,
      bgp: route,
      session,
      igp,
      protocol: session.session.protocol,
      since,
      dest,
      from: session.session.peerAddress,
      info: bgpRouteInfo(PREFERENCE.bgp, igp, route.asPath),
      type: 'BGP unicast univ',
      attributes: () => bgpAttributeLines(attributes),
    }
  }

  /** The attributes a received route carries: ORIGINATOR_ID and CLUSTER_LIST when a reflector passed it on over iBGP. */
  private attributesOf(route: BgpRoute): BgpAttributes {
    const reflected = route.ibgp && route.clusterList.length > 0
    return { asPath: route.asPath, nextHop: route.nextHop, originatorId: reflected ? this.routerIdOf(route.originator) : undefined, clusterList: reflected ? route.clusterList : [] }
  }

  private routerIdOf(id: EntityId | undefined): string | undefined {
    return this.context.network.speakers.find((s) => s.id === id)?.ipv4
  }

  private remoteOf(session: SessionState): BgpSpeaker | undefined {
    return this.context.network.speakers.find((s) => s.id === session.remote)
  }

  /** ADD-PATH is used towards a neighbor that announced it can receive several paths (proto/bgp/packets.c bgp_rx_open): another Calico node, or FRR. */
  private addPathTx(session: SessionState): boolean {
    const remote = this.remoteOf(session)
    return remote?.kind === 'calico' || remote?.host.daemon === 'frr'
  }

  exportViews(target: BirdProtocol, net: CalicoNet, mode: 'export' | 'preexport' | 'noexport'): readonly ExportView[] {
    const best = net.routes[0] as CalicoRoute
    if (target.proto === 'Kernel') return [this.kernelView(net, best, mode)]
    const session = this.bySession.get(target.name) as CalicoBirdSession
    // With ADD-PATH tx BGP takes every route of a net (RA_ANY), else the best only (RA_OPTIMAL).
    const routes = this.addPathTx(session.session) ? net.routes : [best]
    return routes.map((route) => this.bgpView(session, route, route === best, net.prefix))
  }

  /**
   * The kernel protocol (sysdep/unix/krt.c krt_import_control refuses its own routes and device
   * routes; `calico_kernel_programming` decides the rest). `merge paths on` makes it RA_MERGED:
   * `export` shows the best merged with the BGP routes it may merge with whose next hops resolve
   * alike (nest/rt-table.c rt_export_merged), as the host's multipath route has them.
   */
  private kernelView(net: CalicoNet, best: CalicoRoute, mode: 'export' | 'preexport' | 'noexport'): ExportView {
    if (best.source === 'kernel' || best.source === 'direct') return { verdict: 'rejected' }
    if (!kernelExportAccepts(this.inputs, this.servicePrefixes, net.prefix)) return { verdict: 'filtered', route: best, primary: true }
    const installed =
      mode === 'export'
        ? this.kernel.find((k) => k.proto === 'bird' && k.destination !== 'default' && k.destination.network === net.prefix.network && k.destination.length === net.prefix.length)
        : undefined
    if (installed && installed.nextHops.length > 1)
      return {
        verdict: 'exported',
        route: mergedRoute(
          best,
          installed.nextHops.map((h) => ({ gateway: h.via ?? '', dev: h.dev ?? '' })),
        ),
        primary: false,
      }
    return { verdict: 'exported', route: best, primary: true }
  }

  /**
   * proto/bgp/attrs.c bgp_import_control, then the session's export filter: a route goes back to
   * neither the neighbor it came from nor, between iBGP sessions, anywhere unless one of them is
   * a route-reflector client; a reflector client's route carrying our cluster ID loops. What
   * passes leaves with bgp_update_attrs's attributes (a learned route) or bgp_create_attrs's (one
   * this node has from another protocol).
   */
  private bgpView(target: CalicoBirdSession, route: CalicoRoute, primary: boolean, prefix: IpPrefix): ExportView {
    const session = target.session
    const internal = session.remoteAs === this.speaker.asNumber
    // BIRD's own next hop is the session's local address (its `source address`, else the kernel's choice).
    const self = session.localAddress ?? this.speaker.ipv4 ?? ''
    // `next hop keep` (keepOriginalNextHop towards another AS) keeps what iBGP keeps (calico.md §5.4).
    const keep = internal || session.nextHopKeep
    let attributes: BgpAttributes
    if (route.bgp && route.session) {
      const from = route.session.session
      if (from.protocol === session.protocol) return { verdict: 'rejected' }
      const clusterId = this.speaker.routeReflectorClusterId
      if (session.rrClient && clusterId !== undefined && route.bgp.clusterList.includes(clusterId)) return { verdict: 'rejected' }
      const fromInternal = from.remoteAs === this.speaker.asNumber
      const reflect = internal && fromInternal
      if (reflect && !session.rrClient && !from.rrClient) return { verdict: 'rejected' }
      const own = this.attributesOf(route.bgp)
      const nextHop = keep && route.bgp.nextHop !== '' ? route.bgp.nextHop : self
      attributes = reflect
        ? { asPath: own.asPath, nextHop, originatorId: own.originatorId ?? this.routerIdOf(route.bgp.learnedFrom), clusterList: [clusterId as string, ...route.bgp.clusterList] }
        : { ...own, asPath: internal ? own.asPath : [this.speaker.asNumber, ...own.asPath], nextHop }
    } else {
      const gateway = route.dest.kind === 'via' ? route.dest.gateway : undefined
      attributes = { asPath: internal ? [] : [this.speaker.asNumber], nextHop: keep && gateway !== undefined ? gateway : self, originatorId: undefined, clusterList: [] }
    }
    const verdict = bgpExportAccepts(this.inputs, target, prefix) ? 'exported' : 'filtered'
    // The created BGP attributes sort before the kernel protocol's own (EAP_BGP before EAP_KRT: nest/rt-attr.c ea_sort).
    const lines = [...bgpAttributeLines(attributes), ...(route.source === 'kernel' ? route.attributes() : [])]
    // rt_show_rte gives get_route_info the attributes as they leave: a BGP route shows the origin AS of its new path.
    const info = route.bgp ? bgpRouteInfo(PREFERENCE.bgp, route.igp, attributes.asPath) : route.info
    return { verdict, route: { ...route, info, attributes: () => lines }, primary }
  }

  bgpDetails(protocol: BirdProtocol): BgpSessionDetails {
    const session = protocol.session as SessionState
    const remote = this.remoteOf(session)
    const internal = session.remoteAs === this.speaker.asNumber
    // What both sides configured and the neighbor announced (proto/bgp/packets.c bgp_rx_open): Calico nodes send and take several paths.
    const addPathRx = remote?.kind === 'calico'
    return {
      neighborId: this.routerIdOf(session.remote) ?? session.peerAddress,
      neighborCaps: neighborCaps(remote),
      session: `${internal ? 'internal' : 'external'}${session.multihop ? ' multihop' : ''}${session.rrClient ? ' route-reflector' : ''} AS4${addPathRx ? ' add-path-rx' : ''}${this.addPathTx(session) ? ' add-path-tx' : ''}`,
      sourceAddress: session.localAddress ?? this.speaker.ipv4 ?? '',
    }
  }

  /**
   * Each protocol's counters once every route has arrived once and nothing was withdrawn (a
   * real daemon also counts the updates on the way there). BGP's import side is what its table
   * holds from the session plus what an import filter dropped; each export side counts what the
   * protocol looks at of every net, as `show route export` does.
   */
  stats(protocol: BirdProtocol): ProtocolStats {
    const nets = this.nets
    if (protocol.proto === 'Device' || (protocol.proto === 'BGP' && protocol.state !== 'up')) return NO_STATS
    let imported = 0
    let preferred = 0
    for (const net of nets) {
      net.routes.forEach((route, index) => {
        if (route.protocol !== protocol.name) return
        imported++
        if (index === 0) preferred++
      })
    }
    const filteredIn = protocol.proto === 'BGP' ? this.filteredOnImport(protocol.session as SessionState) : 0
    const importUpdates = { ...ZERO, received: imported + filteredIn, filtered: filteredIn, accepted: imported }
    if (protocol.proto === 'Static' || protocol.proto === 'Direct') return { ...NO_STATS, imported, preferred, importUpdates }
    const out = { ...ZERO }
    for (const net of nets) {
      for (const view of this.exportViews(protocol, net, 'preexport')) {
        out.received++
        if (view.verdict === 'rejected') out.rejected++
        else if (view.verdict === 'filtered') out.filtered++
        else out.accepted++
      }
    }
    return { imported, exported: out.accepted, preferred, importUpdates, importWithdraws: ZERO, exportUpdates: out, exportWithdraws: ZERO }
  }

  /** What the session's BGPFilter import rules drop, from what the engine says crosses it. */
  private filteredOnImport(session: SessionState): number {
    if (session.remote === undefined) return 0
    return (this.context.network.bgp.exchange(this.speaker.id, session.remote)?.received ?? []).filter((r) => r.filteredBy !== undefined && r.route.prefix.family === 4).length
  }
}

/** The node's BIRD, or undefined when the host is not a Calico node. */
export function calicoBird(context: ProgramContext, host: { readonly id: EntityId } = context.host): CalicoBird | undefined {
  const speaker = context.network.speakers.find((s) => s.id === host.id)
  return speaker?.kind === 'calico' ? new CalicoBird(context, speaker) : undefined
}
