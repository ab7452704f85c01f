import { describe, expect, it } from 'vitest'
import { prefix, address } from '../../netValues'
import {
  addressAtOffset,
  comparePrefixes,
  formatIpAddress,
  formatIpPrefix,
  parseIpPrefix,
  prefixContainsAddress,
  prefixContainsPrefix,
  prefixesOverlap,
  prefixFirstAddress,
  prefixFromAddress,
  prefixLastAddress,
  prefixSize,
} from '../../../shared/net'

describe('parseIpPrefix', () => {
  it('parses canonical prefixes of both families', () => {
    expect(prefix('10.48.2.0/24')).toEqual({ family: 4, network: 0x0a300200, length: 24 })
    expect(prefix('0.0.0.0/0')).toEqual({ family: 4, network: 0, length: 0 })
    expect(prefix('255.255.255.255/32')).toEqual({ family: 4, network: 0xffffffff, length: 32 })
    expect(prefix('10.0.0.0/31')).toEqual({ family: 4, network: 0x0a000000, length: 31 })
    expect(prefix('::/0')).toEqual({ family: 6, network: 0n, length: 0 })
    expect(prefix('::/128')).toEqual({ family: 6, network: 0n, length: 128 })
    expect(prefix('fd00::/8')).toEqual({ family: 6, network: 0xfdn << 120n, length: 8 })
  })

  it('reports host bits with the canonical prefix as suggestion', () => {
    expect(parseIpPrefix('10.48.2.1/24')).toEqual({
      ok: false,
      message: '10.48.2.1/24 is not a canonical prefix: host bits are set (did you mean 10.48.2.0/24?)',
      suggestion: '10.48.2.0/24',
    })
    expect(parseIpPrefix('fd00::1/64')).toEqual({
      ok: false,
      message: 'fd00::1/64 is not a canonical prefix: host bits are set (did you mean fd00::/64?)',
      suggestion: 'fd00::/64',
    })
    expect(parseIpPrefix('10.0.0.1/0')).toMatchObject({ ok: false, suggestion: '0.0.0.0/0' })
    expect(parseIpPrefix('10.0.0.1/31')).toMatchObject({ ok: false, suggestion: '10.0.0.0/31' })
    expect(parseIpPrefix('::1/0')).toMatchObject({ ok: false, suggestion: '::/0' })
  })

  it('accepts non-canonical IPv6 text for a canonical value', () => {
    const parsed = prefix('fd00:0:0:0::/64')
    expect(parsed).toEqual(prefix('fd00::/64'))
    expect(formatIpPrefix(parsed)).toBe('fd00::/64')
    expect(formatIpPrefix(prefix('FD00:0000:0000:0000:0000:0000:0000:0000/8'))).toBe('fd00::/8')
  })

  it('rejects bad text with a clear message and no suggestion', () => {
    const failures: [string, string][] = [
      ['1.2.3.4/33', '1.2.3.4/33 is not a valid prefix: length 33 is out of range for IPv4 (0-32)'],
      ['aa:bb::/129', 'aa:bb::/129 is not a valid prefix: length 129 is out of range for IPv6 (0-128)'],
      ['10.1.2', '10.1.2 is not a valid prefix: invalid IPv4 address: expected four decimal octets separated by dots, found 3'],
      ['010.1.2.3/8', '010.1.2.3/8 is not a valid prefix: invalid IPv4 address: octet 010 has a leading zero (ambiguous: inet_aton would read it as octal)'],
      ['10.0.0.0', '10.0.0.0 is not a valid prefix: the /length is missing'],
      ['10.0.0.0/', '10.0.0.0/ is not a valid prefix: the length after "/" is empty'],
      ['10.0.0.0/08', '10.0.0.0/08 is not a valid prefix: length 08 has a leading zero'],
      ['10.0.0.0/+8', '10.0.0.0/+8 is not a valid prefix: length +8 is not a decimal number'],
      ['10.0.0.0/8/8', '10.0.0.0/8/8 is not a valid prefix: it has more than one "/"'],
      ['/8', '/8 is not a valid prefix: invalid IPv4 address: expected four decimal octets separated by dots, found 1'],
      ['', '"" is not a valid prefix: it is empty'],
      ['10.0.0.0 /8', '"10.0.0.0 /8" is not a valid prefix: it contains whitespace'],
      ['fe80::/10%eth0', 'fe80::/10%eth0 is not a valid prefix: length 10%eth0 is not a decimal number'],
      ['1::2::/32', '1::2::/32 is not a valid prefix: invalid IPv6 address: "::" may appear only once'],
    ]
    for (const [text, expected] of failures) {
      const result = parseIpPrefix(text)
      expect(result).toEqual({ ok: false, message: expected })
    }
  })

  it('shortens absurdly long input in messages', () => {
    const result = parseIpPrefix('1'.repeat(1000))
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.message.length).toBeLessThan(200)
  })

  it('keeps IPv4-mapped prefixes IPv6 and prints them in mixed notation', () => {
    const mapped = prefix('::ffff:0:0/96')
    expect(mapped).toEqual({ family: 6, network: 0xffffn << 32n, length: 96 })
    expect(formatIpPrefix(mapped)).toBe('::ffff:0.0.0.0/96')
    expect(prefix('::ffff:0.0.0.0/96')).toEqual(mapped)
    expect(formatIpPrefix(prefix('::ffff:1.2.3.4/128'))).toBe('::ffff:1.2.3.4/128')
  })
})

