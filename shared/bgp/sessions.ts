import type { Diagnostic } from '../diagnostics'
import type { Design, EntityId } from '../model/design'
import { entityId } from '../model/design'
import { computeIpam } from '../ipam/computeIpam'
import { resourcesOf, segmentsOf } from '../model/query'
import { parseIpAddress, prefixContainsAddress, type IpPrefix } from '../net'
import { kernelTablesProbe } from '../routing/sessionReachability'
import { parseSelector } from '../selector'
import { parseAsNumber } from './asNumber'
import { parsePeerAddress } from './peerAddress'
import { bgpGlobals, bgpSpeakers, type BgpSpeaker } from './speakers'

/** How Calico names and shows a session (calico.md §3.4, §4.4). */
export type SessionType = 'mesh' | 'global' | 'node' | 'router'

/** A session as one speaker is configured for it. */
export interface ConfiguredSession {
  readonly speaker: EntityId
  /** BIRD protocol name: `Mesh_10_0_1_20`, `Global_10_0_1_10`, `Node_…`, or `peer_…` on a router. */
  readonly protocol: string
  readonly type: SessionType
  readonly peerAddress: string
  readonly port: number | undefined
  readonly localAs: number
  readonly remoteAs: number
  /** This side waits for the peer to connect (`passive on`). */
  readonly passive: boolean
  readonly rrClient: boolean
  /** The resource that asked for the session (a BGPPeer, or undefined for the mesh). */
  readonly source: EntityId | undefined
  /**
   * BIRD's `multihop`: the neighbor need not be on a connected subnet. Calico writes it on every
   * explicit peer and BIRD defaults iBGP to it; an eBGP session without it (`direct`) waits, Idle,
   * until the neighbor is directly connected.
   */
  readonly multihop: boolean
  /** The configured `source address`; undefined when BIRD binds none and the kernel picks it (`sourceAddress: None`, a router). */
  readonly sourceAddress: string | undefined
  /** `next hop keep`: routes learned from others leave with their next hop (keepOriginalNextHop on an eBGP peerIP peer). */
  readonly nextHopKeep: boolean
}

/** BIRD's protocol state and the INFO text `calicoctl node status` / `birdc show protocols` print. */
export interface SessionState extends ConfiguredSession {
  readonly state: 'up' | 'start'
  readonly info: string
  /** The speaker at the other end, when some speaker has the peer address. */
  readonly remote: EntityId | undefined
  /** Why the session is not Established, in plain words. */
  readonly reason: string | undefined
  /**
   * The address BIRD takes for its own on the session, and advertises as its next hop: the
   * configured source address, else the local end of the TCP connection (the kernel's choice
   * towards the peer, or the address the peer connected to). Undefined until Established.
   */
  readonly localAddress: string | undefined
}

/**
 * What a TCP connection attempt from a speaker to an address meets, worked out from the hosts'
 * kernel tables (shared/routing/sessionReachability.ts). `source` is the address the SYN leaves
 * from: the one asked for, else the kernel's choice for the route taken.
 */
export type Connection =
  /** The SYN reaches the host with the address and the SYN-ACK finds its way back. */
  | { readonly kind: 'connects'; readonly source: string }
  /** No route, at the sender (connect fails with ENETUNREACH) or at a router on the way (ICMP net unreachable). */
  | { readonly kind: 'unreachable'; readonly source: string | undefined; readonly at: string }
  /** Sent onto a link where nobody answers ARP for the next hop: EHOSTUNREACH. */
  | { readonly kind: 'no-neighbour'; readonly source: string | undefined; readonly at: string }
  /** Lost on the way there or back: the attempt times out. */
  | { readonly kind: 'lost'; readonly source: string | undefined; readonly why: string }

/** How sessions learn what the network lets through; one probe answers for one set of kernel tables. */
export interface PathProbe {
  connect(from: BgpSpeaker, address: string, source: string | undefined): Connection
  /**
   * A key such that a connection from one speaker's BGP address to another's gets the same answer
   * for every two speakers of the same two classes; undefined when the probe cannot promise it
   * (routes learned over BGP make paths differ host by host).
   */
  classOf?(speaker: BgpSpeaker): string | undefined
}

const protocolName = (type: 'Mesh' | 'Global' | 'Node', address: string, port: number | undefined): string => `${type}_${address.replace(/[.:]/g, '_')}${port !== undefined ? `_port_${port}` : ''}`

