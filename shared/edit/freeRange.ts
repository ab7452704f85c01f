import type { Design, EntityId } from '../model/design'
import { resourcesOf } from '../model/query'
import { prefixContainsPrefix, prefixesOverlap, prefixSize, type IpPrefix } from '../net'
import { indexRanges, type PlannedRange, type RangeRole } from '../validate/ranges'

/** How far a proposal looks past the range typed before giving up: a /24 in a /8 is 65,536 steps. */
const MAX_STEPS = 65536

/**
 * The ranges a range of `role` may not overlap: every planned range except its own, and except
 * the pod CIDR for a pool (pools are carved out of it by design).
 */
export function rangesInTheWay(design: Design, subject: EntityId, role: RangeRole): PlannedRange[] {
  const { ranges } = indexRanges(design, resourcesOf(design, 'projectcalico.org/v3/IPPool'))
  return ranges.filter((r) => r.subject !== subject && !(role === 'IP pool' && r.role === 'pod CIDR'))
}

/**
 * The first prefix of `start`'s size, from `start` upwards, that overlaps none of `taken` (and stays
 * inside `within` when given); undefined when none is near.
 */
export function nextFreeFrom(start: IpPrefix, taken: readonly IpPrefix[], within?: IpPrefix): IpPrefix | undefined {
  const size = prefixSize(start)
  const top = 1n << BigInt(start.family === 4 ? 32 : 128)
  let network = BigInt(start.network)
  for (let step = 0; step < MAX_STEPS && network + size <= top; step++, network += size) {
    const candidate: IpPrefix = start.family === 4 ? { family: 4, network: Number(network), length: start.length } : { family: 6, network, length: start.length }
    if (within && !prefixContainsPrefix(within, candidate)) {
      if (BigInt(within.network) > network) continue
      return undefined
    }
    if (!taken.some((t) => prefixesOverlap(t, candidate))) return candidate
  }
  return undefined
}

/** For a range refused for overlapping others: the next free one of the same size (inside the pod CIDR for a pool that was). */
export function freeRangeFor(design: Design, subject: EntityId, role: RangeRole, wanted: IpPrefix): IpPrefix | undefined {
  const inTheWay = rangesInTheWay(design, subject, role)
  const podCidr = role === 'IP pool' ? indexRanges(design, []).ranges.find((r) => r.role === 'pod CIDR' && prefixContainsPrefix(r.prefix, wanted))?.prefix : undefined
  return nextFreeFrom(
    wanted,
    inTheWay.map((r) => r.prefix),
    podCidr,
  )
}
