import type { SessionSet } from '../bgp/sessions'
import type { EntityId } from '../model/design'
import type { BundledSessions } from './sessionBundles'
import { sessionEdges, type SessionEdge } from './sessionEdges'

/** A member of a mesh group, as much of it as its mesh edges need. */
export interface CanvasMeshMember {
  readonly id: EntityId
  readonly ipv4: string
}

/**
 * What the canvas draws of a session set, small enough to send between threads: the edge of every
 * pair, except those of a mesh group. Those are all alike (Established, within one AS), so they
 * stay as the group's members, spelled out only when the mesh is drawn expanded: a thousand
 * members have half a million of them.
 */
export interface CanvasSessions {
  /** One edge per pair outside the mesh group, in the order the pairs are first configured. */
  readonly edges: readonly SessionEdge[]
  /** The mesh group: every pair of its members is an Established mesh session in `asNumber`. */
  readonly mesh: { readonly members: readonly CanvasMeshMember[]; readonly asNumber: number } | undefined
  /**
   * The bundles a large canvas draws them as, worked out beside them (bundling 5,000 hosts' sessions
   * takes longer than a frame): for the hosts and segments `key` names, with nothing expanded.
   */
  readonly bundled?: { readonly key: string; readonly bundled: BundledSessions }
}

/**
 * The canvas's sessions of a set, without spelling out its mesh group: the set keeps one only
 * when its members share one AS and no other session joins two of them (see meshUpEverywhere),
 * so every pair of members is one Established mesh edge.
 */
export function canvasSessions(set: SessionSet): CanvasSessions {
  const group = set.mesh
  return {
    edges: sessionEdges(set.explicit),
    mesh: group && { members: group.members.map((m) => ({ id: m.id, ipv4: m.ipv4 as string })), asNumber: group.members[0]?.asNumber ?? 0 },
  }
}

/** The edge of a pair of mesh group members, as sessionEdges makes it from their two mesh sessions. */
export function meshPairEdge(a: CanvasMeshMember, b: CanvasMeshMember, asNumber: number): SessionEdge {
  const [source, target] = a.id < b.id ? [a, b] : [b, a]
  return {
    id: `session/${source.id}|${target.id}`,
    source: source.id,
    target: target.id,
    kind: 'mesh',
    state: 'up',
    label: '',
    asNumbers: `AS ${asNumber}`,
    subject: undefined,
    addresses: [...new Set([a.ipv4, b.ipv4])].sort(),
  }
}
