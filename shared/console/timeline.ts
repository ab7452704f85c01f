import type { SessionState } from '../bgp/sessions'
import type { PodState } from '../ipam/computeIpam'
import type { Design, EntityId } from '../model/design'
import type { NetworkState } from '../routing/network'

const sessionKey = (s: SessionState): string => `${s.speaker} ${s.protocol}`
const routeKey = (speaker: EntityId, cidr: string, nextHop: string, from: EntityId | undefined): string => `${speaker} ${cidr} ${nextHop} ${from ?? ''}`
const podKey = (p: PodState): string => `${p.namespace}/${p.name}`

/**
 * When things happened, as the console saw them: a resource's creation, a pod's start, a BGP
 * session's last state change. The engine's results are timeless; the console records the
 * moment each one first appears (or a session changes state) so AGE and SINCE read like a lab.
 */
export class Timeline {
  private readonly created = new Map<EntityId, number>()
  private readonly podsStarted = new Map<string, number>()
  private readonly sessions = new Map<string, { readonly state: SessionState['state']; readonly since: number }>()
  /** Per outside router, when each route (prefix and next hop) entered its BGP table: `birdc show route`. */
  private readonly routes = new Map<string, number>()
  /**
   * When each member of a mesh kept as a group (by id and BGP address) was first seen in it: a
   * mesh session has been Established since both its ends were, unless `sessions` remembers it
   * from before, when the mesh was spelled out. A thousand members have a million sessions.
   */
  private readonly meshJoined = new Map<string, number>()
  /** When each IPAM block was first allocated: when a Calico node's BIRD got its route (`birdcl show route`). */
  private readonly blocks = new Map<string, number>()

  /** Records what is new or changed in `design` and its network as having happened at `now`. */
  observe(design: Design, network: NetworkState, now: number): void {
    const present = new Set<EntityId>()
    for (const entry of design.entries) {
      present.add(entry.id)
      if (!this.created.has(entry.id)) this.created.set(entry.id, now)
    }
    for (const id of [...this.created.keys()]) if (!present.has(id)) this.created.delete(id)

    const pods = new Set<string>()
    for (const pod of network.ipam.pods) {
      const key = podKey(pod)
      pods.add(key)
      if (!this.podsStarted.has(key)) this.podsStarted.set(key, now)
    }
    for (const key of [...this.podsStarted.keys()]) if (!pods.has(key)) this.podsStarted.delete(key)

    const sessions = new Set<string>()
    const { explicit, mesh } = network.sessionSet
    for (const session of explicit) {
      const key = sessionKey(session)
      sessions.add(key)
      const known = this.sessions.get(key)
      if (!known || known.state !== session.state) this.sessions.set(key, { state: session.state, since: (known ? undefined : this.meshSince(session)) ?? now })
    }
    const joined = new Set<string>()
    for (const member of mesh?.members ?? []) {
      const key = `${member.id} ${member.ipv4 ?? ''}`
      joined.add(key)
      if (!this.meshJoined.has(key)) this.meshJoined.set(key, now)
    }
    for (const key of [...this.meshJoined.keys()]) if (!joined.has(key)) this.meshJoined.delete(key)
    // A session the group holds stays remembered as long as it is Established there: now it is.
    const meshProtocols = new Map((mesh?.members ?? []).map((m) => [`Mesh_${(m.ipv4 ?? '').replace(/[.:]/g, '_')}`, m.id]))
    const inGroup = (key: string): boolean => {
      const [speaker, protocol] = key.split(' ') as [string, string]
      const peer = meshProtocols.get(protocol)
      return mesh !== undefined && mesh.has(speaker) && peer !== undefined && peer !== speaker
    }
    for (const [key, known] of [...this.sessions]) {
      if (sessions.has(key)) continue
      if (!inGroup(key)) this.sessions.delete(key)
      else if (known.state !== 'up') this.sessions.set(key, { state: 'up', since: now })
    }

    // Blocks are few (one per node and pool, not per route): each is watched, wherever it is routed.
    const blocks = new Set<string>()
    for (const block of network.ipam.blocks) {
      blocks.add(block.cidr)
      if (!this.blocks.has(block.cidr)) this.blocks.set(block.cidr, now)
    }
    for (const key of [...this.blocks.keys()]) if (!blocks.has(key)) this.blocks.delete(key)

    // Only outside routers answer birdc, and there are few of them: their tables are cheap to watch.
    const routes = new Set<string>()
    for (const speaker of network.speakers) {
      if (speaker.kind !== 'router') continue
      for (const [cidr, choice] of network.bgp.tableOf(speaker.id)) {
        for (const { route } of choice.candidates) {
          const key = routeKey(speaker.id, cidr, route.nextHop, route.learnedFrom)
          routes.add(key)
          if (!this.routes.has(key)) this.routes.set(key, now)
        }
      }
    }
    for (const key of [...this.routes.keys()]) if (!routes.has(key)) this.routes.delete(key)
  }

  routeSince(speaker: EntityId, cidr: string, nextHop: string, learnedFrom: EntityId | undefined): number | undefined {
    return this.routes.get(routeKey(speaker, cidr, nextHop, learnedFrom))
  }

  blockSince(cidr: string): number | undefined {
    return this.blocks.get(cidr)
  }

  createdAt(id: EntityId): number | undefined {
    return this.created.get(id)
  }

  podStartedAt(pod: PodState): number | undefined {
    return this.podsStarted.get(podKey(pod))
  }

  sessionSince(session: SessionState): number | undefined {
    return this.sessions.get(sessionKey(session))?.since ?? this.meshSince(session)
  }

  /** When a mesh session of a group came up: when the later of its two ends joined the group. */
  private meshSince(session: SessionState): number | undefined {
    if (session.type !== 'mesh' || session.state !== 'up' || session.remote === undefined) return undefined
    const local = this.meshJoined.get(`${session.speaker} ${session.sourceAddress ?? ''}`)
    const remote = this.meshJoined.get(`${session.remote} ${session.peerAddress}`)
    return local === undefined || remote === undefined ? undefined : Math.max(local, remote)
  }
}
