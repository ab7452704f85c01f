import type { AddressMapNode, RangeKind } from './addressMap'

/** What each kind of range is called on the map and in its details. */
export const KIND_NAMES: Readonly<Record<RangeKind, string>> = {
  'private-space': 'private range',
  'pod-cidr': 'pod CIDR',
  'service-cidr': 'service CIDR',
  subnet: 'subnet',
  'service-cluster-ips': 'advertised ClusterIPs',
  'service-external-ips': 'advertised external IPs',
  'service-load-balancer-ips': 'advertised LoadBalancer IPs',
  pool: 'IP pool',
  block: 'block',
  reservation: 'reservation',
  'host-address': 'host address',
  gateway: 'gateway',
}

/** Counts past a million read as powers of two: an IPv6 /64 is 2^64 addresses, not twenty digits. */
export function countText(n: bigint): string {
  if (n < 1_000_000n) return n.toLocaleString('en-US')
  let bits = 0
  for (let v = n; v > 1n; v >>= 1n) bits++
  return 1n << BigInt(bits) === n ? `2^${bits}` : `~2^${bits}`
}

/** "9 of 256 in use · 64 free" for a pool; what is known, for each kind. */
export function usageText(node: AddressMapNode): string {
  const size = countText(node.size)
  if (node.kind === 'host-address' || node.kind === 'gateway') return node.prefix.length === (node.prefix.family === 4 ? 32 : 128) ? 'one address' : `${size} addresses`
  const parts = [node.inUse === undefined ? `${size} addresses` : `${countText(node.inUse)} of ${size} in use`]
  if (node.kind !== 'block' && node.children.length > 0) parts.push(`${countText(node.size - node.allocated)} unallocated`)
  return parts.join(' · ')
}
