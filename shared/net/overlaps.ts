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
  const pairs = findOverlapPositions(items.map((item) => item.prefix))
  return pairs.map(([a, b]) => ({ a: idAt(items, a), b: idAt(items, b) }))
}

/**
 * `findOverlaps` by input position, for callers that already hold their items in an array:
 * no id strings, so large designs allocate far less. Each pair is `[first, second]` with
 * first < second, sorted by first, then second. k identical prefixes give k(k-1)/2 pairs; callers
 * that report to people use `findOverlapGroups`, which does not spell them out.
 */
export function findOverlapPositions(prefixes: readonly IpPrefix[]): (readonly [number, number])[] {
  const { members, starts, nested } = findOverlapGroups(prefixes)
  const pairs: PairList = { firsts: [], seconds: [] }
  const add = (x: number, y: number): void => {
    pairs.firsts.push(Math.min(x, y))
    pairs.seconds.push(Math.max(x, y))
  }
  for (let g = 0; g + 1 < starts.length; g++) {
    for (let i = starts[g] as number; i < (starts[g + 1] as number); i++) for (let j = i + 1; j < (starts[g + 1] as number); j++) add(members[i] as number, members[j] as number)
  }
  for (const [g, h] of nested) {
    for (let i = starts[g] as number; i < (starts[g + 1] as number); i++) for (let j = starts[h] as number; j < (starts[h + 1] as number); j++) add(members[i] as number, members[j] as number)
  }
  return sortedPairs(prefixes.length, pairs)
}

/**
 * Overlaps as groups, in time that grows with the distinct prefixes and the pairs among them,
 * never with the square of a repeated prefix: two thousand copies of one pool are one group, not
 * two million pairs.
 */
export interface OverlapGroups {
  /**
   * Input positions grouped by prefix: group g is `members[starts[g]]` up to `members[starts[g + 1] - 1]`,
   * in input order. Groups are numbered in the order of their first position; a prefix written
   * once is a group of one.
   */
  readonly members: Uint32Array
  readonly starts: Uint32Array
  /** Pairs of groups whose different prefixes overlap (one holds the other), `[g, h]` with g < h, sorted. */
  readonly nested: readonly (readonly [number, number])[]
}

export function findOverlapGroups(prefixes: readonly IpPrefix[]): OverlapGroups {
  const count = prefixes.length
  const networks = new Uint32Array(count)
  const lengths = new Uint8Array(count)
  const lasts = new Float64Array(count)
  const v4Positions: number[] = []
  const v6: Entry<bigint>[] = []
  for (let position = 0; position < count; position++) {
    const prefix = prefixes[position] as IpPrefix
    if (prefix.family === 4) {
      networks[position] = prefix.network
      lengths[position] = prefix.length
      lasts[position] = prefix.network + 2 ** (32 - prefix.length) - 1
      v4Positions.push(position)
    } else {
      const last = prefix.network + (1n << BigInt(128 - prefix.length)) - 1n
      v6.push({ first: prefix.network, last, key: (prefix.network << 8n) | BigInt(prefix.length), position })
    }
  }
  v6.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : x.position - y.position))

  const v4Order = radixSortIpv4(networks, lengths, Uint32Array.from(v4Positions))
  const sameV4 = (x: number, y: number): boolean => networks[x] === networks[y] && lengths[x] === lengths[y]
  let copies = false
  for (let i = 1; i < v4Order.length && !copies; i++) copies = sameV4(v4Order[i - 1] as number, v4Order[i] as number)
  for (let i = 1; i < v6.length && !copies; i++) copies = (v6[i - 1] as Entry<bigint>).key === (v6[i] as Entry<bigint>).key
  const pairs: PairList = { firsts: [], seconds: [] }
  // Every prefix written once (the usual design): each position is its own group already.
  if (!copies) {
    sweepIpv4(networks, lasts, v4Order, pairs)
    sweep(v6, pairs)
    const identity = identityOrder(count + 1)
    return { members: identity.subarray(0, count), starts: identity, nested: sortedPairs(count, pairs) }
  }

  // Sorted runs of one prefix are its copies, first position first (the sorts are stable); the
  // first stands for the run in the sweep.
  const leader = new Uint32Array(count)
  const v4Leaders = new Uint32Array(v4Order.length)
  let v4LeaderCount = 0
  for (let i = 0; i < v4Order.length; i++) {
    const position = v4Order[i] as number
    const previous = i > 0 ? (v4Order[i - 1] as number) : -1
    if (previous >= 0 && sameV4(previous, position)) leader[position] = leader[previous] as number
    else v4Leaders[v4LeaderCount++] = leader[position] = position
  }
  const v6Leaders: Entry<bigint>[] = []
  v6.forEach((entry, i) => {
    const previous = v6[i - 1]
    if (previous && previous.key === entry.key) leader[entry.position] = leader[previous.position] as number
    else {
      leader[entry.position] = entry.position
      v6Leaders.push(entry)
    }
  })
  sweepIpv4(networks, lasts, v4Leaders.subarray(0, v4LeaderCount), pairs)
  sweep(v6Leaders, pairs)

  // Number groups by their leader's position, and list members in input order.
  const groupOf = new Int32Array(count).fill(-1)
  let groups = 0
  for (let position = 0; position < count; position++) if (leader[position] === position) groupOf[position] = groups++
  const starts = new Uint32Array(groups + 1)
  for (let position = 0; position < count; position++) starts[(groupOf[leader[position] as number] as number) + 1]! += 1
  for (let g = 1; g <= groups; g++) starts[g]! += starts[g - 1]!
  const members = new Uint32Array(count)
  const next = starts.slice(0, groups)
  for (let position = 0; position < count; position++) members[next[groupOf[leader[position] as number] as number]!++] = position
  const grouped: PairList = { firsts: [], seconds: [] }
  for (let i = 0; i < pairs.firsts.length; i++) {
    const g = groupOf[pairs.firsts[i] as number] as number
    const h = groupOf[pairs.seconds[i] as number] as number
    grouped.firsts.push(Math.min(g, h))
    grouped.seconds.push(Math.max(g, h))
  }
  return { members, starts, nested: sortedPairs(groups, grouped) }
}

