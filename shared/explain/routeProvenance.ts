import type { IpamPool } from '../ipam/ipamPools'
import type { Design, EntityId } from '../model/design'
import { segmentsOf } from '../model/query'
import { formatIpPrefix, parseIpAddress, prefixContainsAddress, prefixContainsPrefix } from '../net'
import type { BgpRoute } from '../routing/bgpRoutes'
import type { KernelRoute } from '../routing/kernelRoutes'
import type { NetworkState } from '../routing/network'
import { describeOrigin, originatedPrefixes } from './origins'
import { describeSession, importDecision, namingOf, plural, type Naming } from './wording'

/** What an explanation points at on the canvas: hosts, and sessions as the pair of speakers they join. */
export interface CanvasPlaces {
  readonly hosts: readonly EntityId[]
  readonly sessions: readonly (readonly [EntityId, EntityId])[]
}

/** One step of a route's way to a host, in words, with what it happens at. */
export interface ProvenanceStep extends CanvasPlaces {
  readonly text: string
}

/** A path BGP also had for the prefix and did not choose. */
export interface LosingPath {
  readonly text: string
  /** The best-path step it lost on (`shorter AS path`, `lower router ID`, ...). */
  readonly lostOn: string
  /** Why BIRD did not merge it with the best into one multipath route; undefined when it did. */
  readonly notMerged: string | undefined
  readonly from: EntityId | undefined
}

/** Why a route is in a host's table: the answer the host panel, `peerlab why` and the console share. */
export interface RouteProvenance {
  readonly host: EntityId
  readonly route: KernelRoute
  /** The steps joined into one line: `block … → advertised by … → accepted by … → installed by BIRD (proto bird)`. */
  readonly summary: string
  readonly steps: readonly ProvenanceStep[]
  readonly losers: readonly LosingPath[]
  /** The whole way, origin first: what a view lights up. */
  readonly path: CanvasPlaces
}

const at = (host: EntityId, text: string): ProvenanceStep => ({ text, hosts: [host], sessions: [] })

/** The segment a host's interface address is on, by name. */
function segmentNameOf(design: Design, address: string | undefined): string | undefined {
  const ip = address === undefined ? undefined : parseIpAddress(address)
  if (!ip?.ok) return undefined
  return segmentsOf(design).find((s) => s.prefixes.some((p) => prefixContainsAddress(p, ip.value)))?.resource.metadata.name
}

/** How the receiver's import filter treated the route: a step only when there is a filter to name. */
function importStep(naming: Naming, sender: EntityId, receiver: EntityId, route: BgpRoute): ProvenanceStep | undefined {
  const decision = importDecision(naming, receiver, sender, route.prefix)
  if (!decision) return undefined
  const otherwise = naming.speaker(receiver)?.kind === 'router' ? 'no rule matches; the filter ends in accept' : 'no rule matches; Calico accepts'
  return at(receiver, `accepted by ${decision.filter} (${decision.rule ?? otherwise})`)
}

/** From the originator to the host that holds the route: one step per session it crossed. */
function journey(naming: Naming, host: EntityId, best: BgpRoute): ProvenanceStep[] {
  const origins = originatedPrefixes(naming)
  const originator = best.path[0] ?? host
  const steps: ProvenanceStep[] = [at(originator, describeOrigin(naming, origins.byCidr.get(best.cidr), best.cidr, originator))]
  if (best.learnedFrom === undefined) return steps
  const hops = [...best.path, host]
  for (let i = 0; i + 1 < hops.length; i++) {
    const sender = hops[i] as EntityId
    const receiver = hops[i + 1] as EntityId
    const session = naming.sessionBetween(sender, receiver)
    const speaker = naming.speaker(sender)
    // A route learned over iBGP and passed on over iBGP is reflected: only a reflector may (RFC 4456).
    const previous = i > 0 ? naming.speaker(hops[i - 1] as EntityId) : undefined
    const reflects = previous !== undefined && speaker !== undefined && previous.asNumber === speaker.asNumber && naming.speaker(receiver)?.asNumber === speaker.asNumber
    const verb = reflects
      ? `reflected by ${naming.name(sender)}${speaker?.routeReflectorClusterId !== undefined ? ` (route reflector, cluster ID ${speaker.routeReflectorClusterId})` : ''}`
      : `advertised by ${naming.name(sender)}`
    const over = session ? ` over ${describeSession(naming, session)}` : ''
    const nextHop = i + 2 === hops.length ? `, next hop ${best.nextHop}` : ''
    steps.push({ text: `${verb}${over}${nextHop}`, hosts: [sender], sessions: [[sender, receiver]] })
    const accepted = importStep(naming, sender, receiver, best)
    if (accepted) steps.push(accepted)
  }
  return steps
}

