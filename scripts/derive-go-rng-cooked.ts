// Derives Go's `rngCooked` seeding table and writes shared/ipam/goRngCooked.ts.
//
// Why derive instead of copy: Calico's block generator (calico.md §2.5) needs Go's math/rand
// generator bit for bit, whose seeding XORs 607 constants. We do not copy that table (or any code)
// from Go's source. Go documents how the table was made, in src/math/rand/gen_cooked.go: seed the
// same additive lagged Fibonacci generator with 1 (but with seeding shifts 20/10 instead of 40/20
// and no table), step it 7.8e12 times with plain int64 wrap-around, and print the 607 state words in
// storage order; the 64-bit print is the table that src/math/rand/rng.go uses.
//
// 7.8e12 steps cannot be run directly, but the recurrence is linear over Z/2^64, so this script
// jumps: it computes x^N mod P(x) by square-and-multiply and applies the result to the start state.
//
// Run: npx tsx scripts/derive-go-rng-cooked.ts
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const LENGTH = 607
const TAP = 273
/** Steps gen_cooked.go runs (`for i := uint64(0); i < 7.8e12; i++`). */
const STEPS = 7_800_000_000_000n
const MODULUS_31 = 2147483647

const wrap = (value: bigint): bigint => BigInt.asUintN(64, value)

/** Park–Miller step x → 48271·x mod (2^31−1); exact in doubles since 48271·x < 2^47. */
function lehmerNext(x: number): number {
  return (48271 * x) % MODULUS_31
}

/** State after gen_cooked.go's `srand(1)`: 20 discarded steps, then three steps per word. */
function initialState(): bigint[] {
  const vec: bigint[] = []
  let x = 1
  for (let i = -20; i < LENGTH; i++) {
    x = lehmerNext(x)
    if (i < 0) continue
    let u = BigInt(x) << 20n
    x = lehmerNext(x)
    u ^= BigInt(x) << 10n
    x = lehmerNext(x)
    u ^= BigInt(x)
    vec.push(u)
  }
  return vec
}

/** Reference: step the generator the slow way (tap/feed pointers), as gen_cooked.go's vrand does. */
function simulate(start: readonly bigint[], steps: number): bigint[] {
  const vec = [...start]
  let tap = 0
  let feed = LENGTH - TAP
  for (let k = 0; k < steps; k++) {
    tap = (tap + LENGTH - 1) % LENGTH
    feed = (feed + LENGTH - 1) % LENGTH
    vec[feed] = wrap(vec[feed]! + vec[tap]!)
  }
  return vec
}

// Sequence view. The value written at step k (k ≥ 1) goes to feed slot f(k) = (334 − k) mod 607 and
// equals the old value there (written at step k − 607) plus the tap slot (−k mod 607), which was last
// written at step k − 273. So the outputs satisfy s[k] = s[k−607] + s[k−273], characteristic
// polynomial P(x) = x^607 − x^334 − 1, and the start state is s[j] = vec[(334 − j) mod 607] for
// j = −606…0. After N steps, slot p holds s[k] for the largest k ≤ N with k ≡ 334 − p (mod 607).
const FEED_START = LENGTH - TAP
const mod = (a: bigint, m: bigint): bigint => ((a % m) + m) % m

/** s[−606…606]: the start window plus 607 more terms, enough for every jumped dot product. */
function sequenceWindow(start: readonly bigint[]): bigint[] {
  const s: bigint[] = [] // s[j + 606] holds s_j
  for (let j = -606; j <= 0; j++) s.push(start[Number(mod(BigInt(FEED_START - j), BigInt(LENGTH)))]!)
  for (let k = 1; k <= 606; k++) s.push(wrap(s[k - LENGTH + 606]! + s[k - TAP + 606]!))
  return s
}

/** (a·b) mod P over Z/2^64; a and b have degree < 607. Products are summed as BigInt, wrapped once. */
function mulMod(a: readonly bigint[], b: readonly bigint[]): bigint[] {
  const product = new Array<bigint>(2 * LENGTH - 1).fill(0n)
  for (let i = 0; i < LENGTH; i++) {
    const ai = a[i]!
    if (ai === 0n) continue
    for (let j = 0; j < LENGTH; j++) product[i + j]! += ai * b[j]!
  }
  for (let d = 0; d < product.length; d++) product[d] = wrap(product[d]!)
  return reduce(product)
}

