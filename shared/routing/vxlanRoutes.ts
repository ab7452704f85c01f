import type { IpamPool } from '../ipam/ipamPools'
import type { IpamResult } from '../ipam/computeIpam'
import { TUNNEL_DEVICE } from '../ipam/tunnelKinds'
import type { Design } from '../model/design'
import { hostsOf, resourcesOf } from '../model/query'
import { formatIpPrefix, parseIpAddress, parseIpPrefix, prefixContainsAddress, type IpAddress, type IpFamily, type IpPrefix } from '../net'

/**
 * Felix's VXLAN routes (felix/dataplane/linux/vxlan_mgr.go, felix/calc/l3_route_resolver.go and
 * felix/routetable @ v3.30.0; calico.md §6, §6.2). Felix works from IPAM, not BGP: a remote block's
 * route goes to the node the block is affine to (a borrowed address's, to the node using it).
 *  - Over the tunnel: via that node's VTEP address on `vxlan.calico` (`vxlan-v6.calico` for IPv6),
 *    flag onlink, protocol `boot`, which `ip route` does not print. No VTEP known, no route.
 *  - In a CrossSubnet pool, to a node whose address lies in this node's own subnet (`SameSubnet`,
 *    per family): unencapsulated, via that node's address on this node's interface, flag onlink,
 *    protocol 80 (`calculateNonEncapRouteProtocol`).
 * The kernel gives IPv6 routes added without a priority metric 1024, and iproute2 ends IPv6 lines
 * with `pref medium`.
 */

/** A local interface with its address and connected subnet (kernelRoutes' attachments). */
export interface LocalLink {
  readonly name: string
  readonly address: string
  readonly subnet: IpPrefix
}

export interface VxlanRoute {
  readonly via: string
  readonly dev: string
  readonly proto: '80' | undefined
  readonly metric: number | undefined
  readonly encapsulated: boolean
  readonly text: string
  readonly why: string
}

/** A Calico node as Felix's route resolver knows it: its address and, when configured with a length, its subnet, per family. */
interface FelixNode {
  readonly address: Partial<Record<IpFamily, string>>
  readonly configuredSubnet: Partial<Record<IpFamily, IpPrefix>>
}

interface VxlanPeers {
  readonly nodes: ReadonlyMap<string, FelixNode>
  /** Block CIDR → the node it is affine to. */
  readonly owners: ReadonlyMap<string, string>
  /** `node kind` → tunnel address. */
  readonly vteps: ReadonlyMap<string, string>
}

const peersByIpam = new WeakMap<IpamResult, VxlanPeers>()

/**
 * The nodes' addresses, the blocks' owners and the VTEPs, once per design: every node's table needs them.
 * A node's address is `Node.spec.bgp.ipv4Address`/`ipv6Address` when set, else its first address
 * of the family, as calico-node autodetects it.
 */
function peersOf(design: Design, ipam: IpamResult): VxlanPeers {
  const known = peersByIpam.get(ipam)
  if (known) return known
  const bgp = new Map(resourcesOf(design, 'projectcalico.org/v3/Node').map((n) => [n.metadata.name, n.spec?.bgp]))
  const nodes = new Map<string, FelixNode>()
  for (const host of hostsOf(design)) {
    if (host.role === 'router') continue
    const address: Partial<Record<IpFamily, string>> = {}
    const configuredSubnet: Partial<Record<IpFamily, IpPrefix>> = {}
    const spec = bgp.get(host.name)
    for (const [family, configured] of [
      [4, spec?.ipv4Address],
      [6, spec?.ipv6Address],
    ] as const) {
      const prefix = configured !== undefined && configured.includes('/') ? networkOf(configured) : undefined
      if (prefix) configuredSubnet[family] = prefix
      const text = configured?.split('/')[0] ?? host.interfaces.find((i) => familyOf(i.address) === family)?.address
      if (text !== undefined) address[family] = text
    }
    nodes.set(host.name, { address, configuredSubnet })
  }
  const owners = new Map<string, string>()
  for (const block of ipam.blocks) if (block.affinity !== undefined) owners.set(block.cidr, block.affinity)
  const vteps = new Map(ipam.tunnels.map((t) => [`${t.node} ${t.kind}`, t.address]))
  const peers = { nodes, owners, vteps }
  peersByIpam.set(ipam, peers)
  return peers
}

