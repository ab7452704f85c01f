import type { SessionSet, SessionState } from '../bgp/sessions'
import type { EntityId } from '../model/design'
import type { BundledSessions } from './sessionBundles'
import { KIND_NAMES, sessionEdges, type SessionEdge } from './sessionEdges'

/** A member of a mesh group, as much of it as its mesh edges need. */
export interface CanvasMeshMember {
  readonly id: EntityId
  readonly ipv4: string
  /** Its AS, when not the group's: Calico's node-to-node mesh joins every node whatever its AS, over eBGP between two ASes. */
  readonly asNumber?: number
}

/**
 * The node-to-node mesh, kept as its members: every pair of them is one Established mesh edge
 * (eBGP between members of two ASes), except the pairs in `except`, whose edges (if any) are
 * among the explicit ones. A thousand members have half a million pairs.
 */
export interface CanvasMesh {
  /** In the order their sessions are configured: the first of a pair names the AS numbers of an eBGP pair first. */
  readonly members: readonly CanvasMeshMember[]
  readonly asNumber: number
  /** Pairs (`a|b`, the two ids in order) the group does not stand for. */
  readonly except?: readonly string[]
}

/**
 * What the canvas draws of a session set, small enough to send between threads: the edge of every
 * pair, except those of the mesh group, which stay as its members and are spelled out only when
 * the mesh is drawn expanded.
 */
export interface CanvasSessions {
  /** One edge per pair outside the mesh group, in the order the pairs are first configured. */
  readonly edges: readonly SessionEdge[]
  readonly mesh: CanvasMesh | undefined
  /**
   * The bundles a large canvas draws them as, worked out beside them (bundling 5,000 hosts' sessions
   * takes longer than a frame): for the hosts and segments `key` names, with nothing expanded.
   */
  readonly bundled?: { readonly key: string; readonly bundled: BundledSessions }
}

/** Below this many members a mesh is sent as its edges: three members have three. */
const MIN_GROUP = 4

/**
 * The canvas's sessions of a set, without spelling out its mesh: the set keeps a group when its
 * members share one AS and every session among them is Established (see meshUpEverywhere);
 * otherwise the mesh sessions it lists are gathered back into a group here (see meshGroupOf).
 */
export function canvasSessions(set: SessionSet): CanvasSessions {
  const group = set.mesh
  if (!group) return foldMeshSessions(set.explicit)
  return {
    edges: sessionEdges(set.explicit),
    mesh: { members: group.members.map((m) => ({ id: m.id, ipv4: m.ipv4 as string })), asNumber: group.members[0]?.asNumber ?? 0 },
  }
}

/** A pair of hosts as one key, whichever is named first: the form `except` lists them in. */
export const pairKey = (a: EntityId, b: EntityId): string => (a < b ? `${a}|${b}` : `${b}|${a}`)

/** How many pairs (full-mesh sessions) `members` hosts make. */
export const pairCount = (members: number): number => (members * (members - 1)) / 2

/** The edge of a pair of mesh group members, as sessionEdges makes it from their two mesh sessions; `a` is the one configured first. */
export function meshPairEdge(a: CanvasMeshMember, b: CanvasMeshMember, asNumber: number): SessionEdge {
  const [source, target] = a.id < b.id ? [a, b] : [b, a]
  const asA = a.asNumber ?? asNumber
  const asB = b.asNumber ?? asNumber
  const asNumbers = asA === asB ? `AS ${asA}` : `AS ${asA} ↔ ${asB}`
  return {
    id: `session/${source.id}|${target.id}`,
    source: source.id,
    target: target.id,
    kind: asA === asB ? 'mesh' : 'ebgp',
    state: 'up',
    label: asA === asB ? '' : `${KIND_NAMES.ebgp} · ${asNumbers}`,
    asNumbers,
    subject: undefined,
    addresses: [...new Set([a.ipv4, b.ipv4])].sort(),
  }
}

