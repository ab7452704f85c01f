import type { Design } from '../model/design'
import { hostsOf, resourcesOf } from '../model/query'
import { prefixSize } from '../net'
import { DEFAULT_MAX_BLOCKS } from './autoAssign'
import type { IpamResult } from './computeIpam'
import { selectsNode } from './ipamPools'

export interface NodePlan {
  readonly node: string
  readonly blocks: number
  readonly used: number
  /** Free addresses in the node's own blocks: pods that fit without touching anything else. */
  readonly freeInBlocks: number
  /** Pods that still fit on the node: its free addresses plus the blocks it may still claim (block limit, blocks left). */
  readonly morePods: number
}

export interface PoolPlan {
  readonly pool: string
  readonly cidr: string
  readonly blockSize: number
  readonly blocksTotal: number
  readonly blocksClaimed: number
  readonly addressesTotal: number
  readonly addressesUsed: number
  readonly addressesFree: number
  readonly nodes: readonly NodePlan[]
  /**
   * Nodes in the order they would start borrowing once every block is claimed: the one with the
   * fewest free addresses in its own blocks first. Empty while blocks are left, or with strict
   * affinity (nodes then fail instead of borrowing).
   */
  readonly borrowingOrder: readonly string[]
}

/**
 * Answers an architect's questions about each pool, that no Calico command answers: how full it
 * is, how many more pods each node and the pool can take, and who borrows first.
 */
export function planIpam(design: Design, ipam: IpamResult): PoolPlan[] {
  const config = resourcesOf(design, 'projectcalico.org/v3/IPAMConfiguration').find((c) => c.metadata.name === 'default')?.spec
  const strict = config?.strictAffinity ?? false
  const maxBlocks = config?.maxBlocksPerHost !== undefined && config.maxBlocksPerHost > 0 ? config.maxBlocksPerHost : DEFAULT_MAX_BLOCKS
  const nodes = hostsOf(design).filter((h) => h.role !== 'router')
  return ipam.pools.map((pool): PoolPlan => {
    const blocks = ipam.blocks.filter((b) => b.pool === pool.name)
    const blockAddresses = Number(prefixSize(pool.prefix) / pool.numBlocks)
    const blocksLeft = Number(pool.numBlocks) - blocks.length
    const used = blocks.reduce((sum, b) => sum + b.inUse, 0)
    const served = nodes.filter((n) => pool.enabled && selectsNode(pool, n.labels))
    const nodePlans = served.map((node): NodePlan => {
      const own = blocks.filter((b) => b.affinity === node.name)
      const freeInBlocks = own.reduce((sum, b) => sum + b.size - b.inUse, 0)
      const claimable = Math.min(Math.max(0, maxBlocks - own.length), blocksLeft)
      return { node: node.name, blocks: own.length, used: own.reduce((sum, b) => sum + b.inUse, 0), freeInBlocks, morePods: freeInBlocks + claimable * blockAddresses }
    })
    const total = Number(prefixSize(pool.prefix))
    return {
      pool: pool.name,
      cidr: pool.resource.spec.cidr,
      blockSize: pool.blockSize,
      blocksTotal: Number(pool.numBlocks),
      blocksClaimed: blocks.length,
      addressesTotal: total,
      addressesUsed: used,
      addressesFree: total - used,
      nodes: nodePlans,
      borrowingOrder: strict || blocksLeft > 0 ? [] : [...nodePlans].sort((a, b) => a.freeInBlocks - b.freeInBlocks || a.node.localeCompare(b.node)).map((n) => n.node),
    }
  })
}