/**
 * IPv4 positions ordered by network, then length, then input position: three stable counting
 * passes (length, low 16 bits, high 16 bits) instead of a comparison sort. Designs with 100,000
 * prefixes are almost all IPv4, and this is where their validation spent its time.
 */
function radixSortIpv4(networks: Uint32Array, lengths: Uint8Array, positions: Uint32Array): Uint32Array {
  let order: Uint32Array = positions
  let sorted: Uint32Array = new Uint32Array(order.length)
  const counts = new Uint32Array(0x10001)
  // Least significant key first; each pass is stable, so earlier orders survive as tie-breaks.
  for (const digitOf of [0, 1, 2]) {
    counts.fill(0)
    for (let i = 0; i < order.length; i++) counts[ipv4Digit(networks, lengths, order[i] as number, digitOf) + 1]! += 1
    for (let b = 1; b < counts.length; b++) counts[b]! += counts[b - 1]!
    for (let i = 0; i < order.length; i++) {
      const position = order[i] as number
      sorted[counts[ipv4Digit(networks, lengths, position, digitOf)]!++] = position
    }
    ;[order, sorted] = [sorted, order]
  }
  return order
}

/** Digit 0 is the length, 1 the low 16 bits of the network, 2 the high 16 bits. */
function ipv4Digit(networks: Uint32Array, lengths: Uint8Array, position: number, digit: number): number {
  const network = networks[position] as number
  return digit === 0 ? (lengths[position] as number) : digit === 1 ? network & 0xffff : network >>> 16
}

/** `sweep` for IPv4 over positions in sorted order, on typed arrays instead of entry objects. */
function sweepIpv4(networks: Uint32Array, lasts: Float64Array, order: Uint32Array, pairs: PairList): void {
  // Not bounded by the 33 prefix lengths: equal prefixes nest in each other, any number deep.
  const open: number[] = []
  let depth = 0
  for (let i = 0; i < order.length; i++) {
    const position = order[i] as number
    const first = networks[position] as number
    while (depth > 0 && (lasts[open[depth - 1] as number] as number) < first) depth -= 1
    for (let d = 0; d < depth; d++) {
      const outer = open[d] as number
      pairs.firsts.push(Math.min(outer, position))
      pairs.seconds.push(Math.max(outer, position))
    }
    open[depth++] = position
  }
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
function sortedPairs(count: number, pairs: PairList): (readonly [number, number])[] {
  const bySecond = countingSort(pairs.seconds, identityOrder(pairs.seconds.length), count)
  const order = countingSort(pairs.firsts, bySecond, count)
  const result: (readonly [number, number])[] = []
  for (let rank = 0; rank < order.length; rank++) {
    const pair = order[rank] ?? 0
    result.push([pairs.firsts[pair] ?? 0, pairs.seconds[pair] ?? 0])
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
