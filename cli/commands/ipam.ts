import { capacityOf } from '../../shared/ipam/capacity'
import { computeIpam } from '../../shared/ipam/computeIpam'
import { calicoVersionOf } from '../../shared/model/calicoVersion'
import { forecastCapacity, MAX_FORECAST_WEEKS, type ForecastOptions } from '../../shared/ipam/forecast'
import { calicoctlIpamShow } from '../../shared/views/calicoctlIpamShow'
import { formatForecast, formatIpamPlan } from '../../shared/views/ipamPlanReport'
import { checkedDesign } from '../designErrors'
import { readDesignSource } from '../designSource'
import { parseArgs } from '../args'
import { EXIT, UsageError, withDesignErrors, type CliIo } from '../io'
import { ipamJson } from './ipamJson'
import { jsonDocument } from './jsonDocument'

/** The ipam document's schema: 2 since `plan` gave way to `nodes` and `totalPodsThatFit` (docs/cli.md). */
export const IPAM_SCHEMA_VERSION = 2

export const IPAM_USAGE = `Usage: peerlab ipam DESIGN [--show-blocks] [--plan] [--forecast [--pods-per-week N]
                    [--nodes-per-week N] [--weeks N] [--start YYYY-MM-DD]] [--json]

Runs Calico IPAM on the design (tunnel addresses at node start-up, then every pod in design order)
and prints what calicoctl ipam show would.
  --show-blocks      one row per block under its pool, as calicoctl ipam show --show-blocks
  --plan             how many more pods fit, per node and in all: pods are added where the
                     scheduler puts them until none fits, each node stopping at its maxPods
                     (status.allocatable.pods, 110 by default), the block limit, strict
                     affinity or full pools; the nodes share each pool's free addresses
  --forecast         week by week, as pods and nodes are added: when pods stop fitting and
                     when each pool runs out
  --pods-per-week N  pods added each week (default 0)
  --nodes-per-week N nodes added each week, each like the last node that takes ordinary pods
                     (default 0)
  --weeks N          weeks to forecast (default 52, at most ${MAX_FORECAST_WEEKS})
  --start DATE       the date of week 0, to date the weeks (default: today)
  --json             all of it: {"schemaVersion": ${IPAM_SCHEMA_VERSION}, "pools": [...], "blocks": [...],
                     "nodes": [...], "totalPodsThatFit": N, ...} (docs/cli.md), with "forecast"
                     under --forecast; --show-blocks and --plan choose tables only
Exits 1 when a pod gets no address or the design has errors (listed on stderr; the report
is printed all the same), 2 when DESIGN cannot be read or is not a design.
`

const COUNT_OPTIONS = ['--pods-per-week', '--nodes-per-week', '--weeks'] as const

function count(option: string, value: string | true | undefined, fallback: number, most: number): number {
  if (value === undefined || value === true) return fallback
  if (!/^\d+$/.test(value) || Number(value) > most) throw new UsageError(`${option} takes a whole number from 0 to ${most}, not "${value}"`)
  return Number(value)
}

function forecastOptions(options: ReadonlyMap<string, string | true>, today: string): ForecastOptions {
  const start = options.get('--start')
  if (typeof start === 'string' && (!/^\d{4}-\d{2}-\d{2}$/.test(start) || Number.isNaN(Date.parse(`${start}T00:00:00Z`)))) throw new UsageError(`--start takes a date as YYYY-MM-DD, not "${start}"`)
  return {
    podsPerWeek: count('--pods-per-week', options.get('--pods-per-week'), 0, 10_000_000),
    nodesPerWeek: count('--nodes-per-week', options.get('--nodes-per-week'), 0, 10_000),
    weeks: count('--weeks', options.get('--weeks'), 52, MAX_FORECAST_WEEKS),
    startDate: typeof start === 'string' ? start : today,
  }
}

export async function ipamCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { positional, options } = parseArgs(args, [...COUNT_OPTIONS, '--start'], ['--show-blocks', '--plan', '--json', '--forecast'])
  if (positional.length !== 1) throw new UsageError('expected exactly one DESIGN')
  const forecasting = options.has('--forecast')
  for (const option of [...COUNT_OPTIONS, '--start']) if (options.has(option) && !forecasting) throw new UsageError(`${option} goes with --forecast`)
  const forecastWith = forecasting ? forecastOptions(options, new Date().toISOString().slice(0, 10)) : undefined
  const source = await readDesignSource(positional[0] as string, io.stdin)
  const { design, errors } = checkedDesign('ipam', source, io)
  const ipam = computeIpam(design)
  const forecast = forecastWith ? forecastCapacity(design, ipam, forecastWith) : undefined
  if (options.has('--json')) io.stdout(jsonDocument(ipamJson(ipam, capacityOf(design, ipam), forecast), IPAM_SCHEMA_VERSION))
  else if (forecast) io.stdout(`${options.has('--plan') ? `${formatIpamPlan(capacityOf(design, ipam))}\n` : ''}${formatForecast(forecast)}`)
  else io.stdout(options.has('--plan') ? formatIpamPlan(capacityOf(design, ipam)) : calicoctlIpamShow(ipam, { showBlocks: options.has('--show-blocks'), version: calicoVersionOf(design) }))
  for (const diagnostic of ipam.diagnostics) io.stderr(`${diagnostic.message}\n`)
  return withDesignErrors(ipam.diagnostics.length > 0 ? EXIT.designErrors : EXIT.ok, errors)
}
