import type { BgpSpeaker } from '../bgp/speakers'
import type { IpamResult } from '../ipam/computeIpam'
import { calicoAtLeast, calicoVersionOf } from '../model/calicoVersion'
import type { Design } from '../model/design'
import { segmentsOf, type Host } from '../model/query'
import { formatIpPrefix, parseIpAddress, parseIpPrefix, prefixContainsAddress, prefixContainsPrefix, type IpAddress, type IpFamily, type IpPrefix } from '../net'
import { advertisedServiceRanges, type BgpRoute, type BgpRoutes, type RouteChoice } from './bgpRoutes'
import { podInterfaceName } from './sha1'
import { felixVxlanRoute } from './vxlanRoutes'

/** What put a route in the table, as a person sorts them: the columns of the host panel's Routes. */
export type KernelRouteKind = 'connected' | 'dhcp' | 'blackhole' | 'pod' | 'bgp' | 'tunnel'

/** One path of a route: the gateway (none for a device route) and the interface. */
export interface KernelNextHop {
  readonly via: string | undefined
  readonly dev: string | undefined
}

/** One line of a host's main routing table, with why it is there. */
export interface KernelRoute {
  readonly family: IpFamily
  readonly destination: IpPrefix | 'default'
  readonly kind: KernelRouteKind
  /** One path, or one per `nexthop` of a multipath route; a blackhole has none. */
  readonly nextHops: readonly KernelNextHop[]
  /** iproute2's `proto` (`kernel`, `dhcp`, `bird`, `80` for Felix); undefined when `ip route` prints none. */
  readonly proto: string | undefined
  readonly scope: 'link' | undefined
  readonly metric: number | undefined
  /** The BGP table entry behind a route BIRD or Felix installed from BGP: its provenance. */
  readonly choice: RouteChoice | undefined
  /** The pod a `cali…` route leads to. */
  readonly pod: { readonly namespace: string; readonly name: string } | undefined
  /**
   * The route as `ip route` prints it, without the trailing space iproute2 ends it with: one line,
   * or for a multipath route the header line and a tab-indented `nexthop` line per path.
   */
  readonly text: string
  /** Who put it there and why: the answer to "why is this route here". */
  readonly why: string
}

interface Attachment {
  readonly name: string
  readonly address: string
  readonly subnet: IpPrefix
  readonly cidr: string
  readonly gateway: string | undefined
}

/** A host's connected subnets: interface, its address, the segment's prefix of that family and gateway. */
function attachments(design: Design, host: Host): Attachment[] {
  const segments = new Map(segmentsOf(design).map((s) => [s.id, s]))
  return host.interfaces.flatMap((iface): Attachment[] => {
    const segment = iface.segmentId ? segments.get(iface.segmentId) : undefined
    const ip = parseIpAddress(iface.address)
    if (!segment || !ip.ok) return []
    const subnet = segment.prefixes.find((p) => prefixContainsAddress(p, ip.value))
    if (!subnet) return []
    const gateway = (segment.resource.spec.gateways ?? []).find((g) => {
      const parsed = parseIpAddress(g)
      return parsed.ok && prefixContainsAddress(subnet, parsed.value)
    })
    return [{ name: iface.name, address: iface.address, subnet, cidr: formatIpPrefix(subnet), gateway }]
  })
}

/** Whether a prefix is one of the host's connected subnets. */
function isConnected(links: readonly Attachment[], prefix: IpPrefix): boolean {
  for (const l of links) if (l.subnet.network === prefix.network && l.subnet.length === prefix.length && l.subnet.family === prefix.family) return true
  return false
}

/** The pool holding a prefix; a loop, not `find`, as it runs for every route of a large table. */
function poolOf<P extends { readonly prefix: IpPrefix }>(pools: readonly P[], prefix: IpPrefix): P | undefined {
  for (const pool of pools) if (prefixContainsPrefix(pool.prefix, prefix)) return pool
  return undefined
}

/** `10.0.1.31` for a /32, the prefix text otherwise: iproute2 prints host routes without a length. */
function destinationText(prefix: IpPrefix, cidr: string): string {
  return prefix.length === (prefix.family === 4 ? 32 : 128) ? (cidr.split('/')[0] as string) : cidr
}

