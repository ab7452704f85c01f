import { parseArgs } from '../args'
import { UsageError, type CliIo } from '../io'
import { perHostCommand } from './perHost'
import { routesReport } from './routesReport'

export const ROUTES_USAGE = `Usage: peerlab routes DESIGN [--host H] [--json] [--why]

Prints each host's main routing table as \`ip route\` would on it: the OS routes of its
interfaces, what BIRD learned and Felix programmed on Calico nodes, what BIRD installed on
outside routers. Without --host, every host in design order, each under a "# host" heading.
  --host H   one host, by alias (worker1), name or address
  --why      under each route, indented, why it is there: where it was originated, each
             session it crossed, the filter rule that let it in, how it reached the kernel
  --json     {"schemaVersion": 1, "hosts": [{"host", "name", "routes": [...]}]}, IPv6 routes
             included; with --why each route has "why": {"summary", "steps", "losers", "path"}
             (docs/cli.md)
Exits 1 when the design has errors (listed on stderr; the tables are printed all the same),
2 when DESIGN cannot be read or is not a design, or on an unknown host.
`

export function routesCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { positional, options } = parseArgs(args, ['--host'], ['--json', '--why'])
  if (!options.has('--json') && !options.has('--why')) return perHostCommand('routes', args, io, 'ip route', () => true)
  if (positional.length !== 1) throw new UsageError('expected exactly one DESIGN')
  return routesReport(positional[0] as string, options.get('--host'), { json: options.has('--json'), why: options.has('--why') }, io)
}
