import { computeIpam } from '../../shared/ipam/computeIpam'
import { calicoVersionOf } from '../../shared/model/calicoVersion'
import { planIpam } from '../../shared/ipam/planIpam'
import { calicoctlIpamShow } from '../../shared/views/calicoctlIpamShow'
import { formatIpamPlan } from '../../shared/views/ipamPlanReport'
import { checkedDesign } from '../designErrors'
import { readDesignSource } from '../designSource'
import { parseArgs } from '../args'
import { EXIT, UsageError, withDesignErrors, type CliIo } from '../io'
import { ipamJson } from './ipamJson'
import { jsonDocument } from './jsonDocument'

export const IPAM_USAGE = `Usage: peerlab ipam DESIGN [--show-blocks] [--plan] [--json]

Runs Calico IPAM on the design (tunnel addresses at node start-up, then every pod in design order)
and prints what calicoctl ipam show would.
  --show-blocks  one row per block under its pool, as calicoctl ipam show --show-blocks
  --plan         per pool and node: blocks claimed, addresses used and free, how many more pods
                 fit, and which nodes would borrow first
  --json         all of it: {"schemaVersion": 1, "pools": [...], "blocks": [...], "plan": [...]}
                 (docs/cli.md); --show-blocks and --plan choose tables, and change nothing here
Exits 1 when a pod gets no address or the design has errors (listed on stderr; the report
is printed all the same), 2 when DESIGN cannot be read or is not a design.
`

export async function ipamCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { positional, options } = parseArgs(args, [], ['--show-blocks', '--plan', '--json'])
  if (positional.length !== 1) throw new UsageError('expected exactly one DESIGN')
  const source = await readDesignSource(positional[0] as string, io.stdin)
  const { design, errors } = checkedDesign('ipam', source, io)
  const ipam = computeIpam(design)
  if (options.has('--json')) io.stdout(jsonDocument(ipamJson(ipam, planIpam(design, ipam))))
  else io.stdout(options.has('--plan') ? formatIpamPlan(planIpam(design, ipam)) : calicoctlIpamShow(ipam, { showBlocks: options.has('--show-blocks'), version: calicoVersionOf(design) }))
  for (const diagnostic of ipam.diagnostics) io.stderr(`${diagnostic.message}\n`)
  return withDesignErrors(ipam.diagnostics.length > 0 ? EXIT.designErrors : EXIT.ok, errors)
}
