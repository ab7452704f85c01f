/** Parsing and formatting prefixes ("10.0.0.0/24", "fd00::/64"). */
import { familyName, formatIpAddress, parseAddressPart } from './address'
import { hasWhitespace, showInput } from './parseText'
import { wellFormedIpv4 } from './ipv4'
import { prefixFirstAddress, prefixFromAddress } from './prefix'
import { familyBits } from './types'
import type { IpFamily, IpPrefix, ParseResult, PartResult } from './types'

const LENGTH = /^(?:0|[1-9][0-9]*)$/

/**
 * Strict prefix parser. The address part follows `parseIpAddress`; the
 * length is decimal without leading zeros and within the family's range.
 * Host bits must be zero: "10.48.2.1/24" is usually a typo for either
 * 10.48.2.0/24 or an address, so it is reported (with the canonical prefix
 * as `suggestion`) instead of being masked silently. IPv6 text need not be
 * in RFC 5952 form ("fd00:0:0:0::/64" parses); only the value must be
 * canonical, and `formatIpPrefix` gives the stored text.
 */
export function parseIpPrefix(text: string): ParseResult<IpPrefix> {
  const fast = parseCanonicalIpv4Prefix(text)
  if (fast) return { ok: true, value: fast }
  const shown = showInput(text)
  const invalid = (reason: string): ParseResult<IpPrefix> => ({
    ok: false,
    message: `${shown} is not a valid prefix: ${reason}`,
  })
  if (text === '') return invalid('it is empty')
  if (hasWhitespace(text)) return invalid('it contains whitespace')
  const slash = text.indexOf('/')
  const addressText = slash < 0 ? text : text.slice(0, slash)
  const address = parseAddressPart(addressText)
  if (!address.ok) return invalid(`invalid ${familyName(addressText)} address: ${address.reason}`)
  if (slash < 0) return invalid('the /length is missing')
  const length = parseLength(text.slice(slash + 1), address.value.family)
  if (!length.ok) return invalid(length.reason)
  const prefix = prefixFromAddress(address.value, length.value)
  if (prefix.network !== address.value.value) {
    const suggestion = formatIpPrefix(prefix)
    return {
      ok: false,
      message: `${shown} is not a canonical prefix: host bits are set (did you mean ${suggestion}?)`,
      suggestion,
    }
  }
  return { ok: true, value: prefix }
}

/**
 * The common case, valid canonical IPv4 text, read without allocating: validation of large
 * designs parses hundreds of thousands of these, and garbage, not arithmetic, is what costs there.
 * Anything else (errors included) takes the full parser, which explains what is wrong.
 */
function parseCanonicalIpv4Prefix(text: string): IpPrefix | undefined {
  const slash = text.indexOf('/')
  if (slash < 0 || slash === text.length - 1) return undefined
  const network = wellFormedIpv4(text, slash)
  if (network === undefined) return undefined
  let length = 0
  for (let i = slash + 1; i < text.length; i++) {
    const code = text.charCodeAt(i)
    // Decimal, no leading zero, at most 32.
    if (code < 48 || code > 57 || (i > slash + 1 && length === 0)) return undefined
    length = length * 10 + (code - 48)
    if (length > 32) return undefined
  }
  const prefix = prefixFromAddress({ family: 4, value: network }, length)
  return prefix.network === network ? prefix : undefined
}

/** Decimal length without leading zeros, within the family's range. */
function parseLength(text: string, family: IpFamily): PartResult<number> {
  const bits = familyBits(family)
  if (text === '') return { ok: false, reason: 'the length after "/" is empty' }
  if (text.includes('/')) return { ok: false, reason: 'it has more than one "/"' }
  if (!/^[0-9]+$/.test(text)) return { ok: false, reason: `length ${text} is not a decimal number` }
  if (!LENGTH.test(text)) return { ok: false, reason: `length ${text} has a leading zero` }
  const length = Number(text)
  if (length > bits) return { ok: false, reason: `length ${text} is out of range for IPv${family} (0-${bits})` }
  return { ok: true, value: length }
}

/** Canonical text of a prefix: the network in `formatIpAddress` form, "/", the decimal length. */
export function formatIpPrefix(p: IpPrefix): string {
  return `${formatIpAddress(prefixFirstAddress(p))}/${p.length}`
}