const sameEdge = (a: SessionEdge, b: SessionEdge): boolean =>
  a.id === b.id &&
  a.kind === b.kind &&
  a.state === b.state &&
  a.label === b.label &&
  a.asNumbers === b.asNumbers &&
  a.subject === b.subject &&
  a.addresses.length === b.addresses.length &&
  a.addresses.every((address, i) => address === b.addresses[i])

/**
 * The edges of sessions listed one by one, with the node-to-node mesh among them gathered back
 * into a group: a mesh whose members do not all share an AS is listed session by session (a
 * thousand members, a million sessions), yet drawn folded it is one element, and sent to the UI
 * thread it must stay small. The group stands for every pair of its members whose edge is the
 * one meshPairEdge makes; any other pair among them (a session down, a BGPPeer beside the mesh)
 * keeps its own edge and is named in `except`.
 */
export function foldMeshSessions(sessions: readonly SessionState[]): CanvasSessions {
  const edges = sessionEdges(sessions)
  const order = new Map<EntityId, number>()
  const asOf = new Map<EntityId, number>()
  const ipv4Of = new Map<EntityId, string>()
  /** Pairs with a session that is not the mesh's: never the group's. */
  const other = new Set<string>()
  for (const s of sessions) {
    if (s.remote === undefined) continue
    if (s.type !== 'mesh') {
      other.add(pairKey(s.speaker, s.remote))
      continue
    }
    if (!order.has(s.speaker)) order.set(s.speaker, order.size)
    if ((asOf.get(s.speaker) ?? s.localAs) !== s.localAs || (ipv4Of.get(s.remote) ?? s.peerAddress) !== s.peerAddress) return { edges, mesh: undefined }
    asOf.set(s.speaker, s.localAs)
    ipv4Of.set(s.remote, s.peerAddress)
  }
  const ids = [...order.keys()].filter((id) => ipv4Of.has(id) && asOf.has(id))
  if (ids.length < MIN_GROUP) return { edges, mesh: undefined }
  // The group's AS is the one most members have: the others name theirs.
  const counts = new Map<number, number>()
  for (const id of ids) counts.set(asOf.get(id) as number, (counts.get(asOf.get(id) as number) ?? 0) + 1)
  const asNumber = [...counts].reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0]
  const members = ids.map((id): CanvasMeshMember => {
    const own = asOf.get(id) as number
    return { id, ipv4: ipv4Of.get(id) as string, ...(own !== asNumber ? { asNumber: own } : {}) }
  })
  const byId = new Map(members.map((m) => [m.id, m]))
  const kept: SessionEdge[] = []
  const except: string[] = []
  let grouped = 0
  for (const edge of edges) {
    const a = byId.get(edge.source)
    const b = byId.get(edge.target)
    if (!a || !b) {
      kept.push(edge)
      continue
    }
    const [first, second] = (order.get(a.id) as number) < (order.get(b.id) as number) ? [a, b] : [b, a]
    if (!other.has(pairKey(a.id, b.id)) && sameEdge(edge, meshPairEdge(first, second, asNumber))) grouped++
    else {
      kept.push(edge)
      except.push(pairKey(a.id, b.id))
    }
  }
  const pairs = pairCount(members.length)
  // Pairs with no session at all are not the group's either; looked for only when some are missing.
  if (grouped + except.length < pairs) {
    const seen = new Set(edges.map((e) => pairKey(e.source, e.target)))
    members.forEach((a, i) => {
      for (const b of members.slice(i + 1)) if (!seen.has(pairKey(a.id, b.id))) except.push(pairKey(a.id, b.id))
    })
  }
  // A group that stands for fewer pairs than it leaves out saves nothing.
  if (grouped < except.length) return { edges, mesh: undefined }
  return { edges: kept, mesh: { members, asNumber, ...(except.length > 0 ? { except } : {}) } }
}
