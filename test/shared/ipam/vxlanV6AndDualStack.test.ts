import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadDesign } from '../../../shared/format/loadDesign'
import { computeIpam, type IpamResult } from '../../../shared/ipam/computeIpam'

const fixture = (name: string): string => readFileSync(resolve(import.meta.dirname, '../../fixtures/designs', `${name}-v1alpha1.yaml`), 'utf8')

function ipamOf(text: string): IpamResult {
  const { design, diagnostics } = loadDesign(text)
  expect(diagnostics).toEqual([])
  return computeIpam(design)
}

const podNamed = (result: IpamResult, name: string) => result.pods.find((p) => p.name === name)

describe('VXLAN-v6 tunnel addresses (calico.md §2.4)', () => {
  // node/pkg/allocateip/allocateip.go @ v3.30.0: determineEnabledPoolCIDRs gives AttributeTypeVXLANV6
  // the IPv6 pools with vxlanMode Always/CrossSubnet; one AutoAssign of one IPv6 address each, with
  // handle vxlan-v6-tunnel-addr-<node>, after the IPv4 VXLAN address.
  it('gives every node an IPv4 and an IPv6 VTEP address, each ordinal 0 of its first block, before any pod', () => {
    const result = ipamOf(fixture('vxlan-cross-subnet'))
    expect(result.tunnels).toEqual([
      { node: 'node-a', kind: 'vxlanTunnelAddress', address: '10.70.0.128' },
      { node: 'node-a', kind: 'vxlanV6TunnelAddress', address: 'fd00:70::80' },
      { node: 'node-b', kind: 'vxlanTunnelAddress', address: '10.70.0.64' },
      { node: 'node-b', kind: 'vxlanV6TunnelAddress', address: 'fd00:70::40' },
      { node: 'node-c', kind: 'vxlanTunnelAddress', address: '10.70.0.192' },
      { node: 'node-c', kind: 'vxlanV6TunnelAddress', address: 'fd00:70::c0' },
    ])
    expect(result.blocks.find((b) => b.cidr === 'fd00:70::80/122')?.allocations[0]).toMatchObject({ address: 'fd00:70::80', kind: 'vxlanV6TunnelAddress', node: 'node-a', pod: undefined })
    expect(podNamed(result, result.pods.find((p) => p.node === 'node-a')?.name ?? '')?.ips).toEqual(['10.70.0.129', 'fd00:70::81'])
  })

  it('takes none from an IPv6 pool without VXLAN, nor from one whose allowedUses leaves out Tunnel', () => {
    const noVxlan = fixture('vxlan-cross-subnet').replace("cidr: 'fd00:70::/120'\n  blockSize: 122\n  vxlanMode: CrossSubnet", "cidr: 'fd00:70::/120'\n  blockSize: 122\n  vxlanMode: Never")
    expect(ipamOf(noVxlan).tunnels.map((t) => t.kind)).toEqual(['vxlanTunnelAddress', 'vxlanTunnelAddress', 'vxlanTunnelAddress'])
    const workloadsOnly = fixture('vxlan-cross-subnet').replace('vxlanMode: CrossSubnet\n---\napiVersion: apps/v1', 'vxlanMode: CrossSubnet\n  allowedUses: [Workload]\n---\napiVersion: apps/v1')
    expect(ipamOf(workloadsOnly).tunnels.filter((t) => t.kind === 'vxlanV6TunnelAddress')).toEqual([])
  })
})