/** The gateway and interface that reach `address`: on-link if a connected subnet holds it, else the default gateway. */
function resolve(links: readonly Attachment[], address: string, ip: IpAddress | undefined): NextHop | undefined {
  if (ip === undefined) return undefined
  const onLink = links.find((l) => prefixContainsAddress(l.subnet, ip))
  if (onLink) return { via: address, dev: onLink.name, onSubnet: true }
  const withGateway = links.find((l) => l.gateway !== undefined && l.subnet.family === ip.family)
  return withGateway ? { via: withGateway.gateway as string, dev: withGateway.name, onSubnet: false } : undefined
}

type Extras = 'proto' | 'scope' | 'metric' | 'choice' | 'pod'

/**
 * A route with every field in one order, the optional ones undefined unless given: one object shape
 * for thousands of routes. (Spreading a defaults object into each made them ten times slower.)
 */
function kernelRoute(fields: Omit<KernelRoute, Extras> & Partial<Pick<KernelRoute, Extras>>): KernelRoute {
  const { family, destination, kind, nextHops, proto, scope, metric, choice, pod, text, why } = fields
  return { family, destination, kind, nextHops, proto, scope, metric, choice, pod, text, why }
}

/** A route as plain data, every field its own: what crosses to another thread (a LearnedRoute spells its text through getters, which a structured clone drops). */
export function plainRoute(route: KernelRoute): KernelRoute {
  const { family, destination, kind, nextHops, proto, scope, metric, choice, pod, text, why } = route
  return { family, destination, kind, nextHops, proto, scope, metric, choice, pod, text, why }
}

/** How the routes of one kind in one table read: their text and reason, from what the route holds. */
interface Spelling {
  text(route: LearnedRoute): string
  why(route: LearnedRoute): string
}

/**
 * A route BIRD installed from BGP, the most common of a large table. Its text and reason are
 * spelled out when first read: a table of thousands is built for a panel's rows or one question,
 * which read few of them, and making every string made most of a table's cost.
 */
class LearnedRoute implements KernelRoute {
  /** How to spell the route, until it is read; then what it reads. */
  #spelled: Spelling | { readonly text: string; readonly why: string }

  constructor(
    readonly family: IpFamily,
    readonly destination: IpPrefix,
    readonly kind: KernelRouteKind,
    readonly nextHops: readonly KernelNextHop[],
    readonly proto: string,
    readonly metric: number | undefined,
    readonly choice: RouteChoice,
    spelling: Spelling,
  ) {
    this.#spelled = spelling
  }

  get scope(): undefined {
    return undefined
  }

  get pod(): undefined {
    return undefined
  }

  get text(): string {
    return this.spelled().text
  }

  get why(): string {
    return this.spelled().why
  }

  private spelled(): { readonly text: string; readonly why: string } {
    const spelled = this.#spelled
    if (typeof spelled.text === 'string') return spelled as { readonly text: string; readonly why: string }
    const spelling = spelled as Spelling
    return (this.#spelled = { text: spelling.text(this), why: spelling.why(this) })
  }

  /** The same JSON as a plain route's, fields in the same order. */
  toJSON(): KernelRoute {
    return plainRoute(this)
  }
}

/** BIRD's limit on merged next hops when `merge paths on` gives none (sysdep/unix/krt.h KRT_DEFAULT_ECMP_LIMIT). */
const MERGE_LIMIT = 16

interface NextHop {
  readonly via: string
  readonly dev: string
  /** Whether the next hop is on a connected subnet, rather than reached through a gateway. */
  readonly onSubnet: boolean
}

/**
 * The start of each route's reason, made once per neighbor the table's routes were learned from:
 * thousands of routes share a handful of neighbors.
 */
class Provenances {
  private readonly starts = new Map<string, string>()

