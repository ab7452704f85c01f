import type { SessionState } from '../../../bgp/sessions'
import type { IpPrefix } from '../../../net'
import type { SymbolClass } from './birdArgs'

/**
 * A BIRD 1.6 daemon as its CLI shows it, whatever configuration it runs: its protocols in
 * configuration order and its master table in FIB order. An outside router's BIRD
 * (routerBird.ts) and a Calico node's (calicoBird.ts) each build one from the engine's results;
 * `show route`, `show protocols` and `show status` read only this.
 */

/** Where a route sends traffic (nest/route.h RTD_*), as nest/rt-table.c rt_format_via prints it. */
export type RouteDest =
  | { readonly kind: 'via'; readonly gateway: string; readonly dev: string }
  | { readonly kind: 'dev'; readonly dev: string }
  | { readonly kind: 'blackhole' }
  | { readonly kind: 'unreachable' }
  /** A merged route: its next hops, each on a `\tvia ... weight 1` line. */
  | { readonly kind: 'multipath'; readonly hops: readonly { readonly gateway: string; readonly dev: string }[] }

/** One route of a net, with what rt_show_rte prints of it. */
export interface BirdRoute {
  /** The protocol that put it in the table. */
  readonly protocol: string
  /** When it entered the table (the lab clock). */
  readonly since: number
  readonly dest: RouteDest
  /** The neighbor it came from, printed as ` from X` when it is not the gateway. */
  readonly from: string | undefined
  /** What the protocol's get_route_info prints after the star, or ` (preference)`. */
  readonly info: string
  /** `show route all`: the `Type:` line's words (nest/rt-attr.c rta_show). */
  readonly type: string
  /** `show route all`: the attribute lines after `Type:`, without their tab (nest/rt-attr.c ea_show). */
  readonly attributes: () => readonly string[]
}

export interface BirdNet {
  readonly cidr: string
  readonly prefix: IpPrefix
  /** Best first, then the others as nest/rt-table.c rte_recalculate links them. */
  readonly routes: readonly BirdRoute[]
}

export type ProtocolType = 'Static' | 'Kernel' | 'Device' | 'Direct' | 'BGP'

export interface BirdProtocol {
  readonly name: string
  readonly proto: ProtocolType
  readonly state: string
  readonly since: number
  /** `description "..."` in the configuration. */
  readonly description: string | undefined
  readonly preference: number
  readonly inputFilter: string
  readonly outputFilter: string
  readonly session: SessionState | undefined
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

export const ZERO: UpdateCounts = { received: 0, rejected: 0, filtered: 0, ignored: 0, accepted: 0 }
export const NO_STATS: ProtocolStats = { imported: 0, exported: 0, preferred: 0, importUpdates: ZERO, importWithdraws: ZERO, exportUpdates: ZERO, exportWithdraws: ZERO }

/**
 * What `show route export|noexport|preexport P` sees of one route (nest/rt-table.c rt_show_net):
 * `rejected` by P's import_control (never shown), `filtered` by its export filter, or `exported`;
 * either way the route as it would leave, with the attributes P gives it. `primary` when it is
 * still the net's own best route (a merged route is a new one, and gets no star).
 */
export type ExportView = { readonly verdict: 'rejected' } | { readonly verdict: 'filtered' | 'exported'; readonly route: BirdRoute; readonly primary: boolean }

/** The BGP timers of a configuration (proto/bgp/config.Y: `connect delay time`, `error wait time`). */
export interface BgpTimers {
  readonly hold: number
  readonly keepalive: number
  /** The Connect delay line's denominator (connect_delay_time). */
  readonly connectDelay: number
  /** How often a refused connection is tried again, which the Connect delay line counts down. */
  readonly connectRetry: number
  readonly errorWaitMin: number
  readonly errorWaitMax: number
}

/** What `show protocols all` says of an Established BGP session beyond its counters. */
export interface BgpSessionDetails {
  readonly neighborId: string
  /** The capabilities the neighbor's OPEN announced, each after a space. */
  readonly neighborCaps: string
  /** The Session line's words: `internal multihop AS4 add-path-rx add-path-tx`. */
  readonly session: string
  readonly sourceAddress: string
}

export interface BirdDaemon<N extends BirdNet = BirdNet> {
  /** `BIRD 1.6.8`, or Calico's fork's `BIRD v0.3.3+birdv1.6.8`: the banner and show status say it. */
  readonly version: string
  readonly routerId: string
  readonly protocols: readonly BirdProtocol[]
  readonly nets: readonly N[]
  readonly timers: BgpTimers
  protocol(name: string): BirdProtocol | undefined
  /** What a name is in the configuration, for BIRD's "is not a protocol" and "is not a table". */
  classOf(name: string): SymbolClass
  /**
   * How `show route export` treats a net for protocol `target`: the view of each route it looks
   * at, best first. A protocol that takes only the best route (RA_OPTIMAL, RA_MERGED) gives one
   * view; with ADD-PATH tx (RA_ANY) BGP looks at every route.
   */
  exportViews(target: BirdProtocol, net: N, mode: 'export' | 'preexport' | 'noexport'): readonly ExportView[]
  stats(protocol: BirdProtocol): ProtocolStats
  bgpDetails(protocol: BirdProtocol): BgpSessionDetails
}

/** BIRD 1.6's 16-bit hash of an IPv4 address (lib/ip.h ip4_hash). */
export function ipv4Hash(value: number): number {
  let a = value >>> 0
  a = (a ^ (a >>> 16)) >>> 0
  a = (a ^ (a << 10)) >>> 0
  return a & 0xffff
}

/**
 * The master table's walk order (nest/rt-fib.c fib_get): by the hash of the network address,
 * and nets of equal hash in the order they were created, which `created` ranks.
 */
export function fibOrder<N extends BirdNet>(nets: readonly N[], created: (net: N) => number): N[] {
  return nets
    .map((net) => ({ net, hash: ipv4Hash(Number(net.prefix.network)), created: created(net) }))
    .sort((a, b) => a.hash - b.hash || a.created - b.created)
    .map((entry) => entry.net)
}

/**
 * The kernel protocol's merged copy of a net's best route (nest/rt-table.c rt_export_merged):
 * the best's attributes with the next hops of the routes merged into it. The merged route has no
 * gateway of its own, so it names the neighbor only if the best's gateway was not the neighbor.
 */
export function mergedRoute(best: BirdRoute, hops: readonly { readonly gateway: string; readonly dev: string }[]): BirdRoute {
  const from = best.dest.kind === 'via' && best.from === best.dest.gateway ? undefined : best.from
  return { ...best, dest: { kind: 'multipath', hops }, from }
}
