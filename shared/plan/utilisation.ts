import type { IpamResult } from '../ipam/computeIpam'
import { planIpam } from '../ipam/planIpam'
import type { Design } from '../model/design'
import { displayName, hostsOf } from '../model/query'

/** One bar: how many of how many addresses are used. */
export interface UsageBar {
  readonly name: string
  readonly detail: string
  readonly used: number
  readonly total: number
}

export interface Utilisation {
  readonly pools: readonly UsageBar[]
  /** Per node: the addresses of the blocks affine to it, across pools. */
  readonly nodes: readonly UsageBar[]
  readonly blocks: readonly UsageBar[]
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`

/**
 * How full each pool, node and block is, as bars: pools from planIpam (addresses, blocks claimed),
 * nodes as the sum of their own blocks, blocks as IPAM hands them out (`calicoctl ipam show
 * --show-blocks` has the same numbers as a table).
 */
export function utilisationOf(design: Design, ipam: IpamResult): Utilisation {
  const pools = planIpam(design, ipam).map((p): UsageBar => ({ name: p.pool, detail: `${p.cidr}, ${p.blocksClaimed} of ${plural(p.blocksTotal, 'block')} (/${p.blockSize}) claimed`, used: p.addressesUsed, total: p.addressesTotal }))
  const names = new Map(hostsOf(design).map((h) => [h.name, displayName(h)]))
  const nodes = hostsOf(design)
    .filter((h) => h.role !== 'router')
    .map((h): UsageBar => {
      const own = ipam.blocks.filter((b) => b.affinity === h.name)
      const pools = [...new Set(own.map((b) => b.pool))]
      return { name: displayName(h), detail: own.length === 0 ? 'no blocks' : `${plural(own.length, 'block')} of ${pools.join(', ')}`, used: own.reduce((s, b) => s + b.inUse, 0), total: own.reduce((s, b) => s + b.size, 0) }
    })
  const blocks = ipam.blocks.map((b): UsageBar => ({ name: b.cidr, detail: `${b.pool}, ${b.affinity === undefined ? 'no node' : (names.get(b.affinity) ?? b.affinity)}${b.borrowed > 0 ? `, ${b.borrowed} borrowed` : ''}`, used: b.inUse, total: b.size }))
  return { pools, nodes, blocks }
}
