/**
 * Public API of the address library: IP addresses and prefixes as immutable
 * values (IPv4 as a 32-bit number, IPv6 as a bigint), strict parsing,
 * canonical formatting and prefix set operations. Import from here only.
 */
export type { IpAddress, IpFamily, IpPrefix, ParseResult } from './types'
export { familyBits } from './types'
export type { OverlapPair, PrefixItem } from './overlaps'
export { compareAddresses, formatIpAddress, parseIpAddress } from './address'
export { formatIpPrefix, parseIpPrefix } from './prefixText'
export { addressAtOffset, comparePrefixes, prefixContainsAddress, prefixContainsPrefix, prefixesOverlap, prefixFirstAddress, prefixFromAddress, prefixLastAddress, prefixSize } from './prefix'
export { countSubprefixes, DEFAULT_SPLIT_LIMIT, freeSpace, nextFreePrefix, splitPrefix, subtractPrefix, type FreeSpace } from './setOps'
export { findOverlapGroups, findOverlapPositions, findOverlaps, type OverlapGroups } from './overlaps'
