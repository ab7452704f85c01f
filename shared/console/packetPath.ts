import type { PodState } from '../ipam/computeIpam'
import type { Design } from '../model/design'
import { hostsOf, type Host } from '../model/query'
import { formatIpAddress, type IpAddress } from '../net'
import type { NetworkState } from '../routing/network'
import { lookupRoute, parseAddress, type Forwarding } from './routeLookup'

/** Where a packet's journey ends. */
export type PathEnd =
  | { readonly kind: 'pod'; readonly host: Host; readonly pod: PodState }
  | { readonly kind: 'host'; readonly host: Host }
  | { readonly kind: 'blackhole'; readonly host: Host; readonly forwarding: Forwarding }
  | { readonly kind: 'no-route'; readonly host: Host }
  /** Handed to a gateway the design does not contain (the cloud's router): it goes nowhere we know. */
  | { readonly kind: 'outside'; readonly host: Host; readonly gateway: string }
  /** Sent on a link where no one has the address: ARP gets no answer. */
  | { readonly kind: 'no-neighbour'; readonly host: Host; readonly address: string }
  | { readonly kind: 'loop'; readonly host: Host }

export interface PathHop {
  readonly host: Host
  readonly forwarding: Forwarding
}

export interface PacketPath {
  /** Each host that forwarded the packet, the sender first, with the route it used. */
  readonly hops: readonly PathHop[]
  readonly end: PathEnd
  /** The sender's source address (the route's `src`, else the outgoing interface's address). */
  readonly source: string | undefined
}

const MAX_HOPS = 64

/** Who answers for an address: hosts by interface and tunnel address, running pods by IP. */
interface AddressBook {
  readonly hostByAddress: ReadonlyMap<string, Host>
  readonly podByAddress: ReadonlyMap<string, PodState>
}

/** What tracing needs of a network: who has which address, and each host's routing table. */
export type RoutedNetwork = Pick<NetworkState, 'ipam' | 'routesOf'>

const books = new WeakMap<RoutedNetwork, AddressBook>()

function addressBook(design: Design, network: RoutedNetwork): AddressBook {
  const known = books.get(network)
  if (known) return known
  const hosts = hostsOf(design)
  const hostByName = new Map(hosts.map((h) => [h.name, h]))
  const hostByAddress = new Map<string, Host>()
  for (const host of hosts) for (const i of host.interfaces) hostByAddress.set(i.address, host)
  for (const tunnel of network.ipam.tunnels) {
    const host = hostByName.get(tunnel.node)
    if (host) hostByAddress.set(tunnel.address, host)
  }
  const podByAddress = new Map<string, PodState>()
  for (const pod of network.ipam.pods) if (pod.phase === 'Running') for (const ip of pod.ips) podByAddress.set(ip, pod)
  const book = { hostByAddress, podByAddress }
  books.set(network, book)
  return book
}

/** The host a pod runs on. */
export function hostOfPod(design: Design, pod: PodState): Host | undefined {
  return hostsOf(design).find((h) => h.name === pod.node)
}

/**
 * Follows a packet from `from` to `destination` through every host's routing table, as the
 * kernels would forward it: longest prefix match, `via` to the host that has the gateway address
 * (tunnel addresses included, so IPIP and VXLAN routes lead to the right node), `dev cali…` to
 * the local pod.
 */
export function tracePacket(design: Design, network: RoutedNetwork, from: Host, destination: IpAddress): PacketPath {
  const book = addressBook(design, network)
  const target = formatIpAddress(destination)
  const hops: PathHop[] = []
  let source: string | undefined
  let current = from
  for (let ttl = MAX_HOPS; ttl > 0; ttl--) {
    if (book.hostByAddress.get(target) === current) return { hops, end: { kind: 'host', host: current }, source: source ?? target }
    const forwarding = lookupRoute(network.routesOf(current.id), destination)
    if (!forwarding) return { hops, end: { kind: 'no-route', host: current }, source }
    if (hops.length === 0) source = forwarding.src ?? current.interfaces.find((i) => i.name === forwarding.dev)?.address ?? current.interfaces[0]?.address
    if (forwarding.type === 'blackhole') return { hops, end: { kind: 'blackhole', host: current, forwarding }, source }
    hops.push({ host: current, forwarding })
    if (forwarding.dev?.startsWith('cali') && forwarding.via === undefined) {
      const pod = book.podByAddress.get(target)
      return pod && pod.node === current.name ? { hops, end: { kind: 'pod', host: current, pod }, source } : { hops, end: { kind: 'no-neighbour', host: current, address: target }, source }
    }
    const next = forwarding.via ?? target
    const nextHost = book.hostByAddress.get(next)
    if (!nextHost) {
      if (forwarding.via !== undefined) return { hops, end: { kind: 'outside', host: current, gateway: next }, source }
      return { hops, end: { kind: 'no-neighbour', host: current, address: target }, source }
    }
    current = nextHost
  }
  return { hops, end: { kind: 'loop', host: current }, source }
}

/** Whether a reply from where the packet ended gets back to `source`: the return path, traced the same way. */
export function replyReturns(design: Design, network: RoutedNetwork, path: PacketPath): boolean {
  if (path.end.kind !== 'pod' && path.end.kind !== 'host') return false
  const source = path.source !== undefined ? parseAddress(path.source) : undefined
  if (!source) return false
  const back = tracePacket(design, network, path.end.host, source)
  return back.end.kind === 'host'
}
