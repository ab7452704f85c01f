import type { Diagnostic } from '../diagnostics'
import { computeSessions, sessionDiagnostics, sessionSet, type SessionSet, type SessionState } from '../bgp/sessions'
import { bgpSpeakers, type BgpSpeaker } from '../bgp/speakers'
import { bgpTopologyWarnings } from '../bgp/topologyWarnings'
import { workloadWarnings } from '../ipam/workloadWarnings'
import { computeIpam, type IpamResult } from '../ipam/computeIpam'
import type { Design, EntityId } from '../model/design'
import { hostsOf, resourcesOf } from '../model/query'
import { advertisedServiceRanges, computeBgpRoutes, type BgpRoutes, type RouteChoice } from './bgpRoutes'
import { parseIpAddress, parseIpPrefix, prefixContainsAddress } from '../net'
import { kernelRoutes, sharedKernelRoutes, type KernelRoute, type SharedKernelRoutes } from './kernelRoutes'
import { kernelTablesProbe } from './sessionReachability'

/** Everything the engine derives about a design's network, in pipeline order. */
export interface NetworkState {
  readonly ipam: IpamResult
  readonly speakers: readonly BgpSpeaker[]
  /** Every session; reading it spells out a full mesh's N² sessions: ask `sessionsOf` or `sessionSet` where one host's or a group's will do. */
  readonly sessions: readonly SessionState[]
  /** The sessions with a healthy full mesh kept as one group. */
  readonly sessionSet: SessionSet
  /** One speaker's sessions, in the order `sessions` lists them. */
  sessionsOf(host: EntityId): readonly SessionState[]
  readonly bgp: BgpRoutes
  readonly diagnostics: readonly Diagnostic[]
  /** A host's routing table, built when asked for: a large design never holds every table at once. */
  routesOf(host: EntityId): readonly KernelRoute[]
}

/** How many hosts' tables are kept: enough for a panel, a console and a CLI loop over a few hosts. */
const KEPT_TABLES = 16

/**
 * The last design's network: the canvas and the lab console both ask for the open design's, and
 * one computation serves both. Only one is kept; a history of large networks would not fit.
 */
let latest: { readonly design: Design; readonly network: NetworkState } | undefined

export function computeNetwork(design: Design): NetworkState {
  if (latest?.design === design) return latest.network
  const network = deriveNetwork(design)
  latest = { design, network }
  return network
}

/** How many times sessions are worked out again over routes learned in the round before; real designs settle in one or two. */
const MAX_ROUNDS = 8

/**
 * Sessions and the routes they carry, which depend on each other: a session needs a route to its
 * peer, and some routes are learned over sessions. Stratified, as a network comes up: the first
 * round reaches peers over connected and DHCP routes only; each later round also over the routes
 * BIRD installed from the sessions Established so far. A session once Established stays so
 * (a route learned later never takes a working session down), so the rounds only add sessions and
 * stop when a round adds none. Only sessions to peers off every connected subnet can change
 * between rounds, so a design without any is worked out once.
 */
function establishSessions(design: Design, ipam: IpamResult, speakers: readonly BgpSpeaker[], spellOutMesh: boolean): { sessions: SessionSet; diagnostics: Diagnostic[]; bgp: BgpRoutes } {
  const probe = kernelTablesProbe(design, ipam, speakers)
  // A probe that vouches for no class of host: the mesh is then worked out session by session.
  const first = computeSessions(design, speakers, spellOutMesh ? { connect: (from, address, source) => probe.connect(from, address, source) } : probe)
  let sessions: SessionSet = first.set
  let diagnostics = first.diagnostics
  let unrouted = first.unrouted
  let bgp = computeBgpRoutes(design, ipam, speakers, sessions)
  for (let round = 1; round < MAX_ROUNDS && unrouted > 0 && bgpCanRouteToHosts(design, ipam); round++) {
    // A mesh kept as a group is Established throughout, and stays so.
    const result = computeSessions(design, speakers, kernelTablesProbe(design, ipam, speakers, bgp), sessions.mesh !== undefined)
    const next = result.set
    // Each round configures the same sessions in the same order.
    const before = sessions.explicit
    const merged = next.explicit.map((s, i) => (before[i]?.state === 'up' ? (before[i] as SessionState) : s))
    if (!merged.some((s, i) => s.state === 'up' && before[i]?.state !== 'up')) break
    sessions = sessionSet(merged, sessions.mesh)
    diagnostics = sessionDiagnostics(merged, speakers)
    unrouted = result.unrouted
    bgp = computeBgpRoutes(design, ipam, speakers, sessions)
  }
  return { sessions, diagnostics, bgp }
}

/**
 * Whether a route learned over BGP can lead to a host's own address at all: every BGP route
 * starts as a Calico node's block, borrowed address or advertised service range, or a router's
 * announced prefix, so only a host address inside a pool or such a range or prefix can be
 * reached, or answered, differently once routes are learned. When none is, one round says everything.
 */
function bgpCanRouteToHosts(design: Design, ipam: IpamResult): boolean {
  const announced = resourcesOf(design, 'peerlab.dev/v1alpha1/Router').flatMap((r) => r.spec.announce ?? [])
  const ranges = [
    ...ipam.pools.map((p) => p.prefix),
    ...[...advertisedServiceRanges(design), ...announced].flatMap((c) => {
      const p = parseIpPrefix(c)
      return p.ok ? [p.value] : []
    }),
  ]
  return hostsOf(design).some((h) =>
    h.interfaces.some((i) => {
      const ip = parseIpAddress(i.address)
      return ip.ok && ranges.some((r) => prefixContainsAddress(r, ip.value))
    }),
  )
}

/**
 * The network of a design, worked out afresh. `spellOutMesh` works a full mesh out session by
 * session instead of as one group: the equivalence tests compare the two.
 */
export function deriveNetwork(design: Design, spellOutMesh = false): NetworkState {
  const ipam = computeIpam(design)
  const speakers = bgpSpeakers(design)
  const { sessions, diagnostics, bgp } = establishSessions(design, ipam, speakers, spellOutMesh)
  const hosts = new Map(hostsOf(design).map((h) => [h.id, h]))
  const bySpeaker = new Map(speakers.map((s) => [s.id, s]))
  // A view asks for the same host's table again and again (each redraw, each question about it).
  const tables = new Map<EntityId, readonly KernelRoute[]>()
  // The kernel routes the clients of the same reflectors all have, made now, once, as their shared BGP table is: it is what makes one of their tables cheap.
  const shared = new Map(bgp.sharedTables.map((table) => [table, sharedKernelRoutes(design, ipam, table)]))
  const sharedOf = (table: ReadonlyMap<string, RouteChoice>): SharedKernelRoutes | undefined => shared.get(table)
  return {
    ipam,
    speakers,
    get sessions() {
      return sessions.all
    },
    sessionSet: sessions,
    sessionsOf: (id) => sessions.of(id),
    bgp,
    diagnostics: [...ipam.diagnostics, ...workloadWarnings(design, ipam), ...diagnostics, ...bgpTopologyWarnings(design, speakers, sessions, ipam.pools)],
    routesOf(id) {
      const known = tables.get(id)
      if (known) return known
      const host = hosts.get(id)
      const table = host ? kernelRoutes(design, host, bySpeaker.get(id), ipam, bgp, sharedOf) : []
      if (tables.size >= KEPT_TABLES) tables.delete(tables.keys().next().value as EntityId)
      tables.set(id, table)
      return table
    },
  }
}
