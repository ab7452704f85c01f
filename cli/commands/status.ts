import { parseArgs } from '../args'
import { UsageError, type CliIo } from '../io'
import { perHostCommand } from './perHost'
import { statusJson } from './statusJson'

export const STATUS_USAGE = `Usage: peerlab status DESIGN [--host H] [--json]

Prints \`calicoctl node status\` for each Calico node: its BGP sessions, their state, SINCE (from
the design's lab clock) and INFO as BIRD reports them. Without --host, every Calico node, each
under a "# host" heading.
  --host H   one node, by alias (worker1), name or address
  --json     {"schemaVersion": 1, "hosts": [{"host", "name", "calicoRunning", "ipv4": [...],
             "ipv6": [...]}]}, each row {"peerAddress", "peerType", "state", "since", "info"}
             as calicoctl prints it (docs/cli.md)
Exits 1 when --host names a host that runs no Calico or the design has errors (listed on
stderr), 2 when DESIGN cannot be read or is not a design, or on an unknown host.
`

export function statusCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { positional, options } = parseArgs(args, ['--host'], ['--json'])
  if (!options.has('--json')) return perHostCommand('status', args, io, 'sudo calicoctl node status', (role) => role !== 'router')
  if (positional.length !== 1) throw new UsageError('expected exactly one DESIGN')
  return statusJson(positional[0] as string, options.get('--host'), io)
}
