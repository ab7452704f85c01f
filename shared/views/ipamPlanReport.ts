import type { CapacityReport } from '../ipam/capacity'
import type { StopReason } from '../ipam/fillSimulation'
import type { Forecast } from '../ipam/forecast'
import { asciiTable } from './asciiTable'

/** What stops a node taking more pods, in a few words. */
export const STOP_WORDING: Readonly<Record<StopReason, string>> = {
  maxPods: 'maxPods',
  blockLimit: 'block limit',
  strictAffinity: 'strict affinity',
  poolsFull: 'pools full',
  noPool: 'no pool',
  noAutoAllocate: 'autoAllocateBlocks off',
  unschedulable: 'taint',
}

/** The capacity plan as text: the total, each pool, then one row per node (whose shares add up to the total). */
export function formatIpamPlan(report: CapacityReport): string {
  const head = `${report.totalPodsThatFit} more pods fit in the cluster (nodes share the pools' free addresses and stop at their maxPods; block limit ${report.maxBlocksPerHost}${report.strictAffinity ? ', strict affinity' : ''}).\n`
  const pools = report.pools
    .map(
      (p) =>
        `IP pool ${p.name} (${p.cidr}, /${p.blockSize} blocks): ${p.blocksClaimed} of ${p.blocksTotal} blocks claimed, ${p.used} of ${p.total} addresses used, ${p.free} free; the pods that fit take ${p.podsThatFit}, leaving ${p.freeAfterFill}\n`,
    )
    .join('')
  const table = asciiTable(
    ['Node', 'Max pods', 'Pods', 'Blocks', 'In use', 'Borrowed', 'Pods that fit', 'Alone', 'Limited by'],
    report.nodes.map((n) => [
      n.name,
      String(n.maxPods),
      String(n.pods),
      String(n.blocks),
      String(n.addressesInUse),
      String(n.borrowed),
      String(n.podsThatFit),
      String(n.podsThatFitAlone),
      n.limitedBy === null ? '' : STOP_WORDING[n.limitedBy],
    ]),
  )
  const borrowing = report.borrowingOrder.length > 0 ? `Once every block is claimed, nodes borrow in this order: ${report.borrowingOrder.join(', ')}.\n` : ''
  return `${head}${pools}${table}\n${borrowing}`
}

/** The forecast as text: one row per week, then when each pool runs out. */
export function formatForecast(forecast: Forecast): string {
  const { podsPerWeek, nodesPerWeek } = forecast.options
  const head = `Forecast: ${podsPerWeek} pod${podsPerWeek === 1 ? '' : 's'} and ${nodesPerWeek} node${nodesPerWeek === 1 ? '' : 's'} a week.\n`
  const table = asciiTable(
    ['Week', 'Date', 'Nodes', 'Pods added', 'Pods placed', 'Capacity', ...forecast.pools.map((p) => `Free ${p.name}`)],
    forecast.weeks.map((w) => [String(w.week), w.date ?? '', String(w.nodes), String(w.podsAdded), String(w.podsPlaced), String(w.capacity), ...w.free.map(String)]),
  )
  const when = (week: number | null, date: string | null): string => (week === null ? 'not within the forecast' : `in week ${week}${date !== null ? ` (${date})` : ''}`)
  const pools = forecast.pools.map((p) => `IP pool ${p.name} runs out ${when(p.runsOutWeek, p.runsOutDate)}.\n`).join('')
  const pods = `Added pods stop fitting ${when(forecast.podsStopFittingWeek, forecast.podsStopFittingDate)}.\n`
  const tunnels = forecast.tunnelFailures > 0 ? `${forecast.tunnelFailures} tunnel addresses of new nodes fail: ${forecast.firstTunnelFailure ?? ''}\n` : ''
  return `${head}${table}\n${pools}${pods}${tunnels}`
}
