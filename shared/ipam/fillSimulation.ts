import type { Design } from '../model/design'
import { hostsOf, ipFamiliesOf, resourcesOf, type Host } from '../model/query'
import { autoAssign, BlockStore, hardError, type AssignResult, type IpamSettings } from './autoAssign'
import { releaseOrdinal, takeOrdinal, type Allocation } from './blocks'
import { assignTunnelAddresses, ipamSettingsOf, poolsForPod, type IpamResult, type TunnelResult } from './computeIpam'
import type { IpamPool } from './ipamPools'
import { maxPodsOf } from './maxPods'
import { unfit, type Taint } from './scheduler'

/** Why a node takes no more pods. */
export type StopReason = 'maxPods' | 'blockLimit' | 'strictAffinity' | 'poolsFull' | 'noPool' | 'noAutoAllocate' | 'unschedulable'

/** A node as the simulation fills it. */
export interface SimNode {
  readonly host: Host
  /** Design order: the scheduler's tie-break. */
  readonly index: number
  readonly maxPods: number
  /** Whether a pod without tolerations may run there (no NoSchedule or NoExecute taint). */
  readonly schedulable: boolean
  readonly taints: readonly Taint[]
  /** The pools a pod without annotations may use, per cluster IP family; a string says why none. */
  readonly pools: readonly (readonly IpamPool[] | string)[]
  /** Every pod on the node, host-network and system pods included: maxPods counts them all. */
  pods: number
  /** Pods this simulation added. */
  placed: number
  /** Addresses this simulation took from other nodes' blocks. */
  borrowed: number
  stopped: StopReason | undefined
  /** Calico's words for what stopped it, when an address request did. */
  message: string | undefined
  /** What its new pods' addresses are marked with: one object for all of them. */
  readonly allocation: Allocation
}

/** Above this many distinct pool lists among the nodes, pods are added one by one. */
const MAX_CANDIDATE_LISTS = 16

/** A block as a snapshot carries it: enough to put it back. */
interface BlockSnapshot {
  readonly pool: IpamPool
  readonly index: bigint
  readonly affinity: string | undefined
  readonly inUse: number
}

function stopReason(message: string): StopReason {
  if (message.includes('per host block limit')) return 'blockLimit'
  if (message.includes('strict affinity')) return 'strictAffinity'
  if (message.includes('failed to find or claim a block')) return 'noAutoAllocate'
  if (message.startsWith('No IPs available')) return 'poolsFull'
  return 'noPool'
}

/** Index of a block inside its pool, from its prefix. */
function blockIndex(pool: IpamPool, block: IpamResult['blocks'][number]): bigint {
  const offset = BigInt(block.prefix.network) - BigInt(pool.prefix.network)
  return offset / BigInt(block.size)
}

/** Nodes waiting for pods, emptiest first, ties to design order: the scheduler's spread (scheduler.ts). */
class NodeQueue {
  private readonly heap: SimNode[] = []
  private less(a: SimNode, b: SimNode): boolean {
    return a.pods < b.pods || (a.pods === b.pods && a.index < b.index)
  }
  push(node: SimNode): void {
    const heap = this.heap
    heap.push(node)
    let at = heap.length - 1
    while (at > 0) {
      const parent = (at - 1) >> 1
      if (!this.less(heap[at] as SimNode, heap[parent] as SimNode)) break
      ;[heap[at], heap[parent]] = [heap[parent] as SimNode, heap[at] as SimNode]
      at = parent
    }
  }
  pop(): SimNode | undefined {
    const heap = this.heap
    const top = heap[0]
    const last = heap.pop()
    if (heap.length > 0 && last) {
      heap[0] = last
      let at = 0
      for (;;) {
        const left = 2 * at + 1
        let smallest = at
        if (left < heap.length && this.less(heap[left] as SimNode, heap[smallest] as SimNode)) smallest = left
        if (left + 1 < heap.length && this.less(heap[left + 1] as SimNode, heap[smallest] as SimNode)) smallest = left + 1
        if (smallest === at) break
        ;[heap[at], heap[smallest]] = [heap[smallest] as SimNode, heap[at] as SimNode]
        at = smallest
      }
    }
    return top
  }
}

/**
 * Calico IPAM carried on from a computed result: more pods (each placed as the scheduler spreads
 * them, each address from Calico's auto-assign) and more nodes (each claiming its tunnel
 * addresses first). Capacity and forecasts are answered by running it, so block limits, strict
 * affinity, borrowing and pool order act exactly as they do for the design's own pods.
 */
export class FillSimulation {
  readonly nodes: SimNode[]
  /** Nodes in the order they first borrowed an address. */
  readonly borrowers: string[] = []
  private readonly store = new BlockStore()
  /** Never take pods in bulk: what the bulk path is checked against. */
  private oneByOne = false
  /** The distinct pool lists of the nodes taking pods, when few enough to check at each bulk. */
  private candidateLists: readonly (readonly IpamPool[])[] | undefined
  /** Nodes still taking pods in the current `addPods`: each could claim blocks meanwhile. */
  private activeNodes = 0

