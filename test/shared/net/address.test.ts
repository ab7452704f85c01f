import { describe, expect, it } from 'vitest'
import { address as parsed } from '../../netValues'
import { compareAddresses, formatIpAddress, parseIpAddress } from '../../../shared/net'

function message(text: string): string {
  const result = parseIpAddress(text)
  if (result.ok) throw new Error(`${text} unexpectedly parsed`)
  return result.message
}

describe('IPv4 parsing', () => {
  it('reads a dotted quad as an unsigned 32-bit integer', () => {
    expect(parsed('10.48.2.1')).toEqual({ family: 4, value: 0x0a300201 })
    expect(parsed('0.0.0.0')).toEqual({ family: 4, value: 0 })
    expect(parsed('255.255.255.255')).toEqual({ family: 4, value: 0xffffffff })
    expect(parsed('128.0.0.0').value).toBe(2 ** 31) // above the signed 32-bit range, still positive
  })

  it('rejects the inet_aton shorthands', () => {
    expect(message('10.1.2')).toBe('10.1.2 is not a valid IPv4 address: expected four decimal octets separated by dots, found 3')
    expect(message('167772161')).toContain('found 1')
    expect(message('0x0a.0.0.1')).toContain('octet 0x0a is not a decimal number')
    expect(message('010.1.2.3')).toContain('octet 010 has a leading zero')
    expect(message('1.2.3.00')).toContain('octet 00 has a leading zero')
  })

  it('rejects out-of-range, empty and stray parts', () => {
    expect(message('1.2.3.256')).toContain('octet 256 is greater than 255')
    expect(message('1.2..4')).toContain('an octet is empty')
    expect(message('1.2.3.4.')).toContain('found 5')
    expect(message('1.2.3.-4')).toContain('not a decimal number')
    expect(message('1.2.3.+4')).toContain('not a decimal number')
  })

  it('reads exactly the texts the four-octet rule accepts, whatever mix of digits and dots it is given', () => {
    // The rule in its plainest words, to hold the one-pass reader to: four fields, each 0-255 in decimal without a leading zero.
    const accepted = (text: string): number | undefined => {
      const fields = text.split('.')
      if (fields.length !== 4 || !fields.every((f) => /^(?:0|[1-9][0-9]*)$/.test(f) && Number(f) <= 255)) return undefined
      return fields.reduce((value, f) => value * 256 + Number(f), 0)
    }
    let seed = 7
    const next = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n
    // Fields of zero to four digits, three to five of them: near misses of a quad as often as quads.
    const digits = '0012555679'
    const pick = <T>(list: readonly T[]): T => list[next(list.length)] as T
    const field = (): string => Array.from({ length: pick([0, 1, 1, 2, 2, 3, 3, 3, 4]) }, () => pick([...digits])).join('')
    let quads = 0
    for (let round = 0; round < 20_000; round++) {
      const text = Array.from({ length: pick([3, 4, 4, 4, 5]) }, field).join('.')
      const result = parseIpAddress(text)
      const expected = accepted(text)
      expect(result.ok ? result.value.value : undefined, text).toBe(expected)
      if (expected !== undefined) quads++
    }
    expect(quads).toBeGreaterThan(400)
  })

  it('rejects whitespace, empty text and prefixes, quoting unprintable input', () => {
    expect(message('')).toBe('"" is not a valid IP address: it is empty')
    expect(message(' 1.2.3.4')).toBe('" 1.2.3.4" is not a valid IP address: it contains whitespace')
    expect(message('1.2.3.4\n')).toContain('whitespace')
    expect(message('10.0.0.0/8')).toBe('10.0.0.0/8 is not a valid IP address: it has a /length, so it is a prefix')
  })

  it('formats canonically', () => {
    expect(formatIpAddress({ family: 4, value: 0 })).toBe('0.0.0.0')
    expect(formatIpAddress({ family: 4, value: 0xffffffff })).toBe('255.255.255.255')
    expect(formatIpAddress({ family: 4, value: 0xc0a80001 })).toBe('192.168.0.1')
  })

  it('refuses to format a value outside the family range', () => {
    expect(() => formatIpAddress({ family: 4, value: 2 ** 32 })).toThrow(RangeError)
    expect(() => formatIpAddress({ family: 4, value: -1 })).toThrow(RangeError)
    expect(() => formatIpAddress({ family: 4, value: 1.5 })).toThrow(RangeError)
    expect(() => formatIpAddress({ family: 6, value: 1n << 128n })).toThrow(RangeError)
  })
})

