import type { Design, EntityId } from '../model/design'
import { parseIpPrefix, prefixContainsPrefix, type IpPrefix } from '../net'
import type { KernelRoute } from '../routing/kernelRoutes'
import type { NetworkState } from '../routing/network'
import { explainAbsence, type MissingPrefix, type RouteAbsence } from './routeAbsence'
import { explainRoute, type RouteProvenance } from './routeProvenance'
import { namingOf } from './wording'

/** "Why (not) this route on this host?" answered whichever way it goes: what `peerlab why` prints. */
export interface WhyAnswer {
  readonly host: EntityId
  readonly query: string
  readonly queryKind: RouteAbsence['queryKind']
  /**
   * The host routes it by a route of its own, not the default: one covers it, or, for a prefix
   * wider than the routes, it has a route to everything the cluster originates inside it.
   */
  readonly routed: boolean
  readonly summary: string
  readonly routeGet: string | undefined
  /** The routes that answer, with their provenance: the one covering the question, or those inside a prefix. */
  readonly routes: readonly RouteProvenance[]
  readonly missing: readonly MissingPrefix[]
  readonly notes: readonly string[]
}

/** The longest route other than the default that holds all of `wanted`. */
function coveringRoute(routes: readonly KernelRoute[], wanted: IpPrefix): KernelRoute | undefined {
  let best: KernelRoute | undefined
  for (const route of routes) {
    if (route.destination === 'default' || route.family !== wanted.family || !prefixContainsPrefix(route.destination, wanted)) continue
    if (best === undefined || route.destination.length > (best.destination as IpPrefix).length) best = route
  }
  return best
}

/**
 * `explainAbsence` looks inside a prefix for routes; a prefix narrower than the route that carries
 * it (a /30 inside a /29 block) has none inside, yet the host routes it: that route answers.
 */
export function explainWhy(design: Design, network: NetworkState, host: EntityId, query: string): WhyAnswer {
  const absence = explainAbsence(design, network, host, query)
  const explain = (route: KernelRoute): RouteProvenance => explainRoute(design, network, host, route)
  const answer = { host, query: absence.query, queryKind: absence.queryKind, summary: absence.summary, routeGet: absence.routeGet, missing: absence.missing, notes: absence.notes }
  if (absence.queryKind === 'invalid') return { ...answer, routed: false, routes: [] }
  if (absence.queryKind === 'address' || absence.present.length > 0) {
    const routed = absence.queryKind === 'address' ? absence.present.length > 0 : absence.missing.length === 0
    return { ...answer, routed, routes: absence.present.map(explain) }
  }
  const wanted = parseIpPrefix(absence.query)
  const covering = wanted.ok ? coveringRoute(network.routesOf(host), wanted.value) : undefined
  if (covering === undefined) return { ...answer, routed: false, routes: [] }
  // The same words explainAbsence uses for an address the host has a route to.
  return { ...answer, routed: true, routes: [explain(covering)], summary: `${namingOf(design, network).name(host)} has a route to ${absence.query}: ${covering.text}` }
}