describe('formatIpPrefix round-trips', () => {
  it.each(['0.0.0.0/0', '10.0.0.0/8', '192.168.1.0/31', '192.168.1.1/32', '::/0', '::/128', '::1/128', '2001:db8::/32', 'fd00:1:0:2::/64'])('%s', (text) => {
    expect(formatIpPrefix(prefix(text))).toBe(text)
  })
})

describe('prefixFromAddress', () => {
  it('masks host bits, including the /0 and full-length cases', () => {
    const a = address('10.48.2.77')
    expect(formatIpPrefix(prefixFromAddress(a, 24))).toBe('10.48.2.0/24')
    expect(formatIpPrefix(prefixFromAddress(a, 0))).toBe('0.0.0.0/0')
    expect(formatIpPrefix(prefixFromAddress(a, 31))).toBe('10.48.2.76/31')
    expect(formatIpPrefix(prefixFromAddress(a, 32))).toBe('10.48.2.77/32')
    expect(formatIpPrefix(prefixFromAddress(address('255.255.255.255'), 1))).toBe('128.0.0.0/1')
    const b = address('fd00:1:2:3:4:5:6:7')
    expect(formatIpPrefix(prefixFromAddress(b, 48))).toBe('fd00:1:2::/48')
    expect(formatIpPrefix(prefixFromAddress(b, 0))).toBe('::/0')
    expect(formatIpPrefix(prefixFromAddress(b, 128))).toBe('fd00:1:2:3:4:5:6:7/128')
  })

  it('throws on a length the family cannot have', () => {
    expect(() => prefixFromAddress(address('1.2.3.4'), 33)).toThrow(RangeError)
    expect(() => prefixFromAddress(address('1.2.3.4'), -1)).toThrow(RangeError)
    expect(() => prefixFromAddress(address('1.2.3.4'), 8.5)).toThrow(RangeError)
    expect(() => prefixFromAddress(address('::'), 129)).toThrow(RangeError)
  })
})

describe('containment and overlap', () => {
  it('checks addresses at both ends and just outside', () => {
    const p = prefix('10.0.0.0/24')
    expect(prefixContainsAddress(p, address('10.0.0.0'))).toBe(true)
    expect(prefixContainsAddress(p, address('10.0.0.255'))).toBe(true)
    expect(prefixContainsAddress(p, address('10.0.1.0'))).toBe(false)
    expect(prefixContainsAddress(p, address('9.255.255.255'))).toBe(false)
    expect(prefixContainsAddress(prefix('0.0.0.0/0'), address('255.255.255.255'))).toBe(true)
    expect(prefixContainsAddress(prefix('::/0'), address('ffff::1'))).toBe(true)
    expect(prefixContainsAddress(prefix('::1/128'), address('::1'))).toBe(true)
    expect(prefixContainsAddress(prefix('::1/128'), address('::2'))).toBe(false)
  })

  it('never matches across families, even for IPv4-mapped addresses', () => {
    expect(prefixContainsAddress(prefix('0.0.0.0/0'), address('::'))).toBe(false)
    expect(prefixContainsAddress(prefix('::/0'), address('0.0.0.0'))).toBe(false)
    expect(prefixContainsAddress(prefix('1.2.3.0/24'), address('::ffff:1.2.3.4'))).toBe(false)
    expect(prefixContainsPrefix(prefix('::/0'), prefix('0.0.0.0/0'))).toBe(false)
    expect(prefixesOverlap(prefix('0.0.0.0/0'), prefix('::/0'))).toBe(false)
  })

  it('treats a prefix as containing itself and its sub-prefixes only', () => {
    const outer = prefix('10.0.0.0/8')
    expect(prefixContainsPrefix(outer, outer)).toBe(true)
    expect(prefixContainsPrefix(outer, prefix('10.255.255.255/32'))).toBe(true)
    expect(prefixContainsPrefix(prefix('10.255.255.255/32'), outer)).toBe(false)
    expect(prefixContainsPrefix(outer, prefix('11.0.0.0/8'))).toBe(false)
    expect(prefixContainsPrefix(prefix('0.0.0.0/0'), outer)).toBe(true)
    expect(prefixContainsPrefix(prefix('128.0.0.0/1'), prefix('255.0.0.0/8'))).toBe(true)
    expect(prefixContainsPrefix(prefix('fd00::/8'), prefix('fd12:3456::/32'))).toBe(true)
    expect(prefixContainsPrefix(prefix('fd00::/16'), prefix('fd01::/16'))).toBe(false)
  })

  it('finds overlap in either argument order', () => {
    expect(prefixesOverlap(prefix('10.0.0.0/8'), prefix('10.1.0.0/16'))).toBe(true)
    expect(prefixesOverlap(prefix('10.1.0.0/16'), prefix('10.0.0.0/8'))).toBe(true)
    expect(prefixesOverlap(prefix('10.0.0.0/31'), prefix('10.0.0.2/31'))).toBe(false)
    expect(prefixesOverlap(prefix('::/0'), prefix('::1/128'))).toBe(true)
    expect(prefixesOverlap(prefix('fd00::/64'), prefix('fd00:0:0:1::/64'))).toBe(false)
  })
})