  private constructor(
    readonly pools: readonly IpamPool[],
    readonly settings: IpamSettings,
    readonly families: readonly (4 | 6)[],
    blocks: readonly BlockSnapshot[],
    nodes: readonly SimNode[],
  ) {
    for (const b of blocks) this.store.restore(b.pool, b.index, b.affinity, b.inUse)
    this.nodes = nodes.map((n) => ({ ...n }))
  }

  /** The state IPAM left: its blocks as they are, every node with the pods the design runs there. */
  static fromIpam(design: Design, ipam: IpamResult, options: { readonly oneByOne?: boolean } = {}): FillSimulation {
    const byName = new Map(ipam.pools.map((p) => [p.name, p]))
    const blocks = ipam.blocks.flatMap((b): BlockSnapshot[] => {
      const pool = byName.get(b.pool)
      return pool ? [{ pool, index: blockIndex(pool, b), affinity: b.affinity, inUse: b.inUse }] : []
    })
    const families = ipFamiliesOf(design).map((f): 4 | 6 => (f === 'IPv6' ? 6 : 4))
    const podsOn = new Map<string, number>()
    for (const pod of ipam.pods) if (pod.node !== undefined) podsOn.set(pod.node, (podsOn.get(pod.node) ?? 0) + 1)
    const k8sNodes = new Map(resourcesOf(design, 'v1/Node').map((n) => [n.metadata.name, n]))
    const sim = new FillSimulation(ipam.pools, ipamSettingsOf(design), families, blocks, [])
    sim.oneByOne = options.oneByOne === true
    for (const host of hostsOf(design)) {
      if (host.role === 'router') continue
      const node = k8sNodes.get(host.name)
      sim.nodes.push(sim.simNode(host, sim.nodes.length, maxPodsOf(node), (node?.spec?.taints ?? []) as readonly Taint[], podsOn.get(host.name) ?? 0))
    }
    return sim
  }

  private simNode(host: Host, index: number, maxPods: number, taints: readonly Taint[], pods: number): SimNode {
    const schedulable = unfit({}, host, taints) === undefined
    const pools = this.families.map((family) => poolsForPod(this.pools, family, host))
    return {
      host,
      index,
      maxPods,
      schedulable,
      taints,
      pools,
      pods,
      placed: 0,
      borrowed: 0,
      stopped: schedulable ? undefined : 'unschedulable',
      message: undefined,
      allocation: { kind: 'pod', node: host.name, pod: undefined },
    }
  }

  /** An independent copy: what-ifs run on it leave this one as it is. */
  clone(): FillSimulation {
    const byName = new Map(this.pools.map((p) => [p.name, p]))
    const blocks = [...this.store.byName.values()].flatMap((b): BlockSnapshot[] => {
      const pool = byName.get(b.poolName)
      return pool ? [{ pool, index: b.index, affinity: b.affinity, inUse: b.size - b.free }] : []
    })
    const copy = new FillSimulation(this.pools, this.settings, this.families, blocks, this.nodes)
    copy.oneByOne = this.oneByOne
    copy.borrowers.push(...this.borrowers)
    return copy
  }

  /** A node joins, like `template` (its labels, taints and maxPods), and claims its tunnel addresses. */
  addNode(name: string, template: SimNode): TunnelResult[] {
    // Its own hostname label: a pool selecting the template by hostname does not select it.
    const labels = 'kubernetes.io/hostname' in template.host.labels ? { ...template.host.labels, 'kubernetes.io/hostname': name } : template.host.labels
    const host: Host = { ...template.host, id: `node/${name}`, name, labels, interfaces: [] }
    delete (host as { alias?: string }).alias
    this.nodes.push(this.simNode(host, this.nodes.length, template.maxPods, template.taints, 0))
    return assignTunnelAddresses(this.store, host, this.pools, this.settings)
  }

  /**
   * Auto-assign's first step (calico.md §2.3) without formatting the address nobody reads: a free
   * address in the node's first affine block, in name order, of one of the pools. Undefined when
   * those blocks are full and auto-assign must claim or borrow.
   */
  private takeFromAffine(node: SimNode, pools: readonly IpamPool[]): AssignResult | undefined {
    for (const block of this.store.affineBlocks(node.host.name)) {
      if (block.free === 0 || !pools.some((p) => p.name === block.poolName)) continue
      const ordinal = takeOrdinal(block, node.allocation)
      if (ordinal !== undefined) return { ok: true, address: '', block, ordinal, borrowed: false }
    }
    return undefined
  }

