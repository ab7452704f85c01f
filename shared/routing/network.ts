import type { Diagnostic } from '../diagnostics'
import { computeSessions, type SessionState } from '../bgp/sessions'
import { bgpSpeakers, type BgpSpeaker } from '../bgp/speakers'
import { bgpTopologyWarnings } from '../bgp/topologyWarnings'
import { workloadWarnings } from '../ipam/workloadWarnings'
import { computeIpam, type IpamResult } from '../ipam/computeIpam'
import type { Design, EntityId } from '../model/design'
import { hostsOf } from '../model/query'
import { computeBgpRoutes, type BgpRoutes } from './bgpRoutes'
import { kernelRoutes, type KernelRoute } from './kernelRoutes'

/** Everything the engine derives about a design's network, in pipeline order. */
export interface NetworkState {
  readonly ipam: IpamResult
  readonly speakers: readonly BgpSpeaker[]
  readonly sessions: readonly SessionState[]
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

function deriveNetwork(design: Design): NetworkState {
  const ipam = computeIpam(design)
  const speakers = bgpSpeakers(design)
  const { sessions, diagnostics } = computeSessions(design, speakers)
  const bgp = computeBgpRoutes(design, ipam, speakers, sessions)
  const hosts = new Map(hostsOf(design).map((h) => [h.id, h]))
  const bySpeaker = new Map(speakers.map((s) => [s.id, s]))
  // A view asks for the same host's table again and again (each redraw, each question about it).
  const tables = new Map<EntityId, readonly KernelRoute[]>()
  return {
    ipam,
    speakers,
    sessions,
    bgp,
    diagnostics: [...ipam.diagnostics, ...workloadWarnings(design, ipam), ...diagnostics, ...bgpTopologyWarnings(design, speakers, sessions, ipam.pools)],
    routesOf(id) {
      const known = tables.get(id)
      if (known) return known
      const host = hosts.get(id)
      const table = host ? kernelRoutes(design, host, bySpeaker.get(id), ipam, bgp) : []
      if (tables.size >= KEPT_TABLES) tables.delete(tables.keys().next().value as EntityId)
      tables.set(id, table)
      return table
    },
  }
}
