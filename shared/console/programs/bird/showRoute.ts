import { birdSince } from '../../labClock'
import type { ShowRouteQuery } from './birdArgs'
import type { BgpAttributes, BirdNet, BirdRoute, RouterBird } from './routerBird'

/**
 * `show route` as nest/rt-table.c rt_show, rt_show_cont and rt_show_net run it on the master
 * table: every net in FIB order or the one a prefix names, each of its routes through the
 * `filtered`, export and `protocol` tests, `primary` stopping at the first, `count` printing only
 * the tally. No route is ever kept filtered here: neither Calico's configuration nor Peerlab's
 * router configuration says `import keep filtered`, so a filter's rejects are dropped on import.
 */

/** C's `%-Ns`. */
const pad = (text: string, width: number): string => text.padEnd(width)

/** nest/a-path.c as_path_format: the AS_SEQUENCE as numbers separated by spaces (nothing when empty). */
const formatAsPath = (path: readonly number[]): string => path.join(' ')

/**
 * nest/rt-attr.c rta_show and ea_show: the route's type, then its BGP attributes in attribute
 * code order (origin, as_path, next_hop, local_pref, originator_id, cluster_list), each
 * formatted by proto/bgp/attrs.c bgp_get_attr (origin and next hop by their bgp_format_*).
 */
function attributeLines(attributes: BgpAttributes): string {
  const lines = ['\tType: BGP unicast univ', '\tBGP.origin: IGP', `\tBGP.as_path: ${formatAsPath(attributes.asPath)}`, `\tBGP.next_hop: ${attributes.nextHop}`, '\tBGP.local_pref: 100']
  if (attributes.originatorId !== undefined) lines.push(`\tBGP.originator_id: ${attributes.originatorId}`)
  if (attributes.clusterList.length > 0) lines.push(`\tBGP.cluster_list: ${attributes.clusterList.join(' ')}`)
  return `${lines.join('\n')}\n`
}

/** A route's line for display, and the gateways when the kernel protocol merged it into a multipath route. */
interface Shown {
  readonly route: BirdRoute
  readonly attributes: BgpAttributes
  readonly multipath: readonly string[] | undefined
}

/**
 * nest/rt-table.c rt_show_rte: `"%-18s %s [%s %s%s]%s%s"`: the net (on its first printed route
 * only), where it goes, the protocol and time, ` from NEIGHBOR` when the next hop is not the
 * neighbor, ` *` on the net's best route, then proto/bgp/attrs.c bgp_get_route_info:
 * `(preference) [ASorigin + origin code]` (no `/metric`: a router's `gateway direct` resolves no
 * next hop recursively). A merged route reads `multipath`, is not the net's own best, and lists
 * its next hops on tab-indented `via ... weight 1` lines.
 */
function routeText(bird: RouterBird, name: string, shown: Shown, now: number, verbose: boolean): string {
  const { route } = shown.route
  const via = shown.multipath ? 'multipath' : `via ${route.nextHop} on ${bird.deviceFor(route.nextHop)}`
  const session = shown.route.session
  const from = session && session.peerAddress !== route.nextHop ? ` from ${session.peerAddress}` : ''
  const star = shown.route.primary && !shown.multipath ? ' *' : ''
  const origin = route.asPath.length > 0 ? `AS${route.asPath.at(-1)}i` : 'i'
  let text = `${pad(name, 18)} ${via} [${session?.protocol ?? '?'} ${birdSince(shown.route.since, now)}${from}]${star} (100) [${origin}]\n`
  for (const gateway of shown.multipath ?? []) text += `\tvia ${gateway} on ${bird.deviceFor(gateway)} weight 1\n`
  if (verbose) text += attributeLines(shown.attributes)
  return text
}

interface Tally {
  routes: number
  nets: number
  shown: number
}

/** nest/rt-table.c rt_show_net: one net's routes through the query's tests, printed unless only counting. */
function showNet(bird: RouterBird, net: BirdNet, query: ShowRouteQuery, tally: Tally, now: number): string {
  // Without `import keep filtered` no route in the table is a filtered one.
  if (query.filtered) return ''
  const target = query.exportProtocol !== undefined ? bird.protocol(query.exportProtocol) : undefined
  let text = ''
  let name = net.cidr
  let first = true
  let passed = false
  for (const route of net.routes) {
    tally.routes++
    if (first) tally.nets++
    first = false
    if (passed) continue
    let shown: Shown | undefined = { route, attributes: bird.attributesOf(route.route), multipath: undefined }
    if (target?.proto === 'Kernel') {
      // The kernel protocol takes the best route only and its filter accepts all; only `export`
      // shows it merged with the routes it would merge paths with (RA_MERGED, rt_export_merged).
      passed = true
      if (query.exportMode === 'noexport') shown = undefined
      else if (query.exportMode === 'export') shown = { ...shown, multipath: bird.kernelNextHops(net) }
    } else if (target?.proto === 'BGP' && target.session) {
      passed = true
      const decision = bird.exportDecision(target.session, route.route)
      if (decision.verdict === 'rejected') shown = undefined
      else {
        const exported = decision.verdict === 'exported'
        if (query.exportMode !== 'preexport' && exported !== (query.exportMode === 'export')) shown = undefined
        else shown = { ...shown, attributes: decision.attributes }
      }
    } else if (target?.proto === 'Device') {
      // The device protocol takes no routes (it has no rt_notify).
      return ''
    }
    if (shown && query.protocol !== undefined && route.session?.protocol !== query.protocol) shown = undefined
    if (shown) {
      tally.shown++
      if (query.stats < 2) text += routeText(bird, name, shown, now, query.verbose)
      name = ''
    }
    if (query.primaryOnly) break
  }
  return text
}

/** The longest net that covers the prefix (nest/route.h net_route), or the exact one (net_find). */
function findNet(bird: RouterBird, query: ShowRouteQuery): BirdNet | undefined {
  const { network, length } = query.prefix as { network: number; length: number }
  if (!query.longestMatch) return bird.nets.find((n) => Number(n.prefix.network) === network && n.prefix.length === length)
  let found: BirdNet | undefined
  for (const net of bird.nets) {
    const netLength = net.prefix.length
    if (netLength > length) continue
    const mask = netLength === 0 ? 0 : (0xffffffff << (32 - netLength)) >>> 0
    if (((network & mask) >>> 0) !== Number(net.prefix.network)) continue
    if (!found || netLength > found.prefix.length) found = net
  }
  return found
}

/** nest/rt-table.c rt_show: a walk over the table, or one net looked up. */
export function showRoute(bird: RouterBird, query: ShowRouteQuery, now: number): string {
  const tally: Tally = { routes: 0, nets: 0, shown: 0 }
  const target = query.exportProtocol !== undefined ? bird.protocol(query.exportProtocol) : undefined
  if (query.prefix !== undefined) {
    const net = findNet(bird, query)
    // A protocol that is not up has no announce hook yet: nothing of the net is looked at.
    const text = net && !(target && target.state !== 'up') ? showNet(bird, net, query, tally, now) : ''
    return tally.routes > 0 ? text : `${text}Network not in table\n`
  }
  // rt_show_cont stops the walk at its first net when the export protocol is down. A router's
  // FIB is never empty: its kernel protocol makes a net for every route it scans in the kernel.
  if (target && target.state !== 'up') return 'Protocol is down\n'
  let text = ''
  for (const net of bird.nets) text += showNet(bird, net, query, tally, now)
  return query.stats > 0 ? `${text}${tally.shown} of ${tally.routes} routes for ${tally.nets} networks\n` : text
}
