// The order in which Calico IPAM tries a pool's blocks for a node (calico.md §2.5), ported from
// libcalico-go/lib/ipam/ipam_block_reader_writer.go (`determineSeed`, `randomBlockGenerator`):
// seed Go's math/rand with the FNV-1 hash of the node name, draw a start index with big.Int.Rand,
// then walk the blocks upwards from there, wrapping once. Blocks are indexed 0…numBlocks−1 from the
// pool's base address; numBlocks = 2^(blockSize − poolPrefixLength).
import { createGoSource, fnv1_32, FRESH_OUTPUTS, freshUint32, goBigIntRand, goSeedState, type GoSource } from './goRandom'

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
 * One node's source read from its start, as each of Calico's walks reads a new one: the outputs
 * are worked out one by one without a source (`freshUint32`) and kept in `outputs`, which every
 * walk of the node shares; a draw that needs more (each attempt past the first is a rejection, so
 * hardly ever) replays a real source.
 */
export class FreshStream {
  private position = 0
  private source: GoSource | undefined

  constructor(
    private readonly seed: bigint | number,
    private readonly state: number,
    private readonly outputs: number[] = [],
  ) {}

  uint32(): number {
    const k = ++this.position
    if (k <= this.outputs.length) return this.outputs[k - 1] as number
    if (k <= FRESH_OUTPUTS) {
      const output = freshUint32(this.state, k)
      this.outputs.push(output)
      return output
    }
    if (!this.source) {
      this.source = createGoSource(this.seed)
      for (let skipped = 1; skipped < k; skipped++) this.source.uint32()
    }
    return this.source.uint32()
  }
}

/** A node's seed and the starts drawn for it so far, by pool size (a node meets a few sizes). */
interface NodeStarts {
  readonly seed: number
  readonly state: number
  /** The first outputs of its source, as far as draws have read them. */
  readonly outputs: number[]
  readonly counts: bigint[]
  readonly starts: bigint[]
}

/**
 * Start indices for many pools and one node at a time. Calico seeds a fresh source for every walk,
 * so every pool's draw for a node reads the same stream from its start: the node's seed is worked
 * out once, and each draw reads the stream's first outputs without seeding a source.
 */
export class BlockStarts {
  private readonly nodes = new Map<string, NodeStarts>()

  startIndex(nodeName: string, numBlocks: bigint): bigint {
    let node = this.nodes.get(nodeName)
    if (!node) {
      const seed = fnv1_32(nodeName)
      this.nodes.set(nodeName, (node = { seed, state: goSeedState(seed), outputs: [], counts: [], starts: [] }))
    }
    const known = node.counts.indexOf(numBlocks)
    if (known >= 0) return node.starts[known] as bigint
    if (numBlocks < 1n) throw new RangeError(`numBlocks must be at least 1, got ${numBlocks}`)
    const start = goBigIntRand(new FreshStream(node.seed, node.state, node.outputs), numBlocks)
    node.counts.push(numBlocks)
    node.starts.push(start)
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
