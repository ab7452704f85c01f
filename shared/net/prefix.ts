/**
 * Prefix arithmetic. Containment, overlap and ordering are the hot paths
 * (validation runs them over every pool and block), so IPv4 stays in plain
 * 32-bit integer arithmetic there; only sizes and offsets, which can exceed
 * 2^53 for IPv6, use bigint for both families.
 */
import { formatIpAddress } from './address'
import { ipv4Mask } from './ipv4'
import { ipv6Mask } from './ipv6'
import { familyBits } from './types'
import type { IpAddress, IpFamily, IpPrefix } from './types'

/**
 * The prefix of `length` bits that holds `a`, with host bits cleared.
 * @throws RangeError if `length` is not an integer in [0, 32] (IPv4) or [0, 128] (IPv6).
 */
export function prefixFromAddress(a: IpAddress, length: number): IpPrefix {
  assertLength(a.family, length)
  if (a.family === 4) return { family: 4, network: (a.value & ipv4Mask(length)) >>> 0, length }
  return { family: 6, network: a.value & ipv6Mask(length), length }
}

/** True when `a` lies inside `p`. Always false across families. */
export function prefixContainsAddress(p: IpPrefix, a: IpAddress): boolean {
  if (p.family === 4) return a.family === 4 && (a.value & ipv4Mask(p.length)) >>> 0 === p.network
  return a.family === 6 && (a.value & ipv6Mask(p.length)) === p.network
}

/**
 * True when every address of `inner` lies in `outer` (a prefix contains
 * itself). Masking the inner network with the outer length and comparing is
 * enough because both are canonical.
 */
export function prefixContainsPrefix(outer: IpPrefix, inner: IpPrefix): boolean {
  if (outer.length > inner.length) return false
  if (outer.family === 4) return inner.family === 4 && (inner.network & ipv4Mask(outer.length)) >>> 0 === outer.network
  return inner.family === 6 && (inner.network & ipv6Mask(outer.length)) === outer.network
}

/**
 * True when the prefixes share an address. Prefixes are laminar (two are
 * either disjoint or nested), so overlap is containment of the longer one
 * in the shorter one.
 */
export function prefixesOverlap(a: IpPrefix, b: IpPrefix): boolean {
  return a.length <= b.length ? prefixContainsPrefix(a, b) : prefixContainsPrefix(b, a)
}

/**
 * The total order on prefixes: IPv4 before IPv6, then by network, then
 * shorter first. A prefix therefore sorts before everything it contains,
 * which the overlap sweep relies on. Returns -1, 0 or 1.
 */
export function comparePrefixes(a: IpPrefix, b: IpPrefix): number {
  if (a.family !== b.family) return a.family < b.family ? -1 : 1
  if (a.network !== b.network) return a.network < b.network ? -1 : 1
  if (a.length !== b.length) return a.length < b.length ? -1 : 1
  return 0
}

/** Number of addresses in the prefix (2^(bits - length)); bigint because ::/0 has 2^128. */
export function prefixSize(p: IpPrefix): bigint {
  return 1n << BigInt(familyBits(p.family) - p.length)
}

/** The network address, the lowest address of the prefix. */
export function prefixFirstAddress(p: IpPrefix): IpAddress {
  return p.family === 4 ? { family: 4, value: p.network } : { family: 6, value: p.network }
}

/** The highest address of the prefix (for IPv4, the broadcast address unless /31 or /32). */
export function prefixLastAddress(p: IpPrefix): IpAddress {
  if (p.family === 4) return { family: 4, value: (p.network | ~ipv4Mask(p.length)) >>> 0 }
  return { family: 6, value: p.network | (prefixSize(p) - 1n) }
}

/**
 * The address `offset` places after the network address.
 * @throws RangeError unless 0 <= offset < prefixSize(p); a `number` offset must be a safe integer.
 */
export function addressAtOffset(p: IpPrefix, offset: bigint | number): IpAddress {
  // IPv4 with a small number offset is IPAM's hot path: no BigInt at all.
  if (p.family === 4 && typeof offset === 'number' && Number.isInteger(offset) && offset >= 0 && offset < 2 ** (32 - p.length)) {
    return { family: 4, value: p.network + offset }
  }
  if (typeof offset === 'number' && !Number.isSafeInteger(offset)) {
    throw new RangeError(`offset ${offset} is not a safe integer`)
  }
  const wide = BigInt(offset)
  const size = prefixSize(p)
  if (wide < 0n || wide >= size) {
    const shown = `${formatIpAddress(prefixFirstAddress(p))}/${p.length}`
    throw new RangeError(`offset ${wide} is outside ${shown}, which has ${size} addresses`)
  }
  if (p.family === 4) return { family: 4, value: p.network + Number(wide) }
  return { family: 6, value: p.network + wide }
}

/** The network of either family as a bigint, for the code paths that share one implementation. */
export function networkAsBigInt(p: IpPrefix): bigint {
  return typeof p.network === 'bigint' ? p.network : BigInt(p.network)
}

/** Builds a prefix from a bigint network that is already canonical for `length`. */
export function prefixFromBigInt(family: IpFamily, network: bigint, length: number): IpPrefix {
  return family === 4 ? { family: 4, network: Number(network), length } : { family: 6, network, length }
}

/**
 * Guards a caller-supplied prefix length; a bad one is a programming error.
 * @throws RangeError if `length` is not an integer in [0, bits].
 */
export function assertLength(family: IpFamily, length: number): void {
  const bits = familyBits(family)
  if (!Number.isInteger(length) || length < 0 || length > bits) {
    throw new RangeError(`prefix length ${length} is out of range for IPv${family} (0-${bits})`)
  }
}
