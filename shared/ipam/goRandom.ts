// Bit-exact ports of the three Go primitives Calico's block generator is built from (calico.md §2.5):
// hash/fnv's 32-bit FNV-1, math/rand's NewSource generator (Go's src/math/rand/rng.go: an additive
// lagged Fibonacci generator by Mitchell and Reeds, 607 words, tap 273) and math/big's Int.Rand
// (Go's src/math/big/nat.go `nat.random`, 64-bit word size). Written from those descriptions; the
// seeding table is derived by scripts/derive-go-rng-cooked.ts, not copied from Go.
import { GO_RNG_COOKED_HEX } from './goRngCooked'

const LENGTH = 607
const TAP = 273
const MODULUS_31 = 2147483647
/** Go substitutes this seed for one that is 0 mod 2^31−1 (a Park–Miller state must be non-zero). */
const ZERO_SEED_REPLACEMENT = 89482311

/** Go's math/rand generator as returned by `rand.NewSource` (and used through `rand.Rand`). */
export interface GoSource {
  /** Go `Int63`: the next 64-bit output with its top bit cleared. */
  int63(): bigint
  /** Go `Rand.Uint32`: bits 31…62 of the next output (`uint32(Int63() >> 31)`), consuming one step. */
  uint32(): number
}

// The 64-bit words are kept as two uint32 halves so that stepping needs no BigInt allocation.
let cookedHalves: { readonly hi: Uint32Array; readonly lo: Uint32Array } | undefined

/** Decodes the generated hex table once, on first use. */
function cooked(): { readonly hi: Uint32Array; readonly lo: Uint32Array } {
  if (!cookedHalves) {
    const hi = new Uint32Array(LENGTH)
    const lo = new Uint32Array(LENGTH)
    GO_RNG_COOKED_HEX.forEach((word, i) => {
      hi[i] = parseInt(word.slice(0, 8), 16)
      lo[i] = parseInt(word.slice(8), 16)
    })
    cookedHalves = { hi, lo }
  }
  return cookedHalves
}

/** Park–Miller step x → 48271·x mod (2^31−1); Go uses Schrage's method, doubles are exact here (< 2^47). */
function lehmerNext(x: number): number {
  return (48271 * x) % MODULUS_31
}

