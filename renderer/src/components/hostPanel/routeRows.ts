import { formatIpPrefix } from '../../../../shared/net'
import type { KernelRoute } from '../../../../shared/routing/kernelRoutes'

export type RouteColumn = 'destination' | 'nextHop' | 'dev' | 'proto' | 'scopeMetric' | 'kind'

/** A route as the Routes table shows it: one cell per column, and what the filter searches. */
export interface RouteRow {
  readonly key: string
  readonly route: KernelRoute
  /** Position in `ip route` order: the table's order until a column is sorted. */
  readonly order: number
  readonly destination: string
  readonly nextHop: string
  readonly dev: string
  readonly proto: string
  readonly scopeMetric: string
  readonly kind: string
  readonly search: string
}

const KIND_LABELS: Readonly<Record<KernelRoute['kind'], string>> = { connected: 'connected', dhcp: 'DHCP', blackhole: 'blackhole', pod: 'pod', bgp: 'BGP', tunnel: 'tunnel' }

export function routeColumns(routes: readonly KernelRoute[]): RouteRow[] {
  return routes.map((route, order) => {
    const destination = route.destination === 'default' ? 'default' : formatIpPrefix(route.destination)
    const nextHop = route.nextHops.length === 0 ? '—' : route.nextHops.map((h) => h.via ?? 'on link').join(', ')
    const dev = [...new Set(route.nextHops.map((h) => h.dev ?? ''))].join(', ')
    const scopeMetric = [route.scope !== undefined ? route.scope : '', route.metric !== undefined ? `metric ${route.metric}` : ''].filter((s) => s !== '').join(', ')
    const kind = KIND_LABELS[route.kind]
    const proto = route.proto ?? ''
    return {
      key: `${route.family} ${route.text}`,
      route,
      order,
      destination,
      nextHop,
      dev,
      proto,
      scopeMetric,
      kind,
      search: [destination, nextHop, dev, proto, scopeMetric, kind, route.text].join(' ').toLowerCase(),
    }
  })
}

/** Destinations sort as addresses (then by length), the other columns as text; ties keep `ip route` order. */
export function sortRoutes(rows: readonly RouteRow[], column: RouteColumn, descending: boolean): RouteRow[] {
  const sign = descending ? -1 : 1
  const byDestination = (a: RouteRow, b: RouteRow): number => {
    const x = a.route.destination
    const y = b.route.destination
    if (x === 'default' || y === 'default') return x === y ? 0 : x === 'default' ? -1 : 1
    return x.network !== y.network ? (x.network < y.network ? -1 : 1) : x.length - y.length
  }
  return [...rows].sort((a, b) => sign * (column === 'destination' ? byDestination(a, b) : a[column].localeCompare(b[column], undefined, { numeric: true })) || a.order - b.order)
}