/** How the route got from BIRD's table into the kernel's. */
function installStep(naming: Naming, host: EntityId, route: KernelRoute, pool: IpamPool | undefined): ProvenanceStep {
  const hops = route.nextHops.map((h) => `via ${h.via} dev ${h.dev}`).join(', ')
  // Felix, not BIRD, programs every route of a VXLAN pool (calico.md §5.7).
  if (pool?.vxlanEnabled) {
    const mode = pool.resource.spec.vxlanMode ?? '?'
    if (route.kind === 'blackhole') return at(host, `${naming.name(host)} owns the block: Felix installs a blackhole (proto 80) so that addresses no pod holds are dropped`)
    return route.kind === 'tunnel'
      ? at(host, `programmed by Felix over VXLAN (pool ${pool.name} has vxlanMode ${mode}; BIRD's kernel filter leaves VXLAN routes to Felix): ${hops} onlink`)
      : at(host, `programmed by Felix without encapsulation (pool ${pool.name} has vxlanMode ${mode} and the block's node is in this node's subnet): ${hops} onlink (proto 80)`)
  }
  switch (route.kind) {
    case 'blackhole':
      return at(host, `${naming.name(host)} owns the block: BIRD installs a blackhole (proto ${route.proto}) so that addresses no pod holds are dropped`)
    case 'tunnel':
      return at(host, `installed by BIRD over IPIP (pool ${pool?.name ?? '?'} has ipipMode ${pool?.resource.spec.ipipMode ?? '?'}): ${hops} onlink (proto bird)`)
    default:
      return at(
        host,
        route.nextHops.length > 1
          ? `${route.nextHops.length} equal paths merged into one multipath route (merge paths on), installed by BIRD (proto bird): ${hops}`
          : `installed by BIRD (proto bird) ${hops}`,
      )
  }
}

function losingPaths(naming: Naming, route: KernelRoute): LosingPath[] {
  const candidates = route.choice?.candidates ?? []
  return candidates.slice(1).map(({ route: loser, lostOn, notMerged }) => {
    const from = loser.learnedFrom
    const origin = from === undefined ? 'originated here' : `from ${naming.name(from)}`
    return { text: `via ${loser.nextHop} ${origin}, AS path ${loser.asPath.length === 0 ? '(empty)' : loser.asPath.join(' ')}`, lostOn: lostOn ?? 'equal', notMerged, from }
  })
}

/** Steps for the routes the host's own configuration makes: its links, its DHCP lease, its pods. */
function localSteps(naming: Naming, host: EntityId, route: KernelRoute): ProvenanceStep[] {
  const dev = route.nextHops[0]?.dev ?? ''
  const address = naming.host(host)?.interfaces.find((i) => i.name === dev)?.address
  const segment = segmentNameOf(naming.design, address)
  const onSegment = segment !== undefined ? ` on segment ${segment}` : ''
  const destination = route.destination === 'default' ? 'default' : formatIpPrefix(route.destination)
  switch (route.kind) {
    case 'connected':
      return [at(host, `connected: ${naming.name(host)} has ${address ?? '?'} on ${dev}${onSegment} (${destination}); the kernel adds the subnet's route (proto kernel scope link)`)]
    case 'dhcp':
      return route.destination === 'default'
        ? [at(host, `the DHCP lease of ${dev}${onSegment} names ${route.nextHops[0]?.via ?? '?'} as the router: default route, metric ${route.metric ?? 0} (proto dhcp)`)]
        : [at(host, `DHCP adds a host route to its router ${destination.split('/')[0]} on ${dev}, so it is reachable before the default route is (proto dhcp scope link)`)]
    case 'pod': {
      const pod = route.pod ? `${route.pod.namespace}/${route.pod.name}` : 'a pod'
      const podAddress = destination.split('/')[0] as string
      const block = naming.network.ipam.blocks.find((b) => b.allocations.some((a) => a.address === podAddress))
      const where = block
        ? ` from block ${block.cidr} of pool ${block.pool}${block.affinity !== undefined && block.affinity !== naming.host(host)?.name ? ` (borrowed: the block is affine to ${naming.name(naming.hostByNodeName(block.affinity)?.id)})` : ''}`
        : ''
      return [at(host, `pod ${pod} runs on ${naming.name(host)} with ${podAddress}${where}`), at(host, `Felix routes ${podAddress} to the pod's veth ${dev} (scope link)`)]
    }
    default:
      return [at(host, route.why)]
  }
}

/** Why `route` is in `host`'s table, step by step, with the paths that lost. */
export function explainRoute(design: Design, network: NetworkState, host: EntityId, route: KernelRoute): RouteProvenance {
  const naming = namingOf(design, network)
  const best = route.choice?.best
  let steps: ProvenanceStep[]
  if (best === undefined) steps = localSteps(naming, host, route)
  else {
    const pool = network.ipam.pools.find((p) => prefixContainsPrefix(p.prefix, best.prefix))
    steps = [...journey(naming, host, best), installStep(naming, host, route, pool)]
    const candidates = route.choice?.candidates.length ?? 1
    if (candidates > 1) steps.splice(steps.length - 1, 0, at(host, `chosen as best of ${plural(candidates, 'path')} at ${naming.name(host)}`))
  }
  const hosts = best !== undefined && best.learnedFrom !== undefined ? [...best.path, host] : [host]
  const sessions = hosts.slice(1).map((h, i) => [hosts[i] as EntityId, h] as const)
  return { host, route, summary: steps.map((s) => s.text).join(' → '), steps, losers: losingPaths(naming, route), path: { hosts, sessions } }
}
