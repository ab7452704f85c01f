import type { IpamResult } from '../../shared/ipam/computeIpam'
import type { PoolPlan } from '../../shared/ipam/planIpam'
import { formatIpPrefix, prefixSize } from '../../shared/net'

/**
 * `peerlab ipam --json` (docs/cli.md): what `calicoctl ipam show --show-blocks` and `--plan`
 * print, as numbers. An IPv6 pool's size is a power of two and exact; counts derived from it
 * (free) are exact only up to 2^53, as JSON numbers are doubles.
 */
export interface IpamJson {
  readonly pools: readonly { readonly name: string; readonly cidr: string; readonly blockSize: number; readonly enabled: boolean; readonly size: number; readonly inUse: number; readonly free: number }[]
  readonly blocks: readonly { readonly cidr: string; readonly pool: string; readonly affinity: string | null; readonly size: number; readonly inUse: number; readonly free: number; readonly borrowed: number }[]
  readonly plan: readonly PlanJson[]
}

/** A pool's plan, field by field: the engine's type may grow, the document changes only on purpose. */
type PlanJson = Omit<PoolPlan, 'nodes'> & { readonly nodes: readonly PoolPlan['nodes'][number][] }

function planJson(plan: PoolPlan): PlanJson {
  const { pool, cidr, blockSize, blocksTotal, blocksClaimed, addressesTotal, addressesUsed, addressesFree, nodes, borrowingOrder } = plan
  return {
    pool,
    cidr,
    blockSize,
    blocksTotal,
    blocksClaimed,
    addressesTotal,
    addressesUsed,
    addressesFree,
    nodes: nodes.map(({ node, blocks, used, freeInBlocks, morePods }) => ({ node, blocks, used, freeInBlocks, morePods })),
    borrowingOrder,
  }
}

export function ipamJson(ipam: IpamResult, plan: readonly PoolPlan[]): IpamJson {
  return {
    pools: ipam.pools.map((pool) => {
      const inUse = ipam.blocks.filter((b) => b.pool === pool.name).reduce((sum, b) => sum + b.inUse, 0)
      const size = Number(prefixSize(pool.prefix))
      return { name: pool.name, cidr: formatIpPrefix(pool.prefix), blockSize: pool.blockSize, enabled: pool.enabled, size, inUse, free: size - inUse }
    }),
    blocks: ipam.blocks.map((b) => ({ cidr: b.cidr, pool: b.pool, affinity: b.affinity ?? null, size: b.size, inUse: b.inUse, free: b.size - b.inUse, borrowed: b.borrowed })),
    plan: plan.map(planJson),
  }
}
