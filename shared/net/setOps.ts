/**
 * Operations on sets of addresses expressed as prefixes: subtraction,
 * splitting and first-fit allocation. They run once per edit rather than per
 * pair of prefixes, so both families share one bigint implementation instead
 * of two subtly different ones.
 */
import { assertLength, comparePrefixes, networkAsBigInt, prefixContainsPrefix, prefixesOverlap, prefixFromBigInt, prefixLastAddress } from './prefix'
import { familyBits } from './types'
import type { IpPrefix } from './types'

/** Default cap on the blocks `splitPrefix` builds, so a slip like /8 into /32 cannot allocate 16 M objects. */
export const DEFAULT_SPLIT_LIMIT = 65536

/**
 * The addresses of `from` that are not in `remove`, as the minimal list of
 * canonical prefixes, sorted by `comparePrefixes`. Disjoint or cross-family
 * input returns `[from]`; if `remove` covers `from` the result is empty.
 */
export function subtractPrefix(from: IpPrefix, remove: IpPrefix): IpPrefix[] {
  if (!prefixesOverlap(from, remove)) return [from]
  if (prefixContainsPrefix(remove, from)) return []
  // `from` strictly contains `remove`. Walk from `from` down to `remove` one
  // bit at a time: at each level the half that does not hold `remove` is
  // free, giving one prefix per level, which no coarser cover can beat.
  const bits = familyBits(from.family)
  const target = networkAsBigInt(remove)
  const rest: IpPrefix[] = []
  for (let length = from.length + 1; length <= remove.length; length++) {
    const halfBit = 1n << BigInt(bits - length)
    const onPath = target & lengthMask(bits, length)
    rest.push(prefixFromBigInt(from.family, onPath ^ halfBit, length))
  }
  return rest.sort(comparePrefixes)
}

/**
 * Number of prefixes of `newLength` inside `p`: 2^(newLength - p.length),
 * without building them (a bigint, since ::/0 holds 2^128 host routes).
 * @throws RangeError if `newLength` is shorter than `p.length` or longer than the family allows.
 */
export function countSubprefixes(p: IpPrefix, newLength: number): bigint {
  assertSplitLength(p, newLength)
  return 1n << BigInt(newLength - p.length)
}

/**
 * Cuts `p` into consecutive prefixes of `newLength`, lowest first.
 * @throws RangeError if `newLength` is shorter than `p.length` or longer than
 *   the family allows, or if the result would hold more than `limit` blocks.
 */
export function splitPrefix(p: IpPrefix, newLength: number, limit: number = DEFAULT_SPLIT_LIMIT): IpPrefix[] {
  const count = countSubprefixes(p, newLength)
  if (!Number.isSafeInteger(limit) || limit < 0) throw new RangeError(`split limit ${limit} is not a non-negative integer`)
  if (count > BigInt(limit)) {
    throw new RangeError(`splitting /${p.length} into /${newLength} gives ${count} blocks, more than the limit of ${limit}`)
  }
  const blocks: IpPrefix[] = []
  if (p.family === 4) {
    // The count is below 2^53 here, and network + i * step < 2^32, so plain numbers are exact.
    const step = 2 ** (32 - newLength)
    for (let i = 0; i < Number(count); i++) blocks.push({ family: 4, network: p.network + i * step, length: newLength })
  } else {
    const step = 1n << BigInt(128 - newLength)
    for (let i = 0n; i < count; i++) blocks.push({ family: 6, network: p.network + i * step, length: newLength })
  }
  return blocks
}

/**
 * The lowest prefix of `length` inside `within` that overlaps none of `used`
 * (first fit), or undefined if none is free. Prefixes of the other family in
 * `used` are ignored. A `length` shorter than `within.length` cannot fit, so
 * it also gives undefined. Runs in O(n log n) for n used prefixes: it sorts
 * them and jumps past each one instead of trying every candidate block.
 * @throws RangeError if `length` is outside the family's range.
 */
