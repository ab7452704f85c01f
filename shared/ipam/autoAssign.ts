import { formatIpPrefix, parseIpAddress, prefixContainsAddress } from '../net'
import { BlockStarts } from './blockGenerator'
import { addressOf, createBlock, freeCount, takeOrdinal, takeSpecificOrdinal, type Allocation, type Block, type Holder } from './blocks'
import type { IpamPool } from './ipamPools'

/** IPAMConfiguration as IPAM reads it (calico.md §2.1 defaults). */
export interface IpamSettings {
  readonly strictAffinity: boolean
  readonly autoAllocateBlocks: boolean
  readonly maxBlocksPerHost: number
}

/** What a restored block's taken addresses hold: who took them is not carried over. */
const RESTORED: Allocation = { kind: 'pod', node: '', pod: undefined }

/** The hard-coded per-host block limit when neither the config nor the request sets one (§2.3 step 2). */
export const DEFAULT_MAX_BLOCKS = 20

/**
 * A failure is either an error IPAM returns (`hard`: the request stops there) or a shortfall: no
 * error, fewer addresses than asked for, with the messages IPAM collected on the way
 * (`IPAMAssignments.Msgs`), which the CNI plugin turns into its own error (calico.md §2.3).
 */
export type AssignResult =
  | { readonly ok: true; readonly address: string; readonly block: Block; readonly ordinal: number; readonly borrowed: boolean }
  | { readonly ok: false; readonly hard: boolean; readonly message: string; readonly detail: string | undefined }

/** An error IPAM returns, ending the request; `detail` is what it logged or collected besides. */
export const hardError = (message: string, detail?: string): AssignResult => ({ ok: false, hard: true, message, detail })
/** Fewer addresses than requested, with IPAM's messages. */
const shortfall = (message: string): AssignResult => ({ ok: false, hard: false, message, detail: undefined })

/**
 * ErrBlockLimit (libcalico-go lib/ipam/ipam.go @ v3.30.0): `autoAssign` returns it as its error,
 * so it is all the CNI plugin reports; the limit itself is only in the assignment's messages.
 */
export const BLOCK_LIMIT_ERROR = 'cannot allocate new block due to per host block limit'

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)

/**
 * A block index as a map key: a number when one holds it exactly (every IPv4 pool's blocks), so
 * that walking thousands of indices hashes numbers, not a BigInt made at each step.
 */
export function blockKey(index: bigint): number | bigint {
  return index <= MAX_SAFE ? Number(index) : index
}

/**
 * All blocks of a simulation, with the lookups auto-assign needs. Blocks are created on claim
 * and never deleted here: Calico releases empty blocks only through its garbage collector (§2.7).
 */
export class BlockStore {
  readonly byName = new Map<string, Block>()
  private readonly byPool = new Map<string, Map<number | bigint, Block>>()
  private readonly affine = new Map<string, Block[]>()
  private readonly starts = new BlockStarts()

  /** Where the generator starts a node's walk through a pool of `numBlocks` blocks. */
  startIndex(node: string, numBlocks: bigint): bigint {
    return this.starts.startIndex(node, numBlocks)
  }

  /** A pool's blocks by `blockKey` of their index. */
  blocksOf(pool: IpamPool): Map<number | bigint, Block> {
    let blocks = this.byPool.get(pool.name)
    if (!blocks) this.byPool.set(pool.name, (blocks = new Map()))
    return blocks
  }

  /** A node's affine blocks in datastore order: lexicographic by block name (§2.3 step 1). */
  affineBlocks(node: string): readonly Block[] {
    return this.affine.get(node) ?? []
  }

  /**
   * Puts back a block another simulation left, with `inUse` addresses taken: capacity questions
   * go on from IPAM's result without replaying it. Which ordinals are taken does not matter to
   * counting, so the first ones are.
   */
  restore(pool: IpamPool, index: bigint, affinity: string | undefined, inUse: number): Block {
    const block = affinity === undefined ? createBlock({ name: pool.name, prefix: pool.prefix }, pool.blockSize, index, undefined) : this.claim(pool, index, affinity)
    if (affinity === undefined) {
      this.blocksOf(pool).set(blockKey(index), block)
      this.byName.set(block.name, block)
    }
    const taken = Math.min(inUse, block.size)
    for (let ordinal = 0; ordinal < taken; ordinal++) block.allocations[ordinal] = RESTORED
    block.nextFresh = taken
    block.free = block.size - taken
    return block
  }

  claim(pool: IpamPool, index: bigint, node: string): Block {
    const block = createBlock({ name: pool.name, prefix: pool.prefix }, pool.blockSize, index, node)
    this.blocksOf(pool).set(blockKey(index), block)
    this.byName.set(block.name, block)
    let list = this.affine.get(node)
    if (!list) this.affine.set(node, (list = []))
    // Kept sorted by block name with one insertion, not a sort per claim.
    let at = list.length
    while (at > 0 && (list[at - 1] as Block).name > block.name) at -= 1
    list.splice(at, 0, block)
    return block
  }
}