/** Go compares the peer IP strings to decide who waits: the side with the smaller string connects (calico.md §4.4). */
const waitsFor = (local: string, remote: string): boolean => remote > local

const parsedSelectors = new Map<string, ReturnType<typeof parseSelector>>()

/** Selectors are few and nodes many: each is parsed once. */
function matches(selector: string, speaker: BgpSpeaker): boolean {
  let parsed = parsedSelectors.get(selector)
  if (!parsed) parsedSelectors.set(selector, (parsed = parseSelector(selector)))
  return parsed.ok && parsed.selector.matches(speaker.host.labels)
}

/**
 * The nodes each selector picks, in `nodes` order, evaluated once per selector: every node asks
 * who a BGPPeer's peerSelector picks, and asking each node's labels each time is n² evaluations.
 */
function selections(nodes: readonly BgpSpeaker[]): (selector: string) => { readonly list: readonly BgpSpeaker[]; readonly set: ReadonlySet<BgpSpeaker> } {
  const known = new Map<string, { list: BgpSpeaker[]; set: Set<BgpSpeaker> }>()
  return (selector) => {
    let found = known.get(selector)
    if (!found) {
      const list = nodes.filter((n) => matches(selector, n))
      known.set(selector, (found = { list, set: new Set(list) }))
    }
    return found
  }
}

/** What a BGPPeer adds to each session it makes, besides its addresses. */
interface PeerOptions {
  /** `sourceAddress: None`: confd writes no `source address` line. */
  readonly sourceAddressNone: boolean
  /** `keepOriginalNextHop: true`; confd writes `next hop keep` only towards another AS. */
  readonly keepNextHop: boolean
}

const MESH_OPTIONS: PeerOptions = { sourceAddressNone: false, keepNextHop: false }

/**
 * confd v3.30 (client.go updatePeersV1, setPeerConfigFieldsFromV3Resource; bird.cfg.template):
 * `source_addr` comes from every BGPPeer, reverse peerings included, but `keep_next_hop` only from
 * a peerIP peer (v3.31 adds peerSelector peers).
 */
function peerOptions(spec: { readonly sourceAddress?: string; readonly keepOriginalNextHop?: boolean }, byPeerIP: boolean): PeerOptions {
  return { sourceAddressNone: spec.sourceAddress === 'None', keepNextHop: byPeerIP && spec.keepOriginalNextHop === true }
}

/** Where a full mesh left out of the configured list goes: its members, and where each member's sessions belong. */
interface LeftOutMesh {
  /** Every member, in the order each member lists its mesh sessions (by host name). */
  readonly members: readonly BgpSpeaker[]
  /** Each member's place in the configured list (its sessions go before the session at that index), in node order. */
  readonly at: readonly { readonly node: BgpSpeaker; readonly index: number }[]
  /** A member's mesh session towards another, as configured. */
  readonly configure: (node: BgpSpeaker, other: BgpSpeaker) => ConfiguredSession
}

/**
 * The sessions each Calico node's BIRD is configured with (calico.md §4.4 steps 1–6). With
 * `leaveOutMesh`, the node-to-node mesh's sessions are not listed but described (`mesh`): a
 * thousand nodes have a million of them.
 */
