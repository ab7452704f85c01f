import type { Design } from '../model/design'
import { DEFAULT_MAX_BLOCKS } from './autoAssign'
import type { IpamResult } from './computeIpam'
import { FillSimulation, type SimNode, type StopReason } from './fillSimulation'
import type { IpamPool } from './ipamPools'
import { ipamUtilisation, type PoolUse } from './utilisation'

export interface NodeCapacity {
  /** Kubernetes node name. */
  readonly name: string
  readonly alias: string | undefined
  readonly maxPods: number
  /** Pods on the node now, host-network and system pods included. */
  readonly pods: number
  /** Whether a pod without tolerations may run there. */
  readonly schedulable: boolean
  readonly blocks: number
  /** Addresses its pods and tunnels use, borrowed ones included. */
  readonly addressesInUse: number
  /** Of those, addresses from other nodes' blocks. */
  readonly borrowed: number
  readonly freeInBlocks: number
  /** Its share of `totalPodsThatFit`: pods it gets when pods are added until none fits. The shares add up to the total. */
  readonly podsThatFit: number
  /** Pods it could take if it were the only node to get new ones. */
  readonly podsThatFitAlone: number
  /** What stops it taking more once the cluster is full; null while pods would still fit (never, after a fill). */
  readonly limitedBy: StopReason | null
  /** Calico's message for the address request that failed, when one did. */
  readonly message: string | null
}

export interface PoolCapacity extends PoolUse {
  /** Nodes whose pods it serves without an annotation. */
  readonly nodes: number
  /** Addresses of it the added pods take when the cluster is filled. */
  readonly podsThatFit: number
  readonly freeAfterFill: number
}

export interface CapacityReport {
  readonly nodes: readonly NodeCapacity[]
  readonly pools: readonly PoolCapacity[]
  /** Pods without annotations that still fit in the cluster: never more than the pools hold or the nodes' maxPods allow. */
  readonly totalPodsThatFit: number
  /** Nodes in the order they start borrowing when the cluster fills (empty with strict affinity or while blocks are left). */
  readonly borrowingOrder: readonly string[]
  readonly strictAffinity: boolean
  /** The per-node block limit IPAM applies: maxBlocksPerHost, or 20 when it is 0. */
  readonly maxBlocksPerHost: number
}

/** Per pool: blocks claimed and free addresses in them; per node and pool: its own blocks and their free addresses. */
interface BlockTally {
  readonly claimed: Map<string, number>
  readonly free: Map<string, number>
  readonly own: Map<string, Map<string, { blocks: number; free: number }>>
}

function tallyBlocks(ipam: IpamResult): BlockTally {
  const claimed = new Map<string, number>()
  const free = new Map<string, number>()
  const own = new Map<string, Map<string, { blocks: number; free: number }>>()
  for (const block of ipam.blocks) {
    const blockFree = block.size - block.inUse
    claimed.set(block.pool, (claimed.get(block.pool) ?? 0) + 1)
    free.set(block.pool, (free.get(block.pool) ?? 0) + blockFree)
    if (block.affinity === undefined) continue
    let pools = own.get(block.affinity)
    if (!pools) own.set(block.affinity, (pools = new Map()))
    const entry = pools.get(block.pool)
    if (entry) {
      entry.blocks += 1
      entry.free += blockFree
    } else pools.set(block.pool, { blocks: 1, free: blockFree })
  }
  return { claimed, free, own }
}

/**
 * Addresses a node could get from `pools` if it alone asked, following auto-assign's steps
 * (calico.md §2.3): its own free addresses, then the blocks it may still claim (block limit,
 * blocks left, pool order), then, only when the pools run out of blocks before the limit is
 * reached and strict affinity is off, every free address in other nodes' blocks.
 */
