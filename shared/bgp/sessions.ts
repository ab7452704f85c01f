import type { Diagnostic } from '../diagnostics'
import type { Design, EntityId } from '../model/design'
import { entityId } from '../model/design'
import { resourcesOf } from '../model/query'
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
}

/** BIRD's protocol state and the INFO text `calicoctl node status` / `birdc show protocols` print. */
export interface SessionState extends ConfiguredSession {
  readonly state: 'up' | 'start'
  readonly info: string
  /** The speaker at the other end, when some speaker has the peer address. */
  readonly remote: EntityId | undefined
  /** Why the session is not Established, in plain words. */
  readonly reason: string | undefined
}

const protocolName = (type: 'Mesh' | 'Global' | 'Node', address: string, port: number | undefined): string =>
  `${type}_${address.replace(/[.:]/g, '_')}${port !== undefined ? `_port_${port}` : ''}`

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

/** The sessions each Calico node's BIRD is configured with (calico.md §4.4 steps 1–6). */
function calicoSessions(design: Design, speakers: readonly BgpSpeaker[]): ConfiguredSession[] {
  const globals = bgpGlobals(design)
  const nodes = speakers.filter((s) => s.kind === 'calico' && s.ipv4 !== undefined)
  const byAddress = new Map(nodes.map((n) => [n.ipv4 as string, n]))
  const peers = resourcesOf(design, 'projectcalico.org/v3/BGPPeer')
  const selected = selections(nodes)
  const sessions: ConfiguredSession[] = []

  // Made once, not per node: thousands of nodes each add their sessions.
  const add = (node: BgpSpeaker, type: 'Mesh' | 'Global' | 'Node', address: string, port: number | undefined, remoteAs: number, source: EntityId | undefined, passive: boolean): void => {
    if (address === node.ipv4) return // "Skipping ourselves"
    const remote = byAddress.get(address)
    // Step 6: a reflector treats same-AS peers outside its cluster as clients.
    const rrClient = node.routeReflectorClusterId !== undefined && remoteAs === node.asNumber && remote?.routeReflectorClusterId !== node.routeReflectorClusterId
    sessions.push({ speaker: node.id, protocol: protocolName(type, address, port), type: type === 'Mesh' ? 'mesh' : type === 'Global' ? 'global' : 'node', peerAddress: address, port, localAs: node.asNumber, remoteAs, passive, rrClient, source })
  }

  for (const node of nodes) {
    const own = node.ipv4 as string
    const isReflector = node.routeReflectorClusterId !== undefined
    if (globals.meshEnabled && !isReflector) {
      const others = nodes.filter((m) => m !== node && m.routeReflectorClusterId === undefined).sort((a, b) => (a.host.name < b.host.name ? -1 : 1))
      for (const other of others) add(node, 'Mesh', other.ipv4 as string, undefined, other.asNumber, undefined, waitsFor(own, other.ipv4 as string))
    }
    const globalKeys = new Set<string>()
    const nodeKeys = new Set<string>()
    const explicit: { type: 'Global' | 'Node'; address: string; port: number | undefined; remoteAs: number; source: EntityId; passive: boolean }[] = []
    for (const peer of peers) {
      const spec = peer.spec
      const isGlobal = spec.node === undefined && spec.nodeSelector === undefined
      if (!isGlobal && !(spec.node === node.host.name || (spec.nodeSelector !== undefined && selected(spec.nodeSelector).set.has(node)))) continue
      const targets: { address: string; port: number | undefined; remoteAs: number; passive: boolean }[] = []
      if (spec.peerSelector !== undefined) {
        for (const target of selected(spec.peerSelector).list) if (target !== node) targets.push({ address: target.ipv4 as string, port: undefined, remoteAs: target.asNumber, passive: isGlobal && waitsFor(own, target.ipv4 as string) })
      } else if (spec.peerIP !== undefined) {
        const address = parsePeerAddress(spec.peerIP)
        const remoteAs = parseAsNumber(spec.asNumber)
        if (!address.ok || remoteAs === undefined) continue
        const text = spec.peerIP.replace(/^\[/, '').replace(/\]?:\d+$/, '')
        const remoteNode = byAddress.get(text)
        targets.push({ address: text, port: address.port, remoteAs, passive: remoteNode !== undefined && isGlobal && waitsFor(own, text) })
      }
      for (const target of targets) explicit.push({ type: isGlobal ? 'Global' : 'Node', address: target.address, port: target.port, remoteAs: target.remoteAs, passive: target.passive, source: entityId(peer) })
    }
    // Global sessions by peer IP string, then node-specific ones, skipping those a global one already covers.
    const ordered = [...explicit].sort((a, b) => (a.type === b.type ? (a.address < b.address ? -1 : a.address > b.address ? 1 : 0) : a.type === 'Global' ? -1 : 1))
    for (const session of ordered) {
      const key = `${session.address}:${session.port ?? ''}`
      if (session.type === 'Global') globalKeys.add(key)
      else if (globalKeys.has(key) || nodeKeys.has(key)) continue
      else nodeKeys.add(key)
      add(node, session.type, session.address, session.port, session.remoteAs, session.source, session.passive)
    }
  }
  addReversePeerings(sessions, nodes, peers, selected)
  return sessions
}