function calicoSessions(design: Design, speakers: readonly BgpSpeaker[], leaveOutMesh = false): { sessions: ConfiguredSession[]; mesh: LeftOutMesh | undefined } {
  const globals = bgpGlobals(design)
  const nodes = speakers.filter((s) => s.kind === 'calico' && s.ipv4 !== undefined)
  const byAddress = new Map(nodes.map((n) => [n.ipv4 as string, n]))
  const peers = resourcesOf(design, 'projectcalico.org/v3/BGPPeer')
  const selected = selections(nodes)
  const sessions: ConfiguredSession[] = []

  // Made once, not per node: thousands of nodes each add their sessions.
  const configure = (
    node: BgpSpeaker,
    type: 'Mesh' | 'Global' | 'Node',
    address: string,
    port: number | undefined,
    remoteAs: number,
    source: EntityId | undefined,
    passive: boolean,
    options: PeerOptions = MESH_OPTIONS,
  ): ConfiguredSession => {
    const remote = byAddress.get(address)
    // Step 6: a reflector treats same-AS peers outside its cluster as clients.
    const rrClient = node.routeReflectorClusterId !== undefined && remoteAs === node.asNumber && remote?.routeReflectorClusterId !== node.routeReflectorClusterId
    const ebgp = remoteAs !== node.asNumber
    return {
      speaker: node.id,
      protocol: protocolName(type, address, port),
      type: type === 'Mesh' ? 'mesh' : type === 'Global' ? 'global' : 'node',
      peerAddress: address,
      port,
      localAs: node.asNumber,
      remoteAs,
      passive,
      rrClient,
      source,
      // Mesh sessions carry no multihop line (BIRD's iBGP default applies); explicit peers all do.
      multihop: type !== 'Mesh' || !ebgp,
      sourceAddress: options.sourceAddressNone ? undefined : node.ipv4,
      nextHopKeep: options.keepNextHop && ebgp,
    }
  }
  const add = (
    node: BgpSpeaker,
    type: 'Mesh' | 'Global' | 'Node',
    address: string,
    port: number | undefined,
    remoteAs: number,
    source: EntityId | undefined,
    passive: boolean,
    options: PeerOptions = MESH_OPTIONS,
  ): void => {
    if (address === node.ipv4) return // "Skipping ourselves"
    sessions.push(configure(node, type, address, port, remoteAs, source, passive, options))
  }
  const meshConfigured = (node: BgpSpeaker, other: BgpSpeaker): ConfiguredSession =>
    configure(node, 'Mesh', other.ipv4 as string, undefined, other.asNumber, undefined, waitsFor(node.ipv4 as string, other.ipv4 as string))
  const byName = (a: BgpSpeaker, b: BgpSpeaker): number => (a.host.name < b.host.name ? -1 : 1)
  const members = globals.meshEnabled ? nodes.filter((m) => m.routeReflectorClusterId === undefined).sort(byName) : []
  const meshAt: { node: BgpSpeaker; index: number }[] = []

  for (const node of nodes) {
    const own = node.ipv4 as string
    const isReflector = node.routeReflectorClusterId !== undefined
    if (globals.meshEnabled && !isReflector) {
      if (leaveOutMesh) meshAt.push({ node, index: sessions.length })
      else for (const other of members) if (other !== node) add(node, 'Mesh', other.ipv4 as string, undefined, other.asNumber, undefined, waitsFor(own, other.ipv4 as string))
    }
    const globalKeys = new Set<string>()
    const nodeKeys = new Set<string>()
    const explicit: { type: 'Global' | 'Node'; address: string; port: number | undefined; remoteAs: number; source: EntityId; passive: boolean; options: PeerOptions }[] = []
    for (const peer of peers) {
      const spec = peer.spec
      const isGlobal = spec.node === undefined && spec.nodeSelector === undefined
      if (!isGlobal && !(spec.node === node.host.name || (spec.nodeSelector !== undefined && selected(spec.nodeSelector).set.has(node)))) continue
      const targets: { address: string; port: number | undefined; remoteAs: number; passive: boolean }[] = []
      if (spec.peerSelector !== undefined) {
        for (const target of selected(spec.peerSelector).list)
          if (target !== node) targets.push({ address: target.ipv4 as string, port: undefined, remoteAs: target.asNumber, passive: isGlobal && waitsFor(own, target.ipv4 as string) })
      } else if (spec.peerIP !== undefined) {
        const address = parsePeerAddress(spec.peerIP)
        const remoteAs = parseAsNumber(spec.asNumber)
        if (!address.ok || remoteAs === undefined) continue
        const text = spec.peerIP.replace(/^\[/, '').replace(/\]?:\d+$/, '')
        const remoteNode = byAddress.get(text)
        targets.push({ address: text, port: address.port, remoteAs, passive: remoteNode !== undefined && isGlobal && waitsFor(own, text) })
      }
      const options = peerOptions(spec, spec.peerSelector === undefined)
      for (const target of targets)
        explicit.push({ type: isGlobal ? 'Global' : 'Node', address: target.address, port: target.port, remoteAs: target.remoteAs, passive: target.passive, source: entityId(peer), options })
    }
    // Global sessions by peer IP string, then node-specific ones, skipping those a global one already covers.
    const ordered = [...explicit].sort((a, b) => (a.type === b.type ? (a.address < b.address ? -1 : a.address > b.address ? 1 : 0) : a.type === 'Global' ? -1 : 1))
    for (const session of ordered) {
      const key = `${session.address}:${session.port ?? ''}`
      if (session.type === 'Global') globalKeys.add(key)
      else if (globalKeys.has(key) || nodeKeys.has(key)) continue
      else nodeKeys.add(key)
      add(node, session.type, session.address, session.port, session.remoteAs, session.source, session.passive, session.options)
    }
  }
  const memberAddresses = leaveOutMesh ? new Set(members.map((m) => m.ipv4 as string)) : undefined
  const meshPeers = (target: BgpSpeaker, address: string): boolean =>
    memberAddresses !== undefined && memberAddresses.has(address) && address !== target.ipv4 && target.routeReflectorClusterId === undefined
  addReversePeerings(sessions, nodes, peers, selected, meshPeers)
  return { sessions, mesh: leaveOutMesh && members.length > 0 ? { members, at: meshAt, configure: meshConfigured } : undefined }
}

