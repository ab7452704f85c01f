import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { Readable } from 'node:stream'
import { beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../cli/main'

/**
 * Replays every command of the Calico lab 2.2 handout (../shared/seeds/000_072053aa9a42589e.txt,
 * copied verbatim in test/fixtures/seed) against example:calico-lab-2.2 through the CLI, and
 * compares each output with the handout's, exactly, except what the handout cannot fix: the
 * SINCE times, the AGE column and the pod name's random part (and trailing spaces, which the
 * handout's Markdown trimmed unevenly).
 */
const SEED = readFileSync(resolve(import.meta.dirname, 'fixtures/seed/calico-lab-2.2.md'), 'utf8')
const LAB_SCRIPT = resolve(import.meta.dirname, '../examples/calico-lab-2.2.lab.txt')

/** The handout's fenced blocks, in order. */
const BLOCKS = [...SEED.matchAll(/```\n(.*?)```/gs)].map((m) => m[1] as string)

/**
 * Which blocks are commands and which output answers each: the handout interleaves them, and
 * some commands (setup, exit) show no output. Block 1 repeats its command on its first line.
 */
const COMMAND_BLOCKS = [0, 2, 4, 5, 7, 8, 9, 11, 12, 13, 15, 16, 18, 19, 21, 23, 25, 27, 29, 31]
const OUTPUT_OF: Readonly<Record<number, number>> = { 0: 1, 2: 3, 5: 6, 9: 10, 13: 14, 16: 17, 19: 20, 21: 22, 23: 24, 25: 26, 27: 28, 29: 30, 31: 32 }

interface Entry {
  readonly host: string
  readonly command: string
  readonly output: string
  readonly exitCode: number
}

/** Trailing spaces and trailing blank lines are layout, not content. */
function lines(text: string): string[] {
  const all = text.split('\n').map((l) => l.trimEnd())
  while (all.length > 0 && all.at(-1) === '') all.pop()
  return all
}

/** Masks what differs between any two runs of the lab: SINCE, AGE and the pod's generated name. */
function normalise(text: string): string[] {
  return lines(text).map((line) => {
    const masked = line.replace(/\| (\d\d:\d\d:\d\d) \|/g, '| HH:MM:SS |').replace(/\bnginx-[a-z0-9]+-[a-z0-9]{5}\b/g, 'nginx-POD')
    // kubectl's table: columns split on runs of spaces, AGE (the fifth) masked; widths follow the cells.
    if (/^nginx-POD\s/.test(masked) || /^NAME\s+READY\s+STATUS/.test(masked)) {
      const cells = masked.split(/\s{2,}/)
      if (!cells[0]?.startsWith('NAME')) cells[4] = 'AGE'
      return cells.join(' | ')
    }
    return masked
  })
}

let entries: Entry[]
let exitCode: number

beforeAll(async () => {
  let stdout = ''
  let stderr = ''
  exitCode = await runCli(['replay', 'example:calico-lab-2.2', LAB_SCRIPT, '--json'], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stdin: Readable.from([]) })
  expect(stderr).toBe('')
  entries = JSON.parse(stdout) as Entry[]
})

describe('the Calico lab 2.2 handout, replayed with `peerlab replay example:calico-lab-2.2 lab.txt --json`', () => {
  it("replays exactly the handout's commands, in order, each once", () => {
    expect(readFileSync(LAB_SCRIPT, 'utf8')).toBe(COMMAND_BLOCKS.map((i) => BLOCKS[i]).join(''))
    const typed = COMMAND_BLOCKS.flatMap((i) =>
      lines(BLOCKS[i] as string)
        .join('\n')
        .split(/\n(?=curl -L|chmod|sudo mv)/),
    )
    expect(entries.map((e) => e.command.trimEnd())).toEqual(typed)
  })

  it('succeeds at every step', () => {
    expect(entries.filter((e) => e.exitCode !== 0)).toEqual([])
    expect(exitCode).toBe(0)
  })

  it('runs on the hosts the handout says: bastion, except between ssh worker1 and exit', () => {
    expect(entries.map((e) => e.host)).toEqual([
      'bastion',
      'bastion',
      'bastion',
      'bastion',
      'bastion',
      'worker1',
      'worker1',
      'worker1',
      'worker1',
      'worker1',
      'bastion',
      'bastion',
      'bastion',
      'worker1',
      'worker1',
      'bastion',
      'bastion',
      'bastion',
      'bastion',
      'bastion',
      'bastion',
      'bastion',
    ])
  })

  const expectations = COMMAND_BLOCKS.filter((block) => OUTPUT_OF[block] !== undefined).map((block) => {
    const command = lines(BLOCKS[block] as string).join('\n')
    const shown = BLOCKS[OUTPUT_OF[block] as number] as string
    // The first output block starts by repeating its command.
    const expected = block === 0 ? shown.slice(shown.indexOf('\n') + 1) : shown
    return { command, expected, occurrence: COMMAND_BLOCKS.filter((b) => b <= block && lines(BLOCKS[b] as string).join('\n') === command).length }
  })

  it.each(expectations)('prints what the handout shows for: $command', ({ command, expected, occurrence }) => {
    const matching = entries.filter((e) => e.command.trimEnd() === command)
    const entry = matching[occurrence - 1]
    expect(entry, `no replayed entry for ${command}`).toBeDefined()
    expect(normalise(entry?.output ?? '')).toEqual(normalise(expected))
  })

  it('shows the SINCE of the new global peering later than the mesh sessions, from the lab clock', () => {
    const statuses = entries.filter((e) => e.command === 'sudo calicoctl node status')
    const since = (output: string, peer: string): string => new RegExp(`\\| ${peer.replace(/\./g, '\\.')} +\\|[^|]+\\|[^|]+\\| (\\d\\d:\\d\\d:\\d\\d) \\|`).exec(output)?.[1] ?? ''
    expect(since(statuses[0]?.output ?? '', '10.0.1.20')).toBe('17:44:46')
    expect(since(statuses[1]?.output ?? '', '10.0.1.10') > '20:33:30').toBe(true)
  })
})