function inPools(block: Block, pools: readonly IpamPool[]): boolean {
  for (const pool of pools) if (pool.name === block.poolName) return true
  return false
}

function take(block: Block, allocation: Holder, borrowed: boolean): AssignResult {
  const ordinal = takeOrdinal(block, allocation)
  if (ordinal === undefined) throw new Error(`block ${block.name} has no free ordinal`) // callers check freeCount first
  return { ok: true, address: addressOf(block, ordinal), block, ordinal, borrowed }
}

/** The first block index, walking from the node's pseudo-random start, for which `accept` says yes of its `blockKey`. */
function walkBlocks(store: BlockStore, pool: IpamPool, node: string, accept: (key: number | bigint) => boolean): bigint | undefined {
  const start = store.startIndex(node, pool.numBlocks)
  if (pool.numBlocks <= MAX_SAFE) {
    const count = Number(pool.numBlocks)
    const first = Number(start)
    for (let step = 0; step < count; step++) {
      const index = (first + step) % count
      if (accept(index)) return BigInt(index)
    }
    return undefined
  }
  for (let step = 0n; step < pool.numBlocks; step++) {
    const index = (start + step) % pool.numBlocks
    if (accept(index)) return index
  }
  return undefined
}

/**
 * Calico's auto-assign for one address (calico.md §2.3): the node's affine blocks first, then a
 * new block (block limit, autoAllocateBlocks), then borrowing from other nodes' blocks unless
 * strictAffinity forbids it. Messages are Calico's.
 */
export function autoAssign(store: BlockStore, node: string, pools: readonly IpamPool[], settings: IpamSettings, allocation: Holder): AssignResult {
  let affineCount = 0
  for (const block of store.affineBlocks(node)) {
    if (!inPools(block, pools)) continue
    if (freeCount(block) > 0) return take(block, allocation, false)
    affineCount += 1
  }

  const maxBlocks = settings.maxBlocksPerHost > 0 ? settings.maxBlocksPerHost : DEFAULT_MAX_BLOCKS
  if (affineCount >= maxBlocks) return hardError(BLOCK_LIMIT_ERROR, `Need to allocate an IPAM block but could not - limit of ${maxBlocks} blocks reached for this node`)
  if (settings.autoAllocateBlocks) {
    for (const pool of pools) {
      const blocks = store.blocksOf(pool)
      const index = walkBlocks(store, pool, node, (i) => !blocks.has(i))
      if (index !== undefined) return take(store.claim(pool, index, node), allocation, false)
    }
  } else {
    // findOrClaimBlock's own error, returned as autoAssign's (ipam.go @ v3.30.0).
    return hardError('failed to find or claim a block')
  }
  if (settings.strictAffinity) return shortfall('No more free affine blocks and strict affinity enabled')
  for (const pool of pools) {
    const blocks = store.blocksOf(pool)
    const index = walkBlocks(store, pool, node, (i) => {
      const block = blocks.get(i)
      return block !== undefined && freeCount(block) > 0
    })
    const block = index === undefined ? undefined : blocks.get(blockKey(index))
    if (block) return take(block, allocation, block.affinity !== node)
  }
  return shortfall(`No IPs available in pools: [${pools.map((p) => formatIpPrefix(p.prefix)).join(' ')}]`)
}

/** Calico's "assign specific IP" for the `ipAddrs` annotation (calico.md §2.6). */
export function assignSpecific(store: BlockStore, node: string, text: string, pools: readonly IpamPool[], settings: IpamSettings, allocation: Holder): AssignResult {
  const ip = parseIpAddress(text)
  const pool = ip.ok ? pools.find((p) => p.enabled && prefixContainsAddress(p.prefix, ip.value)) : undefined
  if (!ip.ok || !pool) return hardError('The provided IP address is not in a configured pool')
  const offset = ip.value.family === 4 && pool.prefix.family === 4 ? BigInt(ip.value.value - pool.prefix.network) : BigInt(ip.value.value) - BigInt(pool.prefix.network)
  const blockAddresses = 1n << BigInt((pool.prefix.family === 4 ? 32 : 128) - pool.blockSize)
  const index = offset / blockAddresses
  const existing = store.blocksOf(pool).get(blockKey(index))
  if (existing && existing.affinity !== node && settings.strictAffinity) return hardError(`block ${formatIpPrefix(existing.prefix)} is affine to another host and strict affinity is enabled`)
  const block = existing ?? store.claim(pool, index, node)
  const ordinal = Number(offset % blockAddresses)
  if (!takeSpecificOrdinal(block, ordinal, allocation)) return hardError(`Address already assigned in block`)
  return { ok: true, address: text, block, ordinal, borrowed: block.affinity !== node }
}
