/**
 * Randomized properties, driven by a seeded PRNG so every run checks the
 * same cases (no Math.random: a failure must reproduce).
 */
import IPCIDR from 'ip-cidr'
import { describe, expect, it } from 'vitest'
import { address as parsedAddress, prefix as parsedPrefix } from '../../netValues'
import {
  findOverlaps,
  formatIpAddress,
  formatIpPrefix,
  nextFreePrefix,
  parseIpAddress,
  prefixContainsAddress,
  prefixContainsPrefix,
  prefixesOverlap,
  prefixFirstAddress,
  prefixFromAddress,
  prefixLastAddress,
  prefixSize,
  splitPrefix,
  subtractPrefix,
} from '../../../shared/net'
import type { IpAddress, IpPrefix } from '../../../shared/net'

/** mulberry32: a tiny 32-bit PRNG, good enough to spread test cases. */
function prng(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (t ^ (t >>> 14)) >>> 0
  }
}

type Random = ReturnType<typeof prng>
const below = (next: Random, n: number): number => next() % n

function randomV4(next: Random): IpAddress {
  return { family: 4, value: next() }
}

/** IPv6 values with many zero groups, so "::" placement gets exercised. */
function randomV6(next: Random): IpAddress {
  let value = 0n
  for (let i = 0; i < 8; i++) {
    const group = below(next, 2) === 0 ? 0 : below(next, 3) === 0 ? next() & 0xf : next() & 0xffff
    value = (value << 16n) | BigInt(group)
  }
  return { family: 6, value }
}

function toBig(a: IpAddress): bigint {
  return typeof a.value === 'bigint' ? a.value : BigInt(a.value)
}

/** Independent overlap oracle: the two address intervals intersect. */
function intervalsOverlap(a: IpPrefix, b: IpPrefix): boolean {
  if (a.family !== b.family) return false
  const [aFirst, aLast] = [toBig(prefixFirstAddress(a)), toBig(prefixLastAddress(a))]
  const [bFirst, bLast] = [toBig(prefixFirstAddress(b)), toBig(prefixLastAddress(b))]
  return aFirst <= bLast && bFirst <= aLast
}

const SEEDS = [1, 2, 3, 42, 1234, 0xdeadbeef]

describe('parse and format are inverse', () => {
  it.each(SEEDS)('addresses and prefixes, seed %i', (seed) => {
    const next = prng(seed)
    for (let i = 0; i < 500; i++) {
      for (const a of [randomV4(next), randomV6(next)]) {
        const text = formatIpAddress(a)
        expect(parsedAddress(text)).toEqual(a)
        const p = prefixFromAddress(a, below(next, a.family === 4 ? 33 : 129))
        expect(parsedPrefix(formatIpPrefix(p))).toEqual(p)
      }
    }
  })

  it.each(SEEDS)('IPv6 text agrees with ip-address (RFC 5952) and any spelling parses back, seed %i', (seed) => {
    const next = prng(seed)
    for (let i = 0; i < 500; i++) {
      const a = randomV6(next)
      const text = formatIpAddress(a)
      // ip-address prints IPv4-mapped addresses differently; §5 mixed form is checked in address.test.ts.
      if (!text.startsWith('::ffff:') || !text.includes('.')) expect(text).toBe(IPCIDR.createAddress(text).correctForm())
      const full = Array.from({ length: 8 }, (_, k) => ((toBig(a) >> BigInt(112 - 16 * k)) & 0xffffn).toString(16).padStart(4, '0'))
      expect(parsedAddress(full.join(':').toUpperCase())).toEqual(a)
    }
  })

  it.each(SEEDS)('IPv4 strictness matches ip-cidr on octet-like noise, seed %i', (seed) => {
    const next = prng(seed)
    const pieces = ['0', '1', '09', '10', '255', '256', '00', '1000', '', 'x', '0x1', '-1']
    for (let i = 0; i < 500; i++) {
      const count = 3 + below(next, 3)
      const text = Array.from({ length: count }, () => pieces[below(next, pieces.length)]).join('.')
      expect(parseIpAddress(text).ok, text).toBe(IPCIDR.isValidAddress(text))
    }
  })
})

