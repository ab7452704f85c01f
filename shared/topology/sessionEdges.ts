import type { SessionState } from '../bgp/sessions'
import type { EntityId } from '../model/design'

/** How the canvas tells sessions apart (calico.md §4.4): by who configured them and how they peer. */
export type SessionKind = 'mesh' | 'global' | 'node' | 'rr-client' | 'ebgp' | 'router'

export interface SessionEdge {
  readonly id: string
  readonly source: EntityId
  readonly target: EntityId
  readonly kind: SessionKind
  /** Established only when every configured side of the pair is. */
  readonly state: 'up' | 'down'
  readonly label: string
  /** The AS numbers it runs between, as labels show them: `AS 64512`, or `AS 65001 ↔ 64512` for eBGP; empty for a mesh spoke. */
  readonly asNumbers: string
  /** What to select when the edge is clicked: the BGPPeer that asked for it, or the router. */
  readonly subject: EntityId | undefined
  /** The pair's peering addresses, for the inspector and tooltips. */
  readonly addresses: readonly string[]
}

function kindOf(sessions: readonly SessionState[]): SessionKind {
  if (sessions.some((s) => s.localAs !== s.remoteAs)) return 'ebgp'
  if (sessions.some((s) => s.rrClient)) return 'rr-client'
  // Calico's side names the session; a router's own neighbor entry only says it is a router's.
  const calico = sessions.find((s) => s.type !== 'router')
  return calico ? (calico.type as SessionKind) : 'router'
}

/** How labels name each kind of session. */
export const KIND_NAMES: Readonly<Record<SessionKind, string>> = { mesh: 'mesh', global: 'global', node: 'node', 'rr-client': 'RR client', ebgp: 'eBGP', router: 'router' }

function asNumbersOf(sessions: readonly SessionState[]): string {
  const first = sessions[0] as SessionState
  return first.localAs === first.remoteAs ? `AS ${first.localAs}` : `AS ${first.localAs} ↔ ${first.remoteAs}`
}

/**
 * One edge per pair of speakers, however many sides configured it; sessions to an address no
 * host has are left to the Problems list, as there is nothing to draw them to.
 */
export function sessionEdges(sessions: readonly SessionState[]): SessionEdge[] {
  const pairs = new Map<string, SessionState[]>()
  for (const session of sessions) {
    if (session.remote === undefined) continue
    const key = session.speaker < session.remote ? `${session.speaker}|${session.remote}` : `${session.remote}|${session.speaker}`
    const list = pairs.get(key)
    if (list) list.push(session)
    else pairs.set(key, [session])
  }
  return [...pairs].map(([key, list]) => {
    const [source, target] = key.split('|') as [EntityId, EntityId]
    const kind = kindOf(list)
    const asNumbers = asNumbersOf(list)
    const subject = list.find((s) => s.source !== undefined && s.source.startsWith('bgppeer/'))?.source ?? list.find((s) => s.type === 'router')?.speaker
    return {
      id: `session/${key}`,
      source,
      target,
      kind,
      state: list.every((s) => s.state === 'up') ? 'up' : 'down',
      label: kind === 'mesh' ? '' : `${KIND_NAMES[kind]} · ${asNumbers}`,
      asNumbers,
      subject,
      addresses: [...new Set(list.map((s) => s.peerAddress))].sort(),
    }
  })
}
