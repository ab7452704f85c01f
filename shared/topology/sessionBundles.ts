import { KIND_NAMES, type SessionEdge } from './sessionEdges'

/** Fewer sessions than this between a segment and a host are drawn one by one. */
export const MIN_BUNDLE = 4

interface Member {
  readonly id: string
  readonly parent?: string
}

/** Many sessions of one kind and state between a segment's hosts and one host, drawn as one line. */
export interface SessionBundle extends SessionEdge {
  /** The session edges it stands for. */
  readonly members: readonly string[]
}

export interface BundledSessions {
  readonly edges: readonly (SessionEdge | SessionBundle)[]
  /** Which bundle each session belongs to, expanded or not: what the canvas offers to fold back. */
  readonly bundleOf: ReadonlyMap<string, string>
}

export function isBundle(edge: SessionEdge): edge is SessionBundle {
  return 'members' in edge
}

function bundleLabel(group: readonly SessionEdge[]): string {
  const first = group[0] as SessionEdge
  const state = first.state === 'up' ? 'Established' : 'down'
  return [`${group.length} ${KIND_NAMES[first.kind]} sessions ${state}`, first.asNumbers].filter((part) => part !== '').join(' · ')
}

/**
 * Folds the sessions between the hosts of one segment and one host (a rack's clients and their
 * route reflector, a rack's nodes and its ToR) into one line from the segment, per kind and state.
 * A thousand hosts with three reflectors each are 3,000 lines converging on three points: nobody
 * can read them, and drawing them took most of every frame. A session down is never folded in
 * with ones that are up, so a problem still stands out; a bundle in `expanded` is drawn session by
 * session. Each session goes to the bundle of whichever of its two ends gathers more sessions;
 * sessions within one segment stay single.
 */
export function bundleSessions(edges: readonly SessionEdge[], nodes: readonly Member[], expanded: ReadonlySet<string>): BundledSessions {
  const segmentOf = new Map<string, string>()
  for (const node of nodes) if (node.parent !== undefined) segmentOf.set(node.id, node.parent)
  // Each session's candidate bundles, one per end that sits in a segment the other end is not in.
  const candidates = edges.map((edge): string[] => {
    const keys: string[] = []
    const sourceSegment = segmentOf.get(edge.source)
    const targetSegment = segmentOf.get(edge.target)
    // A line from a segment's box to a host inside it could not be drawn.
    if (sourceSegment !== undefined && sourceSegment !== targetSegment) keys.push(`${sourceSegment}|${edge.target}|${edge.kind}|${edge.state}`)
    if (targetSegment !== undefined && targetSegment !== sourceSegment) keys.push(`${targetSegment}|${edge.source}|${edge.kind}|${edge.state}`)
    return keys
  })
  const counts = new Map<string, number>()
  for (const keys of candidates) for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1)
  const groups = new Map<string, SessionEdge[]>()
  const single: SessionEdge[] = []
  edges.forEach((edge, i) => {
    let best: string | undefined
    for (const key of candidates[i] as string[]) if (best === undefined || (counts.get(key) ?? 0) > (counts.get(best) ?? 0)) best = key
    if (best === undefined || (counts.get(best) ?? 0) < MIN_BUNDLE) single.push(edge)
    else {
      const group = groups.get(best)
      if (group) group.push(edge)
      else groups.set(best, [edge])
    }
  })
  const result: (SessionEdge | SessionBundle)[] = [...single]
  const bundleOf = new Map<string, string>()
  for (const [key, group] of groups) {
    // Sessions that fell below the minimum once others took the other end stay single.
    if (group.length < MIN_BUNDLE) {
      result.push(...group)
      continue
    }
    const id = `bundle/${key}`
    for (const edge of group) bundleOf.set(edge.id, id)
    if (expanded.has(id)) {
      result.push(...group)
      continue
    }
    const [segment, far] = key.split('|') as [string, string]
    const subjects = new Set(group.map((edge) => edge.subject))
    const first = group[0] as SessionEdge
    result.push({
      id,
      source: segment,
      target: far,
      kind: first.kind,
      state: first.state,
      label: bundleLabel(group),
      subject: subjects.size === 1 ? first.subject : undefined,
      asNumbers: first.asNumbers,
      addresses: [],
      members: group.map((edge) => edge.id),
    })
  }
  return { edges: result, bundleOf }
}