/**
 * Step 4: a BGPPeer that selects Calico nodes as peers (peerSelector, or a peerIP and AS that are a
 * node's) makes those nodes peer back with `Node_` sessions to the nodes the BGPPeer applies to,
 * unless such a session exists already.
 */
function addReversePeerings(
  sessions: ConfiguredSession[],
  nodes: readonly BgpSpeaker[],
  peers: readonly {
    readonly metadata: { readonly name: string }
    readonly spec: {
      readonly node?: string
      readonly nodeSelector?: string
      readonly peerIP?: string
      readonly peerSelector?: string
      readonly asNumber?: number | string
      readonly reversePeering?: unknown
      readonly sourceAddress?: string
    }
  }[],
  selected: ReturnType<typeof selections>,
  meshPeers: (target: BgpSpeaker, address: string) => boolean,
): void {
  // By speaker, then peer address: tens of thousands of sessions, so no joined string per lookup.
  const existing = new Map<EntityId, Set<string>>()
  for (const s of sessions) {
    const addresses = existing.get(s.speaker)
    if (addresses) addresses.add(s.peerAddress)
    else existing.set(s.speaker, new Set([s.peerAddress]))
  }
  for (const peer of peers) {
    const spec = peer.spec
    if (spec.reversePeering === 'Manual') continue
    const sources = nodes.filter(
      (n) => (spec.node === undefined && spec.nodeSelector === undefined) || spec.node === n.host.name || (spec.nodeSelector !== undefined && selected(spec.nodeSelector).set.has(n)),
    )
    const targets =
      spec.peerSelector !== undefined
        ? selected(spec.peerSelector).list
        : nodes.filter((n) => spec.peerIP !== undefined && n.ipv4 === spec.peerIP.replace(/:\d+$/, '') && parseAsNumber(spec.asNumber) === n.asNumber)
    for (const target of targets) {
      let peered = existing.get(target.id)
      if (!peered) existing.set(target.id, (peered = new Set()))
      for (const source of sources) {
        if (source === target) continue
        const address = source.ipv4 as string
        if (peered.has(address) || meshPeers(target, address)) continue
        peered.add(address)
        const isReflector = target.routeReflectorClusterId !== undefined
        const rrClient = isReflector && source.asNumber === target.asNumber && source.routeReflectorClusterId !== target.routeReflectorClusterId
        // A reverse peering is built from the node (nodeAsBGPPeers), so it never keeps next hops.
        const sourceAddress = spec.sourceAddress === 'None' ? undefined : target.ipv4
        sessions.push({
          speaker: target.id,
          protocol: protocolName('Node', address, undefined),
          type: 'node',
          peerAddress: address,
          port: undefined,
          localAs: target.asNumber,
          remoteAs: source.asNumber,
          passive: false,
          rrClient,
          source: `bgppeer/${peer.metadata.name}`,
          multihop: true,
          sourceAddress,
          nextHopKeep: false,
        })
      }
    }
  }
}

