/**
 * IPv4 as an unsigned 32-bit integer in a `number`.
 *
 * JS bitwise operators work on *signed* 32-bit integers, so every bitwise
 * result is passed through `>>> 0` to bring it back into [0, 2^32).
 */
import type { PartResult } from './types'

/** Largest IPv4 value, 255.255.255.255. */
export const IPV4_MAX = 0xffffffff

// Decimal only, no leading zeros: "010" is octal to inet_aton(3) but decimal
// to a human, so we refuse to guess (Go's net/netip makes the same choice).
const OCTET = /^(?:0|[1-9][0-9]*)$/
const DIGITS = /^[0-9]+$/

/** Netmask for a prefix length. `<<` by 32 is a no-op in JS, so /0 is special-cased. */
export function ipv4Mask(length: number): number {
  return length === 0 ? 0 : (IPV4_MAX << (32 - length)) >>> 0
}

/**
 * Strict dotted-quad parser: exactly four decimal octets 0-255 without
 * leading zeros. The inet_aton shorthands ("10.1", "0x0a.1.2.3", "167772161")
 * are rejected because they are ambiguous to the people reading a design.
 */
export function parseIpv4Value(text: string): PartResult<number> {
  const quick = wellFormedIpv4(text)
  if (quick !== undefined) return { ok: true, value: quick }
  const fields = text.split('.')
  if (fields.length !== 4) {
    return { ok: false, reason: `expected four decimal octets separated by dots, found ${fields.length}` }
  }
  let value = 0
  for (const field of fields) {
    if (field === '') return { ok: false, reason: 'an octet is empty' }
    if (!DIGITS.test(field)) return { ok: false, reason: `octet ${field} is not a decimal number` }
    if (!OCTET.test(field)) {
      return { ok: false, reason: `octet ${field} has a leading zero (ambiguous: inet_aton would read it as octal)` }
    }
    const octet = Number(field)
    if (octet > 255) return { ok: false, reason: `octet ${field} is greater than 255` }
    // Multiplication, not `<<`: the running value exceeds 2^31 after the first octet.
    value = value * 256 + octet
  }
  return { ok: true, value }
}

/**
 * A dotted quad read in one pass over its characters up to `end`, without allocating, or undefined
 * for anything else, which the parsers then read again to say what is wrong: designs hold
 * thousands of addresses and prefixes, and each edit checks them all again.
 */
export function wellFormedIpv4(text: string, end = text.length): number | undefined {
  let value = 0
  let octet = 0
  let digits = 0
  let dots = 0
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i)
    if (code === 46) {
      if (digits === 0) return undefined
      value = value * 256 + octet
      octet = 0
      digits = 0
      dots++
      continue
    }
    // A digit after a leading zero ("01") is refused by the parser that explains why.
    if (code < 48 || code > 57 || (digits > 0 && octet === 0)) return undefined
    octet = octet * 10 + (code - 48)
    digits++
    if (octet > 255) return undefined
  }
  return dots === 3 && digits > 0 ? value * 256 + octet : undefined
}

/** Dotted-quad text of an IPv4 value. */
export function formatIpv4Value(value: number): string {
  return `${value >>> 24}.${(value >>> 16) & 0xff}.${(value >>> 8) & 0xff}.${value & 0xff}`
}

/** True when `value` is an integer in [0, 2^32). */
export function isIpv4Value(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= IPV4_MAX
}