/**
 * Step 4: a BGPPeer that selects Calico nodes as peers (peerSelector, or a peerIP and AS that are a
 * node's) makes those nodes peer back with `Node_` sessions to the nodes the BGPPeer applies to,
 * unless such a session exists already.
 */
function addReversePeerings(sessions: ConfiguredSession[], nodes: readonly BgpSpeaker[], peers: readonly { readonly metadata: { readonly name: string }; readonly spec: { readonly node?: string; readonly nodeSelector?: string; readonly peerIP?: string; readonly peerSelector?: string; readonly asNumber?: number | string; readonly reversePeering?: unknown } }[], selected: ReturnType<typeof selections>): void {
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
    const sources = nodes.filter((n) => (spec.node === undefined && spec.nodeSelector === undefined) || spec.node === n.host.name || (spec.nodeSelector !== undefined && selected(spec.nodeSelector).set.has(n)))
    const targets = spec.peerSelector !== undefined
      ? selected(spec.peerSelector).list
      : nodes.filter((n) => spec.peerIP !== undefined && n.ipv4 === spec.peerIP.replace(/:\d+$/, '') && parseAsNumber(spec.asNumber) === n.asNumber)
    for (const target of targets) {
      let peered = existing.get(target.id)
      if (!peered) existing.set(target.id, (peered = new Set()))
      for (const source of sources) {
        if (source === target) continue
        const address = source.ipv4 as string
        if (peered.has(address)) continue
        peered.add(address)
        const isReflector = target.routeReflectorClusterId !== undefined
        const rrClient = isReflector && source.asNumber === target.asNumber && source.routeReflectorClusterId !== target.routeReflectorClusterId
        sessions.push({ speaker: target.id, protocol: protocolName('Node', address, undefined), type: 'node', peerAddress: address, port: undefined, localAs: target.asNumber, remoteAs: source.asNumber, passive: false, rrClient, source: `bgppeer/${peer.metadata.name}` })
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
        return [{ speaker: speaker.id, protocol: `peer_${neighbor.address.replace(/[.:]/g, '_')}`, type: 'router', peerAddress: neighbor.address, port: neighbor.port, localAs: speaker.asNumber, remoteAs, passive: false, rrClient: false, source: speaker.id }]
      }),
    )
}

/** A configured session with its state. Spelled out: V8 copies an object spread slowly, and there is one per session. */
function withState(session: ConfiguredSession, remote: BgpSpeaker | undefined, state: 'up' | 'start', info: string, reason: string | undefined): SessionState {
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
    state,
    info,
    remote: remote?.id,
    reason,
  }
}

