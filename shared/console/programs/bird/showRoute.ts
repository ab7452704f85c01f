import { birdSince } from '../../labClock'
import type { ShowRouteQuery } from './birdArgs'
import type { BirdDaemon, BirdNet, BirdRoute, RouteDest } from './birdDaemon'

/**
 * `show route` as nest/rt-table.c rt_show, rt_show_cont and rt_show_net run it on the master
 * table: every net in FIB order or the one a prefix names, each of its routes through the
 * `filtered`, export and `protocol` tests, `primary` stopping at the first, `count` printing only
 * the tally. No route is ever kept filtered here: neither Calico's configuration nor Peerlab's
 * router configuration says `import keep filtered`, so a filter's rejects are dropped on import.
 */

/** C's `%-Ns`. */
const pad = (text: string, width: number): string => text.padEnd(width)

/** nest/rt-table.c rt_format_via. */
function via(dest: RouteDest): string {
  switch (dest.kind) {
    case 'via':
      return `via ${dest.gateway} on ${dest.dev}`
    case 'dev':
      return `dev ${dest.dev}`
    default:
      return dest.kind
  }
}

/**
 * nest/rt-table.c rt_show_rte: `"%-18s %s [%s %s%s]%s%s"`: the net (on its first printed route
 * only), where it goes, the protocol and time, ` from NEIGHBOR` when the neighbor is not the
 * gateway, ` *` on the net's best route, then the protocol's route info; a multipath route's next
 * hops on tab-indented lines, and under `all` the route's type and attributes (nest/rt-attr.c rta_show).
 */
function routeText(name: string, route: BirdRoute, primary: boolean, now: number, verbose: boolean): string {
  const { dest } = route
  const from = route.from !== undefined && (dest.kind !== 'via' || dest.gateway !== route.from) ? ` from ${route.from}` : ''
  let text = `${pad(name, 18)} ${via(dest)} [${route.protocol} ${birdSince(route.since, now)}${from}]${primary ? ' *' : ''}${route.info}\n`
  if (dest.kind === 'multipath') for (const hop of dest.hops) text += `\tvia ${hop.gateway} on ${hop.dev} weight 1\n`
  if (verbose) text += [`Type: ${route.type}`, ...route.attributes()].map((line) => `\t${line}\n`).join('')
  return text
}

interface Tally {
  routes: number
  nets: number
  shown: number
}

/** Protocols without an rt_notify hook take no routes, so `show route export` shows nothing of any net (rt_show_net returns at once). */
const TAKES_ROUTES = new Set(['Kernel', 'BGP'])

/** nest/rt-table.c rt_show_net: one net's routes through the query's tests, printed unless only counting. */
function showNet<N extends BirdNet>(bird: BirdDaemon<N>, net: N, query: ShowRouteQuery, tally: Tally, now: number): string {
  // Without `import keep filtered` no route in the table is a filtered one.
  if (query.filtered) return ''
  const target = query.exportProtocol !== undefined ? bird.protocol(query.exportProtocol) : undefined
  if (target && !TAKES_ROUTES.has(target.proto)) return ''
  tally.routes += net.routes.length
  tally.nets++
  // Each route looked at, in list order: with `primary` only the first (rt_show_net breaks after it, shown or not).
  const looked =
    target && query.exportMode !== undefined ? bird.exportViews(target, net, query.exportMode) : net.routes.map((route, index) => ({ verdict: 'exported' as const, route, primary: index === 0 }))
  const shown: { route: BirdRoute; primary: boolean }[] = []
  for (const view of query.primaryOnly ? looked.slice(0, 1) : looked) {
    if (view.verdict === 'rejected') continue
    if (query.exportMode === undefined || query.exportMode === 'preexport' || (view.verdict === 'exported') === (query.exportMode === 'export')) shown.push(view)
  }
  let text = ''
  let name = net.cidr
  for (const { route, primary } of shown) {
    if (query.protocol !== undefined && route.protocol !== query.protocol) continue
    tally.shown++
    if (query.stats < 2) text += routeText(name, route, primary, now, query.verbose)
    name = ''
  }
  return text
}

/** The longest net that covers the prefix (nest/route.h net_route), or the exact one (net_find). */
function findNet<N extends BirdNet>(bird: BirdDaemon<N>, query: ShowRouteQuery): N | undefined {
  const { network, length } = query.prefix as { network: number; length: number }
  if (!query.longestMatch) return bird.nets.find((n) => Number(n.prefix.network) === network && n.prefix.length === length)
  let found: N | undefined
  for (const net of bird.nets) {
    const netLength = net.prefix.length
    if (netLength > length) continue
    const mask = netLength === 0 ? 0 : (0xffffffff << (32 - netLength)) >>> 0
    if ((network & mask) >>> 0 !== Number(net.prefix.network)) continue
    if (!found || netLength > found.prefix.length) found = net
  }
  return found
}

/** nest/rt-table.c rt_show: a walk over the table, or one net looked up. */
export function showRoute<N extends BirdNet>(bird: BirdDaemon<N>, query: ShowRouteQuery, now: number): string {
  const tally: Tally = { routes: 0, nets: 0, shown: 0 }
  const target = query.exportProtocol !== undefined ? bird.protocol(query.exportProtocol) : undefined
  if (query.prefix !== undefined) {
    const net = findNet(bird, query)
    // A protocol that is not up has no announce hook yet: nothing of the net is looked at.
    const text = net && !(target && target.state !== 'up') ? showNet(bird, net, query, tally, now) : ''
    return tally.routes > 0 ? text : `${text}Network not in table\n`
  }
  // rt_show_cont stops the walk at its first net when the export protocol is down. The FIB is
  // never empty: the kernel protocol (a router's scan, a node's learned routes) makes nets.
  if (target && target.state !== 'up') return 'Protocol is down\n'
  let text = ''
  for (const net of bird.nets) text += showNet(bird, net, query, tally, now)
  return query.stats > 0 ? `${text}${tally.shown} of ${tally.routes} routes for ${tally.nets} networks\n` : text
}