/** The neighbors an outside router is configured with. */
function routerSessions(design: Design, speakers: readonly BgpSpeaker[]): ConfiguredSession[] {
  const routers = new Map(resourcesOf(design, 'peerlab.dev/v1alpha1/Router').map((r) => [`router/${r.metadata.name}`, r]))
  return speakers
    .filter((s) => s.kind === 'router')
    .flatMap((speaker) =>
      (routers.get(speaker.id)?.spec.neighbors ?? []).flatMap((neighbor): ConfiguredSession[] => {
        const remoteAs = parseAsNumber(neighbor.asNumber)
        if (remoteAs === undefined) return []
        // Peerlab's bird.conf binds no source address and writes `direct` unless the neighbor asks for multihop.
        return [
          {
            speaker: speaker.id,
            protocol: `peer_${neighbor.address.replace(/[.:]/g, '_')}`,
            type: 'router',
            peerAddress: neighbor.address,
            port: neighbor.port,
            localAs: speaker.asNumber,
            remoteAs,
            passive: false,
            rrClient: false,
            source: speaker.id,
            multihop: neighbor.multihop === true,
            sourceAddress: undefined,
            nextHopKeep: false,
          },
        ]
      }),
    )
}

/** A configured session with its state. Spelled out: V8 copies an object spread slowly, and there is one per session. */
function withState(
  session: ConfiguredSession,
  remote: BgpSpeaker | undefined,
  state: 'up' | 'start',
  info: string,
  reason: string | undefined,
  localAddress: string | undefined = undefined,
): SessionState {
  return {
    speaker: session.speaker,
    protocol: session.protocol,
    type: session.type,
    peerAddress: session.peerAddress,
    port: session.port,
    localAs: session.localAs,
    remoteAs: session.remoteAs,
    passive: session.passive,
    rrClient: session.rrClient,
    source: session.source,
    multihop: session.multihop,
    sourceAddress: session.sourceAddress,
    nextHopKeep: session.nextHopKeep,
    state,
    info,
    remote: remote?.id,
    reason,
    localAddress,
  }
}

/** A subnet of a speaker's interfaces, parsed once per speaker. */
const subnetsOf = (design: Design): ((speaker: BgpSpeaker) => readonly IpPrefix[]) => {
  const segments = new Map(segmentsOf(design).map((s) => [s.id, s]))
  const known = new Map<EntityId, readonly IpPrefix[]>()
  return (speaker) => {
    let subnets = known.get(speaker.id)
    if (!subnets) {
      subnets = speaker.host.interfaces.flatMap((i) => (i.segmentId !== undefined ? (segments.get(i.segmentId)?.prefixes ?? []) : []))
      known.set(speaker.id, subnets)
    }
    return subnets
  }
}

/**
 * Whether BIRD 1.6 takes `address` for a neighbor of a session without multihop: it lies in a
 * subnet of one of the speaker's interfaces (proto/bgp/bgp.c bgp_start_locked: neigh_find2 with
 * NEF_STICKY; until then the protocol waits in Idle and refuses incoming connections).
 */
function directlyConnected(subnets: readonly IpPrefix[], address: string): boolean {
  const ip = parseIpAddress(address)
  return ip.ok && subnets.some((p) => prefixContainsAddress(p, ip.value))
}

/** What a failed connection attempt shows as INFO (BIRD keeps the socket error as `Socket: …`), and why, in words. */
function failedAttempt(connection: Exclude<Connection, { kind: 'connects' }>, address: string, local: BgpSpeaker): { readonly info: string; readonly reason: string } {
  switch (connection.kind) {
    case 'unreachable':
      return {
        info: 'Active Socket: Network is unreachable',
        reason:
          connection.at === local.host.name ? `no route to ${address} from ${local.host.name}` : `no route to ${address} from ${connection.at}, which answers ${local.host.name} ICMP net unreachable`,
      }
    case 'no-neighbour':
      return { info: 'Active Socket: No route to host', reason: `nobody answers ARP for ${address} on ${connection.at}'s link` }
    case 'lost':
      return { info: 'Connect', reason: `the connection to ${address} times out: ${connection.why}` }
  }
}

const NOT_DIRECT = 'not directly connected and the session has no multihop'

/**
 * Every configured session with the state BIRD would show. Established needs both ends
 * configured for each other (each end's neighbor address is where the other's connection comes
 * from), matching AS numbers, and one end able to connect: not passive, ready (multihop, or the
 * neighbor on a connected subnet), with a route there and back in the hosts' kernel tables, to a
 * peer that is ready too. Otherwise the state and INFO BIRD prints (calico.md §3.4, checked
 * against BIRD 1.6 by test/conformance), with the reason as a diagnostic.
 */
