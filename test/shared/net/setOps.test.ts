import { describe, expect, it } from 'vitest'
import { prefix } from '../../netValues'
import { countSubprefixes, DEFAULT_SPLIT_LIMIT, freeSpace, formatIpPrefix, nextFreePrefix, splitPrefix, subtractPrefix } from '../../../shared/net'
import type { IpPrefix } from '../../../shared/net'

const texts = (prefixes: readonly IpPrefix[]): string[] => prefixes.map(formatIpPrefix)

describe('subtractPrefix', () => {
  it('leaves one prefix per level between the two lengths, sorted', () => {
    expect(texts(subtractPrefix(prefix('10.0.0.0/22'), prefix('10.0.1.0/24')))).toEqual(['10.0.0.0/24', '10.0.2.0/23'])
    expect(texts(subtractPrefix(prefix('10.0.0.0/24'), prefix('10.0.0.255/32')))).toEqual([
      '10.0.0.0/25',
      '10.0.0.128/26',
      '10.0.0.192/27',
      '10.0.0.224/28',
      '10.0.0.240/29',
      '10.0.0.248/30',
      '10.0.0.252/31',
      '10.0.0.254/32',
    ])
  })

  it('handles /0 on both families', () => {
    expect(texts(subtractPrefix(prefix('0.0.0.0/0'), prefix('128.0.0.0/1')))).toEqual(['0.0.0.0/1'])
    expect(texts(subtractPrefix(prefix('0.0.0.0/0'), prefix('10.0.0.0/8')))).toEqual(['0.0.0.0/5', '8.0.0.0/7', '11.0.0.0/8', '12.0.0.0/6', '16.0.0.0/4', '32.0.0.0/3', '64.0.0.0/2', '128.0.0.0/1'])
    const rest = subtractPrefix(prefix('::/0'), prefix('::1/128'))
    expect(rest).toHaveLength(128)
    expect(formatIpPrefix(rest[0] as IpPrefix)).toBe('::/128')
    expect(formatIpPrefix(rest.at(-1) as IpPrefix)).toBe('8000::/1')
  })

  it('returns the whole prefix when nothing overlaps, and nothing when covered', () => {
    const from = prefix('10.0.0.0/24')
    expect(subtractPrefix(from, prefix('10.0.1.0/24'))).toEqual([from])
    expect(subtractPrefix(from, prefix('::/0'))).toEqual([from])
    expect(subtractPrefix(from, from)).toEqual([])
    expect(subtractPrefix(from, prefix('10.0.0.0/8'))).toEqual([])
    expect(texts(subtractPrefix(prefix('fd00::/63'), prefix('fd00:0:0:1::/64')))).toEqual(['fd00::/64'])
  })
})

describe('splitPrefix and countSubprefixes', () => {
  it('splits into consecutive blocks, lowest first', () => {
    expect(texts(splitPrefix(prefix('10.0.0.0/22'), 24))).toEqual(['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24', '10.0.3.0/24'])
    expect(texts(splitPrefix(prefix('10.0.0.0/24'), 24))).toEqual(['10.0.0.0/24'])
    expect(texts(splitPrefix(prefix('0.0.0.0/0'), 1))).toEqual(['0.0.0.0/1', '128.0.0.0/1'])
    expect(texts(splitPrefix(prefix('10.0.0.0/30'), 32))).toEqual(['10.0.0.0/32', '10.0.0.1/32', '10.0.0.2/32', '10.0.0.3/32'])
    expect(texts(splitPrefix(prefix('fd00::/62'), 64))).toEqual(['fd00::/64', 'fd00:0:0:1::/64', 'fd00:0:0:2::/64', 'fd00:0:0:3::/64'])
    expect(texts(splitPrefix(prefix('::/0'), 1))).toEqual(['::/1', '8000::/1'])
  })

  it('reaches the top of the address space without overflow', () => {
    const blocks = splitPrefix(prefix('255.255.255.0/24'), 32)
    expect(blocks).toHaveLength(256)
    expect(formatIpPrefix(blocks.at(-1) as IpPrefix)).toBe('255.255.255.255/32')
    expect(formatIpPrefix(splitPrefix(prefix('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ff00/120'), 128).at(-1) as IpPrefix)).toBe('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128')
  })

  it('enforces the limit, 65536 by default', () => {
    expect(DEFAULT_SPLIT_LIMIT).toBe(65536)
    expect(splitPrefix(prefix('10.0.0.0/8'), 24)).toHaveLength(65536)
    expect(() => splitPrefix(prefix('10.0.0.0/8'), 25)).toThrow(RangeError)
    expect(() => splitPrefix(prefix('::/0'), 128)).toThrow(RangeError)
    expect(() => splitPrefix(prefix('10.0.0.0/22'), 24, 3)).toThrow(new RangeError('splitting /22 into /24 gives 4 blocks, more than the limit of 3'))
    expect(splitPrefix(prefix('10.0.0.0/22'), 24, 4)).toHaveLength(4)
  })

  it('rejects lengths outside [p.length, bits]', () => {
    expect(() => splitPrefix(prefix('10.0.0.0/24'), 16)).toThrow(new RangeError('cannot split a /24 into larger /16 blocks'))
    expect(() => splitPrefix(prefix('10.0.0.0/24'), 33)).toThrow(RangeError)
    expect(() => splitPrefix(prefix('fd00::/64'), 129)).toThrow(RangeError)
    expect(() => countSubprefixes(prefix('10.0.0.0/24'), 23)).toThrow(RangeError)
  })

  it('counts without building', () => {
    expect(countSubprefixes(prefix('10.0.0.0/8'), 32)).toBe(1n << 24n)
    expect(countSubprefixes(prefix('10.0.0.0/8'), 8)).toBe(1n)
    expect(countSubprefixes(prefix('0.0.0.0/0'), 32)).toBe(1n << 32n)
    expect(countSubprefixes(prefix('::/0'), 128)).toBe(1n << 128n)
    expect(countSubprefixes(prefix('fd00::/48'), 64)).toBe(65536n)
  })
})

