import { describe, expect, it } from 'vitest'
import { BlockStarts, blockGeneratorSeed, blockOrder, blockStartIndex, FreshStream } from '../../../shared/ipam/blockGenerator'
import { createGoSource, fnv1_32, FRESH_OUTPUTS, freshUint32, goBigIntRand, goSeedState } from '../../../shared/ipam/goRandom'
import type { GoSource } from '../../../shared/ipam/goRandom'

/** A source that replays scripted Uint32 values, to pin big.Int.Rand's word assembly. */
function scripted(values: readonly number[]): Pick<GoSource, 'uint32'> & { readonly used: () => number } {
  let next = 0
  return {
    uint32: () => {
      const value = values[next++]
      if (value === undefined) throw new Error('script exhausted')
      return value
    },
    used: () => next,
  }
}

function take(iterable: Iterable<bigint>, count: number): bigint[] {
  const out: bigint[] = []
  for (const value of iterable) {
    if (out.length === count) break
    out.push(value)
  }
  return out
}

describe('fnv1_32 (Go hash/fnv New32, FNV-1)', () => {
  it('matches the FNV-1 32-bit test vectors', () => {
    expect(fnv1_32('')).toBe(2166136261)
    expect(fnv1_32('a')).toBe(0x050c5d7e)
    expect(fnv1_32('foobar')).toBe(0x31f0b262)
  })

  it('hashes the UTF-8 bytes, including astral characters and lone surrogates (as U+FFFD)', () => {
    expect(fnv1_32('é')).toBe(0xce77c1fd) // C3 A9
    expect(fnv1_32('😀')).toBe(0xfe02dc3a) // F0 9F 98 80
    expect(fnv1_32('\ud800')).toBe(0xf1b64e00) // EF BF BD
  })

  it('gives the seeds of calico.md §2.5', () => {
    expect(fnv1_32('control1')).toBe(2625546849)
    expect(fnv1_32('worker1')).toBe(1927789516)
    expect(fnv1_32('worker2')).toBe(1927789519)
    expect(fnv1_32('testHost')).toBe(2118914743)
    expect(fnv1_32('host-a')).toBe(1258779341)
  })
})

describe('createGoSource (Go math/rand NewSource)', () => {
  it('reproduces the calico.md self-check values for seed 1927789519', () => {
    const int63 = createGoSource(1927789519)
    expect([int63.int63(), int63.int63(), int63.int63()]).toEqual([5670911349091035288n, 4634774395042007297n, 7828622642395688015n])
    const uint32 = createGoSource(1927789519n)
    expect([uint32.uint32(), uint32.uint32(), uint32.uint32(), uint32.uint32()]).toEqual([2640723879, 2158235011, 3645486497, 4157235906])
  })

  it("reproduces Go's well-known first outputs for seed 1", () => {
    const source = createGoSource(1)
    expect([source.int63(), source.int63(), source.int63()]).toEqual([5577006791947779410n, 8674665223082153551n, 6129484611666145821n])
  })

  it('reduces the seed modulo 2^31−1 like Go, replacing 0 and making negatives non-negative', () => {
    const first = (seed: bigint | number): bigint => createGoSource(seed).int63()
    expect(first(0)).toBe(first(89482311))
    expect(first(2147483647n)).toBe(first(89482311))
    expect(first(-1n)).toBe(first(2147483646))
    expect(first(2147483648 + 5)).toBe(first(6))
    expect(first(2n ** 64n + 7n)).toBe(first(7)) // read as a Go int64
  })

  it('rejects seeds that are not safe integers', () => {
    expect(() => createGoSource(1.5)).toThrow(RangeError)
    expect(() => createGoSource(2 ** 60)).toThrow(RangeError)
  })

  it('takes Uint32 from bits 31…62 of the same output Int63 returns', () => {
    const a = createGoSource(42)
    const b = createGoSource(42)
    for (let i = 0; i < 2000; i++) expect(a.uint32()).toBe(Number((b.int63() >> 31n) & 0xffffffffn))
  })
})