describe('requested pools are still filtered by allowedUses (calico.md §2.2 step 5)', () => {
  // libcalico-go lib/ipam/ipam.go @ v3.30.0, prepareAffinityBlocksForHost: determinePools returns the
  // requested pools unconditionally, then filterPoolsByUse keeps those allowing Workload, and none
  // left is `fmt.Errorf("%w, no pools match the required use (%v)", ErrNoQualifiedPool, use)`.
  // AutoAssign returns that error and the CNI plugin returns it unchanged (ipam_plugin.go cmdAdd).
  it('gives a pod asking for a Tunnel-only pool no address, with Calico’s error', () => {
    const result = ipamOf(fixture('dual-stack-ipam-failures'))
    expect(podNamed(result, 'tunnel-pool')).toMatchObject({ phase: 'ContainerCreating', ips: [], message: 'cannot find a qualified ippool, no pools match the required use (Workload)' })
    expect(result.diagnostics.map((d) => d.message)).toContain('pod default/tunnel-pool on node-a gets no address: cannot find a qualified ippool, no pools match the required use (Workload)')
  })

  it('checks the family of each requested pool before IPAM runs (cni-plugin internal/pkg/utils ResolvePools)', () => {
    const text = fixture('dual-stack-ipam-failures').replace(`ipv4pools: '["tunnels-only"]'`, `ipv4pools: '["pods-v6"]'`)
    expect(podNamed(ipamOf(text), 'tunnel-pool')?.message).toBe('"fd00:80::" isn\'t a IPv4 address')
  })

  it('says "cannot find a qualified ippool" when the family has no enabled pool at all', () => {
    const text = fixture('dual-stack-ipam-failures').replace("cidr: 'fd00:80::/126'\n  blockSize: 126", "cidr: 'fd00:80::/126'\n  blockSize: 126\n  disabled: true")
    const result = ipamOf(text)
    // The IPv4 address assigned first stays under the pod's handle until CNI DEL releases it.
    expect(result.pods.map((p) => [p.phase, p.ips.length, p.message])).toContainEqual(['ContainerCreating', 0, 'cannot find a qualified ippool'])
    expect(result.blocks.find((b) => b.cidr === '10.80.0.128/26')?.inUse).toBe(0)
  })
})

describe('dual stack: a pod gets an address of every family or none (calico.md §2.3)', () => {
  // cni-plugin/pkg/ipamplugin/ipam_plugin.go @ v3.30.0, cmdAdd: "Assigned IPv4 addresses but failed
  // to assign IPv6 addresses. Releasing 1 IPv4 addresses", then
  // `fmt.Errorf("failed to request IPv6 addresses: %w", v6Assignments.PartialFulfillmentError())`.
  it('releases the IPv4 address when the IPv6 pool is exhausted, and returns the IPv6 error', () => {
    const result = ipamOf(fixture('dual-stack-ipam-failures'))
    const web = result.pods.filter((p) => p.name.startsWith('web-'))
    expect(web.map((p) => p.ips)).toEqual([['10.80.0.128', 'fd00:80::'], ['10.80.0.129', 'fd00:80::1'], ['10.80.0.130', 'fd00:80::2'], ['10.80.0.131', 'fd00:80::3'], []])
    expect(web[4]).toMatchObject({ phase: 'ContainerCreating', message: 'failed to request IPv6 addresses: Assigned 0 out of 1 requested IPv6 addresses; No IPs available in pools: [fd00:80::/126]' })
    expect(result.blocks.find((b) => b.cidr === '10.80.0.128/26')).toMatchObject({ inUse: 4 })
    expect(result.diagnostics.map((d) => d.message)).toContain(
      `pod default/${web[4]?.name} on node-a gets no address: failed to request IPv6 addresses: Assigned 0 out of 1 requested IPv6 addresses; No IPs available in pools: [fd00:80::/126]; the CNI plugin released 10.80.0.132, which IPAM had assigned it: a pod gets an address of every family or none`,
    )
  })

  it('puts the released IPv4 address at the end of its block’s free list', () => {
    // The next pod's IPv4 address is the next never-used ordinal, .133, not the released .132.
    const text = `${fixture('dual-stack-ipam-failures')}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: after\n  annotations:\n    cni.projectcalico.org/ipv6pools: '["fd00:80::/126"]'\nspec:\n  containers: [{name: app, image: nginx}]\n`
    const result = ipamOf(text)
    // Still IPv6-less: its IPv4 address (.133) is released as well.
    expect(result.diagnostics.map((d) => d.message).find((m) => m.startsWith('pod default/after'))).toMatch(/released 10\.80\.0\.133,/)
  })

  it('returns the IPv4 error first and releases the IPv6 address when IPv4 is exhausted', () => {
    const text = fixture('dual-stack-ipam-failures')
      .replace('cidr: 10.80.0.0/24\n  blockSize: 26', 'cidr: 10.80.0.0/30\n  blockSize: 30')
      .replace("cidr: 'fd00:80::/126'\n  blockSize: 126", "cidr: 'fd00:80::/120'\n  blockSize: 122")
    const result = ipamOf(text)
    const failed = result.pods.find((p) => p.name.startsWith('web-') && p.phase !== 'Running')
    expect(failed).toMatchObject({ ips: [], message: 'failed to request IPv4 addresses: Assigned 0 out of 1 requested IPv4 addresses; No IPs available in pools: [10.80.0.0/30]' })
    expect(result.diagnostics.map((d) => d.message).find((m) => m.startsWith(`pod default/${failed?.name}`))).toMatch(/the CNI plugin released fd00:80::[0-9a-f]+, which/)
  })
})
