import type { PoolPlan } from '../ipam/planIpam'
import { asciiTable } from './asciiTable'

/** The planning answers as text: one table per pool, nodes as rows. */
export function formatIpamPlan(plans: readonly PoolPlan[]): string {
  return plans
    .map((plan) => {
      const head = `IP pool ${plan.pool} (${plan.cidr}, /${plan.blockSize} blocks): ${plan.blocksClaimed} of ${plan.blocksTotal} blocks claimed, ${plan.addressesUsed} of ${plan.addressesTotal} addresses used, ${plan.addressesFree} free`
      const table = plan.nodes.length === 0 ? 'No node uses this pool by default.\n' : asciiTable(['Node', 'Blocks', 'In use', 'Free in blocks', 'More pods'], plan.nodes.map((n) => [n.node, String(n.blocks), String(n.used), String(n.freeInBlocks), String(n.morePods)]))
      const borrowing = plan.borrowingOrder.length > 0 ? `Every block is claimed: nodes start borrowing in this order: ${plan.borrowingOrder.join(', ')}.\n` : ''
      return `${head}\n${table}${borrowing}`
    })
    .join('\n')
}
