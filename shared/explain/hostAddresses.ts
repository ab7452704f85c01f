import type { BlockState, PodPhase } from '../ipam/computeIpam'
import type { Design, EntityId } from '../model/design'
import { segmentsOf } from '../model/query'
import { formatIpPrefix, parseIpAddress, prefixContainsAddress } from '../net'
import type { NetworkState } from '../routing/network'
import { namingOf } from './wording'
import { TUNNEL_DEVICE, type TunnelDevice } from '../ipam/tunnelKinds'

export interface InterfaceAddress {
  readonly name: string
  readonly address: string
  /** The segment it is attached to, by name. */
  readonly segment: string | undefined
  /** The segment's prefix holding the address. */
  readonly subnet: string | undefined
}

export interface HostBlock {
  readonly cidr: string
  readonly pool: string
  readonly size: number
  readonly inUse: number
  readonly free: number
  /** Of the addresses in use, how many other nodes borrowed (each advertised as a /32 by its borrower). */
  readonly lentOut: number
}

/** An address this host uses from a block affine to another node (calico.md §2.8). */
export interface BorrowedAddress {
  readonly address: string
  readonly block: string
  /** The block's node, by alias. */
  readonly owner: string
  readonly pod: string | undefined
}

export interface HostPod {
  readonly namespace: string
  readonly name: string
  readonly ips: readonly string[]
  readonly pool: string | undefined
  readonly phase: PodPhase
  readonly message: string | undefined
}

/** What a host has of the address plan: its interfaces, tunnels, blocks, borrowed addresses and pods. */
export interface HostAddresses {
  readonly interfaces: readonly InterfaceAddress[]
  readonly tunnels: readonly { readonly device: TunnelDevice; readonly address: string }[]
  readonly blocks: readonly HostBlock[]
  readonly borrowed: readonly BorrowedAddress[]
  readonly pods: readonly HostPod[]
}

/** The block holding an address; blocks are few per pool, so a scan is enough for one host's pods. */
function blockHolding(blocks: readonly BlockState[], address: string): BlockState | undefined {
  const ip = parseIpAddress(address)
  return ip.ok ? blocks.find((b) => b.prefix.family === ip.value.family && prefixContainsAddress(b.prefix, ip.value)) : undefined
}

export function hostAddressesOf(design: Design, network: NetworkState, host: EntityId): HostAddresses {
  const naming = namingOf(design, network)
  const machine = naming.host(host)
  if (!machine) return { interfaces: [], tunnels: [], blocks: [], borrowed: [], pods: [] }
  const segments = new Map(segmentsOf(design).map((s) => [s.id, s]))
  const interfaces = machine.interfaces.map((i): InterfaceAddress => {
    const segment = i.segmentId !== undefined ? segments.get(i.segmentId) : undefined
    const ip = parseIpAddress(i.address)
    const subnet = ip.ok ? segment?.prefixes.find((p) => prefixContainsAddress(p, ip.value)) : undefined
    return { name: i.name, address: i.address, segment: segment?.resource.metadata.name, subnet: subnet ? formatIpPrefix(subnet) : undefined }
  })
  const { ipam } = network
  const tunnels = ipam.tunnels.filter((t) => t.node === machine.name).map((t) => ({ device: TUNNEL_DEVICE[t.kind], address: t.address }))
  const blocks = ipam.blocks.filter((b) => b.affinity === machine.name).map((b) => ({ cidr: b.cidr, pool: b.pool, size: b.size, inUse: b.inUse, free: b.size - b.inUse, lentOut: b.borrowed }))
  const borrowed: BorrowedAddress[] = []
  const pods: HostPod[] = []
  for (const pod of ipam.pods) {
    if (pod.node !== machine.name) continue
    const ownBlock = pod.ips.map((ip) => blockHolding(ipam.blocks, ip))
    pods.push({ namespace: pod.namespace, name: pod.name, ips: pod.ips, pool: ownBlock.find((b) => b !== undefined)?.pool, phase: pod.phase, message: pod.message })
    pod.ips.forEach((address, i) => {
      const block = ownBlock[i]
      if (block && block.affinity !== machine.name)
        borrowed.push({ address, block: block.cidr, owner: block.affinity !== undefined ? naming.name(naming.hostByNodeName(block.affinity)?.id) : 'no node', pod: `${pod.namespace}/${pod.name}` })
    })
  }
  return { interfaces, tunnels, blocks, borrowed, pods }
}
