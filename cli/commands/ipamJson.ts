import type { CapacityReport } from '../../shared/ipam/capacity'
import type { IpamResult } from '../../shared/ipam/computeIpam'
import type { Forecast } from '../../shared/ipam/forecast'

/**
 * `peerlab ipam --json` (docs/cli.md): what `calicoctl ipam show --show-blocks` and `--plan`
 * print, as numbers. An IPv6 pool's size is a power of two and exact; counts derived from it
 * (free) are exact only up to 2^53, as JSON numbers are doubles. Fields are listed one by one:
 * the engine's types may grow, the document changes only on purpose.
 */
export function ipamJson(ipam: IpamResult, capacity: CapacityReport, forecast: Forecast | undefined): object {
  return {
    pools: capacity.pools.map((p) => ({
      name: p.name,
      cidr: p.cidr,
      blockSize: p.blockSize,
      enabled: p.enabled,
      size: p.total,
      inUse: p.used,
      free: p.free,
      blocksTotal: p.blocksTotal,
      blocksClaimed: p.blocksClaimed,
      nodes: p.nodes,
      podsThatFit: p.podsThatFit,
      freeAfterFill: p.freeAfterFill,
    })),
    blocks: ipam.blocks.map((b) => ({ cidr: b.cidr, pool: b.pool, affinity: b.affinity ?? null, size: b.size, inUse: b.inUse, free: b.size - b.inUse, borrowed: b.borrowed })),
    nodes: capacity.nodes.map((n) => ({
      name: n.name,
      maxPods: n.maxPods,
      pods: n.pods,
      schedulable: n.schedulable,
      blocks: n.blocks,
      addressesInUse: n.addressesInUse,
      borrowed: n.borrowed,
      freeInBlocks: n.freeInBlocks,
      podsThatFit: n.podsThatFit,
      podsThatFitAlone: n.podsThatFitAlone,
      limitedBy: n.limitedBy,
    })),
    totalPodsThatFit: capacity.totalPodsThatFit,
    borrowingOrder: capacity.borrowingOrder,
    strictAffinity: capacity.strictAffinity,
    maxBlocksPerHost: capacity.maxBlocksPerHost,
    ...(forecast
      ? {
          forecast: {
            podsPerWeek: forecast.options.podsPerWeek,
            nodesPerWeek: forecast.options.nodesPerWeek,
            weeks: forecast.weeks.map((w) => ({ week: w.week, date: w.date, nodes: w.nodes, podsAdded: w.podsAdded, podsPlaced: w.podsPlaced, capacity: w.capacity, free: w.free })),
            pools: forecast.pools.map((p) => ({ name: p.name, runsOutWeek: p.runsOutWeek, runsOutDate: p.runsOutDate })),
            podsStopFittingWeek: forecast.podsStopFittingWeek,
            podsStopFittingDate: forecast.podsStopFittingDate,
          },
        }
      : {}),
  }
}
