/** Parsing, formatting and ordering of single addresses of either family. */
import { formatIpv4Value, isIpv4Value, parseIpv4Value } from './ipv4'
import { formatIpv6Value, isIpv6Value, parseIpv6Value } from './ipv6'
import { hasWhitespace, showInput } from './parseText'
import type { IpAddress, ParseResult, PartResult } from './types'

/**
 * Parses an IPv4 address (strict dotted quad) or an IPv6 address (any
 * RFC 4291 text form). The family is chosen by the presence of ':'.
 * "::ffff:1.2.3.4" stays an IPv6 address: families never mix silently.
 */
export function parseIpAddress(text: string): ParseResult<IpAddress> {
  if (text === '') return { ok: false, message: `${showInput(text)} is not a valid IP address: it is empty` }
  if (hasWhitespace(text)) return { ok: false, message: `${showInput(text)} is not a valid IP address: it contains whitespace` }
  if (text.includes('/')) {
    return { ok: false, message: `${showInput(text)} is not a valid IP address: it has a /length, so it is a prefix` }
  }
  const parsed = parseAddressPart(text)
  if (!parsed.ok) return { ok: false, message: `${showInput(text)} is not a valid ${familyName(text)} address: ${parsed.reason}` }
  return parsed
}

/** Parses the address part of an address or prefix; the family is chosen by ':'. */
export function parseAddressPart(text: string): PartResult<IpAddress> {
  if (text.includes(':')) {
    const v6 = parseIpv6Value(text)
    return v6.ok ? { ok: true, value: { family: 6, value: v6.value } } : v6
  }
  const v4 = parseIpv4Value(text)
  return v4.ok ? { ok: true, value: { family: 4, value: v4.value } } : v4
}

/** "IPv4" or "IPv6", by the same rule `parseAddressPart` uses. */
export function familyName(text: string): string {
  return text.includes(':') ? 'IPv6' : 'IPv4'
}

/**
 * Canonical text: dotted quad for IPv4, RFC 5952 for IPv6.
 * @throws RangeError if the value is outside its family's range (a broken invariant).
 */
export function formatIpAddress(a: IpAddress): string {
  if (a.family === 4) {
    if (!isIpv4Value(a.value)) throw new RangeError(`IPv4 value out of range: ${a.value}`)
    return formatIpv4Value(a.value)
  }
  if (!isIpv6Value(a.value)) throw new RangeError(`IPv6 value out of range: ${a.value}`)
  return formatIpv6Value(a.value)
}

/** Total order on addresses: IPv4 before IPv6, then by numeric value. Returns -1, 0 or 1. */
export function compareAddresses(a: IpAddress, b: IpAddress): number {
  if (a.family !== b.family) return a.family < b.family ? -1 : 1
  if (a.value === b.value) return 0
  return a.value < b.value ? -1 : 1
}
