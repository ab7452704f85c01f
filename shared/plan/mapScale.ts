import { familyBits, formatIpAddress, prefixFromAddress, prefixSize, type IpAddress, type IpPrefix } from '../net'

/** A ruler's view: the part of its range in sight, as fractions of it (0 is the first address, 1 past the last). */
export interface ViewWindow {
  readonly lo: number
  readonly hi: number
}

/** Fractions to 2^-52: an IPv6 /48 drawn across a screen still places a /100 exactly. */
const SCALE_BITS = 52n

function bigNetwork(p: IpPrefix): bigint {
  return typeof p.network === 'bigint' ? p.network : BigInt(p.network)
}

/** Where `inner` lies along `outer`, as fractions of it: what a ruler draws. */
export function spanWithin(outer: IpPrefix, inner: IpPrefix): { readonly start: number; readonly end: number } {
  const size = prefixSize(outer)
  const base = bigNetwork(outer)
  const first = bigNetwork(inner)
  const fraction = (offset: bigint): number => Number((offset << SCALE_BITS) / size) / 2 ** 52
  return { start: fraction(first - base), end: fraction(first - base + prefixSize(inner)) }
}

/** The address at a fraction along `outer` (clamped to it). */
export function addressAtFraction(outer: IpPrefix, fraction: number): IpAddress {
  const size = prefixSize(outer)
  const clamped = Math.min(Math.max(fraction, 0), 1)
  let offset = (BigInt(Math.floor(clamped * 2 ** 52)) * size) >> SCALE_BITS
  if (offset >= size) offset = size - 1n
  const value = bigNetwork(outer) + offset
  return outer.family === 4 ? { family: 4, value: Number(value) } : { family: 6, value }
}

/**
 * The prefix of `length` inside `free` around the spot picked at `fraction` along it: a range
 * "sized to fit" is `free` itself, a smaller one the aligned prefix under the pointer.
 */
export function prefixAtFraction(free: IpPrefix, fraction: number, length: number): IpPrefix {
  return prefixFromAddress(addressAtFraction(free, fraction), Math.max(length, free.length))
}

/**
 * The view a ruler opens on: what its range holds, with a margin, so that a pool of a /16 pod
 * network is not a sliver at the edge; all of it when it holds nothing.
 */
export function fitView(outer: IpPrefix, inner: readonly IpPrefix[]): ViewWindow {
  if (inner.length === 0) return { lo: 0, hi: 1 }
  const spans = inner.map((p) => spanWithin(outer, p))
  const lo = Math.min(...spans.map((s) => s.start))
  const hi = Math.max(...spans.map((s) => s.end))
  const margin = (hi - lo) * 0.1
  return { lo: Math.max(0, lo - margin), hi: Math.min(1, hi + margin) }
}

export interface RulerTick {
  readonly fraction: number
  readonly label: string
}

/**
 * Ticks on aligned boundaries, as a subnet calculator marks them: the longest prefix length whose
 * boundaries leave at most `most` ticks in view, each labelled with its address.
 */
export function rulerTicks(outer: IpPrefix, view: ViewWindow, most: number): RulerTick[] {
  const bits = familyBits(outer.family)
  const width = view.hi - view.lo
  if (width <= 0 || most < 1) return []
  // Tick every 2^k addresses; start where there are at most `most` in view.
  let length = outer.length
  while (length < bits && width * 2 ** (length + 1 - outer.length) <= most) length++
  const step = 2 ** (outer.length - length)
  const ticks: RulerTick[] = []
  for (let i = Math.ceil(view.lo / step - 1e-9); i * step <= view.hi + 1e-9 && ticks.length <= most; i++) {
    const fraction = i * step
    if (fraction >= 1) break
    ticks.push({ fraction, label: formatIpAddress(addressAtFraction(outer, fraction)) })
  }
  return ticks
}