/** Go's `seed % (2^31−1)` on an int64, made non-negative, with 0 replaced. */
function reduceSeed(seed: bigint | number): number {
  if (typeof seed === 'number' && !Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`)
  // A node's seed, an FNV-1 hash, is a non-negative int64 already: no BigInt for each of thousands of nodes.
  if (typeof seed === 'number' && seed >= 0) {
    const reduced = seed % MODULUS_31
    return reduced === 0 ? ZERO_SEED_REPLACEMENT : reduced
  }
  const int64 = BigInt.asIntN(64, BigInt(seed)) // Go takes an int64
  let reduced = Number(int64 % BigInt(MODULUS_31)) // truncating remainder, like Go's %
  if (reduced < 0) reduced += MODULUS_31
  return reduced === 0 ? ZERO_SEED_REPLACEMENT : reduced
}

/**
 * Go's `rand.NewSource(seed)`: a deterministic generator whose outputs match Go's bit for bit.
 * `seed` is read as a Go int64 (wrapped to 64 bits); numbers must be safe integers.
 */
/** 48271^k mod (2^31−1) for k = 0 … 20 + 3·607: the Park–Miller multipliers seeding uses, the same for every seed. */
let powers: Float64Array | undefined

function lehmerPowers(): Float64Array {
  if (!powers) {
    powers = new Float64Array(21 + 3 * LENGTH)
    powers[0] = 1
    for (let k = 1; k < powers.length; k++) powers[k] = lehmerNext(powers[k - 1]!)
  }
  return powers
}

/** a·b mod (2^31−1) for a, b < 2^31, exactly in doubles: b is split so no product exceeds 2^53. */
function mulMod31(a: number, b: number): number {
  return (((a * Math.floor(b / 65536)) % MODULUS_31) * 65536 + a * (b % 65536)) % MODULUS_31
}

export function createGoSource(seed: bigint | number): GoSource {
  const table = cooked()
  const reduced = reduceSeed(seed)
  const power = lehmerPowers()
  // rngSource.Seed: 20 discarded Park–Miller steps, then per word u = x1<<40 ^ x2<<20 ^ x3 ^ rngCooked[i].
  // The k-th Park–Miller state is 48271^k·seed, so word i needs no earlier word: words are made
  // only when a step reads them. Choosing a block start reads a handful of the 607, and every
  // node seeds a source, so the words made are kept in small dense arrays, not three 607-word
  // typed arrays per source (their allocation was most of IPAM's time at thousands of nodes).
  const slots = new Map<number, number>()
  const hi: number[] = []
  const lo: number[] = []
  /** Where word i is kept, made on first read. */
  const word = (i: number): number => {
    let at = slots.get(i)
    if (at !== undefined) return at
    at = hi.length
    slots.set(i, at)
    const x1 = mulMod31(power[21 + 3 * i]!, reduced)
    const x2 = mulMod31(power[22 + 3 * i]!, reduced)
    const x3 = mulMod31(power[23 + 3 * i]!, reduced)
    // x < 2^31, so x1<<40 lands in the high half as x1<<8 (bits past 63 drop), x2<<20 straddles both.
    hi.push(((x1 << 8) ^ (x2 >>> 12) ^ table.hi[i]!) >>> 0)
    lo.push(((x2 << 20) ^ x3 ^ table.lo[i]!) >>> 0)
    return at
  }
  let tap = 0
  let feed = LENGTH - TAP
  /** One step (rngSource.Uint64): vec[feed] += vec[tap] mod 2^64; returns where the word written is kept. */
  const step = (): number => {
    tap = tap === 0 ? LENGTH - 1 : tap - 1
    feed = feed === 0 ? LENGTH - 1 : feed - 1
    const t = word(tap)
    const f = word(feed)
    const low = lo[f]! + lo[t]!
    lo[f] = low >>> 0
    hi[f] = (hi[f]! + hi[t]! + (low > 0xffffffff ? 1 : 0)) >>> 0
    return f
  }
  return {
    int63() {
      const at = step()
      return (BigInt(hi[at]! & 0x7fffffff) << 32n) | BigInt(lo[at]!)
    },
    uint32() {
      const at = step()
      return ((hi[at]! << 1) | (lo[at]! >>> 31)) >>> 0
    },
  }
}

/**
 * How many outputs of a new source add two words as seeding left them: the tap, walking down from
 * the top, first reaches a word the feed wrote at step TAP + 1.
 */
export const FRESH_OUTPUTS = TAP

/** The state Go's seeding starts from for `seed`: what `freshUint32` takes, worked out once per seed. */
export function goSeedState(seed: bigint | number): number {
  return reduceSeed(seed)
}

/**
 * Output `k` (1 for the first, at most FRESH_OUTPUTS) of `rand.NewSource(seed).Uint32`, from
 * `goSeedState(seed)`, without a source: step k adds seeding's words LENGTH − k and LENGTH − TAP − k.
 * Each of thousands of nodes draws its block starts from the first few outputs of its own source.
 */
export function freshUint32(state: number, k: number): number {
  const table = cooked()
  const power = lehmerPowers()
  const t = LENGTH - k
  const f = LENGTH - TAP - k
  const t1 = mulMod31(power[21 + 3 * t]!, state)
  const t2 = mulMod31(power[22 + 3 * t]!, state)
  const t3 = mulMod31(power[23 + 3 * t]!, state)
  const f1 = mulMod31(power[21 + 3 * f]!, state)
  const f2 = mulMod31(power[22 + 3 * f]!, state)
  const f3 = mulMod31(power[23 + 3 * f]!, state)
  // As in createGoSource's words: x1<<40 ^ x2<<20 ^ x3 ^ rngCooked[i], in uint32 halves.
  const low = (((t2 << 20) ^ t3 ^ table.lo[t]!) >>> 0) + (((f2 << 20) ^ f3 ^ table.lo[f]!) >>> 0)
  const high = (((t1 << 8) ^ (t2 >>> 12) ^ table.hi[t]!) >>> 0) + (((f1 << 8) ^ (f2 >>> 12) ^ table.hi[f]!) >>> 0) + (low > 0xffffffff ? 1 : 0)
  return ((high << 1) | ((low >>> 0) >>> 31)) >>> 0
}

/** The largest bound drawn in doubles: below 2^53, every value of its bit length is exact. */
const MAX_DOUBLE_WORD = 2n ** 52n

/**
 * Go's `new(big.Int).Rand(rnd, n)` on a 64-bit host: uniform in [0, n), or 0 when n ≤ 0 (without
 * consuming the source). Each attempt fills ⌈bitlen(n)/64⌉ words, least significant first, each word
 * from two `Uint32` calls (low half first); only the top word is masked to bitlen(n) bits; the attempt
 * is repeated until the value is below n (Go's src/math/big/nat.go `nat.random`).
 */
export function goBigIntRand(source: Pick<GoSource, 'uint32'>, n: bigint): bigint {
  if (n <= 0n) return 0n
  // One word whose value a double holds (every IPv4 pool's block count): drawn in numbers, as
  // thousands of nodes each draw a start per pool.
  if (n <= MAX_DOUBLE_WORD) {
    const limit = Number(n)
    const bitLength = limit >= 2 ** 32 ? 64 - Math.clz32(Math.floor(limit / 2 ** 32)) : 32 - Math.clz32(limit)
    for (;;) {
      const low = source.uint32()
      const high = source.uint32()
      const value = bitLength <= 32 ? (bitLength === 32 ? low : low & ((1 << bitLength) - 1)) >>> 0 : (high & ((1 << (bitLength - 32)) - 1)) * 2 ** 32 + low
      if (value < limit) return BigInt(value)
    }
  }
  const bitLength = n.toString(2).length
  const wordCount = Math.ceil(bitLength / 64)
  const topMask = (1n << BigInt(bitLength - (wordCount - 1) * 64)) - 1n
  for (;;) {
    let value = 0n
    for (let i = 0; i < wordCount; i++) {
      const low = BigInt(source.uint32())
      let word = (BigInt(source.uint32()) << 32n) | low
      if (i === wordCount - 1) word &= topMask
      value |= word << BigInt(64 * i)
    }
    if (value < n) return value
  }
}

/**
 * Go's `hash/fnv` `New32` (FNV-1, not FNV-1a: multiply by the prime, then XOR the byte) over the
 * UTF-8 bytes of `text`, as an unsigned 32-bit number. Lone surrogates encode as U+FFFD, as
 * TextEncoder would (a Go string holds bytes, so it has no such case; node names are ASCII anyway).
 */
export function fnv1_32(text: string): number {
  let hash = 2166136261
  // ASCII bytes are the characters themselves: node names are ASCII, and every node hashes its
  // name, so the byte generator is left for the first character that needs encoding.
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code >= 0x80) {
      for (const byte of utf8Bytes(text.slice(i))) hash = (Math.imul(hash, 16777619) ^ byte) >>> 0
      return hash
    }
    hash = (Math.imul(hash, 16777619) ^ code) >>> 0
  }
  return hash
}

/** UTF-8 encoding by hand: shared/ compiles against ES2022 only, where TextEncoder is not declared. */
function* utf8Bytes(text: string): Generator<number> {
  for (const char of text) {
    let code = char.codePointAt(0)!
    if (code >= 0xd800 && code <= 0xdfff) code = 0xfffd // lone surrogate; pairs arrive combined
    if (code < 0x80) {
      yield code
    } else if (code < 0x800) {
      yield 0xc0 | (code >> 6)
      yield 0x80 | (code & 0x3f)
    } else if (code < 0x10000) {
      yield 0xe0 | (code >> 12)
      yield 0x80 | ((code >> 6) & 0x3f)
      yield 0x80 | (code & 0x3f)
    } else {
      yield 0xf0 | (code >> 18)
      yield 0x80 | ((code >> 12) & 0x3f)
      yield 0x80 | ((code >> 6) & 0x3f)
      yield 0x80 | (code & 0x3f)
    }
  }
}