describe('goBigIntRand (Go big.Int.Rand, 64-bit words)', () => {
  it('builds each word from two Uint32 calls, low half first, and masks to bitlen(n)', () => {
    // n = 32 has bit length 6, so words are masked to 0x3f: (0x1f << 32 | 0x25) & 0x3f = 37 ≥ 32 is rejected.
    const source = scripted([0x25, 0x1f, 0x16, 0xffffffff])
    expect(goBigIntRand(source, 32n)).toBe(0x16n)
    expect(source.used()).toBe(4)
  })

  it('fills several words least significant first and masks only the top word (n ≥ 2^64)', () => {
    const n = 2n ** 64n + 5n // bit length 65: two words, top word masked to 1 bit
    const rejected = [1, 2, 3, 0] // 2^64 + 2^33 + 1 ≥ n
    const accepted = [0xdeadbeef, 0x01234567, 0xfffffffe, 0xffffffff] // top word masks to 0
    const source = scripted([...rejected, ...accepted])
    expect(goBigIntRand(source, n)).toBe(0x01234567deadbeefn)
    expect(source.used()).toBe(8)

    const wide = scripted([5, 6, 7, 8, 0xfffffffd, 0x80000003])
    const limit = 2n ** 129n // bit length 130: three words, top word masked to 2 bits (…fffd & 3 = 1)
    expect(goBigIntRand(wide, limit)).toBe((1n << 128n) | (8n << 96n) | (7n << 64n) | (6n << 32n) | 5n)
  })

  it('masks a one-word draw to bitlen(n) on either side of 32 bits, the high half counting only above it', () => {
    // bit length 32: the whole low half, the high half masked away.
    expect(goBigIntRand(scripted([0xfffffffe, 0xffffffff]), 2n ** 32n - 1n)).toBe(0xfffffffen)
    // bit length 31: 0xffffffff & 0x7fffffff is 2^31 − 1, not below n = 2^31 − 1, so the next draw is taken.
    expect(goBigIntRand(scripted([0xffffffff, 0, 0x80000005, 7]), 2n ** 31n - 1n)).toBe(5n)
    // bit length 33: one bit of the high half; 2^32 + 0x30 is not below n, so the next draw is taken.
    expect(goBigIntRand(scripted([0x30, 0xffffffff, 0x11, 0xffffffff]), 2n ** 32n + 0x20n)).toBe(0x11n + 2n ** 32n)
    // bit length 52: twenty bits of the high half.
    expect(goBigIntRand(scripted([0x89abcdef, 0xfff01234]), 2n ** 51n + 1n)).toBe((0x01234n << 32n) | 0x89abcdefn)
  })

  it('returns 0 without consuming the source when n ≤ 0', () => {
    const source = scripted([])
    expect(goBigIntRand(source, 0n)).toBe(0n)
    expect(goBigIntRand(source, -3n)).toBe(0n)
  })

  it('stays below n for multi-word limits with a real source', () => {
    const source = createGoSource(1927789519)
    const limits = [2n ** 64n, 2n ** 64n + 1n, 3n * 2n ** 70n, 2n ** 128n - 1n, 2n ** 128n]
    for (const n of limits) {
      for (let i = 0; i < 50; i++) {
        const value = goBigIntRand(source, n)
        expect(value >= 0n && value < n).toBe(true)
      }
    }
    expect(goBigIntRand(createGoSource(7), 2n ** 100n)).toBe(goBigIntRand(createGoSource(7), 2n ** 100n))
  })
})

