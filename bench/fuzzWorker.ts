// Runs fuzz inputs through the whole pipeline for bench/fuzz.ts, one message per input, in a
// worker thread so that the script can time it out and measure it without being stopped by it.
import { parentPort } from 'node:worker_threads'
import { runPipeline } from '../test/fuzz/pipeline'

/** What the script learns about one input. */
export interface FuzzReply {
  readonly ms: number
  readonly error: string | undefined
  readonly unlocated: readonly string[]
  readonly roundTrips: boolean
  /** The most heap in use at the end of any stage, in bytes. */
  readonly heap: number
}

parentPort?.on('message', (text: string) => {
  let heap = 0
  const sample = (): void => {
    heap = Math.max(heap, process.memoryUsage().heapUsed)
  }
  const started = performance.now()
  let reply: FuzzReply
  try {
    const outcome = runPipeline(text, sample)
    reply = { ms: performance.now() - started, error: undefined, unlocated: outcome.unlocated.map((d) => `${d.code}: ${d.message}`), roundTrips: outcome.roundTrips, heap }
  } catch (error) {
    // The point of the script: an exception is counted and its input kept, not fatal.
    const e = error instanceof Error ? error : new Error(String(error))
    reply = { ms: performance.now() - started, error: `${e.name}: ${e.message}\n${(e.stack ?? '').split('\n').slice(1, 4).join('\n')}`, unlocated: [], roundTrips: true, heap }
  }
  parentPort?.postMessage(reply)
})
