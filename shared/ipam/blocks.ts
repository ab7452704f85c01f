import { addressAtOffset, formatIpAddress, formatIpPrefix, prefixFromAddress, type IpPrefix } from '../net'
import type { TunnelKind } from './tunnelKinds'

/** What an address in a block is used for. */
export type AllocationKind = 'pod' | TunnelKind

export interface Allocation {
  readonly kind: AllocationKind
  /** The node the address is used on. */
  readonly node: string
  /** Index of the pod in the result's pod list, for pod addresses (a number, not a name: one string less per pod). */
  readonly pod: number | undefined
}

/**
 * What holds an address: an allocation, or, for a pod `computeIpam` places, just the pod's index
 * in its pod list (kind `pod`, on that pod's node): a number is no object to make and keep for
 * each of 150,000 pods.
 */
export type Holder = Allocation | number

/**
 * An IPAM block while allocation runs. Mutable on purpose: `computeIpam` owns every block it
 * creates and hands out frozen snapshots, so the engine stays pure from the outside.
 *
 * Calico keeps an explicit free list: ascending ordinals when the block is new, released ones
 * appended at the end (calico.md §2.4). Here that list is the never-used ordinals counted upwards
 * from `nextFresh`, followed by `released` in release order: the same order, without building a
 * list of every ordinal of every block.
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
  /**
   * By ordinal; undefined is a free address. It grows as ordinals are taken: most blocks of a large
   * design hold a few addresses, and 64 empty slots each for 20,000 blocks were kept from the start.
   */
  readonly allocations: (Holder | undefined)[]
  /** The lowest ordinal never handed out (ordinals below it are in use or in `released`). */
  nextFresh: number
  /** Released ordinals, in the order they come back into use. */
  readonly released: number[]
  /** Ordinals at or above `nextFresh` that were released after a specific request took them; made at the first (most blocks never have one). */
  releasedAhead: Set<number> | undefined
  free: number
  /** `a.b.c.` of an IPv4 block of 256 addresses or fewer, which every address in it starts with; made at the first address. */
  stem: string | undefined
}

export function blockName(prefix: IpPrefix): string {
  // An IPv4 name written out directly: a large design claims tens of thousands of blocks.
  if (prefix.family === 4) {
    const value = prefix.network
    return `${value >>> 24}-${(value >>> 16) & 0xff}-${(value >>> 8) & 0xff}-${value & 0xff}-${prefix.length}`
  }
  return formatIpPrefix(prefix).replace(/[.:/]/g, '-')
}

export function createBlock(pool: { readonly name: string; readonly prefix: IpPrefix }, blockSize: number, index: bigint, affinity: string | undefined): Block {
  const bits = pool.prefix.family === 4 ? 32 : 128
  const size = 2 ** (bits - blockSize)
  // An IPv4 block's offset in numbers: tens of thousands of blocks each went through BigInt arithmetic.
  const base = addressAtOffset(pool.prefix, bits === 32 ? Number(index) * size : index * BigInt(size))
  const prefix = prefixFromAddress(base, blockSize)
  return {
    prefix,
    name: blockName(prefix),
    poolName: pool.name,
    index,
    size,
    affinity,
    allocations: [],
    nextFresh: 0,
    released: [],
    releasedAhead: undefined,
    free: size,
    stem: undefined,
  }
}

export function freeCount(block: Block): number {
  return block.free
}

/** Moves past ordinals a specific request took out of order, or that wait in the released queue. */
function skipUnavailable(block: Block): void {
  while (block.nextFresh < block.size && (block.allocations[block.nextFresh] !== undefined || block.releasedAhead?.has(block.nextFresh) === true)) block.nextFresh += 1
}

/** Takes the first free ordinal (calico.md §2.4); undefined when the block is full. */
export function takeOrdinal(block: Block, allocation: Holder): number | undefined {
  skipUnavailable(block)
  let ordinal: number | undefined
  if (block.nextFresh < block.size) ordinal = block.nextFresh++
  else {
    ordinal = block.released.shift()
    if (ordinal !== undefined) block.releasedAhead?.delete(ordinal)
  }
  if (ordinal === undefined) return undefined
  block.allocations[ordinal] = allocation
  block.free -= 1
  return ordinal
}

/** Takes a given ordinal wherever it is in the free list (an `ipAddrs` request, §2.6). */
export function takeSpecificOrdinal(block: Block, ordinal: number, allocation: Holder): boolean {
  if (ordinal < 0 || ordinal >= block.size || block.allocations[ordinal] !== undefined) return false
  const queued = block.released.indexOf(ordinal)
  if (queued >= 0) {
    block.released.splice(queued, 1)
    block.releasedAhead?.delete(ordinal)
  } else if (ordinal < block.nextFresh) return false
  block.allocations[ordinal] = allocation
  block.free -= 1
  return true
}

/** A released address goes to the end of the free list: handed out again only after every other free one. */
export function releaseOrdinal(block: Block, ordinal: number): void {
  if (block.allocations[ordinal] === undefined) return
  block.allocations[ordinal] = undefined
  block.released.push(ordinal)
  if (ordinal >= block.nextFresh) (block.releasedAhead ??= new Set()).add(ordinal)
  block.free += 1
}

export function addressOf(block: Block, ordinal: number): string {
  const prefix = block.prefix
  // Every pod's address is one of these: the first three octets are written once per block, not per address.
  if (prefix.family === 4 && prefix.length >= 24 && ordinal >= 0 && ordinal < block.size) {
    block.stem ??= `${prefix.network >>> 24}.${(prefix.network >>> 16) & 0xff}.${(prefix.network >>> 8) & 0xff}.`
    return block.stem + String((prefix.network & 0xff) + ordinal)
  }
  return formatIpAddress(addressAtOffset(prefix, ordinal))
}