export function computeSessions(
  design: Design,
  speakers: readonly BgpSpeaker[] = bgpSpeakers(design),
  probe: PathProbe = kernelTablesProbe(design, computeIpam(design), speakers),
  meshKnownUp = false,
): SessionsResult {
  const speakerAt = new Map<string, BgpSpeaker>()
  for (const speaker of speakers) for (const address of speaker.addresses) speakerAt.set(address, speaker)
  const routers = routerSessions(design, speakers)
  const lean = calicoSessions(design, speakers, true)
  const leanConfigured = [...lean.sessions, ...routers]
  const mesh = lean.mesh !== undefined && meshUpEverywhere(lean.mesh, leanConfigured, speakerAt, probe, meshKnownUp) ? lean.mesh : undefined
  const configured = mesh || lean.mesh === undefined ? leanConfigured : [...calicoSessions(design, speakers).sessions, ...routers]
  const byId = new Map(speakers.map((s) => [s.id, s]))
  // How many sessions are down only because a connection found no way: more routes could bring them up.
  let unrouted = 0
  // By speaker, then the address it peers with (the last one configured wins, as in a Map of
  // joined keys), so that finding the other end builds no string per session.
  const configuredAt = new Map<EntityId, Map<string, ConfiguredSession>>()
  for (const s of configured) {
    const byAddress = configuredAt.get(s.speaker)
    if (byAddress) byAddress.set(s.peerAddress, s)
    else configuredAt.set(s.speaker, new Map([[s.peerAddress, s]]))
  }
  const subnets = subnetsOf(design)
  const ready = (session: ConfiguredSession, speaker: BgpSpeaker): boolean => session.multihop || directlyConnected(subnets(speaker), session.peerAddress)
  // Each attempt is asked about from both of its ends.
  const attempts = new Map<ConfiguredSession, Connection>()
  const attempt = (session: ConfiguredSession, speaker: BgpSpeaker): Connection => {
    let known = attempts.get(session)
    if (!known) attempts.set(session, (known = probe.connect(speaker, session.peerAddress, session.sourceAddress)))
    return known
  }

  /** The remote's session that a connection from `session` lands in, once it connects; with the address it came from. */
  const outbound = (session: ConfiguredSession, local: BgpSpeaker, remote: BgpSpeaker): { connection: Connection; back: ConfiguredSession | undefined } => {
    const connection = attempt(session, local)
    return { connection, back: connection.kind === 'connects' ? configuredAt.get(remote.id)?.get(connection.source) : undefined }
  }

  /** A session of the remote's that connects to this one: aimed at one of our addresses, arriving from the address we peer with. */
  const inbound = (session: ConfiguredSession, local: BgpSpeaker, remote: BgpSpeaker): ConfiguredSession | undefined => {
    const atRemote = configuredAt.get(remote.id)
    if (!atRemote) return undefined
    for (const address of local.addresses) {
      const back = atRemote.get(address)
      if (!back || back.passive || !ready(back, remote)) continue
      const connection = attempt(back, remote)
      if (connection.kind === 'connects' && connection.source === session.peerAddress) return back
    }
    return undefined
  }

  const sessions = configured.map((session): SessionState => {
    const local = byId.get(session.speaker) as BgpSpeaker
    const remote = speakerAt.get(session.peerAddress)
    if (!remote) return withState(session, remote, 'start', 'Connect', `no host has address ${session.peerAddress}: connection attempts time out`)
    if (!ready(session, local))
      return withState(session, remote, 'start', 'Idle', `${session.peerAddress} is ${NOT_DIRECT}: BIRD waits for it to become a neighbor on a connected subnet (set multihop)`)
    let back: ConfiguredSession | undefined
    let localAddress: string | undefined
    let failure: { readonly info: string; readonly reason: string; readonly routing?: boolean } | undefined
    if (!session.passive) {
      const { connection, back: landed } = outbound(session, local, remote)
      if (connection.kind !== 'connects') failure = { ...failedAttempt(connection, session.peerAddress, local), routing: true }
      else if (!landed)
        failure = remote.listens
          ? { info: 'Active Socket: Connection closed', reason: `${remote.host.name} has no BGP neighbor ${connection.source}: it closes the connection` }
          : { info: 'Active Socket: Connection refused', reason: `${remote.host.name} runs no BGP listener: the connection is refused` }
      else if (!ready(landed, remote))
        failure = {
          info: 'Active Socket: Connection reset by peer',
          reason: `${remote.host.name} refuses the connection: its neighbor ${landed.peerAddress} is ${NOT_DIRECT}, so that session waits in Idle`,
        }
      else {
        back = landed
        localAddress = connection.source
      }
    }
    if (!back) {
      back = inbound(session, local, remote)
      // BIRD keeps a configured source address for its own even when the peer made the connection.
      localAddress = session.sourceAddress ?? back?.peerAddress
    }
    if (!back) {
      if (failure) {
        if (failure.routing) unrouted++
        return withState(session, remote, 'start', failure.info, failure.reason)
      }
      const theirs = configuredAt.get(remote.id)
      const waiting = local.addresses.map((a) => theirs?.get(a)).find((s) => s !== undefined)
      if (waiting && !waiting.passive && ready(waiting, remote) && attempt(waiting, remote).kind !== 'connects') unrouted++
      return withState(
        session,
        remote,
        'start',
        'Passive',
        waiting?.passive === true
          ? 'both ends wait for the other to connect'
          : `${local.host.name} waits for ${remote.host.name} to connect (passive), and ${remote.host.name} ${waiting ? `cannot: ${whyNoConnection(waiting, remote, session, local)}` : `has no BGP neighbor ${local.ipv4 ?? local.host.name}`}`,
      )
    }
    if (session.remoteAs !== remote.asNumber)
      return withState(session, remote, 'start', 'Idle BGP Error: Bad peer AS', `${local.host.name} expects AS ${session.remoteAs} but ${remote.host.name} is AS ${remote.asNumber}`)
    if (back.remoteAs !== local.asNumber)
      return withState(session, remote, 'start', 'Idle Received: Bad peer AS', `${remote.host.name} expects AS ${back.remoteAs} but ${local.host.name} is AS ${local.asNumber}`)
    return withState(session, remote, 'up', 'Established', undefined, localAddress)
  })

  /** Why the remote's session towards us gets no connection through, in words. */
  function whyNoConnection(theirs: ConfiguredSession, remote: BgpSpeaker, ours: ConfiguredSession, local: BgpSpeaker): string {
    if (!ready(theirs, remote)) return `its neighbor ${theirs.peerAddress} is ${NOT_DIRECT}`
    const connection = attempt(theirs, remote)
    if (connection.kind !== 'connects') return failedAttempt(connection, theirs.peerAddress, remote).reason
    return `its connection comes from ${connection.source}, and ${local.host.name} peers with ${ours.peerAddress}`
  }

  const set = sessionSet(sessions, mesh && meshGroup(mesh))
  return {
    get sessions() {
      return set.all
    },
    set,
    diagnostics: sessionDiagnostics(sessions, speakers),
    unrouted,
  }
}