/** True when two speakers share a segment, or can each reach a gateway (BIRD's iBGP and Calico's explicit peers are multihop). */
function reachable(a: BgpSpeaker, b: BgpSpeaker): boolean {
  // Sharing a segment implies each is on one, so being on one each is the whole test.
  return onSegment(a) && onSegment(b)
}

function onSegment(speaker: BgpSpeaker): boolean {
  for (const i of speaker.host.interfaces) if (i.segmentId !== undefined) return true
  return false
}

/**
 * Every configured session with the state BIRD would show. Established needs both ends
 * configured for each other, matching AS numbers, one side willing to connect, and a path.
 * Otherwise the state and INFO BIRD prints (calico.md §3.4), with the reason as a diagnostic.
 */
export function computeSessions(design: Design, speakers: readonly BgpSpeaker[] = bgpSpeakers(design)): { sessions: SessionState[]; diagnostics: Diagnostic[] } {
  const configured = [...calicoSessions(design, speakers), ...routerSessions(design, speakers)]
  const speakerAt = new Map<string, BgpSpeaker>()
  for (const speaker of speakers) for (const address of speaker.addresses) speakerAt.set(address, speaker)
  const byId = new Map(speakers.map((s) => [s.id, s]))
  const diagnostics: Diagnostic[] = []
  // By speaker, then the address it peers with (the last one configured wins, as in a Map of
  // joined keys), so that finding the other end builds no string per session.
  const configuredAt = new Map<EntityId, Map<string, ConfiguredSession>>()
  for (const s of configured) {
    const byAddress = configuredAt.get(s.speaker)
    if (byAddress) byAddress.set(s.peerAddress, s)
    else configuredAt.set(s.speaker, new Map([[s.peerAddress, s]]))
  }

  const sessions = configured.map((session): SessionState => {
    const local = byId.get(session.speaker) as BgpSpeaker
    const remote = speakerAt.get(session.peerAddress)
    if (!remote) return withState(session, remote, 'start', 'Connect', `no host has address ${session.peerAddress}: connection attempts time out`)
    if (!reachable(local, remote)) return withState(session, remote, 'start', 'Connect', `${session.peerAddress} cannot be reached from ${local.host.name}`)
    const atRemote = configuredAt.get(remote.id)
    let back: ConfiguredSession | undefined
    for (const address of local.addresses) {
      back = atRemote?.get(address)
      if (back) break
    }
    if (!back) {
      return remote.listens
        ? withState(session, remote, 'start', 'Active Socket: Connection closed', `${remote.host.name} has no BGP neighbor ${local.ipv4 ?? local.host.name}: it closes the connection`)
        : withState(session, remote, 'start', 'Active Socket: Connection refused', `${remote.host.name} runs no BGP listener: the connection is refused`)
    }
    if (session.passive && back.passive) return withState(session, remote, 'start', 'Passive', 'both ends wait for the other to connect')
    if (session.remoteAs !== remote.asNumber) return withState(session, remote, 'start', 'Idle BGP Error: Bad peer AS', `${local.host.name} expects AS ${session.remoteAs} but ${remote.host.name} is AS ${remote.asNumber}`)
    if (back.remoteAs !== local.asNumber) return withState(session, remote, 'start', 'Idle Received: Bad peer AS', `${remote.host.name} expects AS ${back.remoteAs} but ${local.host.name} is AS ${local.asNumber}`)
    return withState(session, remote, 'up', 'Established', undefined)
  })
  for (const session of sessions) {
    if (session.reason === undefined) continue
    diagnostics.push({ code: 'bgp.session-down', severity: 'warning', message: `${session.protocol} on ${byId.get(session.speaker)?.host.name}: ${session.info} (${session.reason})`, subject: session.source ?? session.speaker })
  }
  return { sessions, diagnostics }
}
