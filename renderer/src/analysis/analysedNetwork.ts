import type { SessionSet, SessionState } from '../../../shared/bgp/sessions'
import type { EntityId } from '../../../shared/model/design'

/**
 * What the UI thread holds of the worker's network: the sessions, as the canvas draws them, with
 * a full mesh kept as one group. Routes, IPAM and explanations stay in the worker (hostQuery asks).
 */
export interface AnalysedNetwork {
  readonly sessionSet: SessionSet
  /** Every session; reading it spells out a full mesh's N² sessions: ask `sessionsOf` or `sessionSet` where one host's or a group's will do. */
  readonly sessions: readonly SessionState[]
  sessionsOf(host: EntityId): readonly SessionState[]
}

export function analysedNetwork(set: SessionSet): AnalysedNetwork {
  return {
    sessionSet: set,
    get sessions() {
      return set.all
    },
    sessionsOf: (host) => set.of(host),
  }
}
