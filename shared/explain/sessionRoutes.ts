import type { SessionState } from '../bgp/sessions'
import type { Design, EntityId } from '../model/design'
import type { BgpRoute, ReceivedRoute } from '../routing/bgpRoutes'
import type { NetworkState } from '../routing/network'
import { describeSession, namingOf, withAliases } from './wording'

/** One of a host's BGP sessions, with the routes that cross it each way. */
export interface SessionRoutes {
  readonly session: SessionState
  /** The speaker at the other end, when some host has the peer address. */
  readonly neighbor: EntityId | undefined
  /** The other end as a person names it: its alias, or the address nobody has. */
  readonly neighborName: string
  /** `the global BGPPeer bgppeer-global-64512 (iBGP, AS 64512)`. */
  readonly description: string
  readonly established: boolean
  /** Why it is not Established, in words, hosts named by alias; undefined when it is. */
  readonly reason: string | undefined
  readonly advertised: readonly BgpRoute[]
  readonly received: readonly ReceivedRoute[]
  readonly counts: { readonly advertised: number; readonly received: number; readonly accepted: number; readonly filtered: number }
}

/**
 * A host's sessions in configuration order (as `calicoctl node status` and `birdc show protocols`
 * list them), each with its routes. A route reflector has a session per client, thousands of them,
 * and each session's routes take a pass over its table: they are worked out when first read.
 */
export function sessionRoutesOf(design: Design, network: NetworkState, host: EntityId): SessionRoutes[] {
  const naming = namingOf(design, network)
  return network.sessionsOf(host).map((session): SessionRoutes => {
    let exchanged: { advertised: readonly BgpRoute[]; received: readonly ReceivedRoute[]; counts: SessionRoutes['counts'] } | undefined
    const exchange = (): NonNullable<typeof exchanged> => {
      if (!exchanged) {
        const crossing = session.state === 'up' && session.remote !== undefined ? network.bgp.exchange(host, session.remote) : undefined
        const advertised = crossing?.advertised ?? []
        const received = crossing?.received ?? []
        const filtered = received.filter((r) => r.filteredBy !== undefined).length
        exchanged = { advertised, received, counts: { advertised: advertised.length, received: received.length, accepted: received.length - filtered, filtered } }
      }
      return exchanged
    }
    return {
      session,
      neighbor: session.remote,
      neighborName: session.remote !== undefined ? naming.name(session.remote) : session.peerAddress,
      description: describeSession(naming, session),
      established: session.state === 'up',
      reason: session.reason !== undefined ? withAliases(naming, session.reason, [session.speaker, ...(session.remote !== undefined ? [session.remote] : [])]) : undefined,
      get advertised() {
        return exchange().advertised
      },
      get received() {
        return exchange().received
      },
      get counts() {
        return exchange().counts
      },
    }
  })
}
