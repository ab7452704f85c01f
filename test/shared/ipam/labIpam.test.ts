import { describe, expect, it } from 'vitest'
import { loadDesign } from '../../../shared/format/loadDesign'
import { computeIpam } from '../../../shared/ipam/computeIpam'
import { readExample } from '../../exampleText'
import { labAfterAllSteps } from '../../labSteps'

const CONTROL1 = 'ip-10-0-1-20.eu-west-1.compute.internal'
const WORKER1 = 'ip-10-0-1-30.eu-west-1.compute.internal'
const WORKER2 = 'ip-10-0-1-31.eu-west-1.compute.internal'

describe('IPAM of the seed lab', () => {
  const before = computeIpam(loadDesign(readExample('calico-lab-2.2')).design)
  const after = computeIpam(loadDesign(labAfterAllSteps()).design)

  it('gives every node an IPIP tunnel address, ordinal 0 of its first block, at start-up', () => {
    // Start indices in the 4-block default pool: control1's EC2 name → 2, worker1's and worker2's → 3 (worker2 wraps to 0).
    expect(before.tunnels).toEqual([
      { node: CONTROL1, kind: 'ipipTunnelAddress', address: '10.48.0.128' },
      { node: WORKER1, kind: 'ipipTunnelAddress', address: '10.48.0.192' },
      { node: WORKER2, kind: 'ipipTunnelAddress', address: '10.48.0.0' },
    ])
  })

  it('uses 9 addresses of the default pool before the lab starts, as calicoctl ipam show reports', () => {
    expect(before.blocks.map((b) => [b.cidr, b.affinity, b.inUse])).toEqual([
      ['10.48.0.0/26', WORKER2, 3],
      ['10.48.0.128/26', CONTROL1, 2],
      ['10.48.0.192/26', WORKER1, 4],
    ])
    expect(before.pods.every((p) => p.phase === 'Running')).toBe(true)
    expect(before.diagnostics).toEqual([])
  })

  it('gives the nginx pod in external-ns 10.48.2.216 from block 10.48.2.216/29 on worker2, unpinned', () => {
    const nginx = after.pods.find((p) => p.namespace === 'external-ns')
    expect(nginx).toMatchObject({ node: WORKER2, ips: ['10.48.2.216'], phase: 'Running' })
    expect(nginx?.name).toMatch(/^nginx-[bcdfghjklmnpqrstvwxz2456789]{10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/)
    expect(after.blocks.find((b) => b.pool === 'external-pool')).toMatchObject({ cidr: '10.48.2.216/29', affinity: WORKER2, inUse: 1 })
  })

  it('keeps every other address where it was: adding a pool does not move running pods', () => {
    const unchanged = after.pods.filter((p) => p.namespace !== 'external-ns').map((p) => [p.name, p.ips])
    expect(unchanged).toEqual(before.pods.map((p) => [p.name, p.ips]))
  })
})
