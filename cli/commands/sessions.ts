import { sessionRoutesOf } from '../../shared/explain/sessionRoutes'
import { displayName } from '../../shared/model/query'
import { parseArgs } from '../args'
import { EXIT, UsageError, type CliIo, withDesignErrors } from '../io'
import { analyseDesign, selectHosts } from './analysedDesign'
import { jsonDocument } from './jsonDocument'
import { sessionJson, sessionsTable, type SessionJson } from './sessionsReport'

export const SESSIONS_USAGE = `Usage: peerlab sessions DESIGN [--host H] [--json]

Prints every BGP session of each BGP speaker (Calico nodes and outside routers): the neighbor,
the peer address, BIRD's protocol name, STATE and INFO as calicoctl node status and birdc show
protocols print them, the routes that cross it (ADVERTISED to the neighbor; RECEIVED from it,
of which ACCEPTED and FILTERED by this host's import filter) and the configuration it comes
from. Below each table, why each session that is not Established is not. Without --host, every
speaker in design order, each under a "# host" heading.
  --host H   one host, by alias (worker1), name or address
  --json     {"schemaVersion": 1, "hosts": [{"host", "name", "sessions": [...]}]}, each session
             with the routes themselves: "advertised": [CIDR...], "received": [{"cidr",
             "nextHop", "filteredBy"}] (docs/cli.md)
Exits 1 when --host names a host that runs no BGP speaker, 2 on bad input or an unknown host.
`

/** `peerlab sessions --json` (docs/cli.md). */
export interface SessionsJson {
  readonly hosts: readonly { readonly host: string; readonly name: string; readonly sessions: readonly SessionJson[] }[]
}

export async function sessionsCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { positional, options } = parseArgs(args, ['--host'], ['--json'])
  if (positional.length !== 1) throw new UsageError('expected exactly one DESIGN')
  const analysed = await analyseDesign('sessions', positional[0] as string, io)
  const { design, network } = analysed
  const speaks = new Set(network.speakers.map((s) => s.id))
  const host = options.get('--host')
  const hosts = selectHosts(analysed, host, (h) => speaks.has(h.id))
  const silent = hosts.find((h) => !speaks.has(h.id))
  if (silent) {
    io.stderr(`peerlab sessions: ${displayName(silent)} runs no BGP speaker: it has no sessions\n`)
    return EXIT.designErrors
  }
  const sessions = hosts.map((h) => sessionRoutesOf(design, network, h.id))
  if (options.has('--json')) {
    const body: SessionsJson = { hosts: hosts.map((h, i) => ({ host: displayName(h), name: h.name, sessions: (sessions[i] ?? []).map(sessionJson) })) }
    io.stdout(jsonDocument(body))
  } else if (typeof host === 'string') io.stdout(sessionsTable(sessions[0] ?? []))
  else io.stdout(hosts.map((h, i) => `# ${displayName(h)}\n${sessionsTable(sessions[i] ?? [])}`).join('\n'))
  return withDesignErrors(EXIT.ok, analysed.errors)
}
