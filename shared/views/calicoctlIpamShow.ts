import type { IpamResult } from '../ipam/computeIpam'
import { formatIpPrefix, prefixSize } from '../net'
import { asciiTable } from './asciiTable'
import { formatG5, formatRoundHalfEven } from './goFormat'

const HEADERS = ['Grouping', 'CIDR', 'IPs total', 'IPs in use', 'IPs free']

function share(count: number, total: number): string {
  return `${formatG5(count)} (${formatRoundHalfEven((100 * count) / total)}%)`
}

function row(grouping: string, cidr: string, total: number, inUse: number): string[] {
  return [grouping, cidr, formatG5(total), share(inUse, total), share(total - inUse, total)]
}

/**
 * `calicoctl ipam show [--show-blocks]` (calico.md §3.3): one row per pool in name order, disabled
 * ones included; with blocks, each pool's blocks follow it in block-name order, and blocks in no
 * pool come last.
 */
export function calicoctlIpamShow(ipam: IpamResult, options: { showBlocks?: boolean } = {}): string {
  const rows: string[][] = []
  const pooled = new Set<string>()
  for (const pool of ipam.pools) {
    const blocks = ipam.blocks.filter((b) => b.pool === pool.name)
    const inUse = blocks.reduce((sum, b) => sum + b.inUse, 0)
    rows.push(row('IP Pool', formatIpPrefix(pool.prefix), Number(prefixSize(pool.prefix)), inUse))
    for (const block of blocks) {
      pooled.add(block.name)
      if (options.showBlocks) rows.push(row('Block', block.cidr, block.size, block.inUse))
    }
  }
  if (options.showBlocks) for (const block of ipam.blocks.filter((b) => !pooled.has(b.name))) rows.push(row('Block', block.cidr, block.size, block.inUse))
  return asciiTable(HEADERS, rows)
}