function familyOf(text: string): IpFamily | undefined {
  const ip = parseIpAddress(text)
  return ip.ok ? ip.value.family : undefined
}

/** `10.0.1.31/24` → `10.0.1.0/24`, as Go's ParseCIDR gives the node's subnet. */
function networkOf(text: string): IpPrefix | undefined {
  const parsed = parseIpPrefix(text)
  if (parsed.ok) return parsed.value
  if (parsed.suggestion === undefined) return undefined
  const network = parseIpPrefix(parsed.suggestion)
  return network.ok ? network.value : undefined
}

/** The node a route's destination leads to: a block's owner, or for a single address the node using it. */
function destinationNode(ipam: IpamResult, peers: VxlanPeers, prefix: IpPrefix, cidr: string): string | undefined {
  const owner = peers.owners.get(cidr)
  if (owner !== undefined) return owner
  if (prefix.length !== (prefix.family === 4 ? 32 : 128)) return undefined
  const address = cidr.split('/')[0]
  const ip: IpAddress = { family: prefix.family, value: prefix.network } as IpAddress
  for (const block of ipam.blocks) {
    if (block.prefix.family !== prefix.family || !prefixContainsAddress(block.prefix, ip)) continue
    return block.allocations.find((a) => a.address === address)?.node ?? block.affinity
  }
  return undefined
}

/** `ip route`'s text for an IPv4 or IPv6 route of Felix's: iproute2 prints metric before the flags and `pref` last. */
function routeText(family: IpFamily, dst: string, via: string, dev: string, proto: '80' | undefined): string {
  const protoText = proto !== undefined ? ` proto ${proto}` : ''
  return family === 4 ? `${dst} via ${via} dev ${dev}${protoText} onlink` : `${dst} via ${via} dev ${dev}${protoText} metric 1024 onlink pref medium`
}

/**
 * The route Felix programs on node `self` for `prefix` (text `dst` as `ip route` prints it) inside
 * VXLAN pool `pool`, or undefined when Felix has too little to program one (no VTEP known).
 */
export function felixVxlanRoute(design: Design, ipam: IpamResult, self: string, links: readonly LocalLink[], pool: IpamPool, prefix: IpPrefix, cidr: string, dst: string): VxlanRoute | undefined {
  const peers = peersOf(design, ipam)
  const family = prefix.family
  const target = destinationNode(ipam, peers, prefix, cidr)
  if (target === undefined || target === self) return undefined
  const targetAddress = peers.nodes.get(target)?.address[family]
  const crossSubnet = pool.resource.spec.vxlanMode === 'CrossSubnet' || pool.resource.spec.ipipMode === 'CrossSubnet'
  if (crossSubnet && targetAddress !== undefined) {
    // SameSubnet: this node's subnet of the family holds the other node's address (nodeInOurSubnet).
    const own = peers.nodes.get(self)
    const ownAddress = own?.address[family]
    const parent = links.find((l) => l.address === ownAddress)
    const subnet = own?.configuredSubnet[family] ?? parent?.subnet
    const ip = parseIpAddress(targetAddress)
    if (parent !== undefined && subnet !== undefined && ip.ok && prefixContainsAddress(subnet, ip.value)) {
      return {
        via: targetAddress,
        dev: parent.name,
        proto: '80',
        metric: family === 6 ? 1024 : undefined,
        encapsulated: false,
        text: routeText(family, dst, targetAddress, parent.name, '80'),
        why: `pool ${pool.name} is CrossSubnet and ${target} (${targetAddress}) is in this node's subnet ${formatIpPrefix(subnet)}: Felix routes to it unencapsulated`,
      }
    }
  }
  const kind = family === 4 ? 'vxlanTunnelAddress' : 'vxlanV6TunnelAddress'
  const vtep = peers.vteps.get(`${target} ${kind}`)
  if (vtep === undefined) return undefined
  const dev = TUNNEL_DEVICE[kind]
  return {
    via: vtep,
    dev,
    proto: undefined,
    metric: family === 6 ? 1024 : undefined,
    encapsulated: true,
    text: routeText(family, dst, vtep, dev, undefined),
    why: `programmed by Felix over VXLAN to ${target}'s VTEP ${vtep} (pool ${pool.name}, vxlanMode ${pool.resource.spec.vxlanMode ?? 'Never'})`,
  }
}
