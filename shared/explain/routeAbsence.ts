import type { SessionState } from '../bgp/sessions'
import { routeGet } from '../console/routeGet'
import type { Design, EntityId } from '../model/design'
import { formatIpPrefix, parseIpAddress, parseIpPrefix, prefixContainsAddress, prefixContainsPrefix, type IpAddress, type IpPrefix } from '../net'
import type { RejectionStage, RouteRejection } from '../routing/bgpRoutes'
import type { KernelRoute } from '../routing/kernelRoutes'
import type { NetworkState } from '../routing/network'
import { describeOrigin, originatedPrefixes, type OriginatedPrefix } from './origins'
import type { CanvasPlaces } from './routeProvenance'
import { importDecision, namingOf, withAliases, type Naming } from './wording'

/** Where a route stops on its way to the host: a rule, a session that is down, a neighbor without it. */
export type StopKind = RejectionStage | 'session-down' | 'neighbor-lacks-it' | 'no-sessions' | 'not-a-speaker'

export interface RouteStop extends CanvasPlaces {
  readonly kind: StopKind
  /** The neighbor the route would have come from, when there is one. */
  readonly neighbor: EntityId | undefined
  readonly text: string
}

/** A prefix the cluster originates that the host lacks, and every place it stops. */
export interface MissingPrefix {
  readonly cidr: string
  readonly origin: string
  readonly stops: readonly RouteStop[]
}

/** The answer to "why has this host no route to …?". */
export interface RouteAbsence {
  readonly host: EntityId
  /** The question as understood: a prefix in canonical form, or an address. */
  readonly query: string
  readonly queryKind: 'prefix' | 'address' | 'invalid'
  /** Routes the host has for it: the same prefix, or prefixes inside it; for an address, the longest match unless it is the default route. */
  readonly present: readonly KernelRoute[]
  /** For an address, what `ip route get` prints on the host (the longest match, often the default route). */
  readonly routeGet: string | undefined
  /** Prefixes some node originates that overlap the question and that the host's BGP table lacks. */
  readonly missing: readonly MissingPrefix[]
  /** When no node originates anything there: why not (no pool, no block, a pool that is disabled). */
  readonly notes: readonly string[]
  /** One line for a status bar or a CLI's first line. */
  readonly summary: string
}

const NO_PLACES: CanvasPlaces = { hosts: [], sessions: [] }

/** The import filter's own words: which filter, which rule refused it. */
function importFilterText(naming: Naming, receiver: EntityId, sender: EntityId, prefix: IpPrefix): string {
  const decision = importDecision(naming, receiver, sender, prefix)
  if (!decision) return `${naming.name(receiver)}'s import filter refuses it`
  return `${decision.filter} ${naming.speaker(receiver)?.kind === 'router' ? 'refuses' : 'refuse'} it${decision.rule !== undefined ? ` (${decision.rule})` : ''}`
}

/** A rejection from the BGP decision, named by where it happened, and the place on the canvas. */
function rejectionStop(naming: Naming, rejection: RouteRejection, prefix: IpPrefix): RouteStop {
  const text =
    rejection.stage === 'import-filter' ? importFilterText(naming, rejection.at, rejection.from, prefix) : withAliases(naming, rejection.reason, [rejection.from, rejection.at, rejection.stoppedBy])
  return { kind: rejection.stage, neighbor: rejection.from, text: `from ${naming.name(rejection.from)}: ${text}`, hosts: [rejection.stoppedBy], sessions: [[rejection.from, rejection.at]] }
}

function sessionDownStop(naming: Naming, session: SessionState): RouteStop {
  const peer = session.remote !== undefined ? naming.name(session.remote) : session.peerAddress
  const reason = session.reason !== undefined ? `: ${withAliases(naming, session.reason, [session.speaker, ...(session.remote !== undefined ? [session.remote] : [])])}` : ''
  return {
    kind: 'session-down',
    neighbor: session.remote,
    text: `from ${peer}: session ${session.protocol} is not Established (${session.info})${reason}`,
    hosts: session.remote !== undefined ? [session.remote] : [],
    sessions: session.remote !== undefined ? [[session.remote, session.speaker]] : [],
  }
}

