// Feeds hostile design files through every stage (load, checks, network, routes, exports, the lab
// console, saving) and prints what went wrong: `npm run fuzz -- --inputs 20000 [--seed 1]
// [--save DIR]`. Inputs come from test/fuzz/generators.ts over the example and fixture designs.
// Each runs in a worker thread, so an input that never finishes is timed out and counted rather
// than stopping the run. Exits 1 when any input threw, hung, lost a location or a byte on save.
import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import fc from 'fast-check'
import { hostileDesign } from '../test/fuzz/generators'
import type { FuzzReply } from './fuzzWorker'

/** An input slower than this counts as a hang (issue #13: the app analyses a design on open). */
const HANG_MS = 2_000
/** An input still running after this is stopped: the worker is replaced and the input counted as hung. */
const KILL_MS = 60_000
/** The worker's heap limit: past it, an input counts as an exception (out of memory). */
const HEAP_LIMIT_MB = 4_096
const BATCH = 500

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(name)
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback
}

const inputs = Number(option('--inputs', '10000'))
const seed = Number(option('--seed', '1'))
const saveDir = option('--save', '')
const root = new URL('..', import.meta.url).pathname
const seedFiles = [join(root, 'examples'), join(root, 'test/fixtures/designs')].flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => join(dir, f)),
)
const arbitrary = hostileDesign(seedFiles.map((f) => readFileSync(f, 'utf8')))

function startWorker(): Worker {
  return new Worker(new URL('./fuzzWorker.mjs', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: HEAP_LIMIT_MB } })
}

let worker = startWorker()

/** One input through the worker; a worker that dies or never answers is replaced. */
function run(text: string): Promise<FuzzReply | { readonly killed: 'hang' | 'crash'; readonly error: string }> {
  return new Promise((resolve) => {
    const finish = (result: FuzzReply | { readonly killed: 'hang' | 'crash'; readonly error: string }): void => {
      clearTimeout(timer)
      worker.removeAllListeners('message').removeAllListeners('error')
      resolve(result)
    }
    const timer = setTimeout(() => {
      void worker.terminate()
      worker = startWorker()
      finish({ killed: 'hang', error: `still running after ${KILL_MS} ms` })
    }, KILL_MS)
    worker.once('message', (reply: FuzzReply) => finish(reply))
    worker.once('error', (error: Error) => {
      worker = startWorker()
      finish({ killed: 'crash', error: `${error.name}: ${error.message} (the worker died)` })
    })
    worker.postMessage(text)
  })
}

const save = (kind: string, text: string): void => {
  if (saveDir === '') return
  mkdirSync(saveDir, { recursive: true })
  writeFileSync(join(saveDir, `${kind}-${createHash('sha1').update(text).digest('hex').slice(0, 12)}.yaml`), text)
}

const exceptions = new Map<string, number>()
let tried = 0
let hangs = 0
let unlocated = 0
let lostOnSave = 0
let peakHeap = 0
let slowest = 0
const started = performance.now()
for (let batch = 0; tried < inputs; batch++) {
  for (const text of fc.sample(arbitrary, { numRuns: Math.min(BATCH, inputs - tried), seed: seed * 1_000_003 + batch })) {
    const result = await run(text)
    tried += 1
    if ('killed' in result) {
      if (result.killed === 'hang') hangs += 1
      else exceptions.set(result.error, (exceptions.get(result.error) ?? 0) + 1)
      save(result.killed, text)
      continue
    }
    peakHeap = Math.max(peakHeap, result.heap)
    slowest = Math.max(slowest, result.ms)
    if (result.ms > HANG_MS) {
      hangs += 1
      save('hang', text)
    }
    if (result.error !== undefined) {
      exceptions.set(result.error, (exceptions.get(result.error) ?? 0) + 1)
      save('exception', text)
    }
    if (result.unlocated.length > 0) {
      unlocated += result.unlocated.length
      save('unlocated', text)
    }
    if (!result.roundTrips) {
      lostOnSave += 1
      save('save', text)
    }
  }
  process.stderr.write(`\r${tried} inputs, ${Math.round((performance.now() - started) / 1000)} s`)
}
await worker.terminate()
process.stderr.write('\n')

const thrown = [...exceptions.values()].reduce((a, b) => a + b, 0)
const rows: [string, string][] = [
  ['inputs tried', String(tried)],
  ['exceptions', String(thrown)],
  [`hangs (> ${HANG_MS / 1000} s)`, String(hangs)],
  ['peak heap', `${Math.round(peakHeap / 2 ** 20)} MB`],
  ['diagnostics without a location', String(unlocated)],
  ['unchanged designs not saved byte for byte', String(lostOnSave)],
  ['slowest input', `${Math.round(slowest)} ms`],
  ['time', `${Math.round((performance.now() - started) / 1000)} s`],
]
for (const [label, value] of rows) console.log(`${label.padEnd(44)}${value}`)
for (const [error, count] of exceptions) console.log(`\n${count} × ${error}`)
process.exitCode = thrown + hangs + unlocated + lostOnSave > 0 ? 1 : 0
