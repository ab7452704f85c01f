import type { CanvasSessions } from '../../../shared/topology/canvasSessions'
import { isBundle, type BundledSessions } from '../../../shared/topology/sessionBundles'
import type { SessionEdge } from '../../../shared/topology/sessionEdges'

/**
 * How the canvas's sessions go from the worker to the UI thread. At 5,000 hosts with route
 * reflectors they are 15,000 edges, and their bundles name each of them again; an AS number typed
 * changes three. Reading all of them again took the UI thread 10-25 ms in one message and as much
 * again in slices (measured in a trace), so a list that mostly did not change is sent as runs of the
 * list sent before it.
 */

/** A list as runs of the list sent before it (`[from, count]`, by index) and the items that are new or changed, in order. */
export type Runs<T> = readonly (T | readonly [from: number, count: number])[]

/**
 * A line the bundled canvas draws: a session, or a bundle of them. The worker bundles with nothing
 * expanded, so each bundle's members say which bundle a session is in, and that map is not sent.
 */
type DrawnEdge = BundledSessions['edges'][number]

/** The list in full, or as runs of the one sent before. */
export type SentList<T> = { readonly items: readonly T[] } | { readonly fromLast: Runs<T> }

export type SessionsMessage =
  /** A slice of the edges sent in full: sent in slices so no one message takes long to read. */
  | { readonly kind: 'sessions-part'; readonly version: number; readonly edges: readonly SessionEdge[] }
  /**
   * The sessions of a version: the edges sent in slices before it, or as runs of the last; the mesh
   * group; and the bundles a large canvas draws. Or `same`, when they are the ones sent last.
   */
  | {
      readonly kind: 'sessions'
      readonly version: number
      readonly edgesFromLast?: Runs<SessionEdge>
      readonly mesh: CanvasSessions['mesh']
      readonly bundled?: { readonly key: string; readonly edges: SentList<DrawnEdge> }
    }
  | { readonly kind: 'sessions'; readonly version: number; readonly same: true }

/** Sent as runs only when at most this share of the items is new: otherwise in full. */
const MOST_NEW = 0.5

/** Edges sent in full go in slices of this many: each is read on the UI thread in a few milliseconds. */
export const SLICE = 2000

interface Sent<T> {
  readonly items: readonly T[]
  /** Each item as JSON, to tell an item that changed from one that did not. */
  readonly json: readonly string[]
}

const NOTHING_SENT: Sent<never> = { items: [], json: [] }

function runsAgainst<T extends { readonly id: string }>(last: Sent<T>, items: readonly T[]): { runs: Runs<T>; fresh: number; sent: Sent<T> } {
  const at = new Map<string, number>()
  last.items.forEach((item, i) => at.set(item.id, i))
  const runs: (T | [number, number])[] = []
  const json: string[] = []
  let fresh = 0
  let run: [number, number] | undefined
  for (const item of items) {
    const text = JSON.stringify(item)
    json.push(text)
    const i = at.get(item.id)
    if (i !== undefined && last.json[i] === text) {
      if (run && run[0] + run[1] === i) run[1] += 1
      else runs.push((run = [i, 1]))
    } else {
      run = undefined
      runs.push(item)
      fresh += 1
    }
  }
  return { runs, fresh, sent: { items, json } }
}

/** Every item of `runs`, taking the runs from `last`, the list they were made against. */
export function fromRuns<T>(last: readonly T[], runs: Runs<T>): T[] {
  const items: T[] = []
  for (const part of runs) {
    if (!Array.isArray(part)) {
      items.push(part as T)
      continue
    }
    const [from, count] = part as readonly [number, number]
    if (from + count > last.length) throw new Error(`sessions sent as runs of ${from + count} items of a list of ${last.length}`)
    for (let i = from; i < from + count; i++) items.push(last[i] as T)
  }
  return items
}

const isWhole = <T>(runs: Runs<T>, length: number): boolean => (length === 0 ? runs.length === 0 : runs.length === 1 && Array.isArray(runs[0]) && runs[0][0] === 0 && runs[0][1] === length)

/** The worker's side: what it last sent, and the messages that send the next sessions. */
export class SessionsSender {
  private edges: Sent<SessionEdge> = NOTHING_SENT
  private drawn: Sent<DrawnEdge> = NOTHING_SENT
  /** As `messages` writes it, `''` for no mesh: what the UI has before anything is sent. */
  private meshJson = ''
  private bundleKey: string | undefined

  messages(version: number, sessions: CanvasSessions): SessionsMessage[] {
    const edges = runsAgainst(this.edges, sessions.edges)
    const meshJson = JSON.stringify(sessions.mesh) ?? ''
    const bundleKey = sessions.bundled?.key
    // The bundles follow from the edges and the design's segments, which the key names.
    if (isWhole(edges.runs, this.edges.items.length) && meshJson === this.meshJson && bundleKey === this.bundleKey) return [{ kind: 'sessions', version, same: true }]
    const messages: SessionsMessage[] = []
    const asRuns = this.edges.items.length > 0 && edges.fresh <= sessions.edges.length * MOST_NEW
    if (!asRuns) for (let i = 0; i < sessions.edges.length; i += SLICE) messages.push({ kind: 'sessions-part', version, edges: sessions.edges.slice(i, i + SLICE) })
    let bundled: Extract<SessionsMessage, { mesh: unknown }>['bundled']
    if (sessions.bundled) {
      const drawn = runsAgainst(this.drawn, sessions.bundled.bundled.edges)
      const drawnAsRuns = this.drawn.items.length > 0 && drawn.fresh <= drawn.sent.items.length * MOST_NEW
      bundled = { key: sessions.bundled.key, edges: drawnAsRuns ? { fromLast: drawn.runs } : { items: drawn.sent.items } }
      this.drawn = drawn.sent
    } else this.drawn = NOTHING_SENT
    messages.push({ kind: 'sessions', version, mesh: sessions.mesh, ...(asRuns ? { edgesFromLast: edges.runs } : {}), ...(bundled ? { bundled } : {}) })
    this.edges = edges.sent
    this.meshJson = meshJson
    this.bundleKey = bundleKey
    return messages
  }
}

/** The UI's side: gathers slices, and makes each version's sessions from what it was sent last. */
export class SessionsReceiver {
  private gathering: { version: number; edges: SessionEdge[] } | undefined
  private last: CanvasSessions = { edges: [], mesh: undefined }

  /** The sessions a `sessions` message completes: the very object of the version before when they are the same. */
  receive(message: SessionsMessage): CanvasSessions | undefined {
    if (message.kind === 'sessions-part') {
      if (this.gathering?.version !== message.version) this.gathering = { version: message.version, edges: [] }
      for (const edge of message.edges) this.gathering.edges.push(edge)
      return undefined
    }
    const gathered = this.gathering?.version === message.version ? this.gathering.edges : []
    this.gathering = undefined
    if ('same' in message) return this.last
    const edges = message.edgesFromLast ? fromRuns(this.last.edges, message.edgesFromLast) : gathered
    let bundled: CanvasSessions['bundled']
    if (message.bundled) {
      const sent = message.bundled.edges
      const drawn = 'items' in sent ? sent.items : fromRuns(this.last.bundled?.bundled.edges ?? [], sent.fromLast)
      const bundleOf = new Map<string, string>()
      for (const edge of drawn) if (isBundle(edge)) for (const member of edge.members) bundleOf.set(member, edge.id)
      bundled = { key: message.bundled.key, bundled: { edges: drawn, bundleOf } }
    }
    this.last = { edges, mesh: message.mesh, ...(bundled ? { bundled } : {}) }
    return this.last
  }
}
