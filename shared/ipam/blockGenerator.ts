// The order in which Calico IPAM tries a pool's blocks for a node (calico.md §2.5), ported from
// libcalico-go/lib/ipam/ipam_block_reader_writer.go (`determineSeed`, `randomBlockGenerator`):
// seed Go's math/rand with the FNV-1 hash of the node name, draw a start index with big.Int.Rand,
// then walk the blocks upwards from there, wrapping once. Blocks are indexed 0…numBlocks−1 from the
// pool's base address; numBlocks = 2^(blockSize − poolPrefixLength).
import { createGoSource, fnv1_32, goBigIntRand } from './goRandom'

/**
 * Seed for pools whose blocks are single addresses (/32 IPv4, /128 IPv6). For those Calico ignores
 * the node name and seeds with `time.Now().UTC().UnixNano()`, so real clusters are not reproducible;
 * the engine reads no clock, so the caller chooses the value (a scenario setting, or simply 0n).
 * Pass it exactly when the blocks are single addresses.
 */
export interface SingleAddressBlockSeed {
  /** Stand-in for Go's UnixNano timestamp, read as a Go int64. */
  readonly timeSeed: bigint
}

/**
 * The seed Calico's `determineSeed` gives Go's `rand.NewSource`: FNV-1 32 of the node name (the
 * Calico node name, normally the Kubernetes node name) read as a non-negative int64, or the explicit
 * time stand-in for single-address blocks.
 */
export function blockGeneratorSeed(nodeName: string, singleAddress?: SingleAddressBlockSeed): bigint {
  return singleAddress ? singleAddress.timeSeed : BigInt(fnv1_32(nodeName))
}

/**
 * Index (0…numBlocks−1) of the first block Calico tries for `nodeName` in a pool of `numBlocks`
 * blocks: `big.Int.Rand(rand.New(rand.NewSource(seed)), numBlocks)`. Throws a RangeError when
 * `numBlocks` < 1 (a pool always holds at least one block).
 */
export function blockStartIndex(nodeName: string, numBlocks: bigint, singleAddress?: SingleAddressBlockSeed): bigint {
  if (numBlocks < 1n) throw new RangeError(`numBlocks must be at least 1, got ${numBlocks}`)
  return goBigIntRand(createGoSource(blockGeneratorSeed(nodeName, singleAddress)), numBlocks)
}

/**
 * Start indices for many pools and one node at a time. Calico seeds a fresh source for every walk,
 * so every pool's draw for a node reads the same stream from its start; recording that stream
 * once per node turns thousands of seedings into one per node, with identical results.
 */
export class BlockStarts {
  private readonly streams = new Map<string, { readonly source: ReturnType<typeof createGoSource>; readonly outputs: number[] }>()
  /** By node, then pool size: asked at every claim, so no key is spelled out. */
  private readonly starts = new Map<string, Map<bigint, bigint>>()

  startIndex(nodeName: string, numBlocks: bigint): bigint {
    let byCount = this.starts.get(nodeName)
    if (!byCount) this.starts.set(nodeName, (byCount = new Map()))
    const known = byCount.get(numBlocks)
    if (known !== undefined) return known
    if (numBlocks < 1n) throw new RangeError(`numBlocks must be at least 1, got ${numBlocks}`)
    let stream = this.streams.get(nodeName)
    if (!stream) this.streams.set(nodeName, (stream = { source: createGoSource(blockGeneratorSeed(nodeName)), outputs: [] }))
    const { source, outputs } = stream
    let position = 0
    const replay = {
      uint32: (): number => {
        if (position === outputs.length) outputs.push(source.uint32())
        return outputs[position++] as number
      },
    }
    const start = goBigIntRand(replay, numBlocks)
    byCount.set(numBlocks, start)
    return start
  }
}

/**
 * Every block index in the order Calico tries them for `nodeName`: start, start+1, …, numBlocks−1,
 * 0, 1, …, start−1. The start is computed (and `numBlocks` checked) at once; the walk is lazy, so an
 * IPv6 pool with 2^64 blocks costs nothing until iterated. The result can be iterated repeatedly.
 */
export function blockOrder(nodeName: string, numBlocks: bigint, singleAddress?: SingleAddressBlockSeed): Iterable<bigint> {
  const start = blockStartIndex(nodeName, numBlocks, singleAddress)
  return { [Symbol.iterator]: () => walkFrom(start, numBlocks) }
}

function* walkFrom(start: bigint, numBlocks: bigint): Generator<bigint, void, undefined> {
  for (let index = start; index < numBlocks; index++) yield index
  for (let index = 0n; index < start; index++) yield index
}
