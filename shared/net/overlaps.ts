/** Finding every overlapping pair in a set of prefixes. */
import type { IpPrefix } from './types'

/** One overlapping pair of items, named by id; `a` is the one that comes first in the input. */
export interface OverlapPair {
  readonly a: string
  readonly b: string
}

/** An item to check: its prefix and the id reported for it. */
export interface PrefixItem {
  readonly prefix: IpPrefix
  readonly id: string
}

/** One item in the sweep: its address interval and where it sits in the input. */
interface Entry<T extends number | bigint> {
  readonly first: T
  readonly last: T
  /** Sort key: network, then length, packed into one value so the comparator stays cheap. */
  readonly key: T
  readonly position: number
}

/** Found pairs as parallel arrays of input positions (first < second): far lighter than an object per pair. */
interface PairList {
  readonly firsts: number[]
  readonly seconds: number[]
}

/**
 * Every pair of items whose prefixes overlap (share an address), in
 * O(n log n + k) for n items and k pairs.
 *
 * Prefixes are laminar (disjoint or nested), so overlap is containment, and
 * the families never overlap, so each family is swept on its own. Sorted by
 * network and then length (the `comparePrefixes` order), a prefix comes
 * before everything it contains. The sweep keeps a stack of the open chain of
 * enclosing prefixes: an entry whose last address is below the current
 * network ends before it and is popped for good, and every entry left on the
 * stack contains the current one. Each reported pair costs O(1). Equal
 * prefixes overlap.
 *
 * Within a pair, `a` is the item earlier in the input. Pairs are sorted by
 * the input position of `a`, then of `b`, so the result depends only on the
 * input and matches the order of a naive nested loop.
 */
export function findOverlaps(items: readonly PrefixItem[]): OverlapPair[] {
  const v4: Entry<number>[] = []
  const v6: Entry<bigint>[] = []
  items.forEach(({ prefix }, position) => {
    if (prefix.family === 4) {
      // network * 64 + length < 2^38 stays exact; 64 > 32 keeps the order lexicographic.
      const last = prefix.network + 2 ** (32 - prefix.length) - 1
      v4.push({ first: prefix.network, last, key: prefix.network * 64 + prefix.length, position })
    } else {
      const last = prefix.network + (1n << BigInt(128 - prefix.length)) - 1n
      v6.push({ first: prefix.network, last, key: (prefix.network << 8n) | BigInt(prefix.length), position })
    }
  })
  // Comparators specialised per family: a shared number|bigint comparator is several times slower in V8.
  v4.sort((x, y) => x.key - y.key || x.position - y.position)
  v6.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : x.position - y.position))
  const pairs: PairList = { firsts: [], seconds: [] }
  sweep(v4, pairs)
  sweep(v6, pairs)
  return sortedPairs(items, pairs)
}

/** The stack sweep over one family's entries, in sorted order; appends each pair to `pairs`. */
function sweep<T extends number | bigint>(entries: readonly Entry<T>[], pairs: PairList): void {
  const open: Entry<T>[] = []
  for (const entry of entries) {
    // Sorted and laminar: the top contains the entry exactly when it has not ended before it.
    for (let top = open.at(-1); top && top.last < entry.first; top = open.at(-1)) open.pop()
    for (const outer of open) {
      pairs.firsts.push(Math.min(outer.position, entry.position))
      pairs.seconds.push(Math.max(outer.position, entry.position))
    }
    open.push(entry)
  }
}

/**
 * Orders pairs by (first, second) input position as two stable counting
 * sorts, least significant key first, so sorting stays O(n + k) rather than
 * the O(k log k) of a comparison sort.
 */
function sortedPairs(items: readonly PrefixItem[], pairs: PairList): OverlapPair[] {
  const bySecond = countingSort(pairs.seconds, identityOrder(pairs.seconds.length), items.length)
  const order = countingSort(pairs.firsts, bySecond, items.length)
  const result: OverlapPair[] = []
  for (let rank = 0; rank < order.length; rank++) {
    const pair = order[rank] ?? 0
    result.push({ a: idAt(items, pairs.firsts[pair]), b: idAt(items, pairs.seconds[pair]) })
  }
  return result
}

function identityOrder(length: number): Uint32Array {
  const order = new Uint32Array(length)
  for (let i = 0; i < length; i++) order[i] = i
  return order
}

/** Stable counting sort of the pair indices in `order` by `keys[pair]`, for keys in [0, range). */
function countingSort(keys: readonly number[], order: Uint32Array, range: number): Uint32Array {
  const next = new Uint32Array(range + 1) // next[key]: where the next pair with this key goes
  for (const key of keys) next[key + 1] = (next[key + 1] ?? 0) + 1
  for (let key = 1; key <= range; key++) next[key] = (next[key] ?? 0) + (next[key - 1] ?? 0)
  const sorted = new Uint32Array(order.length)
  for (const pair of order) {
    const key = keys[pair] ?? 0
    const at = next[key] ?? 0
    sorted[at] = pair
    next[key] = at + 1
  }
  return sorted
}

function idAt(items: readonly PrefixItem[], position: number | undefined): string {
  const item = position === undefined ? undefined : items[position]
  if (!item) throw new RangeError(`no item at position ${position}`) // unreachable: positions come from `items`
  return item.id
}
