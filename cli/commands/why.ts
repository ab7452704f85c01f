import { explainWhy } from '../../shared/explain/whyAnswer'
import { namingOf } from '../../shared/explain/wording'
import { parseArgs } from '../args'
import { EXIT, UsageError, type CliIo, withDesignErrors } from '../io'
import { analyseDesign, selectHost } from './analysedDesign'
import { jsonDocument } from './jsonDocument'
import { whyJson, whyText } from './whyReport'

/** As grep exits 1 when nothing matched, so that a script can test a route with `peerlab why ... >/dev/null`. */
const NO_ROUTE = 1

export const WHY_USAGE = `Usage: peerlab why DESIGN --host H PREFIX|ADDRESS [--json]

Explains why host H has a route to PREFIX or ADDRESS, or why it has none.
  A route: the route as ip route prints it, then each step of its way, one per line (the block
    or service range it comes from, each BGP session it crossed, the import filter rule that let
    it in, how it reached the kernel), then the paths BGP did not choose and the step they lost on.
    An address the host routes by a route of its own (not the default) is explained by that route.
  No route: for an address, what ip route get gives instead; then each prefix the cluster
    originates there that H lacks, where it comes from, and every place it stops (a filter
    rule, a session that is down, BGP's own rules), most decisive first; or why nothing is
    originated there at all.
  --host H   the host asking, by alias (bastion), name or address; required
  --json     {"schemaVersion": 1, "host", "name", "query", "queryKind", "routed", "summary",
             "routeGet", "routes", "missing", "notes"} (docs/cli.md)
Exits 0 when H routes it, 1 when it does not (the why-not is printed all the same; a prefix
counts as routed when a route covers it, or when H has a route to everything the cluster
originates inside it), 2 on bad input: an unknown host, or neither a prefix nor an address.
`

export async function whyCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { positional, options } = parseArgs(args, ['--host'], ['--json'])
  if (positional.length !== 2) throw new UsageError('expected DESIGN and one PREFIX or ADDRESS')
  const host = options.get('--host')
  if (typeof host !== 'string') throw new UsageError('--host H is required: the host whose routing table to explain')
  const [spec, query] = positional as [string, string]
  const analysed = await analyseDesign('why', spec, io)
  const { design, network } = analysed
  const answer = explainWhy(design, network, selectHost(analysed, host).id, query)
  if (answer.queryKind === 'invalid') throw new UsageError(answer.summary)
  const naming = namingOf(design, network)
  io.stdout(options.has('--json') ? jsonDocument(whyJson(naming, answer)) : whyText(naming, answer))
  return withDesignErrors(answer.routed ? EXIT.ok : NO_ROUTE, analysed.errors)
}