  of(route: BgpRoute): string {
    const from = route.learnedFrom as string
    let start = this.starts.get(from)
    if (start === undefined) this.starts.set(from, (start = `learned by BGP from ${from}, originated by `))
    return start + route.originator
  }
}

function addressOrder(a: string, b: string): number {
  const x = parseIpAddress(a)
  const y = parseIpAddress(b)
  if (!x.ok || !y.ok) return a.localeCompare(b)
  return x.value.value < y.value.value ? -1 : x.value.value > y.value.value ? 1 : 0
}

/**
 * The paths BIRD 1.6 merges into one multipath kernel route (nest/rt-table.c `rt_export_merged`,
 * nest/rt-attr.c `mpnh_merge` in projectcalico/bird): the best route's next hop and those of the
 * mergeable candidates that resolve with the same IGP metric, one per gateway and interface,
 * ordered by gateway and then interface index, at most 16. The kernel keeps that order. The IGP
 * metric is 0 for a next hop on a connected subnet and unknown for one behind a gateway on a
 * Calico node (`gateway recursive`; nest/rt-table.c `rt_get_igp_metric`), always 0 on a router
 * (`gateway direct`), so only on a node can it keep two paths apart.
 */
function mergedPaths(choice: RouteChoice, recursive: boolean, hopOf: (route: BgpRoute) => NextHop | undefined, interfaceIndex: (dev: string) => number): { hop: NextHop; routes: BgpRoute[] }[] {
  const bestHop = hopOf(choice.best) as NextHop
  const paths = new Map<string, { hop: NextHop; routes: BgpRoute[] }>([[`${bestHop.via} ${bestHop.dev}`, { hop: bestHop, routes: [choice.best] }]])
  for (const route of choice.mergeable) {
    const hop = hopOf(route)
    if (!hop || (recursive && hop.onSubnet !== bestHop.onSubnet)) continue
    const key = `${hop.via} ${hop.dev}`
    const known = paths.get(key)
    if (known) known.routes.push(route)
    else paths.set(key, { hop, routes: [route] })
  }
  return [...paths.values()].sort((a, b) => addressOrder(a.hop.via, b.hop.via) || interfaceIndex(a.hop.dev) - interfaceIndex(b.hop.dev)).slice(0, MERGE_LIMIT)
}

/** Felix's and BIRD's normal route priority from v3.32 (`ipv4NormalRoutePriority`, default 1024; calico.md §9.3). */
const NORMAL_ROUTE_PRIORITY = 1024
/** BIRD's largest int (template.BirdIntMaxValue): kernel metric and LOCAL_PREF add up to it. */
const BIRD_INT_MAX = 2147483647
/** The LOCAL_PREF BIRD gives a route that arrives without one (eBGP, or a router that sets none). */
const DEFAULT_LOCAL_PREF = 100
/** tunl0's MTU, which Felix puts on its IPIP routes (IPIPMTU: the host's 9001 less 20; ip.ts shows the same device). */
const IPIP_MTU = 8981

/**
 * The kernel metric a v3.32+ Calico node's BIRD gives a BGP route (`SetMetricForBGPRoutes` in
 * confd/pkg/backends/calico/bgp_processor.go @ v3.32.0): 2147483647 − LOCAL_PREF. A Calico node
 * exports its own routes with LOCAL_PREF 2147483647 − 1024 and passes BGP-learned ones on as they
 * came; iBGP carries it, eBGP drops it. So a route that crossed no eBGP session (its AS path is
 * empty) from a Calico node gets 1024, any other 2147483547.
 */
function bgpMetric(route: BgpRoute): number {
  const fromCalico = route.originator.startsWith('node/') && route.asPath.length === 0
  return fromCalico ? NORMAL_ROUTE_PRIORITY : BIRD_INT_MAX - DEFAULT_LOCAL_PREF
}

/** The two metrics `bgpMetric` gives, as a route's text ends with them: one string each, not one per route. */
const NORMAL_METRIC_TEXT = ` metric ${NORMAL_ROUTE_PRIORITY}`
const OTHER_METRIC_TEXT = ` metric ${BIRD_INT_MAX - DEFAULT_LOCAL_PREF}`

/** How a Calico node's routes read, the same on every node of a design: the strings their text and reasons share. */
interface RouteStyle {
  readonly metrics: boolean
  readonly felixIpip: boolean
  readonly provenances: Provenances
  metricText(route: BgpRoute): string
  /** The spelling of the tunnel routes of one pool. */
  tunnelSpelling(pool: string | undefined): Spelling
  /** The spelling of routes via a gateway. */
  readonly directSpelling: Spelling
}

function routeStyle(metrics: boolean, felixIpip: boolean): RouteStyle {
  const metricText = (route: BgpRoute): string => (metrics ? (bgpMetric(route) === NORMAL_ROUTE_PRIORITY ? NORMAL_METRIC_TEXT : OTHER_METRIC_TEXT) : '')
  const provenances = new Provenances()
  // What ends a tunnel route's text and reason: one string per metric and per pool, not three joins per route.
  const tunnelTails = new Map<string, string>()
  const tunnelTail = (metric: string): string => {
    let tail = tunnelTails.get(metric)
    if (tail === undefined) tunnelTails.set(metric, (tail = ` dev tunl0 proto bird${metric} onlink`))
    return tail
  }
  // One spelling per pool for tunnel routes, one for routes via a gateway: a table's thousands of routes share them.
  const tunnelSpellings = new Map<string | undefined, Spelling>()
  const tunnelSpelling = (pool: string | undefined): Spelling => {
    let spelling = tunnelSpellings.get(pool)
    if (spelling === undefined) {
      const whyTail = `; IPIP pool ${pool}`
      tunnelSpellings.set(
        pool,
        (spelling = {
          text: ({ choice: { best } }) => destinationText(best.prefix, best.cidr) + ' via ' + best.nextHop + tunnelTail(metricText(best)),
          why: ({ choice: { best } }) => provenances.of(best) + whyTail,
        }),
      )
    }
    return spelling
  }
  const directSpelling: Spelling = {
    text: ({ choice: { best }, nextHops }) => `${destinationText(best.prefix, best.cidr)} via ${nextHops[0]?.via} dev ${nextHops[0]?.dev} proto bird${metricText(best)}`,
    why: ({ choice: { best } }) => provenances.of(best),
  }
  return { metrics, felixIpip, provenances, metricText, tunnelSpelling, directSpelling }
}

/**
 * A Calico node's route over IPIP to a learned prefix (an IPIP Always pool's, or a CrossSubnet
 * one's off this subnet): onlink on tunl0, the same on every node. From v3.33 Felix's IPIP
 * manager programs it, tunnelRoute (felix/dataplane/linux/ipip_mgr.go, route_mgr.go @
 * release-v3.33): proto 80, the tunnel's MTU; before, BIRD.
 */
function ipipRoute(style: RouteStyle, choice: RouteChoice, pool: IpamResult['pools'][number] | undefined, spelling: Spelling): KernelRoute {
  const best = choice.best
  if (style.felixIpip)
    return kernelRoute({
      family: best.prefix.family,
      destination: best.prefix,
      kind: 'tunnel',
      nextHops: [{ via: best.nextHop, dev: 'tunl0' }],
      proto: '80',
      choice,
      text: `${destinationText(best.prefix, best.cidr)} via ${best.nextHop} dev tunl0 proto 80 onlink mtu ${IPIP_MTU}`,
      why: `${style.provenances.of(best)}; programmed by Felix over IPIP (pool ${pool?.name})`,
    })
  // TODO(#5): Calico's BIRD merges tunnelled paths too (krt_tunnel with several next hops); one path is shown.
  return new LearnedRoute(best.prefix.family, best.prefix, 'tunnel', [{ via: best.nextHop, dev: 'tunl0' }], 'bird', style.metrics ? bgpMetric(best) : undefined, choice, spelling)
}

/** Calico's kernel filter keeps advertised service ranges out of a node's own table (calico.md §5.5 rule 1). */
function serviceRanges(design: Design): IpPrefix[] {
  return advertisedServiceRanges(design).flatMap((c) => {
    const p = parseIpPrefix(c)
    return p.ok ? [p.value] : []
  })
}

/**
 * The routes every Calico node sharing one BGP table (the clients of the same reflectors) puts in
 * its kernel alike, made once per analysis: each node's table is then these, less the prefixes
 * it changes or holds as connected subnets, and its own few. `routes` follows the table's order,
 * undefined where a prefix makes no route (an advertised service range) or one that depends on
 * the node (`perHost`, worked out for each).
 */
export interface SharedKernelRoutes {
  readonly routes: readonly (KernelRoute | undefined)[]
  /** The place in `routes` of each route made, by its prefix (`prefixKey`). */
  readonly at: ReadonlyMap<string, number>
  readonly perHost: readonly RouteChoice[]
}

/** A prefix as a key that does not depend on how its text was written. */
function prefixKey(prefix: IpPrefix): string {
  return `${prefix.family} ${prefix.network} ${prefix.length}`
}

export function sharedKernelRoutes(design: Design, ipam: IpamResult, table: ReadonlyMap<string, RouteChoice>): SharedKernelRoutes {
  const version = calicoVersionOf(design)
  const style = routeStyle(calicoAtLeast(version, 'v3.32'), calicoAtLeast(version, 'v3.33'))
  const services = serviceRanges(design)
  const routes: (KernelRoute | undefined)[] = []
  const at = new Map<string, number>()
  const perHost: RouteChoice[] = []
  for (const choice of table.values()) {
    const best = choice.best
    if (services.length > 0 && services.some((service) => prefixContainsPrefix(service, best.prefix))) {
      routes.push(undefined)
      continue
    }
    const pool = poolOf(ipam.pools, best.prefix)
    if (best.learnedFrom !== undefined && pool !== undefined && !pool.vxlanEnabled && pool.resource.spec.ipipMode === 'Always') {
      at.set(prefixKey(best.prefix), routes.length)
      routes.push(ipipRoute(style, choice, pool, style.tunnelSpelling(pool.name)))
    } else {
      routes.push(undefined)
      perHost.push(choice)
    }
  }
  return { routes, at, perHost }
}

/**
 * A host's main routing table as Linux holds it (calico.md §6): the OS routes of its interfaces
 * (connected subnets, a DHCP default route), then what BIRD and Felix program on a Calico node
 * (own blocks as blackholes, remote blocks via the node that owns them, over tunl0 for IPIP, local
 * pods on their cali interfaces), or what BIRD learned on an outside router.
 */
export function kernelRoutes(
  design: Design,
  host: Host,
  speaker: BgpSpeaker | undefined,
  ipam: IpamResult,
  bgp: BgpRoutes,
  shared?: (table: ReadonlyMap<string, RouteChoice>) => SharedKernelRoutes | undefined,
): KernelRoute[] {
  const links = attachments(design, host)
  const routes: KernelRoute[] = []
  // What changes with the Calico release (calico.md §9.3): from v3.32 BIRD gives BGP routes a
  // metric and Felix pod routes one; from v3.33 Felix, not BIRD, programs IPIP routes (proto 80).
  const version = speaker?.kind === 'calico' ? calicoVersionOf(design) : undefined
  const metrics = version !== undefined && calicoAtLeast(version, 'v3.32')
  const felixIpip = version !== undefined && calicoAtLeast(version, 'v3.33')
  const style = routeStyle(metrics, felixIpip)
  const { metricText, provenances, directSpelling } = style
  for (const link of links) {
    routes.push(
      kernelRoute({
        family: link.subnet.family,
        destination: link.subnet,
        kind: 'connected',
        nextHops: [{ via: undefined, dev: link.name }],
        proto: 'kernel',
        scope: 'link',
        text: `${link.cidr} dev ${link.name} proto kernel scope link src ${link.address}`,
        why: `connected: ${host.name} has ${link.address} on ${link.name}`,
      }),
    )
    // A router that is its segment's gateway has no default route through itself.
    if (link.gateway !== undefined && !host.interfaces.some((i) => i.address === link.gateway)) {
      const gateway = parseIpAddress(link.gateway)
      if (!gateway.ok) continue
      routes.push(
        kernelRoute({
          family: link.subnet.family,
          destination: 'default',
          kind: 'dhcp',
          nextHops: [{ via: link.gateway, dev: link.name }],
          proto: 'dhcp',
          metric: 100,
          text: `default via ${link.gateway} dev ${link.name} proto dhcp src ${link.address} metric 100`,
          why: `the DHCP lease of ${link.name} names ${link.gateway} as the router`,
        }),
      )
      const bits = gateway.value.family === 4 ? 32 : 128
      routes.push(
        kernelRoute({
          family: link.subnet.family,
          destination: { family: gateway.value.family, network: gateway.value.value, length: bits } as IpPrefix,
          kind: 'dhcp',
          nextHops: [{ via: undefined, dev: link.name }],
          proto: 'dhcp',
          scope: 'link',
          metric: 100,
          text: `${link.gateway} dev ${link.name} proto dhcp scope link src ${link.address} metric 100`,
          why: `DHCP adds a host route to its router ${link.gateway}`,
        }),
      )
    }
  }
  const pools = ipam.pools
  const services = speaker?.kind === 'calico' ? serviceRanges(design) : []
  // Next hops repeat (one per originating node); each is resolved once.
  const hops = new Map<string, NextHop | undefined>()
  // A router's BIRD resolves next hops directly (`gateway direct`): on a connected subnet, else via
  // the neighbor the route came from; over a multihop session, recursively through routes its
  // table does not have, so not at all (proto/bgp/packets.c bgp_set_next_hop).
  const routerHop = (route: BgpRoute): NextHop | undefined => {
    const hop = resolve(links, route.nextHop, route.nextHopAddress)
    if (hop?.onSubnet === true) return hop
    if (route.directNeighbor === undefined) return undefined
    const parsed = parseIpAddress(route.directNeighbor)
    const neighbor = resolve(links, route.directNeighbor, parsed.ok ? parsed.value : undefined)
    return neighbor?.onSubnet === true ? neighbor : undefined
  }
  const hopOf = (route: BgpRoute): NextHop | undefined => {
    let known = hops.get(route.nextHop)
    if (speaker?.kind === 'router') return routerHop(route)
    if (known === undefined && !hops.has(route.nextHop)) hops.set(route.nextHop, (known = resolve(links, route.nextHop, route.nextHopAddress)))
    return known
  }
  const interfaceIndex = (dev: string): number => links.findIndex((l) => l.name === dev)
  const calico = speaker?.kind === 'calico'
  let lastPool: (typeof pools)[number] | undefined
  let lastSpelling: Spelling | undefined
  const addChoice = (choice: RouteChoice): void => {
    const best = choice.best
    if (services.length > 0 && services.some((service) => prefixContainsPrefix(service, best.prefix))) return
    // Consecutive prefixes are mostly in one pool: the last one found is asked first.
    const pool = lastPool !== undefined && prefixContainsPrefix(lastPool.prefix, best.prefix) ? lastPool : poolOf(pools, best.prefix)
    if (pool !== lastPool) lastSpelling = undefined
    lastPool = pool
    if (best.learnedFrom === undefined) {
      if (best.kind !== 'block') return // a borrowed or local pod's /32 is the pod's own cali route, programmed by Felix
      const vxlan = pool?.vxlanEnabled ?? false
      // Felix programs the blackholes of the blocks whose routes it owns: VXLAN, and IPIP from v3.33;
      // an IPv6 VXLAN one shows on `dev lo` with the kernel's metric 1024 (calico.md §6.2).
      const felix = vxlan || (felixIpip && pool?.ipipEnabled === true)
      const v6Vxlan = vxlan && best.prefix.family === 6
      const text = v6Vxlan ? `blackhole ${best.cidr} dev lo proto 80 metric 1024 pref medium` : `blackhole ${best.cidr} proto ${felix ? '80' : 'bird'}`
      routes.push(
        kernelRoute({
          family: best.prefix.family,
          destination: best.prefix,
          kind: 'blackhole',
          nextHops: [],
          proto: felix ? '80' : 'bird',
          metric: v6Vxlan ? 1024 : undefined,
          choice,
          text,
          why: `${host.name} owns block ${best.cidr}: traffic to its unused addresses is dropped`,
        }),
      )
      return
    }
    // A learned prefix that is a connected subnet (a ToR announcing the rack subnet back to its
    // own rack) stays out of the kernel: a Calico node's direct protocol route for it wins in
    // BIRD (preference 240 over BGP's 100) and device routes are not exported to the kernel; a
    // router's kernel already holds the connected route, which BIRD's route would only duplicate.
    if (isConnected(links, best.prefix)) return
    if (calico && pool?.vxlanEnabled) {
      // Felix programs VXLAN routes; BIRD's kernel filter rejects them (calico.md §5.5, §6).
      const vxlan = felixVxlanRoute(design, ipam, host.name, links, pool, best.prefix, best.cidr, destinationText(best.prefix, best.cidr))
      if (vxlan)
        routes.push(
          kernelRoute({
            family: best.prefix.family,
            destination: best.prefix,
            kind: vxlan.encapsulated ? 'tunnel' : 'bgp',
            nextHops: [{ via: vxlan.via, dev: vxlan.dev }],
            proto: vxlan.proto,
            metric: vxlan.metric,
            choice,
            text: vxlan.text,
            why: `${provenances.of(best)}; ${vxlan.why}`,
          }),
        )
      return
    }
    const ipip = calico ? pool?.resource.spec.ipipMode : undefined
    // Over IPIP Always the next hop is never resolved: the route goes onlink on tunl0.
    const hop = ipip === 'Always' ? undefined : hopOf(best)
    if (felixIpip && (ipip === 'Always' || ipip === 'CrossSubnet')) {
      // v3.33: Felix's IPIP manager, tunnelRoute and noEncapRoute (felix/dataplane/linux/ipip_mgr.go,
      // route_mgr.go @ release-v3.33): onlink, proto 80, the tunnel's MTU on tunl0; BIRD's kernel filter rejects the pool.
      if (ipip === 'Always' || hop?.onSubnet !== true) routes.push(ipipRoute(style, choice, pool, (lastSpelling ??= style.tunnelSpelling(pool?.name))))
      else
        routes.push(
          kernelRoute({
            family: best.prefix.family,
            destination: best.prefix,
            kind: 'bgp',
            nextHops: [{ via: hop.via, dev: hop.dev }],
            proto: '80',
            choice,
            text: `${destinationText(best.prefix, best.cidr)} via ${hop.via} dev ${hop.dev} proto 80 onlink`,
            why: `${provenances.of(best)}; programmed by Felix without encapsulation, the owner being on this subnet (IPIP CrossSubnet pool ${pool?.name})`,
          }),
        )
      return
    }
    if (ipip === 'Always' || (ipip === 'CrossSubnet' && hop?.onSubnet !== true)) {
      routes.push(ipipRoute(style, choice, pool, (lastSpelling ??= style.tunnelSpelling(pool?.name))))
      return
    }
    if (!hop) return
    // Paths with the best one's next hop add nothing to merge: most prefixes stop here.
    const paths =
      speaker?.mergesPaths === true && choice.nextHopsVary && choice.mergeable.some((r) => r.nextHop !== best.nextHop) ? mergedPaths(choice, speaker.kind === 'calico', hopOf, interfaceIndex) : []
    if (paths.length > 1) {
      const text = [`${destinationText(best.prefix, best.cidr)} proto bird${metricText(best)}`, ...paths.map(({ hop: h }) => `\tnexthop via ${h.via} dev ${h.dev} weight 1`)].join(' \n')
      const why = `${paths.length} equal BGP paths, merged into one route (merge paths on): ${paths.map(({ hop: h, routes: rs }) => `via ${h.via} ${rs.map((r) => provenances.of(r)).join(' and ')}`).join('; ')}`
      routes.push(
        kernelRoute({
          family: best.prefix.family,
          destination: best.prefix,
          kind: 'bgp',
          nextHops: paths.map(({ hop: h }) => ({ via: h.via, dev: h.dev })),
          proto: 'bird',
          metric: metrics ? bgpMetric(best) : undefined,
          choice,
          text,
          why,
        }),
      )
      return
    }
    routes.push(new LearnedRoute(best.prefix.family, best.prefix, 'bgp', [{ via: hop.via, dev: hop.dev }], 'bird', metrics ? bgpMetric(best) : undefined, choice, directSpelling))
  }
  const sharing = speaker?.kind === 'calico' ? bgp.sharingOf(speaker.id) : undefined
  const common = sharing !== undefined ? shared?.(sharing.table) : undefined
  if (sharing !== undefined && common !== undefined) {
    // The shared routes, less those of the prefixes this node changes or holds as connected subnets.
    const skip = new Uint8Array(common.routes.length)
    for (const cidr of sharing.redo) {
      const choice = sharing.table.get(cidr)
      const i = choice === undefined ? undefined : common.at.get(prefixKey(choice.best.prefix))
      if (i !== undefined) skip[i] = 1
    }
    for (const link of links) {
      const i = common.at.get(prefixKey(link.subnet))
      if (i !== undefined) skip[i] = 1
    }
    for (let i = 0; i < common.routes.length; i++) {
      const route = common.routes[i]
      if (route !== undefined && skip[i] === 0) routes.push(route)
    }
    for (const choice of common.perHost) if (!sharing.redo.has(choice.best.cidr)) addChoice(choice)
    for (const choice of sharing.choices.values()) addChoice(choice)
  } else if (speaker !== undefined) {
    // forEach, not for…of: no iterator result made for each route of a large table.
    bgp.tableOf(speaker.id).forEach(addChoice)
  }
  if (speaker?.kind === 'calico') {
    for (const pod of ipam.pods.filter((p) => p.node === host.name && p.phase === 'Running')) {
      for (const address of pod.ips) {
        const ip = parseIpAddress(address)
        if (!ip.ok || host.interfaces.some((i) => i.address === address)) continue
        const bits = ip.value.family === 4 ? 32 : 128
        const dev = podInterfaceName(pod.namespace, pod.name)
        routes.push(
          kernelRoute({
            family: ip.value.family,
            destination: { family: ip.value.family, network: ip.value.value, length: bits } as IpPrefix,
            kind: 'pod',
            nextHops: [{ via: undefined, dev }],
            scope: 'link',
            metric: metrics ? NORMAL_ROUTE_PRIORITY : undefined,
            pod: { namespace: pod.namespace, name: pod.name },
            text: `${address} dev ${dev} scope link${metrics ? ` metric ${NORMAL_ROUTE_PRIORITY}` : ''}`,
            why: `pod ${pod.namespace}/${pod.name} runs here; Felix routes its address to its veth`,
          }),
        )
      }
    }
  }
  return inLinuxOrder(routes)
}

/** Positions a packed sort key can hold: a key is an IPv4 route's place times this, plus its index, exact in a double. */
const PACKED_POSITIONS = 2 ** 15

/**
 * `routes` sorted by `linuxOrder`, stably. An IPv4 table of up to 32,768 routes is sorted as
 * numbers, each destination and index packed into one: a comparator called for every pair made
 * a large table's sort cost as much as building it.
 */
function inLinuxOrder(routes: KernelRoute[]): KernelRoute[] {
  const count = routes.length
  if (count > PACKED_POSITIONS) return routes.sort(linuxOrder)
  const keys = new Float64Array(count)
  for (let i = 0; i < count; i++) {
    const destination = (routes[i] as KernelRoute).destination
    if (destination === 'default') keys[i] = i - PACKED_POSITIONS
    else if (destination.family === 4) keys[i] = (destination.network * 64 + 32 - destination.length) * PACKED_POSITIONS + i
    else return routes.sort(linuxOrder)
  }
  keys.sort()
  const sorted: KernelRoute[] = []
  for (const key of keys) sorted.push(routes[key < 0 ? key + PACKED_POSITIONS : key % PACKED_POSITIONS] as KernelRoute)
  return sorted
}

/** `ip route` order: ascending destination; for the same address the longer prefix first; default first. */
function linuxOrder(a: KernelRoute, b: KernelRoute): number {
  if (a.destination === 'default' || b.destination === 'default') return a.destination === 'default' ? (b.destination === 'default' ? 0 : -1) : 1
  const x = a.destination.network
  const y = b.destination.network
  if (x !== y) return x < y ? -1 : 1
  return b.destination.length - a.destination.length
}

/** `ip route` (`ip -4 route`), or `ip -6 route`: one line per route, each ending in the space iproute2 prints. */
export function ipRoute(routes: readonly KernelRoute[], family: IpFamily = 4): string {
  return routes
    .filter((r) => r.family === family)
    .map((r) => `${r.text} \n`)
    .join('')
}
