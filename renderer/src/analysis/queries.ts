import type { LabConsole } from '../../../shared/console/labConsole'
import { hostAddressesOf } from '../../../shared/explain/hostAddresses'
import { explainAbsence } from '../../../shared/explain/routeAbsence'
import { explainRoute } from '../../../shared/explain/routeProvenance'
import { sessionRoutesOf, type SessionRoutes } from '../../../shared/explain/sessionRoutes'
import { capacityOf } from '../../../shared/ipam/capacity'
import { forecastCapacity, type ForecastOptions } from '../../../shared/ipam/forecast'
import type { Design, EntityId } from '../../../shared/model/design'
import { displayName, hostsOf } from '../../../shared/model/query'
import { buildAddressMap } from '../../../shared/plan/addressMap'
import { utilisationOf } from '../../../shared/plan/utilisation'
import { plainRoute, type KernelRoute } from '../../../shared/routing/kernelRoutes'
import type { NetworkState } from '../../../shared/routing/network'
import { calicoctlIpamShow } from '../../../shared/views/calicoctlIpamShow'

/** What a question is asked of: the analysed design and its network, and the console for its tools' output. */
export interface QueryContext {
  readonly design: Design
  readonly network: NetworkState
  readonly console: () => LabConsole
}

/** A session row without the routes that cross it: a reflector's thousands of sessions carry millions. */
export type SessionRow = Omit<SessionRoutes, 'advertised' | 'received' | 'counts'> & { readonly counts?: SessionRoutes['counts'] }

/** The rows a panel draws at first come with their counts; the rest are counted when drawn. */
export const COUNTED_AT_FIRST = 50

const row = (s: SessionRoutes, counted: boolean): SessionRow => ({
  session: s.session,
  neighbor: s.neighbor,
  neighborName: s.neighborName,
  description: s.description,
  established: s.established,
  reason: s.reason,
  ...(counted ? { counts: s.counts } : {}),
})

// A route's text and reason may be getters, which a structured clone drops: plainRoute makes them fields.
const withoutChoice = (route: KernelRoute): KernelRoute => ({ ...plainRoute(route), choice: undefined })

/** The command that shows a host's sessions in its own tool's words, or undefined for a host with no BIRD to ask. */
function toolCommand(network: NetworkState, id: EntityId): string | undefined {
  const speaker = network.speakers.find((s) => s.id === id)
  if (!speaker) return undefined
  if (speaker.kind === 'calico') return 'sudo calicoctl node status'
  return speaker.host.daemon === undefined || speaker.host.daemon === 'bird' ? 'sudo birdc show protocols' : undefined
}

/**
 * Every question a view asks about the analysed network, answered in the worker: each answer is
 * what `shared/explain`, `shared/plan` or `shared/ipam` gives (the same objects and words as the
 * CLI and the console), cut down to what the view reads where the whole would be large.
 */
export const QUERIES = {
  // The BGP table entry behind a route holds the ranking it was chosen by (functions, which do not
  // cross threads): it stays here, and `provenance` explains it.
  routes: ({ network }: QueryContext, id: EntityId): KernelRoute[] => network.routesOf(id).map(withoutChoice),
  provenance: ({ design, network }: QueryContext, id: EntityId, routeText: string) => {
    const route = network.routesOf(id).find((r) => r.text === routeText)
    const why = route && explainRoute(design, network, id, route)
    return why && { ...why, route: withoutChoice(why.route) }
  },
  whyNot: ({ design, network }: QueryContext, id: EntityId, query: string) => {
    const why = explainAbsence(design, network, id, query)
    return { ...why, present: why.present.map(withoutChoice) }
  },
  sessions: ({ design, network }: QueryContext, id: EntityId) => sessionRoutesOf(design, network, id).map((s, i) => row(s, i < COUNTED_AT_FIRST)),
  /** Counts of the sessions named (by protocol), for rows drawn past the first. */
  sessionCounts: ({ design, network }: QueryContext, id: EntityId, protocols: readonly string[]) => {
    const wanted = new Set(protocols)
    return new Map(sessionRoutesOf(design, network, id).flatMap((s) => (wanted.has(s.session.protocol) ? [[s.session.protocol, s.counts] as const] : [])))
  },
  /** The routes crossing one session each way, for the row opened. */
  sessionRoutes: ({ design, network }: QueryContext, id: EntityId, protocol: string) => {
    const s = sessionRoutesOf(design, network, id).find((r) => r.session.protocol === protocol)
    return s ? { advertised: s.advertised, received: s.received } : undefined
  },
  addresses: ({ design, network }: QueryContext, id: EntityId) => hostAddressesOf(design, network, id),
  toolStatus: ({ design, network, console }: QueryContext, id: EntityId) => {
    const command = toolCommand(network, id)
    const host = hostsOf(design).find((h) => h.id === id)
    if (command === undefined || !host) return undefined
    return { command, output: console().peek(displayName(host), command)?.output ?? '' }
  },
  toolCommand: ({ network }: QueryContext, id: EntityId) => toolCommand(network, id),
  addressMap: ({ design, network }: QueryContext) => buildAddressMap(design, network.ipam),
  utilisation: ({ design, network }: QueryContext) => utilisationOf(design, network.ipam),
  ipamShow: ({ network }: QueryContext) => calicoctlIpamShow(network.ipam, { showBlocks: true }),
  capacity: ({ design, network }: QueryContext) => capacityOf(design, network.ipam),
  forecast: ({ design, network }: QueryContext, options: ForecastOptions) => forecastCapacity(design, network.ipam, options),
} as const

export type QueryName = keyof typeof QUERIES
type Rest<F> = F extends (context: QueryContext, ...args: infer A) => unknown ? A : never
export type QueryArgs<N extends QueryName = QueryName> = Rest<(typeof QUERIES)[N]>
export type QueryAnswer<N extends QueryName> = ReturnType<(typeof QUERIES)[N]>