  /** One address per family for a pod on `node`, all or none (calico.md §2.3, dual stack). */
  private assignPod(node: SimNode): AssignResult {
    const taken: AssignResult[] = []
    for (const chosen of node.pools) {
      const result: AssignResult =
        typeof chosen === 'string' ? hardError(chosen) : (this.takeFromAffine(node, chosen) ?? autoAssign(this.store, node.host.name, chosen, this.settings, node.allocation))
      if (!result.ok) {
        for (const t of taken) if (t.ok) releaseOrdinal(t.block, t.ordinal)
        return result
      }
      taken.push(result)
    }
    for (const t of taken) {
      if (t.ok && t.borrowed) {
        if (node.borrowed === 0) this.borrowers.push(node.host.name)
        node.borrowed += 1
      }
    }
    return taken[0] ?? hardError('the cluster has no IP family')
  }

  /**
   * Adds up to `count` pods without annotations, each on the emptiest node where it still fits;
   * a node stops taking pods at its maxPods or at its first address request that fails (nothing
   * later frees an address). Returns how many were placed.
   */
  addPods(count: number): number {
    const queue = new NodeQueue()
    this.activeNodes = 0
    const lists = new Map<string, readonly IpamPool[]>()
    for (const node of this.nodes) {
      if (node.stopped !== undefined) continue
      queue.push(node)
      this.activeNodes += 1
      const [pools] = node.pools
      if (typeof pools === 'object') lists.set(pools.map((p) => p.name).join(' '), pools)
    }
    // A few distinct pool lists (node selectors) are checked at each bulk; many, and pods go one by one.
    this.candidateLists = lists.size <= MAX_CANDIDATE_LISTS ? [...lists.values()] : undefined
    let placed = 0
    while (placed < count) {
      const node = queue.pop()
      if (!node) break
      if (node.pods >= node.maxPods) {
        node.stopped = 'maxPods'
        this.activeNodes -= 1
        continue
      }
      const bulk = this.bulkSize(node, count - placed)
      if (bulk > 1) {
        this.takeMany(node, bulk)
        node.pods += bulk
        node.placed += bulk
        placed += bulk
        queue.push(node)
        continue
      }
      const result = this.assignPod(node)
      if (!result.ok) {
        node.stopped = stopReason(result.message)
        node.message = result.message
        this.activeNodes -= 1
        continue
      }
      node.pods += 1
      node.placed += 1
      placed += 1
      queue.push(node)
    }
    return placed
  }

  /**
   * How many pods `node` can take at once, as the one-by-one spread would give them: only
   * addresses from its own blocks, and only when nobody could borrow from those blocks meanwhile
   * (strict affinity, or every pool it uses keeps more unclaimed blocks than all nodes could
   * claim while it takes them: borrowing starts only once a pool has none). Single-stack only.
   * 1 means one pod the ordinary way.
   */
  private bulkSize(node: SimNode, wanted: number): number {
    const [pools] = node.pools
    if (this.oneByOne || this.families.length !== 1 || typeof pools !== 'object' || pools === undefined) return 1
    let free = 0
    const holding = new Set<IpamPool>()
    for (const block of this.store.affineBlocks(node.host.name)) {
      const pool = block.free > 0 ? pools.find((p) => p.name === block.poolName) : undefined
      if (!pool) continue
      free += block.free
      holding.add(pool)
    }
    const bulk = Math.min(free, node.maxPods - node.pods, wanted)
    if (bulk <= 1 || this.settings.strictAffinity) return bulk
    // Borrowing needs every pool of the borrower's list fully claimed (calico.md §2.3 step 4).
    // While this node goes from p to p + bulk pods, the spread gives every other node (at p or
    // more already) at most `bulk` pods, so at most ceil(bulk / block size) blocks of any one
    // pool each: a pool with more unclaimed blocks than all of them could claim keeps a list
    // from borrowing meanwhile. Each list that could borrow from this node's pools needs one.
    if (this.candidateLists === undefined) return 1
    for (const list of this.candidateLists) {
      if (!list.some((p) => holding.has(p))) continue
      const roomy = list.some((pool) => {
        const blockAddresses = 2 ** ((pool.prefix.family === 4 ? 32 : 128) - pool.blockSize)
        return Number(pool.numBlocks) - this.store.blocksOf(pool).size > this.activeNodes * Math.ceil(bulk / blockAddresses)
      })
      if (!roomy) return 1
    }
    return bulk
  }

  /** Takes `count` addresses from the node's own blocks, in auto-assign's order (bulkSize said they are there). */
  private takeMany(node: SimNode, count: number): void {
    const [pools] = node.pools as readonly (readonly IpamPool[])[]
    let left = count
    for (const block of this.store.affineBlocks(node.host.name)) {
      if (left === 0) return
      if (block.free === 0 || !pools?.some((p) => p.name === block.poolName)) continue
      while (left > 0 && takeOrdinal(block, node.allocation) !== undefined) left -= 1
    }
  }

  /** Blocks claimed and addresses in use, per pool name. */
  poolUse(): Map<string, { blocks: number; inUse: number }> {
    const use = new Map(this.pools.map((p) => [p.name, { blocks: 0, inUse: 0 }]))
    for (const block of this.store.byName.values()) {
      const entry = use.get(block.poolName)
      if (!entry) continue
      entry.blocks += 1
      entry.inUse += block.size - block.free
    }
    return use
  }
}
