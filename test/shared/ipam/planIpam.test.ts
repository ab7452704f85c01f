import { describe, expect, it } from 'vitest'
import { loadDesign } from '../../../shared/format/loadDesign'
import { computeIpam } from '../../../shared/ipam/computeIpam'
import { planIpam } from '../../../shared/ipam/planIpam'
import { formatIpamPlan } from '../../../shared/views/ipamPlanReport'
import { labAfterAllSteps } from '../../labSteps'

const CONTROL1 = 'ip-10-0-1-20.eu-west-1.compute.internal'
const WORKER1 = 'ip-10-0-1-30.eu-west-1.compute.internal'
const WORKER2 = 'ip-10-0-1-31.eu-west-1.compute.internal'

describe('IPAM planning answers for the finished lab', () => {
  const design = loadDesign(labAfterAllSteps()).design
  const plans = planIpam(design, computeIpam(design))

  it('counts blocks and addresses per pool', () => {
    expect(plans.map((p) => [p.pool, p.blocksClaimed, p.blocksTotal, p.addressesUsed, p.addressesFree])).toEqual([
      ['default-ipv4-ippool', 3, 4, 9, 247],
      ['external-pool', 1, 32, 1, 255],
    ])
  })

  it('says how many more pods each node can take: its free addresses plus the blocks it can still claim', () => {
    const defaultPool = plans[0]
    // One /26 block is left: every node could still claim it (64 addresses), on top of its own free ones.
    expect(defaultPool?.nodes.map((n) => [n.node, n.blocks, n.used, n.freeInBlocks, n.morePods])).toEqual([
      [CONTROL1, 1, 2, 62, 126],
      [WORKER1, 1, 4, 60, 124],
      [WORKER2, 1, 3, 61, 125],
    ])
    expect(defaultPool?.borrowingOrder).toEqual([])
  })

  it('names the nodes that borrow first once every block is claimed', () => {
    const full = loadDesign(labAfterAllSteps().replace('cidr: 10.48.0.0/24\n  blockSize: 26', 'cidr: 10.48.0.0/25\n  blockSize: 26')).design
    const [defaultPool] = planIpam(full, computeIpam(full))
    expect(defaultPool?.blocksClaimed).toBe(2)
    expect(defaultPool?.borrowingOrder[0]).toBe(defaultPool?.nodes.find((n) => n.blocks === 0)?.node)
  })

  it('prints a report', () => {
    expect(formatIpamPlan(plans)).toContain('IP pool external-pool (10.48.2.0/24, /29 blocks): 1 of 32 blocks claimed, 1 of 256 addresses used, 255 free')
  })
})
