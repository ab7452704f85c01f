import type { SessionType } from '../../shared/bgp/sessions'
import type { SessionRoutes } from '../../shared/explain/sessionRoutes'
import { KUBECTL_TABWRITER, tabwrite } from '../../shared/views/tabwriter'

/** One BGP session in `peerlab sessions --json` (docs/cli.md). */
export interface SessionJson {
  readonly protocol: string
  readonly neighbor: string
  readonly peerAddress: string
  readonly port: number | null
  readonly type: SessionType
  readonly description: string
  readonly localAs: number
  readonly remoteAs: number
  readonly state: 'up' | 'start'
  readonly info: string
  readonly established: boolean
  readonly reason: string | null
  readonly counts: SessionRoutes['counts']
  readonly advertised: readonly string[]
  readonly received: readonly { readonly cidr: string; readonly nextHop: string; readonly filteredBy: string | null }[]
}

export function sessionJson(s: SessionRoutes): SessionJson {
  const { session } = s
  return {
    protocol: session.protocol,
    neighbor: s.neighborName,
    peerAddress: session.peerAddress,
    port: session.port ?? null,
    type: session.type,
    description: s.description,
    localAs: session.localAs,
    remoteAs: session.remoteAs,
    state: session.state,
    info: session.info,
    established: s.established,
    reason: s.reason ?? null,
    counts: s.counts,
    advertised: s.advertised.map((r) => r.cidr),
    received: s.received.map((r) => ({ cidr: r.route.cidr, nextHop: r.route.nextHop, filteredBy: r.filteredBy ?? null })),
  }
}

const HEADERS = ['NEIGHBOR', 'PEER ADDRESS', 'PROTOCOL', 'STATE', 'INFO', 'ADVERTISED', 'RECEIVED', 'ACCEPTED', 'FILTERED', 'SESSION']

/**
 * One host's sessions as a table, kubectl's way (columns as wide as their widest cell, three
 * spaces apart, the long description last and unpadded), then why each one that is not
 * Established is not: a reason is a sentence, too long for a column.
 */
export function sessionsTable(sessions: readonly SessionRoutes[]): string {
  if (sessions.length === 0) return 'No BGP sessions.\n'
  const rows = sessions.map((s) => {
    const { counts, session } = s
    return [
      s.neighborName,
      session.peerAddress,
      session.protocol,
      session.state,
      session.info,
      String(counts.advertised),
      String(counts.received),
      String(counts.accepted),
      String(counts.filtered),
      s.description,
    ]
  })
  const reasons = sessions.filter((s) => !s.established).map((s) => `${s.session.protocol} (${s.neighborName}) is not Established: ${s.reason ?? s.session.info}\n`)
  return `${tabwrite([HEADERS, ...rows], KUBECTL_TABWRITER)}${reasons.join('')}`
}
