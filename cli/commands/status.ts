import type { CliIo } from '../io'
import { perHostCommand } from './perHost'

export const STATUS_USAGE = `Usage: peerlab status DESIGN [--host H]

Prints \`calicoctl node status\` for each Calico node: its BGP sessions, their state, SINCE (from
the design's lab clock) and INFO as BIRD reports them. Without --host, every Calico node, each
under a "# host" heading.
  --host H   one node, by alias (worker1), name or address
Exits 1 when --host names a host that runs no Calico or the design has errors (listed on
stderr), 2 when DESIGN cannot be read or is not a design, or on an unknown host.
`

export function statusCommand(args: readonly string[], io: CliIo): Promise<number> {
  return perHostCommand('status', args, io, 'sudo calicoctl node status', (role) => role !== 'router')
}
