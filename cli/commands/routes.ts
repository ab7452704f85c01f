import type { CliIo } from '../io'
import { perHostCommand } from './perHost'

export const ROUTES_USAGE = `Usage: peerlab routes DESIGN [--host H]

Prints each host's main routing table as \`ip route\` would on it: the OS routes of its
interfaces, what BIRD learned and Felix programmed on Calico nodes, what BIRD installed on
outside routers. Without --host, every host in design order, each under a "# host" heading.
  --host H   one host, by alias (worker1), name or address
Exits 1 when the design has errors (listed on stderr; the tables are printed all the same),
2 when DESIGN cannot be read or is not a design, or on an unknown host.
`

export function routesCommand(args: readonly string[], io: CliIo): Promise<number> {
  return perHostCommand('routes', args, io, 'ip route', () => true)
}
