import { addressAtOffset, formatIpAddress, formatIpPrefix, prefixFromAddress, type IpPrefix } from '../net'

/** What an address in a block is used for. */
export type AllocationKind = 'pod' | 'ipipTunnelAddress' | 'vxlanTunnelAddress'

export interface Allocation {
  readonly kind: AllocationKind
  /** The node the address is used on. */
  readonly node: string
  /** Index of the pod in the result's pod list, for pod addresses (a number, not a name: one string less per pod). */
  readonly pod: number | undefined
}

/**
 * An IPAM block while allocation runs. Mutable on purpose: `computeIpam` owns every block it
 * creates and hands out frozen snapshots, so the engine stays pure from the outside.
 */
export interface Block {
  readonly prefix: IpPrefix
  /** Calico's block name: the CIDR with `.`, `:` and `/` turned into `-`; also its datastore order. */
  readonly name: string
  readonly poolName: string
  /** Index of the block inside its pool, counted from the pool's base. */
  readonly index: bigint
  readonly size: number
  /** `host:<node>` in Calico; the node name here. */
  affinity: string | undefined
  /** Free ordinals in hand-out order (calico.md §2.4): ascending when new, released ones go to the end. */
  readonly free: number[]
  /** Where the free list starts: a queue without shifting. */
  freeHead: number
  /** By ordinal; a hole is a free address. */
  readonly allocations: (Allocation | undefined)[]
}

export function blockName(prefix: IpPrefix): string {
  return formatIpPrefix(prefix).replace(/[.:/]/g, '-')
}

export function createBlock(pool: { readonly name: string; readonly prefix: IpPrefix }, blockSize: number, index: bigint, affinity: string | undefined): Block {
  const bits = pool.prefix.family === 4 ? 32 : 128
  const size = 2 ** (bits - blockSize)
  const base = addressAtOffset(pool.prefix, index * BigInt(size))
  const prefix = prefixFromAddress(base, blockSize)
  const free: number[] = []
  for (let ordinal = 0; ordinal < size; ordinal++) free.push(ordinal)
  return { prefix, name: blockName(prefix), poolName: pool.name, index, size, affinity, free, freeHead: 0, allocations: new Array<Allocation | undefined>(size) }
}

export function freeCount(block: Block): number {
  return block.free.length - block.freeHead
}

/** Takes the first free ordinal (calico.md §2.4); undefined when the block is full. */
export function takeOrdinal(block: Block, allocation: Allocation): number | undefined {
  if (block.freeHead >= block.free.length) return undefined
  const ordinal = block.free[block.freeHead] as number
  block.freeHead += 1
  block.allocations[ordinal] = allocation
  return ordinal
}

/** Takes a given ordinal wherever it is in the free list (an `ipAddrs` request, §2.6). */
export function takeSpecificOrdinal(block: Block, ordinal: number, allocation: Allocation): boolean {
  const at = block.free.indexOf(ordinal, block.freeHead)
  if (at < 0) return false
  block.free.splice(at, 1)
  block.allocations[ordinal] = allocation
  return true
}

/** A released address goes to the end of the free list: handed out again only after every other free one. */
export function releaseOrdinal(block: Block, ordinal: number): void {
  if (block.allocations[ordinal] === undefined) return
  block.allocations[ordinal] = undefined
  block.free.push(ordinal)
}

export function addressOf(block: Block, ordinal: number): string {
  return formatIpAddress(addressAtOffset(block.prefix, ordinal))
}
