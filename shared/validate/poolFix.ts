import type { DiagnosticFix } from '../diagnostics'
import type { EntityId } from '../model/design'
import { formatIpPrefix, nextFreePrefix, prefixContainsPrefix, type IpPrefix } from '../net'
import type { RangeIndex } from './ranges'

/**
 * Where a pool could move to clear an overlap: the first free range of its own size inside the
 * pod CIDR of its family (the one holding it, else the first), clear of every other pool, service
 * CIDR and subnet. Its blockSize stays valid, as the length does not change. Undefined when the
 * design has no pod CIDR of that family or it has no room left.
 */
export function poolMoveFix(index: RangeIndex, pool: { readonly id: EntityId; readonly name: string; readonly prefix: IpPrefix }): DiagnosticFix | undefined {
  const podCidrs = index.ranges.filter((r) => r.role === 'pod CIDR' && r.prefix.family === pool.prefix.family)
  const within = (podCidrs.find((r) => prefixContainsPrefix(r.prefix, pool.prefix)) ?? podCidrs[0])?.prefix
  if (!within) return undefined
  // Its own range (once: an identical copy elsewhere still counts) and the pod CIDRs are not in the way.
  let skippedOwn = false
  const used = index.ranges.flatMap((r) => {
    if (r.role === 'pod CIDR') return []
    if (!skippedOwn && r.subject === pool.id && r.role === 'IP pool') {
      skippedOwn = true
      return []
    }
    return [r.prefix]
  })
  const free = nextFreePrefix(within, pool.prefix.length, used)
  if (!free) return undefined
  const cidr = formatIpPrefix(free)
  return { label: `Move IPPool ${pool.name} to ${cidr}`, subject: pool.id, path: ['spec', 'cidr'], value: cidr }
}
