import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadDesign } from '../../../shared/format/loadDesign'
import { hostsOf } from '../../../shared/model/query'
import { addressPlanOf } from '../../../shared/plan/addressPlan'
import { checkBundle } from '../../../shared/validate/checkBundle'

const TEXT = readFileSync(resolve(import.meta.dirname, '../../fixtures/designs/dual-stack-v1alpha1.yaml'), 'utf8')

describe('a dual-stack design', () => {
  it('passes every check', () => {
    expect(checkBundle(TEXT).diagnostics).toEqual([])
  })

  it('puts a node on its segment with both addresses', () => {
    expect(hostsOf(loadDesign(TEXT).design)[0]?.interfaces.map((i) => [i.address, i.segmentId])).toEqual([
      ['10.0.1.20', 'segment/rack1'],
      ['fd00:1::20', 'segment/rack1'],
    ])
  })

  it('lists both families in the address plan', () => {
    expect(addressPlanOf(loadDesign(TEXT).design).map((r) => r.cidr)).toEqual([
      '10.48.0.0/16',
      'fd00:48::/56',
      '10.48.0.0/24',
      'fd00:48::/64',
      '10.49.0.0/16',
      'fd00:49::/108',
      '10.0.1.0/24',
      'fd00:1::/64',
    ])
  })

  it.each([
    ['an IPv6 pool outside the IPv6 pod CIDR', "cidr: 'fd00:48::/64'", "cidr: 'fd00:99::/64'", 'plan.pool-outside-pod-cidr'],
    ['IPv6 service and pod CIDRs that overlap', "'fd00:49::/108'", "'fd00:48::/108'", 'plan.range-overlap'],
    ['an IPv6 subnet gateway outside it', "'fd00:1::1'", "'fd00:2::1'", 'address.gateway-outside-segment'],
    ['IPIP on the IPv6 pool', 'vxlanMode: CrossSubnet', 'ipipMode: Always', 'ippool.ipip-ipv6'],
    ['an IPv6 pool with host bits', "cidr: 'fd00:48::/64'", "cidr: 'fd00:48::1/64'", 'ippool.cidr-not-masked'],
    [
      'two nodes with the same IPv6 address',
      "address: 10.0.1.20}\n    - {type: InternalIP, address: 'fd00:1::20'}",
      "address: 10.0.1.20}\n    - {type: InternalIP, address: 'fd00:1::20'}\n---\napiVersion: v1\nkind: Node\nmetadata: {name: node-b}\nstatus: {addresses: [{type: InternalIP, address: 'fd00:1:0::20'}]}",
      'address.duplicate',
    ],
    ['more pods than the IPv6 pool has addresses', "cidr: 'fd00:48::/64'", "cidr: 'fd00:48::/127'\n  blockSize: 127\n  disabled: false", 'plan.pool-too-small'],
  ])('%s', (_, from, to, code) => {
    expect(TEXT).toContain(from)
    const modified = code === 'plan.pool-too-small' ? TEXT.replace(from, to).replace('replicas: 2', 'replicas: 3') : TEXT.replace(from, to)
    expect(checkBundle(modified).diagnostics.map((d) => d.code)).toContain(code)
  })
})