/** Reduces with x^607 = x^334 + 1, highest degree first so folded terms are folded again. */
function reduce(poly: bigint[]): bigint[] {
  for (let d = poly.length - 1; d >= LENGTH; d--) {
    const c = poly[d]!
    if (c === 0n) continue
    poly[d - TAP] = wrap(poly[d - TAP]! + c) // x^d = x^(d−273) + x^(d−607)
    poly[d - LENGTH] = wrap(poly[d - LENGTH]! + c)
  }
  return poly.slice(0, LENGTH)
}

/** x·a mod P. */
function mulX(a: readonly bigint[]): bigint[] {
  return reduce([0n, ...a])
}

/** x^n mod P by left-to-right square-and-multiply. */
function xPowMod(n: bigint): bigint[] {
  let result = new Array<bigint>(LENGTH).fill(0n)
  result[0] = 1n
  for (const bit of n.toString(2)) {
    result = mulMod(result, result)
    if (bit === '1') result = mulX(result)
  }
  return result
}

/** Generator state (storage order) after `steps` steps from `start`, by jumping. */
function jump(start: readonly bigint[], steps: bigint): bigint[] {
  const window = sequenceWindow(start)
  const coefficients = xPowMod(steps)
  // s[N + j] = Σ c_i s[j + i] for j = −606…0, since x^N ≡ Σ c_i x^i and the recurrence is linear.
  const tail: bigint[] = []
  for (let j = -606; j <= 0; j++) {
    let sum = 0n
    for (let i = 0; i < LENGTH; i++) sum += coefficients[i]! * window[j + i + 606]!
    tail.push(wrap(sum))
  }
  const vec: bigint[] = []
  for (let p = 0; p < LENGTH; p++) {
    const residue = mod(BigInt(FEED_START - p), BigInt(LENGTH))
    const k = steps - mod(steps - residue, BigInt(LENGTH)) // largest k ≤ N with k ≡ residue
    vec.push(tail[Number(k - steps) + 606]!)
  }
  return vec
}

function selfTest(start: readonly bigint[]): void {
  for (const steps of [0, 1, 272, 273, 606, 607, 608, 1500, 4321]) {
    const slow = simulate(start, steps)
    const fast = jump(start, BigInt(steps))
    if (slow.some((v, i) => v !== fast[i])) throw new Error(`jump disagrees with simulation after ${steps} steps`)
  }
}

function render(table: readonly bigint[]): string {
  const hex = table.map((v) => `'${v.toString(16).padStart(16, '0')}'`)
  const lines: string[] = []
  for (let i = 0; i < hex.length; i += 6) lines.push(`  ${hex.slice(i, i + 6).join(', ')},`)
  return `// GENERATED by scripts/derive-go-rng-cooked.ts — do not edit; run \`npx tsx scripts/derive-go-rng-cooked.ts\`.
//
// Go's math/rand seeding table (\`rngCooked\` in Go's src/math/rand/rng.go), derived here rather than
// copied: src/math/rand/gen_cooked.go documents that the table is the state of Go's additive lagged
// Fibonacci generator (607 words, tap 273) seeded with 1 (seeding shifts 20/10) after 7.8e12 steps.
// The script reaches step 7.8e12 by computing x^N mod (x^607 − x^334 − 1) over Z/2^64 and applying
// it to the start state (checked against direct simulation for small N).
// The reference values of calico.md §2.5 (test/shared/ipam/blockGenerator.test.ts) prove the result.
//
// Encoding: 607 words in storage order, each the unsigned 64-bit value (two's complement of Go's
// int64) as 16 hex digits, decoded once by shared/ipam/goRandom.ts.

/** Go's \`rngCooked\` as 16-digit hex, index 0…606 (see the header for how it was derived). */
export const GO_RNG_COOKED_HEX: readonly string[] = [
${lines.join('\n')}
]
`
}

const started = performance.now()
const start = initialState()
selfTest(start)
const table = jump(start, STEPS)
const seconds = ((performance.now() - started) / 1000).toFixed(1)
const target = fileURLToPath(new URL('../shared/ipam/goRngCooked.ts', import.meta.url))
writeFileSync(target, render(table))
console.log(`derived ${table.length} words in ${seconds} s; wrote ${target}`)
