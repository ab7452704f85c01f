import { formatIpPrefix, prefixSize } from '../net'
import type { IpamResult } from './computeIpam'

/** One block: its addresses used, by anyone, and free. */
export interface BlockUse {
  readonly cidr: string
  readonly pool: string
  readonly affinity: string | undefined
  readonly total: number
  readonly used: number
  readonly free: number
  /** Of `used`, addresses used on other nodes (borrowed from it). */
  readonly lent: number
}

/** One pool: as `calicoctl ipam show` counts it (calico.md §3.3), with its blocks. */
export interface PoolUse {
  readonly name: string
  readonly cidr: string
  readonly blockSize: number
  readonly enabled: boolean
  /** Addresses in the pool, whether a block covers them yet or not. */
  readonly total: number
  readonly used: number
  readonly free: number
  readonly blocksTotal: number
  readonly blocksClaimed: number
}

/** One node: what its blocks hold and what it uses, which differ once addresses are borrowed. */
export interface NodeUse {
  readonly node: string
  readonly blocks: number
  /** Addresses of its own blocks in use, on it or lent to other nodes. */
  readonly usedInBlocks: number
  readonly freeInBlocks: number
  /** Addresses its pods and tunnels use, from its own blocks and borrowed ones. */
  readonly used: number
  /** Of `used`, addresses from other nodes' blocks: each is a /32 it advertises (calico.md §2.8). */
  readonly borrowed: number
  /** Addresses of its blocks other nodes use. */
  readonly lent: number
}

export interface IpamUtilisation {
  readonly pools: readonly PoolUse[]
  readonly blocks: readonly BlockUse[]
  /** Nodes that hold a block or use an address, in the order they first appear in the blocks. */
  readonly nodes: ReadonlyMap<string, NodeUse>
}

/**
 * Used, total and free per pool, node and block, from IPAM's result: the same counts as
 * `calicoctl ipam show --show-blocks`, plus who uses what. Borrowed addresses count on the node
 * that uses them, not only in the block they come from.
 */
export function ipamUtilisation(ipam: IpamResult): IpamUtilisation {
  const blocks: BlockUse[] = []
  const nodes = new Map<string, { node: string; blocks: number; usedInBlocks: number; freeInBlocks: number; used: number; borrowed: number; lent: number }>()
  const nodeOf = (name: string): { node: string; blocks: number; usedInBlocks: number; freeInBlocks: number; used: number; borrowed: number; lent: number } => {
    let entry = nodes.get(name)
    if (!entry) nodes.set(name, (entry = { node: name, blocks: 0, usedInBlocks: 0, freeInBlocks: 0, used: 0, borrowed: 0, lent: 0 }))
    return entry
  }
  const pools = new Map(ipam.pools.map((p) => [p.name, { used: 0, claimed: 0 }]))
  for (const block of ipam.blocks) {
    const lent = block.borrowed
    blocks.push({ cidr: block.cidr, pool: block.pool, affinity: block.affinity, total: block.size, used: block.inUse, free: block.size - block.inUse, lent })
    const pool = pools.get(block.pool)
    if (pool) {
      pool.used += block.inUse
      pool.claimed += 1
    }
    if (block.affinity !== undefined) {
      const owner = nodeOf(block.affinity)
      owner.blocks += 1
      owner.usedInBlocks += block.inUse
      owner.freeInBlocks += block.size - block.inUse
      owner.used += block.inUse - lent
      owner.lent += lent
    }
    // Only blocks that lend are walked address by address.
    if (lent > 0) {
      for (const a of block.allocations) {
        if (!a.borrowed) continue
        const user = nodeOf(a.node)
        user.used += 1
        user.borrowed += 1
      }
    }
  }
  return {
    pools: ipam.pools.map((pool): PoolUse => {
      const total = Number(prefixSize(pool.prefix))
      const use = pools.get(pool.name) ?? { used: 0, claimed: 0 }
      return {
        name: pool.name,
        cidr: formatIpPrefix(pool.prefix),
        blockSize: pool.blockSize,
        enabled: pool.enabled,
        total,
        used: use.used,
        free: total - use.used,
        blocksTotal: Number(pool.numBlocks),
        blocksClaimed: use.claimed,
      }
    }),
    blocks,
    nodes,
  }
}