describe('prefix algebra', () => {
  it.each(SEEDS)('masking is idempotent and keeps the address inside, seed %i', (seed) => {
    const next = prng(seed)
    for (let i = 0; i < 500; i++) {
      for (const a of [randomV4(next), randomV6(next)]) {
        const length = below(next, a.family === 4 ? 33 : 129)
        const p = prefixFromAddress(a, length)
        expect(prefixContainsAddress(p, a)).toBe(true)
        expect(prefixFromAddress(prefixFirstAddress(p), length)).toEqual(p)
        expect(prefixFromAddress(prefixLastAddress(p), length)).toEqual(p)
        expect(toBig(prefixLastAddress(p)) - toBig(prefixFirstAddress(p)) + 1n).toBe(prefixSize(p))
      }
    }
  })

  it.each(SEEDS)('containment is transitive and overlap is interval intersection, seed %i', (seed) => {
    const next = prng(seed)
    // A small space (10.0.0.0/24) makes nesting common.
    const pick = (): IpPrefix => prefixFromAddress({ family: 4, value: 0x0a000000 + below(next, 256) }, 24 + below(next, 9))
    for (let i = 0; i < 2000; i++) {
      const [a, b, c] = [pick(), pick(), pick()]
      if (prefixContainsPrefix(a, b) && prefixContainsPrefix(b, c)) expect(prefixContainsPrefix(a, c)).toBe(true)
      expect(prefixesOverlap(a, b)).toBe(intervalsOverlap(a, b))
    }
  })

  it.each(SEEDS)('subtraction partitions the rest minimally, seed %i', (seed) => {
    const next = prng(seed)
    for (let i = 0; i < 300; i++) {
      const v6 = below(next, 2) === 0
      const base = v6 ? randomV6(next) : randomV4(next)
      const bits = v6 ? 128 : 32
      const from = prefixFromAddress(base, bits - 8 - below(next, 8))
      const remove = prefixFromAddress(below(next, 4) === 0 ? (v6 ? randomV6(next) : randomV4(next)) : base, from.length - 2 + below(next, 10))
      const rest = subtractPrefix(from, remove)
      const covered = rest.reduce((sum, p) => sum + prefixSize(p), 0n)
      const removed = prefixContainsPrefix(remove, from) ? prefixSize(from) : prefixesOverlap(from, remove) ? prefixSize(remove) : 0n
      expect(covered).toBe(prefixSize(from) - removed)
      for (const [k, p] of rest.entries()) {
        expect(prefixContainsPrefix(from, p)).toBe(true)
        expect(prefixesOverlap(p, remove)).toBe(false)
        const following = rest[k + 1]
        if (following) expect(toBig(prefixLastAddress(p)) < toBig(prefixFirstAddress(following))).toBe(true)
      }
      if (prefixesOverlap(from, remove) && !prefixContainsPrefix(remove, from)) expect(rest).toHaveLength(remove.length - from.length)
    }
  })
})

describe('nextFreePrefix agrees with trying every candidate', () => {
  it.each(SEEDS)('seed %i', (seed) => {
    const next = prng(seed)
    const pool = parsedPrefix('10.0.0.0/24')
    for (let i = 0; i < 300; i++) {
      const used = Array.from({ length: below(next, 12) }, () => prefixFromAddress({ family: 4, value: 0x0a000000 + below(next, 512) - 128 }, 23 + below(next, 10)))
      const length = 22 + below(next, 11)
      const expected = length < pool.length ? undefined : splitPrefix(pool, length).find((c) => used.every((u) => !intervalsOverlap(c, u)))
      expect(nextFreePrefix(pool, length, Object.freeze(used))).toEqual(expected)
    }
  })
})

describe('findOverlaps agrees with the naive pairwise check', () => {
  function randomItems(next: Random, count: number): { prefix: IpPrefix; id: string }[] {
    return Array.from({ length: count }, (_, i) => {
      const kind = below(next, 3)
      // Crowded spaces: 10.0.0.0/20 for IPv4, fd00::/116 for IPv6, plus a few wide prefixes.
      const prefix =
        kind === 0
          ? prefixFromAddress({ family: 6, value: (0xfd00n << 112n) + BigInt(below(next, 4096)) }, 112 + below(next, 17))
          : prefixFromAddress({ family: 4, value: 0x0a000000 + below(next, 4096) }, below(next, 20) === 0 ? below(next, 20) : 20 + below(next, 13))
      return { id: `n${i}`, prefix }
    })
  }

  it.each(SEEDS)('seed %i', (seed) => {
    const next = prng(seed)
    for (const count of [0, 1, 2, 5, 50, 400]) {
      const items = randomItems(next, count)
      const naive: { a: string; b: string }[] = []
      for (let i = 0; i < items.length; i++) {
        for (let j = i + 1; j < items.length; j++) {
          const [x, y] = [items[i], items[j]]
          if (x && y && intervalsOverlap(x.prefix, y.prefix)) naive.push({ a: x.id, b: y.id })
        }
      }
      expect(findOverlaps(items)).toEqual(naive)
    }
  })
})