/** Why the host lacks one originated prefix, neighbor by neighbor. */
function stopsFor(naming: Naming, host: EntityId, origin: OriginatedPrefix): RouteStop[] {
  const { bgp, sessions } = naming.network
  const stops = bgp.whyNot(host, origin.cidr).map((r) => rejectionStop(naming, r, origin.prefix))
  const explained = new Set(stops.map((s) => s.neighbor))
  const mine = sessions.filter((s) => s.speaker === host)
  for (const session of mine) {
    if (session.state !== 'up') {
      stops.push(sessionDownStop(naming, session))
      continue
    }
    const neighbor = session.remote
    if (neighbor === undefined || explained.has(neighbor)) continue
    explained.add(neighbor)
    if (bgp.tableOf(neighbor).has(origin.cidr)) continue
    // One level further back says where it really stops: the neighbor's own first refusal.
    const further = bgp.whyNot(neighbor, origin.cidr)[0]
    const why = further ? `; ${rejectionStop(naming, further, origin.prefix).text}` : ''
    stops.push({
      kind: 'neighbor-lacks-it',
      neighbor,
      text: `from ${naming.name(neighbor)}: ${naming.name(neighbor)} has no route to it itself${why}`,
      hosts: [neighbor],
      sessions: [[neighbor, host]],
    })
  }
  if (mine.length === 0)
    stops.push({ kind: 'no-sessions', neighbor: undefined, text: `${naming.name(host)} has no BGP session at all: no node-to-node mesh, BGPPeer or neighbor reaches it`, hosts: [host], sessions: [] })
  return stops.sort((a, b) => DECISIVENESS.indexOf(a.kind) - DECISIVENESS.indexOf(b.kind))
}

/**
 * Stops in the order a person should read them: a policy that refuses the route, or a session
 * that is down, before BGP's own rules (split horizon, no sending back) that stop it everywhere.
 */
const DECISIVENESS: readonly StopKind[] = [
  'import-filter',
  'bgp-filter-export',
  'calico-export',
  'router-export',
  'session-down',
  'no-sessions',
  'not-a-speaker',
  'cluster-loop',
  'as-path-loop',
  'neighbor-lacks-it',
  'split-horizon',
  'learned-from',
]

/** When nothing is originated there: say which pool would hold it, and why it has no block. */
function emptinessNotes(naming: Naming, overlaps: (prefix: IpPrefix) => boolean, query: string): string[] {
  const pools = naming.network.ipam.pools.filter((p) => overlaps(p.prefix))
  if (pools.length === 0) return [`No IP pool covers ${query}: no node allocates addresses there, so no node advertises a route to it.`]
  return pools.map((pool) => {
    if (!pool.enabled) return `Pool ${pool.name} is disabled: IPAM gives no address from it, so no node has a block of it.`
    const blocks = naming.network.ipam.blocks.filter((b) => b.pool === pool.name)
    if (blocks.length === 0) return `Pool ${pool.name} has no block yet: no pod of pool ${pool.name} runs on any node, so no node has a block of it to advertise.`
    return `No block of pool ${pool.name} holds ${query}: its ${blocks.length === 1 ? 'block is' : `${blocks.length} blocks are`} elsewhere (${blocks
      .slice(0, 4)
      .map((b) => b.cidr)
      .join(', ')}${blocks.length > 4 ? ', …' : ''}).`
  })
}

/**
 * Why `host` has no route to `query` (a prefix or an address): each prefix the cluster originates
 * there that the host lacks, and for every neighbor where it stops; or, when nothing is
 * originated there, why not. For an address, also what `ip route get` gives instead.
 */