describe('blockStartIndex (calico.md §2.5 reference values)', () => {
  const sizes = [2n, 4n, 8n, 16n, 32n, 64n, 256n, 1024n, 16384n]
  const table: Record<string, readonly number[]> = {
    control1: [0, 0, 6, 6, 6, 56, 126, 966, 11902],
    worker1: [1, 1, 6, 14, 29, 46, 166, 942, 5038],
    worker2: [1, 1, 7, 7, 22, 39, 244, 757, 16295],
    testHost: [0, 2, 2, 7, 18, 18, 18, 18, 18],
    'host-a': [0, 0, 4, 15, 24, 20, 216, 216, 6360],
  }
  for (const [node, expected] of Object.entries(table)) {
    it(`matches Calico for ${node}`, () => {
      expect(sizes.map((n) => Number(blockStartIndex(node, n)))).toEqual(expected)
    })
  }

  it('puts worker2 at index 22 of external-pool (10.48.2.0/24, /29): 10.48.2.176/29', () => {
    const index = blockStartIndex('worker2', 32n)
    expect(index).toBe(22n)
    expect(`10.48.2.${Number(index) * 8}/29`).toBe('10.48.2.176/29')
  })

  it('puts the EC2-style name for 10.0.1.31 at index 27: the lab block 10.48.2.216/29', () => {
    const index = blockStartIndex('ip-10-0-1-31.eu-west-1.compute.internal', 32n)
    expect(index).toBe(27n)
    expect(`10.48.2.${Number(index) * 8}/29`).toBe('10.48.2.216/29')
  })

  it('is 0 for a pool of one block and rejects an empty pool', () => {
    expect(blockStartIndex('worker2', 1n)).toBe(0n)
    expect(() => blockStartIndex('worker2', 0n)).toThrow(RangeError)
  })

  it('uses the explicit time stand-in, not the node name, for single-address blocks', () => {
    expect(blockGeneratorSeed('worker2')).toBe(1927789519n)
    expect(blockGeneratorSeed('worker2', { timeSeed: 5n })).toBe(5n)
    const fromTime = blockStartIndex('worker2', 256n, { timeSeed: 1927789516n })
    expect(fromTime).toBe(blockStartIndex('worker1', 256n))
    expect(blockStartIndex('control1', 256n, { timeSeed: 1927789516n })).toBe(fromTime)
  })
})

describe('blockOrder', () => {
  it('walks start, start+1, …, wraps to 0 and ends before start', () => {
    expect([...blockOrder('worker2', 8n)]).toEqual([7n, 0n, 1n, 2n, 3n, 4n, 5n, 6n])
    expect([...blockOrder('testHost', 4n)]).toEqual([2n, 3n, 0n, 1n])
    expect([...blockOrder('control1', 2n)]).toEqual([0n, 1n])
  })

  it('visits every block exactly once and can be iterated again', () => {
    const order = blockOrder('worker1', 1024n)
    const first = [...order]
    expect(first).toHaveLength(1024)
    expect(new Set(first).size).toBe(1024)
    expect(first[0]).toBe(942n)
    expect([...order]).toEqual(first)
  })

  it('is lazy, so huge IPv6 pools cost nothing until iterated', () => {
    const numBlocks = 2n ** 64n // e.g. a /58 pool of /122 blocks
    const start = blockStartIndex('worker2', numBlocks)
    expect(take(blockOrder('worker2', numBlocks), 3)).toEqual([start, start + 1n, start + 2n].map((i) => i % numBlocks))
  })
})

describe('BlockStarts', () => {
  it('gives the same start as a fresh generator for every node and pool size, in any order', () => {
    const starts = new BlockStarts()
    const names = ['control1', 'worker1', 'worker2', 'testHost', 'host-a', 'ip-10-0-1-31.eu-west-1.compute.internal']
    const sizes = [1n, 2n, 4n, 8n, 32n, 1024n, 16384n, 1n << 40n, 1n << 70n]
    for (const size of [...sizes].reverse()) for (const name of names) expect(starts.startIndex(name, size)).toBe(blockStartIndex(name, size))
  })
})

describe('outputs of a new source without the source', () => {
  const seeds = [0, 1, 1927789519, 2147483647, 2147483648, 4294967295, fnv1_32('worker2'), fnv1_32('node-4999')]

  it('gives every output a source gives while both words added are as seeding left them', () => {
    for (const seed of seeds) {
      const source = createGoSource(seed)
      const state = goSeedState(seed)
      for (let k = 1; k <= FRESH_OUTPUTS; k++) expect(freshUint32(state, k)).toBe(source.uint32())
    }
  })

  it('goes on with a real source past them', () => {
    for (const seed of seeds) {
      const source = createGoSource(seed)
      const outputs: number[] = []
      const stream = new FreshStream(seed, goSeedState(seed), outputs)
      for (let k = 1; k <= FRESH_OUTPUTS + 700; k++) expect(stream.uint32()).toBe(source.uint32())
      // A later walk reads the kept outputs, then goes on past them.
      const again = new FreshStream(seed, goSeedState(seed), outputs)
      const replayed = createGoSource(seed)
      for (let k = 1; k <= FRESH_OUTPUTS + 5; k++) expect(again.uint32()).toBe(replayed.uint32())
    }
  })
})
