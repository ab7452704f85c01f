import type { SessionState } from '../bgp/sessions'
import type { BgpSpeaker } from '../bgp/speakers'
import type { Design, EntityId } from '../model/design'
import { displayName, hostsOf, resourcesOf, type Host } from '../model/query'
import type { BGPFilterRule, PrefixFilterRule } from '../model/resources'
import type { IpPrefix } from '../net'
import type { NetworkState } from '../routing/network'
import { decidingRule } from '../routing/prefixFilter'

/**
 * What every explanation needs to name things as a person reads them: hosts by alias, sessions by
 * the resource that asked for them. Made once per network, as a panel asks many questions of one.
 */
export interface Naming {
  readonly design: Design
  readonly network: NetworkState
  host(id: EntityId): Host | undefined
  /** A host by its Kubernetes node name (IPAM and pods name nodes that way). */
  hostByNodeName(name: string): Host | undefined
  speaker(id: EntityId): BgpSpeaker | undefined
  /** `worker2`: the alias, else the name, else the id itself. */
  name(id: EntityId | undefined): string
  /** The session `at` has configured towards `neighbor`. */
  sessionBetween(at: EntityId, neighbor: EntityId): SessionState | undefined
}

const namings = new WeakMap<NetworkState, Naming>()

export function namingOf(design: Design, network: NetworkState): Naming {
  const known = namings.get(network)
  if (known?.design === design) return known
  const hosts = new Map(hostsOf(design).map((h) => [h.id, h]))
  const byNodeName = new Map([...hosts.values()].map((h) => [h.name, h]))
  const speakers = new Map(network.speakers.map((s) => [s.id, s]))
  // A speaker's sessions by neighbor (the last configured wins), found per speaker asked about: a full mesh has N² of them.
  const sessionsAt = new Map<EntityId, Map<EntityId, SessionState>>()
  const sessionsOf = (at: EntityId): Map<EntityId, SessionState> => {
    let byNeighbor = sessionsAt.get(at)
    if (!byNeighbor) {
      byNeighbor = new Map()
      for (const session of network.sessionsOf(at)) if (session.remote !== undefined) byNeighbor.set(session.remote, session)
      sessionsAt.set(at, byNeighbor)
    }
    return byNeighbor
  }
  const naming: Naming = {
    design,
    network,
    host: (id) => hosts.get(id),
    hostByNodeName: (name) => byNodeName.get(name),
    speaker: (id) => speakers.get(id),
    name: (id) => {
      if (id === undefined) return 'nobody'
      const host = hosts.get(id)
      return host ? displayName(host) : id.slice(id.indexOf('/') + 1)
    },
    sessionBetween: (at, neighbor) => sessionsOf(at).get(neighbor),
  }
  namings.set(network, naming)
  return naming
}

/** `iBGP, AS 64512` or `eBGP, AS 64512 → 65001`, seen from the session's own speaker. */
export function bgpKind(session: SessionState): string {
  return session.localAs === session.remoteAs ? `iBGP, AS ${session.localAs}` : `eBGP, AS ${session.localAs} → ${session.remoteAs}`
}

