import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('../..', import.meta.url).pathname

/** The designs hostile inputs are made from: the examples and every fixture design. */
export function seedDesigns(): string[] {
  return [join(root, 'examples'), join(root, 'test/fixtures/designs')].flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => readFileSync(join(dir, f), 'utf8')),
  )
}

/** Every input that once crashed, hung or lost text, by file name (test/fixtures/fuzz-corpus/). */
export function fuzzCorpus(): [string, string][] {
  const dir = join(root, 'test/fixtures/fuzz-corpus')
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => [f, readFileSync(join(dir, f), 'utf8')])
}
