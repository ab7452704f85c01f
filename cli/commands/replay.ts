import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { parseArgs } from '../args'
import { EXIT, UsageError, withDesignErrors, type CliIo } from '../io'
import { readStdin, readTextFile } from '../designSource'
import { openConsole, saveConsoleDesign } from './consoleDesign'

export const REPLAY_USAGE = `Usage: peerlab replay DESIGN SCRIPT [--json] [--save OUT]

Runs a file of lab-console commands, as a person would type them (here-documents included), in
order, starting on the design's jump host, and prints the transcript: each command after its
prompt, then its output. \`kubectl apply -f FILE\` reads FILE beside SCRIPT.
  --json       a JSON array instead, one object per command (ssh and exit count):
               {"host", "command", "output", "exitCode"}
  --save OUT   write the design after the script (kubectl apply changes it) to OUT
Exits 0 when every command succeeded, 1 when some command exited non-zero or the design has
errors (listed on stderr; the transcript is printed all the same), 2 when DESIGN or SCRIPT cannot
be read or DESIGN is not a design, or OUT cannot be written (it is then left as it was).
`

export async function replayCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { positional, options } = parseArgs(args, ['--save'], ['--json'])
  if (positional.length !== 2) throw new UsageError('expected DESIGN and SCRIPT')
  const [designSpec, scriptPath] = positional as [string, string]
  if (designSpec === '-' && scriptPath === '-') throw new UsageError('DESIGN and SCRIPT cannot both be standard input')
  const script = scriptPath === '-' ? await readStdin(io.stdin) : await readTextFile(scriptPath)
  const base = scriptPath === '-' ? process.cwd() : dirname(resolve(scriptPath))
  const readBeside = (path: string): string | undefined => {
    try {
      return readFileSync(resolve(base, path), 'utf8')
    } catch {
      return undefined
    }
  }
  const { console, source, errors } = await openConsole('replay', designSpec, undefined, io, { readFile: readBeside })
  const transcript: string[] = []
  const entries = []
  for (const entry of console.run(script)) {
    entries.push({ host: entry.host, command: entry.command, output: entry.output, exitCode: entry.exitCode })
    transcript.push(`ubuntu@${entry.host}:~$ ${entry.command}\n${entry.output}`)
  }
  io.stdout(options.has('--json') ? `${JSON.stringify(entries, null, 2)}\n` : transcript.join(''))
  const save = options.get('--save')
  if (typeof save === 'string') await saveConsoleDesign(console, source, save)
  return withDesignErrors(entries.every((e) => e.exitCode === 0) ? EXIT.ok : EXIT.designErrors, errors)
}