export function nextFreePrefix(within: IpPrefix, length: number, used: readonly IpPrefix[]): IpPrefix | undefined {
  assertLength(within.family, length)
  if (length < within.length) return undefined
  const bits = familyBits(within.family)
  const blockSize = 1n << BigInt(bits - length)
  const end = lastAsBigInt(within)
  const taken = used.filter((u) => prefixesOverlap(u, within)).sort(comparePrefixes)
  // `within` is aligned to a coarser boundary than `length`, so its network is a valid first candidate.
  let candidate = networkAsBigInt(within)
  for (const u of taken) {
    const start = networkAsBigInt(u)
    const last = lastAsBigInt(u)
    if (last < candidate) continue // nested in a block already skipped
    if (start > candidate + blockSize - 1n) break // sorted by start: nothing later touches the candidate
    candidate = ((last + blockSize) / blockSize) * blockSize // first aligned block after `u`
    if (candidate > end) return undefined
  }
  return prefixFromBigInt(within.family, candidate, length)
}

/** What of a prefix is free: its largest aligned free prefixes, lowest first, and how many addresses are free. */
export interface FreeSpace {
  /** At most the `limit` asked for; `more` says whether any were left out. */
  readonly prefixes: readonly IpPrefix[]
  readonly more: boolean
  readonly addresses: bigint
}

/**
 * The addresses of `within` that none of `used` covers, as the largest aligned prefixes that fit
 * (what NetBox's "show available" and a subnet calculator list): each free address lies in exactly
 * one of them, the largest aligned prefix around it that is free. One sweep over the sorted used
 * prefixes, O(n log n) plus the output; other-family prefixes in `used` are ignored.
 */
export function freeSpace(within: IpPrefix, used: readonly IpPrefix[], limit: number = DEFAULT_SPLIT_LIMIT): FreeSpace {
  const bits = familyBits(within.family)
  const taken = used.filter((u) => prefixesOverlap(u, within)).sort(comparePrefixes)
  const prefixes: IpPrefix[] = []
  let more = false
  let addresses = 0n
  let next = networkAsBigInt(within)
  const end = lastAsBigInt(within)
  const gap = (first: bigint, last: bigint): void => {
    addresses += last - first + 1n
    for (let start = first; start <= last && !more;) {
      if (prefixes.length >= limit) {
        more = true
        break
      }
      // The largest block aligned at `start` that ends inside the gap.
      let size = 1n
      while (size < 1n << BigInt(bits) && start % (size * 2n) === 0n && start + size * 2n - 1n <= last) size *= 2n
      prefixes.push(prefixFromBigInt(within.family, start, bits - bitLength(size)))
      start += size
    }
  }
  for (const u of taken) {
    const first = networkAsBigInt(u)
    const last = lastAsBigInt(u)
    if (last < next) continue
    if (first > next) gap(next, first - 1n)
    next = last + 1n
    if (next > end) break
  }
  if (next <= end) gap(next, end)
  return { prefixes, more, addresses }
}

/** log2 of a power of two. */
function bitLength(powerOfTwo: bigint): number {
  let n = 0
  for (let v = powerOfTwo; v > 1n; v >>= 1n) n++
  return n
}

function assertSplitLength(p: IpPrefix, newLength: number): void {
  assertLength(p.family, newLength)
  if (newLength < p.length) throw new RangeError(`cannot split a /${p.length} into larger /${newLength} blocks`)
}

/** Netmask of `length` in a `bits`-wide space, as a bigint for either family. */
function lengthMask(bits: number, length: number): bigint {
  return ((1n << BigInt(bits)) - 1n) ^ ((1n << BigInt(bits - length)) - 1n)
}

function lastAsBigInt(p: IpPrefix): bigint {
  const last = prefixLastAddress(p)
  return typeof last.value === 'bigint' ? last.value : BigInt(last.value)
}