describe('comparePrefixes', () => {
  it('orders by family, then network, then length', () => {
    const texts = ['fd00::/8', '10.0.0.0/24', '::/0', '10.0.0.0/8', '9.0.0.0/8', '10.0.0.0/16', '0.0.0.0/0', '255.255.255.255/32']
    const sorted = texts.map(prefix).sort(comparePrefixes).map(formatIpPrefix)
    expect(sorted).toEqual(['0.0.0.0/0', '9.0.0.0/8', '10.0.0.0/8', '10.0.0.0/16', '10.0.0.0/24', '255.255.255.255/32', '::/0', 'fd00::/8'])
    expect(comparePrefixes(prefix('10.0.0.0/8'), prefix('10.0.0.0/8'))).toBe(0)
    expect(comparePrefixes(prefix('128.0.0.0/1'), prefix('0.0.0.0/0'))).toBe(1) // unsigned compare, no sign bit
  })
})

describe('size, first, last and offsets', () => {
  it('sizes the edge lengths exactly', () => {
    expect(prefixSize(prefix('0.0.0.0/0'))).toBe(1n << 32n)
    expect(prefixSize(prefix('10.0.0.0/31'))).toBe(2n)
    expect(prefixSize(prefix('10.0.0.0/32'))).toBe(1n)
    expect(prefixSize(prefix('::/0'))).toBe(1n << 128n)
    expect(prefixSize(prefix('::/128'))).toBe(1n)
    expect(prefixSize(prefix('fd00::/64'))).toBe(1n << 64n)
  })

  it('gives the first and last address', () => {
    const last = (text: string): string => formatIpAddress(prefixLastAddress(prefix(text)))
    const first = (text: string): string => formatIpAddress(prefixFirstAddress(prefix(text)))
    expect([first('10.0.0.0/24'), last('10.0.0.0/24')]).toEqual(['10.0.0.0', '10.0.0.255'])
    expect([first('0.0.0.0/0'), last('0.0.0.0/0')]).toEqual(['0.0.0.0', '255.255.255.255'])
    expect([first('10.0.0.6/31'), last('10.0.0.6/31')]).toEqual(['10.0.0.6', '10.0.0.7']) // RFC 3021 point-to-point
    expect([first('10.0.0.9/32'), last('10.0.0.9/32')]).toEqual(['10.0.0.9', '10.0.0.9'])
    expect(last('128.0.0.0/1')).toBe('255.255.255.255')
    expect(last('::/0')).toBe('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')
    expect(last('fd00::/64')).toBe('fd00::ffff:ffff:ffff:ffff')
    expect(last('::1/128')).toBe('::1')
  })

  it('finds addresses by offset with number or bigint', () => {
    const p = prefix('10.0.0.0/24')
    expect(formatIpAddress(addressAtOffset(p, 0))).toBe('10.0.0.0')
    expect(formatIpAddress(addressAtOffset(p, 10))).toBe('10.0.0.10')
    expect(formatIpAddress(addressAtOffset(p, 255n))).toBe('10.0.0.255')
    expect(formatIpAddress(addressAtOffset(prefix('0.0.0.0/0'), 0xffffffff))).toBe('255.255.255.255')
    expect(formatIpAddress(addressAtOffset(prefix('fd00::/64'), (1n << 64n) - 1n))).toBe('fd00::ffff:ffff:ffff:ffff')
    expect(formatIpAddress(addressAtOffset(prefix('::/0'), 1))).toBe('::1')
  })

  it('throws RangeError outside the prefix', () => {
    const p = prefix('10.0.0.0/24')
    expect(() => addressAtOffset(p, 256)).toThrow(new RangeError('offset 256 is outside 10.0.0.0/24, which has 256 addresses'))
    expect(() => addressAtOffset(p, -1)).toThrow(RangeError)
    expect(() => addressAtOffset(p, 1.5)).toThrow(RangeError)
    expect(() => addressAtOffset(p, Number.MAX_SAFE_INTEGER + 1)).toThrow(RangeError)
    expect(() => addressAtOffset(prefix('::1/128'), 1n)).toThrow(RangeError)
  })
})