describe('IPv6 parsing', () => {
  it('reads every RFC 4291 text form of the same address', () => {
    const value = 0x20010db8000000000000000000000001n
    for (const text of ['2001:db8::1', '2001:0db8:0000:0000:0000:0000:0000:0001', '2001:DB8:0:0:0:0:0:1', '2001:db8:0::0:1']) {
      expect(parsed(text)).toEqual({ family: 6, value })
    }
  })

  it('handles the all-zero and all-one ends', () => {
    expect(parsed('::')).toEqual({ family: 6, value: 0n })
    expect(parsed('::1')).toEqual({ family: 6, value: 1n })
    expect(parsed('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')).toEqual({ family: 6, value: (1n << 128n) - 1n })
    expect(parsed('1::')).toEqual({ family: 6, value: 1n << 112n })
    expect(parsed('1:2:3:4:5:6:7::').value).toBe(0x00010002000300040005000600070000n) // "::" for one group is legal input
  })

  it('accepts a trailing dotted quad and keeps the address IPv6', () => {
    // Decision: "::ffff:1.2.3.4" is an IPv6 address (RFC 4291 §2.5.5.2), not 1.2.3.4;
    // mixing families silently would hide a design error.
    expect(parsed('::ffff:1.2.3.4')).toEqual({ family: 6, value: 0xffff01020304n })
    expect(parsed('::1.2.3.4')).toEqual({ family: 6, value: 0x01020304n })
    expect(parsed('64:ff9b::192.0.2.33').value).toBe(0x0064ff9b0000000000000000c0000221n)
  })

  it('rejects malformed text with a reason', () => {
    expect(message('1::2::3')).toBe('1::2::3 is not a valid IPv6 address: "::" may appear only once')
    expect(message('1:2:3:4:5:6:7')).toContain('expected eight groups of hex digits, found 7')
    expect(message('1:2:3:4:5:6:7:8:9')).toContain('found 9')
    expect(message('1:2:3:4:5:6:7:8::')).toContain('too many groups around "::"')
    expect(message('12345::')).toContain('group 12345 has more than four hex digits')
    expect(message('fg::')).toContain('group fg is not hexadecimal')
    expect(message(':1:2:3:4:5:6:7')).toContain('a group is empty')
    expect(message('1:2:3:4:5:6:7:')).toContain('a group is empty')
    expect(message(':::')).toContain('a group is empty')
    expect(message('fe80::1%eth0')).toContain('zone identifiers')
    expect(message('1.2.3.4::')).toContain('an embedded IPv4 address may only end the address')
    expect(message('::ffff:1.2.3.04')).toContain('embedded IPv4 address: octet 04 has a leading zero')
  })
})

describe('IPv6 formatting (RFC 5952)', () => {
  const cases: [string, string][] = [
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'], // §4.1 no leading zeros, §4.2.1 longest run
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'], // §4.2.2 a single zero group is not shortened
    ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'], // §4.2.3 the longest run wins
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'], // §4.2.3 the first of equal runs wins
    ['2001:DB8::AAAA', '2001:db8::aaaa'], // §4.3 lowercase
    ['0:0:0:0:0:0:0:0', '::'],
    ['0:0:0:0:0:0:0:1', '::1'],
    ['1:0:0:0:0:0:0:0', '1::'],
    ['0:1:2:3:4:5:6:7', '0:1:2:3:4:5:6:7'],
    ['1:2:3:4:5:6:7:0', '1:2:3:4:5:6:7:0'],
    ['::ffff:c000:0280', '::ffff:192.0.2.128'], // §5 mixed notation for IPv4-mapped addresses
    ['::ffff:0:0', '::ffff:0.0.0.0'],
    ['::1.2.3.4', '::102:304'], // deprecated IPv4-compatible form is plain hex
    ['::fffe:1.2.3.4', '::fffe:102:304'],
    ['1::ffff:1.2.3.4', '1::ffff:102:304'], // not in ::ffff:0:0/96
  ]
  it.each(cases)('%s is written %s', (input, expected) => {
    expect(formatIpAddress(parsed(input))).toBe(expected)
    expect(formatIpAddress(parsed(expected))).toBe(expected)
  })
})

describe('compareAddresses', () => {
  it('orders IPv4 before IPv6, then by value', () => {
    const texts = ['::1', '10.0.0.2', '::', '255.255.255.255', '10.0.0.10', '0.0.0.0', '::ffff:0.0.0.1']
    const sorted = texts.map(parsed).sort(compareAddresses).map(formatIpAddress)
    expect(sorted).toEqual(['0.0.0.0', '10.0.0.2', '10.0.0.10', '255.255.255.255', '::', '::1', '::ffff:0.0.0.1'])
    expect(compareAddresses(parsed('1.2.3.4'), parsed('1.2.3.4'))).toBe(0)
  })
})
