/**
 * How BIRD 1.6 prints a BGP route, whichever daemon holds it: proto/bgp/attrs.c
 * bgp_get_route_info for the part of the route line after the star, and bgp_get_attr (origin and
 * next hop by their bgp_format_* helpers) for the `show route all` lines.
 */

/** BGP attributes as `show route all` prints them. */
export interface BgpAttributes {
  readonly asPath: readonly number[]
  readonly nextHop: string
  /** Set by a route reflector (RFC 4456). */
  readonly originatorId: string | undefined
  readonly clusterList: readonly string[]
}

/**
 * How a next hop resolved, for a protocol with `gateway recursive` (a hostentry): its IGP metric,
 * `unknown` through a route that carries none (IGP_METRIC_UNKNOWN: `/?`), `unresolvable` (`/-`).
 * Undefined for `gateway direct`, which prints no metric at all.
 */
export type IgpMetric = number | 'unknown' | 'unresolvable' | undefined

/** ` (100/0) [AS64512i]`: preference, the next hop's IGP metric, the origin AS and origin code (all routes here are IGP origin). */
export function bgpRouteInfo(preference: number, igp: IgpMetric, asPath: readonly number[]): string {
  const metric = igp === undefined ? '' : igp === 'unknown' ? '/?' : igp === 'unresolvable' ? '/-' : `/${igp}`
  const origin = asPath.length > 0 ? `AS${asPath.at(-1)}i` : 'i'
  return ` (${preference}${metric}) [${origin}]`
}

/**
 * The BGP attributes in attribute code order (origin, as_path, next_hop, local_pref,
 * originator_id, cluster_list). LOCAL_PREF is 100 on every route here: BIRD's default on what it
 * receives over eBGP and creates itself, and nothing in Peerlab's configurations sets another.
 */
export function bgpAttributeLines(attributes: BgpAttributes): string[] {
  const lines = ['BGP.origin: IGP', `BGP.as_path: ${attributes.asPath.join(' ')}`, `BGP.next_hop: ${attributes.nextHop}`, 'BGP.local_pref: 100']
  if (attributes.originatorId !== undefined) lines.push(`BGP.originator_id: ${attributes.originatorId}`)
  if (attributes.clusterList.length > 0) lines.push(`BGP.cluster_list: ${attributes.clusterList.join(' ')}`)
  return lines
}

/**
 * What a neighbor's OPEN announces (the Neighbor caps line, proto/bgp/bgp.c
 * bgp_show_proto_info), by the daemon it runs: a Calico node's BIRD has `graceful restart` and
 * `add paths on` (restart-able, add-path both ways); a router's BIRD, as Peerlab configures it,
 * only BIRD's defaults (aware of graceful restart and of long-lived graceful restart). Both
 * checked against BIRD 1.6.8 peers.
 */
export function neighborCaps(remote: { readonly kind: 'calico' | 'router'; readonly host: { readonly daemon?: string } } | undefined): string {
  if (remote?.kind === 'calico') return ' refresh enhanced-refresh restart-able llgr-aware AS4 add-path-rx add-path-tx'
  // FRR's defaults (graceful restart helper, ADD-PATH receive, extended messages): not checked against a real FRR.
  if (remote?.host.daemon === 'frr') return ' refresh enhanced-refresh restart-aware AS4 add-path-rx ext-messages'
  return ' refresh enhanced-refresh restart-aware llgr-aware AS4'
}
