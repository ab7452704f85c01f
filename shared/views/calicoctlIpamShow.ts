import type { IpamResult } from '../ipam/computeIpam'
import { formatIpPrefix, prefixSize } from '../net'
import { calicoAtLeast, DEFAULT_CALICO_VERSION, type CalicoVersion } from '../model/calicoVersion'
import { asciiTable } from './asciiTable'
import { prettyTable } from './prettyTable'
import { formatG5, formatRoundHalfEven } from './goFormat'

const HEADERS = ['Grouping', 'CIDR', 'IPs total', 'IPs in use', 'IPs free']
/** v3.33's columns, the four counts right-aligned (ShowBlockUtilization, calicoctl/calicoctl/commands/ipam/show.go @ release-v3.33). */
const HEADERS_V333 = ['GROUPING', 'CIDR', 'IPS TOTAL', 'IPS IN USE', 'IPS RESERVED', 'IPS FREE']
const COUNT_COLUMNS: ReadonlySet<number> = new Set([2, 3, 4, 5])

function share(count: number, total: number): string {
  return `${formatG5(count)} (${formatRoundHalfEven((100 * count) / total)}%)`
}

function rowV330(grouping: string, cidr: string, total: number, inUse: number): string[] {
  return [grouping, cidr, formatG5(total), share(inUse, total), share(total - inUse, total)]
}

/**
 * A v3.33 row: RESERVED counts addresses IPReservations cover, which Peerlab does not model (0),
 * and FREE, from the library, is then what is not in use.
 */
function rowV333(grouping: string, cidr: string, total: number, inUse: number): string[] {
  return [grouping, cidr, formatG5(total), share(inUse, total), share(0, total), share(total - inUse, total)]
}

/**
 * `calicoctl ipam show [--show-blocks]` (calico.md §3.3): one row per pool in name order, disabled
 * ones included; with blocks, each pool's blocks follow it in block-name order, and blocks in no
 * pool come last.
 */
export function calicoctlIpamShow(ipam: IpamResult, options: { showBlocks?: boolean; version?: CalicoVersion } = {}): string {
  const goPretty = calicoAtLeast(options.version ?? DEFAULT_CALICO_VERSION, 'v3.33')
  const row = goPretty ? rowV333 : rowV330
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
  return goPretty ? prettyTable(HEADERS_V333, rows, COUNT_COLUMNS) : asciiTable(HEADERS, rows)
}