function addressesAlone(node: string, pools: readonly IpamPool[], tally: BlockTally, strict: boolean, autoAllocate: boolean, maxBlocks: number): number {
  let ownFree = 0
  let ownBlocks = 0
  let othersFree = 0
  for (const pool of pools) {
    const mine = tally.own.get(node)?.get(pool.name)
    ownFree += mine?.free ?? 0
    ownBlocks += mine?.blocks ?? 0
    othersFree += (tally.free.get(pool.name) ?? 0) - (mine?.free ?? 0)
  }
  if (!autoAllocate) return ownFree
  let claims = Math.max(0, maxBlocks - ownBlocks)
  let fromClaims = 0
  for (const pool of pools) {
    const left = Number(pool.numBlocks) - (tally.claimed.get(pool.name) ?? 0)
    const taken = Math.min(claims, left)
    claims -= taken
    fromClaims += taken * Number(1n << BigInt((pool.prefix.family === 4 ? 32 : 128) - pool.blockSize))
  }
  const limitReached = claims === 0
  return ownFree + fromClaims + (limitReached || strict ? 0 : othersFree)
}

function aloneFor(node: SimNode, tally: BlockTally, strict: boolean, autoAllocate: boolean, maxBlocks: number): number {
  if (!node.schedulable) return 0
  let fit = Math.max(0, node.maxPods - node.pods)
  for (const pools of node.pools) fit = typeof pools === 'string' ? 0 : Math.min(fit, addressesAlone(node.host.name, pools, tally, strict, autoAllocate, maxBlocks))
  return fit
}

/**
 * How many more pods the cluster takes, per node and per pool, honouring each node's maxPods
 * (every pod counts), the per-host block limit, strict affinity, pool node selectors, tunnel
 * addresses already taken, and borrowing in Calico's order. Pods without annotations are added
 * one by one where the scheduler would put them until none fits, so the nodes share each pool's
 * free space instead of each counting it.
 */
export function capacityOf(design: Design, ipam: IpamResult): CapacityReport {
  const use = ipamUtilisation(ipam)
  const sim = FillSimulation.fromIpam(design, ipam)
  const before = sim.poolUse()
  const startNodes = sim.nodes.map((n) => ({ pods: n.pods }))
  const { strictAffinity, autoAllocateBlocks, maxBlocksPerHost } = sim.settings
  const maxBlocks = maxBlocksPerHost > 0 ? maxBlocksPerHost : DEFAULT_MAX_BLOCKS
  const tally = tallyBlocks(ipam)
  const alone = sim.nodes.map((n) => aloneFor(n, tally, strictAffinity, autoAllocateBlocks, maxBlocks))
  const total = sim.addPods(Infinity)
  const after = sim.poolUse()
  const nodes = sim.nodes.map((node, i): NodeCapacity => {
    const nodeUse = use.nodes.get(node.host.name)
    return {
      name: node.host.name,
      alias: node.host.alias,
      maxPods: node.maxPods,
      pods: startNodes[i]?.pods ?? 0,
      schedulable: node.schedulable,
      blocks: nodeUse?.blocks ?? 0,
      addressesInUse: nodeUse?.used ?? 0,
      borrowed: nodeUse?.borrowed ?? 0,
      freeInBlocks: nodeUse?.freeInBlocks ?? 0,
      podsThatFit: node.placed,
      podsThatFitAlone: alone[i] ?? 0,
      limitedBy: node.stopped ?? null,
      message: node.message ?? null,
    }
  })
  const served = new Map<string, number>()
  for (const node of sim.nodes) {
    const names = new Set(node.pools.flatMap((p) => (typeof p === 'string' ? [] : p.map((q) => q.name))))
    for (const name of names) served.set(name, (served.get(name) ?? 0) + 1)
  }
  const pools = use.pools.map((pool): PoolCapacity => {
    const taken = (after.get(pool.name)?.inUse ?? 0) - (before.get(pool.name)?.inUse ?? 0)
    return { ...pool, nodes: served.get(pool.name) ?? 0, podsThatFit: taken, freeAfterFill: pool.free - taken }
  })
  return { nodes, pools, totalPodsThatFit: total, borrowingOrder: sim.borrowers, strictAffinity, maxBlocksPerHost: maxBlocks }
}
