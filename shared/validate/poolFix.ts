import type { ProposedEdit } from '../diagnostics'
import type { EntityId } from '../model/design'
import { formatIpPrefix, nextFreePrefix, prefixContainsPrefix, type IpPrefix } from '../net'
import { networkAsBigInt, prefixFromBigInt } from '../net/prefix'
import type { RangeIndex } from './ranges'

/** The aligned prefixes that cover `within` from its start up to (not including) `end`: what "after" leaves out. */
function coverBefore(within: IpPrefix, end: bigint): IpPrefix[] {
  const bits = within.family === 4 ? 32 : 128
  const cover: IpPrefix[] = []
  let start = networkAsBigInt(within)
  while (start < end) {
    let size = 1n
    while (size < 1n << BigInt(bits) && start % (size * 2n) === 0n && start + size * 2n <= end) size *= 2n
    cover.push(prefixFromBigInt(within.family, start, bits - (size.toString(2).length - 1)))
    start += size
  }
  return cover
}

/**
 * Where a pool could move to clear an overlap, as an edit of its CIDR in the inspector's terms
 * (which renumbers what the pool holds): the next free range of its own size inside the pod CIDR
 * of its family (the one holding it, else the first), from where it is upwards, then from the
 * start; clear of every other pool, service CIDR and subnet. The blockSize stays valid, as the
 * length does not change. Undefined without a pod CIDR of that family or room in it.
 */
export function poolMoveProposal(index: RangeIndex, pool: { readonly id: EntityId; readonly name: string; readonly prefix: IpPrefix }): ProposedEdit | undefined {
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
  const from = prefixContainsPrefix(within, pool.prefix) ? networkAsBigInt(pool.prefix) : networkAsBigInt(within)
  const free = nextFreePrefix(within, pool.prefix.length, [...used, ...coverBefore(within, from)]) ?? nextFreePrefix(within, pool.prefix.length, used)
  if (!free) return undefined
  const cidr = formatIpPrefix(free)
  return { label: `Move IPPool ${pool.name} to ${cidr}`, subject: pool.id, field: 'cidr', text: cidr }
}