export function explainAbsence(design: Design, network: NetworkState, host: EntityId, query: string): RouteAbsence {
  const naming = namingOf(design, network)
  const text = query.trim()
  const asPrefix = text.includes('/') ? parseIpPrefix(text) : undefined
  const asAddress = text.includes('/') ? undefined : parseIpAddress(text)
  const routes = network.routesOf(host)
  const base = { host, present: [], routeGet: undefined, missing: [], notes: [] }
  if (asPrefix?.ok !== true && asAddress?.ok !== true) {
    return { ...base, query: text, queryKind: 'invalid', summary: `${JSON.stringify(text)} is neither an address (10.48.0.5) nor a prefix (10.48.0.0/24)` }
  }
  let overlaps: (prefix: IpPrefix) => boolean
  let present: KernelRoute[]
  let canonical: string
  let lookup: string | undefined
  if (asPrefix?.ok === true) {
    const wanted = asPrefix.value
    canonical = formatIpPrefix(wanted)
    overlaps = (p) => p.family === wanted.family && (prefixContainsPrefix(wanted, p) || prefixContainsPrefix(p, wanted))
    present = routes.filter((r) => r.destination !== 'default' && r.family === wanted.family && prefixContainsPrefix(wanted, r.destination))
  } else {
    const address = (asAddress as { ok: true; value: IpAddress }).value
    canonical = text
    overlaps = (p) => p.family === address.family && prefixContainsAddress(p, address)
    const machine = naming.host(host)
    const got = machine ? routeGet(network, machine, text, true) : undefined
    lookup = got && (got.exitCode === 0 ? got.stdout : got.stderr)
    const longest = routes
      .filter((r) => r.destination !== 'default' && r.family === address.family && prefixContainsAddress(r.destination, address))
      .sort((a, b) => (b.destination as IpPrefix).length - (a.destination as IpPrefix).length)[0]
    present = longest ? [longest] : []
  }
  const speaker = naming.speaker(host)
  const table = speaker ? network.bgp.tableOf(host) : undefined
  const relevant = originatedPrefixes(naming).list.filter((o) => overlaps(o.prefix) && !table?.has(o.cidr))
  const missing: MissingPrefix[] = speaker
    ? relevant.map((o) => ({ cidr: o.cidr, origin: describeOrigin(naming, o, o.cidr, o.originators[0]), stops: stopsFor(naming, host, o) }))
    : relevant.length > 0
      ? [
          {
            cidr: relevant.map((o) => o.cidr).join(', '),
            origin: 'originated by Calico nodes',
            stops: [{ kind: 'not-a-speaker', neighbor: undefined, text: `${naming.name(host)} runs no BGP speaker: it learns no route from the cluster`, ...NO_PLACES, hosts: [host] }],
          },
        ]
      : []
  const anyOriginated = originatedPrefixes(naming).list.some((o) => overlaps(o.prefix))
  const notes = anyOriginated ? [] : emptinessNotes(naming, overlaps, canonical)
  const name = naming.name(host)
  const summary =
    missing.length > 0
      ? `${name} has no route to ${missing.length === 1 ? (missing[0] as MissingPrefix).cidr : `${missing.length} prefixes in ${canonical}`}: ${(missing[0] as MissingPrefix).stops[0]?.text ?? 'no neighbor offers it'}`
      : present.length > 0
        ? present.some((r) => r.destination !== 'default' && formatIpPrefix(r.destination) === canonical) || asPrefix?.ok !== true
          ? `${name} has a route to ${canonical}: ${present.map((r) => r.text).join('; ')}`
          : `${name} has ${present.length === 1 ? 'a route' : `${present.length} routes`} within ${canonical}: ${present.map((r) => r.text).join('; ')}`
        : `${name} has no route to ${canonical}. ${notes[0] ?? ''}`.trim()
  return { host, query: canonical, queryKind: asPrefix?.ok === true ? 'prefix' : 'address', present, routeGet: lookup, missing, notes, summary }
}