/** What computeSessions finds: every session (`sessions` spells out a full mesh; `set` need not), the warnings, and how many are down for want of a route. */
export interface SessionsResult {
  readonly sessions: readonly SessionState[]
  readonly set: SessionSet
  readonly diagnostics: Diagnostic[]
  readonly unrouted: number
}

/**
 * Every session of a design, with a full node-to-node mesh kept as one group: its N² sessions
 * are made when someone asks for them, a host's at a time.
 */
export interface SessionSet {
  /** Every session in configuration order (node by node, mesh first; then reverse peerings; then routers'). Reading it spells out the mesh. */
  readonly all: readonly SessionState[]
  /** The sessions outside the mesh group, in the same order; every session when there is no group. */
  readonly explicit: readonly SessionState[]
  /** The node-to-node mesh, when it is kept as a group: then every one of its sessions is Established. */
  readonly mesh: MeshGroup | undefined
  /** One speaker's sessions, in the order `all` lists them. */
  of(speaker: EntityId): readonly SessionState[]
}

export interface MeshGroup {
  /** By host name, the order each member lists its mesh sessions in. */
  readonly members: readonly BgpSpeaker[]
  has(speaker: EntityId): boolean
  /** The member's mesh session towards another member. */
  session(from: BgpSpeaker, to: BgpSpeaker): SessionState
  /** Where each member's mesh sessions stand in `all`: before `explicit[index]`, in node order. */
  readonly at: readonly { readonly node: BgpSpeaker; readonly index: number }[]
}

