import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { formatDiagnostic, hasErrors } from '../shared/diagnostics'
import { checkBundle } from '../shared/validate/checkBundle'
import { listExamples, readDesignSource, SourceError } from './designSource'

/** Exit codes, documented in `peerlab --help` and the README. */
export const EXIT = { ok: 0, designErrors: 1, unusable: 2 } as const

export interface CliIo {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  readonly stdin: AsyncIterable<Buffer | string>
}

const { version: VERSION } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }

const USAGE = `Usage: peerlab <command> [options]

Commands:
  validate DESIGN [--json]   Check a design and print its diagnostics.
  examples                   List the built-in examples.

DESIGN is a file path, - for standard input, or example:NAME for a built-in example
(the Calico lab is example:calico-lab-2.2).

Options:
  -h, --help      Show help (also after a command: peerlab validate --help).
  -V, --version   Print the version.

Exit codes:
  0  no errors
  1  the design has errors
  2  the input could not be read, or the command line is wrong
`

const VALIDATE_USAGE = `Usage: peerlab validate DESIGN [--json]

Loads DESIGN and prints every diagnostic (errors, warnings and notes), one per line, as
  FILE:LINE:COLUMN: SEVERITY CODE: MESSAGE (document N, field F)
With --json, prints {"design", "diagnostics": [...], "errors", "warnings"} instead.
Exits 0 when there is no error, 1 when there is one, 2 when DESIGN cannot be read.
`

async function validate(args: string[], io: CliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(VALIDATE_USAGE)
    return EXIT.ok
  }
  const json = args.includes('--json')
  const positional = args.filter((a) => a !== '--json')
  const unknown = positional.filter((a) => a.startsWith('-') && a !== '-')
  if (unknown.length > 0 || positional.length !== 1) {
    io.stderr(unknown.length > 0 ? `peerlab validate: unknown option ${unknown[0]}\n` : 'peerlab validate: expected exactly one DESIGN\n')
    io.stderr(VALIDATE_USAGE)
    return EXIT.unusable
  }
  const source = await readDesignSource(positional[0] as string, io.stdin)
  const { diagnostics } = checkBundle(source.text)
  const errors = diagnostics.filter((d) => d.severity === 'error').length
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length
  if (json) {
    io.stdout(`${JSON.stringify({ design: source.label, diagnostics, errors, warnings }, null, 2)}\n`)
  } else {
    for (const diagnostic of diagnostics) io.stdout(`${formatDiagnostic(diagnostic, source.label)}\n`)
    io.stdout(`${source.label}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`)
  }
  return hasErrors(diagnostics) ? EXIT.designErrors : EXIT.ok
}

/** Runs one CLI invocation; returns the exit code instead of exiting, so tests can call it. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...args] = argv
  try {
    switch (command) {
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.stdout(USAGE)
        return command === undefined ? EXIT.unusable : EXIT.ok
      case '-V':
      case '--version':
        io.stdout(`${VERSION}\n`)
        return EXIT.ok
      case 'validate':
        return await validate(args, io)
      case 'examples':
        io.stdout(`${(await listExamples()).map((name) => `example:${name}`).join('\n')}\n`)
        return EXIT.ok
      default:
        io.stderr(`peerlab: unknown command "${command}"\n\n${USAGE}`)
        return EXIT.unusable
    }
  } catch (error) {
    if (error instanceof SourceError) {
      io.stderr(`peerlab: ${error.message}\n`)
      return EXIT.unusable
    }
    throw error
  }
}

const isEntryPoint = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href
if (isEntryPoint) {
  const code = await runCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stdin: process.stdin,
  })
  process.exitCode = code
}
