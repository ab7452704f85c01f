import { formatDiagnostic, hasErrors } from '../../shared/diagnostics'
import { checkBundle } from '../../shared/validate/checkBundle'
import { readDesignSource } from '../designSource'
import { parseArgs } from '../args'
import { EXIT, UsageError, type CliIo } from '../io'
import { jsonDocument } from './jsonDocument'

export const VALIDATE_USAGE = `Usage: peerlab validate DESIGN [--json]

Loads DESIGN and runs every check: what Calico and Kubernetes would refuse, and address plans
that cannot work (overlaps, pools too small for their workloads). Prints one line per problem:
  FILE:LINE:COLUMN: SEVERITY CODE: MESSAGE (document N, field F) Suggestion: ...
With --json, prints {"schemaVersion": 1, "design", "diagnostics": [...], "errors", "warnings"}
instead (docs/cli.md).
Exits 0 when there is no error (warnings allowed), 1 when there is one, 2 when DESIGN cannot be
read or is not UTF-8 text.
`

export async function validateCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { positional, options } = parseArgs(args, [], ['--json'])
  if (positional.length !== 1) throw new UsageError('expected exactly one DESIGN')
  const source = await readDesignSource(positional[0] as string, io.stdin)
  const { diagnostics } = checkBundle(source.text)
  const errors = diagnostics.filter((d) => d.severity === 'error').length
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length
  if (options.has('--json')) {
    io.stdout(jsonDocument({ design: source.label, diagnostics, errors, warnings }))
  } else {
    for (const diagnostic of diagnostics) io.stdout(`${formatDiagnostic(diagnostic, source.label)}\n`)
    io.stdout(`${source.label}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`)
  }
  return hasErrors(diagnostics) ? EXIT.designErrors : EXIT.ok
}
