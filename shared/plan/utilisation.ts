import type { IpamResult } from '../ipam/computeIpam'
import { ipamUtilisation } from '../ipam/utilisation'
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
  /** Per node: the addresses it uses, of its own blocks' and those it borrows. */
  readonly nodes: readonly UsageBar[]
  readonly blocks: readonly UsageBar[]
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`

/**
 * How full each pool, node and block is, as bars, from IPAM's utilisation (shared/ipam/utilisation):
 * pools and blocks as `calicoctl ipam show --show-blocks` counts them; a node's bar is what it uses,
 * borrowed addresses included, of its own blocks plus what it borrows, so a node that borrows is
 * not shown empty.
 */
export function utilisationOf(design: Design, ipam: IpamResult): Utilisation {
  const use = ipamUtilisation(ipam)
  const pools = use.pools.map((p): UsageBar => ({ name: p.name, detail: `${p.cidr}, ${p.blocksClaimed} of ${plural(p.blocksTotal, 'block')} (/${p.blockSize}) claimed`, used: p.used, total: p.total }))
  const names = new Map(hostsOf(design).map((h) => [h.name, displayName(h)]))
  const poolsOf = new Map<string, Set<string>>()
  for (const b of use.blocks) if (b.affinity !== undefined) poolsOf.set(b.affinity, (poolsOf.get(b.affinity) ?? new Set()).add(b.pool))
  const nodes = hostsOf(design)
    .filter((h) => h.role !== 'router')
    .map((h): UsageBar => {
      const node = use.nodes.get(h.name)
      const blocks = node?.blocks ?? 0
      const own = blocks === 0 ? 'no blocks' : `${plural(blocks, 'block')} of ${[...(poolsOf.get(h.name) ?? [])].join(', ')}`
      const borrowed = node !== undefined && node.borrowed > 0 ? `, ${node.borrowed} borrowed` : ''
      return { name: displayName(h), detail: `${own}${borrowed}`, used: node?.used ?? 0, total: (node?.usedInBlocks ?? 0) + (node?.freeInBlocks ?? 0) + (node?.borrowed ?? 0) }
    })
  const blocks = use.blocks.map((b): UsageBar => ({
    name: b.cidr,
    detail: `${b.pool}, ${b.affinity === undefined ? 'no node' : (names.get(b.affinity) ?? b.affinity)}${b.lent > 0 ? `, ${b.lent} borrowed` : ''}`,
    used: b.used,
    total: b.total,
  }))
  return { pools, nodes, blocks }
}
