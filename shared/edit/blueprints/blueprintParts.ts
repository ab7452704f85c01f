import type { Design } from '../../model/design'
import { clusterOf, ipPoolsOf } from '../../model/query'
import { addressAtOffset, formatIpAddress, formatIpPrefix, nextFreePrefix, parseIpPrefix } from '../../net'
import { indexRanges } from '../../validate/ranges'
import type { BlueprintBuilder } from './blueprintBuilder'

/** Where blueprint subnets come from, as for segments drawn from the palette. */
const SUBNET_SPACE = '10.0.0.0/8'
/** A pool as Calico's install creates one when there is none (calico.md §1.5); CrossSubnet keeps traffic inside a subnet unencapsulated. */
const DEFAULT_POOL = 'default-ipv4-ippool'

export function freeSubnet(design: Design): string | undefined {
  const space = parseIpPrefix(SUBNET_SPACE)
  if (!space.ok) return undefined
  const prefix = nextFreePrefix(
    space.value,
    24,
    indexRanges(design, ipPoolsOf(design)).ranges.map((r) => r.prefix),
  )
  return prefix ? formatIpPrefix(prefix) : undefined
}

export function gatewayOf(cidr: string): string {
  const prefix = parseIpPrefix(cidr)
  if (!prefix.ok) throw new Error(`${cidr} is not a prefix`)
  return formatIpAddress(addressAtOffset(prefix.value, 1))
}

/** Calico's default pool, when the design has no IPv4 pool: every node then claims a block for its tunnel address. */
export function ensurePool(builder: BlueprintBuilder): void {
  if (ipPoolsOf(builder.design).some((p) => !p.spec.cidr.includes(':'))) return
  const cidr = clusterOf(builder.design)?.spec.podCIDRs?.find((c) => !c.includes(':')) ?? '192.168.0.0/16'
  builder.apply({
    apiVersion: 'projectcalico.org/v3',
    kind: 'IPPool',
    metadata: { name: builder.freshName('IPPool', DEFAULT_POOL) },
    spec: { cidr, blockSize: 26, ipipMode: 'CrossSubnet', vxlanMode: 'Never', natOutgoing: true, nodeSelector: 'all()' },
  })
}

/** A Kubernetes node on `address`, with the labels kubelet gives it, and a Calico Node when its BGP differs from the cluster's. */
export function addNode(builder: BlueprintBuilder, name: string, address: string, labels: Readonly<Record<string, string>>, bgp: Readonly<Record<string, unknown>> = {}): void {
  builder.apply({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...labels } },
    status: { addresses: [{ type: 'InternalIP', address }] },
  })
  if (Object.keys(bgp).length > 0) builder.apply({ apiVersion: 'projectcalico.org/v3', kind: 'Node', metadata: { name }, spec: { bgp } })
}