describe('nextFreePrefix', () => {
  const pool = prefix('10.0.0.0/16')

  it('takes the first block of an empty pool', () => {
    expect(nextFreePrefix(pool, 24, [])).toEqual(prefix('10.0.0.0/24'))
    expect(nextFreePrefix(pool, 16, [])).toEqual(pool)
    expect(nextFreePrefix(prefix('0.0.0.0/0'), 0, [])).toEqual(prefix('0.0.0.0/0'))
  })

  it('fills the lowest aligned gap', () => {
    const used = Object.freeze(['10.0.0.0/24', '10.0.1.0/25', '10.0.3.0/24'].map(prefix))
    expect(formatIpPrefix(nextFreePrefix(pool, 24, used) as IpPrefix)).toBe('10.0.2.0/24')
    expect(formatIpPrefix(nextFreePrefix(pool, 25, used) as IpPrefix)).toBe('10.0.1.128/25')
    expect(formatIpPrefix(nextFreePrefix(pool, 23, used) as IpPrefix)).toBe('10.0.4.0/23')
    expect(formatIpPrefix(nextFreePrefix(pool, 22, used) as IpPrefix)).toBe('10.0.4.0/22')
  })

  it('ignores order, nesting, duplicates, outside prefixes and the other family', () => {
    const used = ['10.0.3.0/24', '10.0.0.0/23', '10.0.1.0/24', '10.0.0.0/23', '9.0.0.0/8', '10.0.0.0/16', '::/0', '10.1.0.0/24']
    const inner = prefix('10.0.0.0/22')
    expect(nextFreePrefix(inner, 24, ['10.0.3.0/24', '10.0.0.0/23', '10.0.1.0/24', '9.0.0.0/8', '::/0'].map(prefix))).toEqual(prefix('10.0.2.0/24'))
    expect(nextFreePrefix(inner, 24, used.map(prefix))).toBeUndefined() // the /16 covers all of it
  })

  it('returns undefined when full or when the block cannot fit', () => {
    const used = splitPrefix(prefix('10.0.0.0/22'), 24)
    expect(nextFreePrefix(prefix('10.0.0.0/22'), 24, used)).toBeUndefined()
    expect(nextFreePrefix(prefix('10.0.0.0/22'), 26, used)).toBeUndefined()
    expect(nextFreePrefix(prefix('10.0.0.0/24'), 16, [])).toBeUndefined()
    expect(nextFreePrefix(prefix('255.255.255.0/24'), 32, [prefix('255.255.255.0/25'), prefix('255.255.255.128/25')])).toBeUndefined()
  })

  it('finds the last block at the very top of the space', () => {
    const top = prefix('255.255.255.252/30')
    const used = ['255.255.255.252/32', '255.255.255.253/32', '255.255.255.254/32'].map(prefix)
    expect(formatIpPrefix(nextFreePrefix(top, 32, used) as IpPrefix)).toBe('255.255.255.255/32')
    const v6 = prefix('ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffc/126')
    const v6used = ['ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffc/127', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/128'].map(prefix)
    expect(formatIpPrefix(nextFreePrefix(v6, 128, v6used) as IpPrefix)).toBe('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128')
  })

  it('works in IPv6 pools with gaps', () => {
    const v6pool = prefix('fd00:10::/48')
    const used = ['fd00:10::/64', 'fd00:10:0:1::/64', 'fd00:10:0:3::/64'].map(prefix)
    expect(formatIpPrefix(nextFreePrefix(v6pool, 64, used) as IpPrefix)).toBe('fd00:10:0:2::/64')
    expect(formatIpPrefix(nextFreePrefix(v6pool, 62, used) as IpPrefix)).toBe('fd00:10:0:4::/62')
    expect(formatIpPrefix(nextFreePrefix(prefix('::/0'), 1, [prefix('::/1')]) as IpPrefix)).toBe('8000::/1')
  })

  it('does not enumerate candidates: a huge IPv6 pool answers at once', () => {
    // 2^64 candidate /128s before the gap; a candidate loop would never finish.
    const used = [prefix('fd00::/64'), prefix('fd00:0:0:1::/64')]
    expect(formatIpPrefix(nextFreePrefix(prefix('fd00::/48'), 128, used) as IpPrefix)).toBe('fd00:0:0:2::/128')
  })

  it('throws on a length the family cannot have', () => {
    expect(() => nextFreePrefix(pool, 33, [])).toThrow(RangeError)
    expect(() => nextFreePrefix(prefix('::/0'), -1, [])).toThrow(RangeError)
  })
})

describe('freeSpace', () => {
  it('lists the largest aligned free prefixes between the used ones, lowest first, and counts the free addresses', () => {
    const free = freeSpace(prefix('10.48.0.0/16'), [prefix('10.48.0.0/24'), prefix('10.48.2.0/24')])
    expect(texts(free.prefixes)).toEqual(['10.48.1.0/24', '10.48.3.0/24', '10.48.4.0/22', '10.48.8.0/21', '10.48.16.0/20', '10.48.32.0/19', '10.48.64.0/18', '10.48.128.0/17'])
    expect(free.addresses).toBe(65536n - 512n)
    expect(free.more).toBe(false)
  })

  it('gives the whole prefix when nothing is used, nothing when it is covered, and ignores nested and outside prefixes', () => {
    expect(texts(freeSpace(prefix('10.0.0.0/24'), []).prefixes)).toEqual(['10.0.0.0/24'])
    expect(freeSpace(prefix('10.0.0.0/24'), [prefix('10.0.0.0/8')]).prefixes).toEqual([])
    expect(texts(freeSpace(prefix('10.0.0.0/24'), [prefix('10.0.0.0/25'), prefix('10.0.0.8/29'), prefix('192.168.0.0/16'), prefix('fd00::/8')]).prefixes)).toEqual(['10.0.0.128/25'])
  })

  it('splits a gap that does not start on a boundary into aligned prefixes, in IPv6 too', () => {
    expect(texts(freeSpace(prefix('10.0.1.0/24'), [prefix('10.0.1.0/30'), prefix('10.0.1.10/32')]).prefixes)).toEqual([
      '10.0.1.4/30',
      '10.0.1.8/31',
      '10.0.1.11/32',
      '10.0.1.12/30',
      '10.0.1.16/28',
      '10.0.1.32/27',
      '10.0.1.64/26',
      '10.0.1.128/25',
    ])
    expect(texts(freeSpace(prefix('fd00:48::/56'), [prefix('fd00:48::/64')]).prefixes)).toEqual([
      'fd00:48:0:1::/64',
      'fd00:48:0:2::/63',
      'fd00:48:0:4::/62',
      'fd00:48:0:8::/61',
      'fd00:48:0:10::/60',
      'fd00:48:0:20::/59',
      'fd00:48:0:40::/58',
      'fd00:48:0:80::/57',
    ])
  })

  it('stops at the limit and says there are more', () => {
    const used = Array.from({ length: 100 }, (_, i) => prefix(`10.0.0.${2 * i}/32`))
    const free = freeSpace(prefix('10.0.0.0/24'), used, 10)
    expect(free.prefixes).toHaveLength(10)
    expect(free.more).toBe(true)
    expect(free.addresses).toBe(156n)
  })
})
