/**
 * IPv6 as a 128-bit `bigint`.
 *
 * Parsing accepts every text form of RFC 4291 §2.2 (leading zeros in a group,
 * one "::", a trailing dotted quad); formatting produces the single canonical
 * form of RFC 5952, so the stored text of equal addresses is equal.
 */
import { formatIpv4Value, parseIpv4Value } from './ipv4'
import type { PartResult } from './types'

/** Largest IPv6 value, all 128 bits set. */
export const IPV6_MAX = (1n << 128n) - 1n

const GROUP = /^[0-9a-fA-F]{1,4}$/
const HEX = /^[0-9a-fA-F]+$/
// RFC 4291 §2.5.5.2: IPv4-mapped addresses are ::ffff:0:0/96, i.e. the top
// 96 bits read 0xffff.
const V4_MAPPED_HIGH_BITS = 0xffffn

/** Netmask for a prefix length. Unlike `<<` on numbers, bigint shifts by the full width are exact, so /0 needs no case. */
export function ipv6Mask(length: number): bigint {
  return IPV6_MAX ^ ((1n << BigInt(128 - length)) - 1n)
}

/**
 * Parses IPv6 text (RFC 4291 §2.2). Zone identifiers ("fe80::1%eth0") are
 * rejected: a zone names an interface of one host and has no place in a
 * network design. A trailing dotted quad follows the strict IPv4 rules.
 */
export function parseIpv6Value(text: string): PartResult<bigint> {
  if (text.includes('%')) return { ok: false, reason: 'zone identifiers (%...) are not supported' }
  const halves = text.split('::')
  if (halves.length > 2) return { ok: false, reason: '"::" may appear only once' }
  const head = parseGroups(halves[0] ?? '', halves.length === 1)
  if (!head.ok) return head
  const tail = parseGroups(halves[1] ?? '', true)
  if (!tail.ok) return tail
  const explicit = head.value.length + tail.value.length
  if (halves.length === 1 && explicit !== 8) {
    return { ok: false, reason: `expected eight groups of hex digits, found ${explicit}` }
  }
  // "::" stands for one or more zero groups (RFC 4291 §2.2 item 2).
  if (halves.length === 2 && explicit > 7) return { ok: false, reason: 'too many groups around "::"' }
  const zeros: number[] = new Array<number>(8 - explicit).fill(0)
  let value = 0n
  for (const group of [...head.value, ...zeros, ...tail.value]) value = (value << 16n) | BigInt(group)
  return { ok: true, value }
}

/**
 * Parses the colon-separated groups on one side of "::" (or the whole text
 * when there is none). A dotted quad may only be the last piece of the
 * address, so it is allowed only when `isEnd`; it counts as two groups.
 */
function parseGroups(text: string, isEnd: boolean): PartResult<number[]> {
  if (text === '') return { ok: true, value: [] }
  const pieces = text.split(':')
  const groups: number[] = []
  for (const [index, piece] of pieces.entries()) {
    if (piece.includes('.')) {
      if (!isEnd || index !== pieces.length - 1) {
        return { ok: false, reason: 'an embedded IPv4 address may only end the address' }
      }
      const v4 = parseIpv4Value(piece)
      if (!v4.ok) return { ok: false, reason: `embedded IPv4 address: ${v4.reason}` }
      groups.push(v4.value >>> 16, v4.value & 0xffff)
    } else if (piece === '') {
      return { ok: false, reason: 'a group is empty (stray ":")' }
    } else if (!GROUP.test(piece)) {
      const why = HEX.test(piece) ? 'has more than four hex digits' : 'is not hexadecimal'
      return { ok: false, reason: `group ${piece} ${why}` }
    } else {
      groups.push(Number.parseInt(piece, 16))
    }
  }
  return { ok: true, value: groups }
}

/**
 * RFC 5952 text: lowercase hex without leading zeros (§4.1, §4.3), the
 * longest run of two or more zero groups shortened to "::", the first run on
 * a tie (§4.2). IPv4-mapped addresses use the mixed form "::ffff:1.2.3.4"
 * that §5 recommends, which is also what Go's net/netip prints.
 */
export function formatIpv6Value(value: bigint): string {
  if (value >> 32n === V4_MAPPED_HIGH_BITS) return `::ffff:${formatIpv4Value(Number(value & 0xffffffffn))}`
  const groups: number[] = []
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(Number((value >> shift) & 0xffffn))
  const run = longestZeroRun(groups)
  const hex = (part: number[]): string => part.map((g) => g.toString(16)).join(':')
  if (run.length < 2) return hex(groups)
  return `${hex(groups.slice(0, run.start))}::${hex(groups.slice(run.start + run.length))}`
}

/** First longest run of zero groups. */
function longestZeroRun(groups: readonly number[]): { start: number; length: number } {
  let best = { start: 0, length: 0 }
  let start = -1
  for (let i = 0; i <= groups.length; i++) {
    if (i < groups.length && groups[i] === 0) {
      if (start < 0) start = i
    } else if (start >= 0) {
      if (i - start > best.length) best = { start, length: i - start }
      start = -1
    }
  }
  return best
}

/** True when `value` is an integer in [0, 2^128). */
export function isIpv6Value(value: bigint): boolean {
  return value >= 0n && value <= IPV6_MAX
}