function meshGroup(mesh: LeftOutMesh): MeshGroup {
  const ids = new Set(mesh.members.map((m) => m.id))
  return {
    members: mesh.members,
    at: mesh.at,
    has: (id) => ids.has(id),
    // Every session of the group is Established, and a mesh session's local address is its source address.
    session: (from, to) => withState(mesh.configure(from, to), to, 'up', 'Established', undefined, from.ipv4),
  }
}

/** A session set over the sessions outside the mesh and the mesh group, if any. */
export function sessionSet(explicit: readonly SessionState[], mesh: MeshGroup | undefined): SessionSet {
  let all: readonly SessionState[] | undefined
  let bySpeaker: Map<EntityId, SessionState[]> | undefined
  const meshOf = (node: BgpSpeaker): SessionState[] => (mesh ? mesh.members.flatMap((other) => (other === node ? [] : [mesh.session(node, other)])) : [])
  return {
    explicit,
    mesh,
    get all() {
      if (all) return all
      if (!mesh) return (all = explicit)
      const spelled: SessionState[] = []
      let next = 0
      const flush = (until: number): void => {
        for (; next < mesh.at.length && (mesh.at[next] as { index: number }).index <= until; next++) for (const s of meshOf((mesh.at[next] as { node: BgpSpeaker }).node)) spelled.push(s)
      }
      explicit.forEach((session, i) => {
        flush(i)
        spelled.push(session)
      })
      flush(Infinity)
      return (all = spelled)
    },
    of(speaker) {
      if (!bySpeaker) {
        bySpeaker = new Map()
        for (const s of explicit) {
          const list = bySpeaker.get(s.speaker)
          if (list) list.push(s)
          else bySpeaker.set(s.speaker, [s])
        }
      }
      const own = bySpeaker.get(speaker) ?? []
      const member = mesh?.has(speaker) ? mesh.members.find((m) => m.id === speaker) : undefined
      return member ? [...meshOf(member), ...own] : own
    },
  }
}

/**
 * Whether every session of the mesh is Established and behaves alike, so that the mesh can be
 * kept as a group: members with distinct addresses of their own and one AS, no other session
 * between two members, and a connection between every two classes of member that the probe
 * vouches for (one attempt per pair of classes, both ways). Otherwise the mesh is spelled out.
 */
function meshUpEverywhere(mesh: LeftOutMesh, others: readonly ConfiguredSession[], speakerAt: ReadonlyMap<string, BgpSpeaker>, probe: PathProbe, knownUp: boolean): boolean {
  const members = mesh.members
  const ids = new Set(members.map((m) => m.id))
  const asNumber = members[0]?.asNumber
  const names = new Set<string>()
  for (const m of members) {
    if (speakerAt.get(m.ipv4 as string) !== m || m.asNumber !== asNumber || names.has(m.host.name)) return false
    names.add(m.host.name)
  }
  for (const s of others) if (ids.has(s.speaker) && ids.has(speakerAt.get(s.peerAddress)?.id ?? '')) return false
  if (knownUp) return true
  if (!probe.classOf) return false
  const classes = new Map<string, BgpSpeaker[]>()
  for (const m of members) {
    const key = probe.classOf(m)
    if (key === undefined) return false
    const list = classes.get(key)
    if (list) list.push(m)
    else classes.set(key, [m])
  }
  const connects = (from: BgpSpeaker, to: BgpSpeaker): boolean => probe.connect(from, to.ipv4 as string, from.ipv4).kind === 'connects'
  const groups = [...classes.values()]
  for (const [i, x] of groups.entries()) {
    const [a, b] = x as [BgpSpeaker, BgpSpeaker | undefined]
    if (b && !(connects(a, b) && connects(b, a))) return false
    for (const y of groups.slice(i + 1)) {
      const c = y[0] as BgpSpeaker
      if (!(connects(a, c) && connects(c, a))) return false
    }
  }
  return true
}

/** A warning for each session that is not Established, naming why. */
export function sessionDiagnostics(sessions: readonly SessionState[], speakers: readonly BgpSpeaker[]): Diagnostic[] {
  const byId = new Map(speakers.map((s) => [s.id, s]))
  return sessions.flatMap((session): Diagnostic[] =>
    session.reason === undefined
      ? []
      : [
          {
            code: 'bgp.session-down',
            severity: 'warning',
            message: `${session.protocol} on ${byId.get(session.speaker)?.host.name}: ${session.info} (${session.reason})`,
            subject: session.source ?? session.speaker,
          },
        ],
  )
}
