import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { prefix } from '../../netValues'
import { findOverlapGroups, findOverlapPositions, findOverlaps, prefixesOverlap } from '../../../shared/net'
import type { IpPrefix } from '../../../shared/net'

/** Frozen items, so a test fails if findOverlaps mutates its input. */
function items(...specs: [string, string][]): readonly { prefix: IpPrefix; id: string }[] {
  return Object.freeze(specs.map(([id, text]) => Object.freeze({ id, prefix: Object.freeze(prefix(text)) })))
}

describe('findOverlaps', () => {
  it('is empty for no items, one item and disjoint items', () => {
    expect(findOverlaps([])).toEqual([])
    expect(findOverlaps(items(['a', '10.0.0.0/8']))).toEqual([])
    expect(findOverlaps(items(['a', '10.0.0.0/24'], ['b', '10.0.1.0/24'], ['c', '10.0.2.0/23'], ['d', '192.168.0.0/16']))).toEqual([])
    expect(findOverlaps(items(['a', '10.0.0.0/31'], ['b', '10.0.0.2/31']))).toEqual([]) // adjacent, not overlapping
    expect(findOverlaps(items(['a', 'fd00::/64'], ['b', 'fd00:0:0:1::/64'], ['c', '::/128']))).toEqual([])
  })

  it('reports every pair in a nested chain, ids in input order', () => {
    const result = findOverlaps(items(['pod', '10.1.2.0/24'], ['pool', '10.0.0.0/8'], ['block', '10.1.0.0/16'], ['far', '11.0.0.0/8']))
    expect(result).toEqual([
      { a: 'pod', b: 'pool' },
      { a: 'pod', b: 'block' },
      { a: 'pool', b: 'block' },
    ])
  })

  it('pairs siblings with their parent but not with each other', () => {
    const result = findOverlaps(items(['left', '10.0.0.0/25'], ['right', '10.0.0.128/25'], ['parent', '10.0.0.0/24']))
    expect(result).toEqual([
      { a: 'left', b: 'parent' },
      { a: 'right', b: 'parent' },
    ])
  })

  it('reports duplicates, including /0 and host routes', () => {
    expect(findOverlaps(items(['x', '10.0.0.1/32'], ['y', '10.0.0.1/32']))).toEqual([{ a: 'x', b: 'y' }])
    expect(findOverlaps(items(['all', '0.0.0.0/0'], ['top', '255.255.255.255/32'], ['low', '0.0.0.0/32']))).toEqual([
      { a: 'all', b: 'top' },
      { a: 'all', b: 'low' },
    ])
  })

  it('handles IPv6 and never pairs across families', () => {
    const result = findOverlaps(
      items(
        ['v6-all', '::/0'],
        ['v4-all', '0.0.0.0/0'],
        ['site', 'fd00:10::/48'],
        ['mapped', '::ffff:10.0.0.0/104'],
        ['v4-ten', '10.0.0.0/8'],
        ['subnet', 'fd00:10:0:1::/64'],
        ['other', 'fd00:20::/48'],
      ),
    )
    expect(result).toEqual([
      { a: 'v6-all', b: 'site' },
      { a: 'v6-all', b: 'mapped' },
      { a: 'v6-all', b: 'subnet' },
      { a: 'v6-all', b: 'other' },
      { a: 'v4-all', b: 'v4-ten' },
      { a: 'site', b: 'subnet' },
    ])
  })

  it('sorts pairs by input position even when ids are not sorted', () => {
    const result = findOverlaps(items(['z', '10.0.0.0/16'], ['m', '10.0.0.0/8'], ['a', '10.0.0.0/24']))
    expect(result).toEqual([
      { a: 'z', b: 'm' },
      { a: 'z', b: 'a' },
      { a: 'm', b: 'a' },
    ])
  })

  it('scales to many disjoint prefixes inside one pool', () => {
    const many = Array.from({ length: 20000 }, (_, i) => ({ id: `b${i}`, prefix: { family: 4, network: 0x0a000000 + i * 64, length: 26 } as const }))
    const result = findOverlaps([...many, { id: 'pool', prefix: prefix('10.0.0.0/8') }])
    expect(result).toHaveLength(20000)
    expect(result[0]).toEqual({ a: 'b0', b: 'pool' })
    expect(result.at(-1)).toEqual({ a: 'b19999', b: 'pool' })
  })
})

describe('findOverlapGroups', () => {
  /** A few prefixes near each other in both families, so copies and nesting are common. */
  const nearby = fc.oneof(
    fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 22, max: 26 })).map(([n, len]) => prefix(`10.0.${n * 4}.0/${len}`)),
    fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 60, max: 64 })).map(([n, len]) => prefix(`fd00:0:0:${(n * 16).toString(16)}::/${len}`)),
  )

  it('groups copies and pairs groups exactly as comparing every two prefixes would', () => {
    fc.assert(
      fc.property(fc.array(nearby, { maxLength: 30 }), (prefixes) => {
        const { members, starts, nested } = findOverlapGroups(prefixes)
        const groupOf = new Map<number, number>()
        for (let g = 0; g + 1 < starts.length; g++) for (let i = starts[g]!; i < starts[g + 1]!; i++) groupOf.set(members[i]!, g)
        expect([...groupOf.keys()].sort((a, b) => a - b)).toEqual(prefixes.map((_, i) => i))
        const pairs = new Set(nested.map(([g, h]) => `${g},${h}`))
        for (let i = 0; i < prefixes.length; i++) {
          for (let j = i + 1; j < prefixes.length; j++) {
            const same = prefixes[i]!.family === prefixes[j]!.family && prefixes[i]!.network === prefixes[j]!.network && prefixes[i]!.length === prefixes[j]!.length
            const [g, h] = [groupOf.get(i)!, groupOf.get(j)!].sort((a, b) => a - b) as [number, number]
            expect(g === h).toBe(same)
            if (!same) expect(pairs.has(`${g},${h}`)).toBe(prefixesOverlap(prefixes[i]!, prefixes[j]!))
          }
        }
        expect(findOverlapPositions(prefixes)).toHaveLength(prefixes.flatMap((a, i) => prefixes.slice(i + 1).filter((b) => prefixesOverlap(a, b))).length)
      }),
    )
  })
})