const bgpPeerName = (source: EntityId | undefined): string => (source ?? '').replace(/^bgppeer\//, '')

/**
 * The configuration a session comes from, as Calico's docs name it: `the node-to-node mesh`,
 * `the global BGPPeer bgppeer-global-64512`, `the BGPPeer rack1-tor (node-specific)`, or a
 * router's own `neighbor 10.0.1.31` line.
 */
export function sessionOrigin(naming: Naming, session: SessionState): string {
  switch (session.type) {
    case 'mesh':
      return 'the node-to-node mesh'
    case 'global':
      return `the global BGPPeer ${bgpPeerName(session.source)}`
    case 'node':
      return `the BGPPeer ${bgpPeerName(session.source)} (node-specific)`
    case 'router':
      return `${naming.name(session.speaker)}'s neighbor ${session.peerAddress}`
  }
}

/** A session named with where it comes from and what kind it is, e.g. `the global BGPPeer x (iBGP, AS 64512)`. */
export function describeSession(naming: Naming, session: SessionState): string {
  const reflector = session.rrClient ? ', route-reflector client' : ''
  return `${sessionOrigin(naming, session)} (${bgpKind(session)}${reflector})`
}

/**
 * A prefix rule as BIRD writes prefix patterns (`10.48.2.0/24+` for the prefix and all longer
 * ones, `{24,32}` for a length range), with its action: `accept 10.48.2.0/24+`, `reject`.
 */
export function ruleText(rule: PrefixFilterRule | BGPFilterRule): string {
  const action = rule.action === 'Accept' ? 'accept' : 'reject'
  if (rule.cidr === undefined) {
    const { min, max } = rule.prefixLength ?? {}
    return min === undefined && max === undefined ? action : `${action} prefixes of length ${min ?? 0}–${max ?? 128}`
  }
  const operator = rule.matchOperator ?? 'Equal'
  const range = rule.prefixLength !== undefined ? `{${rule.prefixLength.min ?? rule.cidr.split('/')[1]},${rule.prefixLength.max ?? (rule.cidr.includes(':') ? 128 : 32)}}` : ''
  const pattern = operator === 'In' || operator === 'NotIn' ? `${rule.cidr}${range || '+'}` : `${rule.cidr}${range}`
  return `${action} ${operator.startsWith('Not') ? 'all but ' : ''}${pattern}`
}

/** Counts as people say them: `1 route`, `3 routes`. */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`
}

/** Every resource name a BGPPeer's `filters` list refers to. */
export function bgpFiltersOf(design: Design, source: EntityId | undefined): readonly string[] {
  if (source === undefined) return []
  return resourcesOf(design, 'projectcalico.org/v3/BGPPeer').find((p) => `bgppeer/${p.metadata.name}` === source)?.spec.filters ?? []
}

/** The engine's reasons name hosts as Kubernetes does (`ip-10-0-1-20.…`); people know them by alias. */
export function withAliases(naming: Naming, text: string, ids: readonly EntityId[]): string {
  return ids.reduce((said, id) => {
    const host = naming.host(id)
    return host && host.alias !== undefined ? said.replaceAll(host.name, host.alias) : said
  }, text)
}

/** The import filter a receiver applies to routes from one neighbour, named, and the rule that decides a prefix. */
export interface ImportDecision {
  /** `bastion's import filter peer_import`, or `worker1's import rules of BGPFilter only-public`. */
  readonly filter: string
  /** `rule 2: reject`; undefined when no rule matches and the filter's default applies. */
  readonly rule: string | undefined
}

/**
 * Which import filter stands between `sender` and `receiver` and which of its rules decides
 * `prefix`: a router's own filter (peer_import in the BIRD config Peerlab writes), or the
 * import rules of the BGPFilters on the receiver's BGPPeer. Undefined when there is no filter.
 */
export function importDecision(naming: Naming, receiver: EntityId, sender: EntityId, prefix: IpPrefix): ImportDecision | undefined {
  let rules: readonly PrefixFilterRule[]
  let filter: string
  if (naming.speaker(receiver)?.kind === 'router') {
    rules = resourcesOf(naming.design, 'peerlab.dev/v1alpha1/Router').find((r) => `router/${r.metadata.name}` === receiver)?.spec.importFilter ?? []
    filter = `${naming.name(receiver)}'s import filter peer_import`
  } else {
    const names = bgpFiltersOf(naming.design, naming.sessionBetween(receiver, sender)?.source)
    rules = resourcesOf(naming.design, 'projectcalico.org/v3/BGPFilter')
      .filter((f) => names.includes(f.metadata.name))
      .flatMap((f) => (prefix.family === 4 ? (f.spec.importV4 ?? []) : (f.spec.importV6 ?? [])))
    filter = `${naming.name(receiver)}'s import rules of BGPFilter ${names.join(', ')}`
  }
  if (rules.length === 0) return undefined
  const index = decidingRule(rules, prefix)
  return { filter, rule: index >= 0 ? `rule ${index + 1}: ${ruleText(rules[index] as PrefixFilterRule)}` : undefined }
}
