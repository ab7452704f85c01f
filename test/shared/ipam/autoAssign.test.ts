import { describe, expect, it } from 'vitest'
import { loadDesign } from '../../../shared/format/loadDesign'
import { createBlock, freeCount, releaseOrdinal, takeOrdinal, takeSpecificOrdinal } from '../../../shared/ipam/blocks'
import { computeIpam, type IpamResult } from '../../../shared/ipam/computeIpam'
import { prefix } from '../../netValues'

/**
 * The numbered rules of calico.md §2 (libcalico-go lib/ipam), each on a design small enough to
 * follow by hand. Block choice comes from the seeded generator, so designs use single-block
 * pools where the exact block does not matter.
 */
interface Spec {
  nodes?: string[]
  pools?: string[]
  ipam?: string
  namespaces?: string[]
  pods?: string[]
}

const doc = (text: string): string => text.trim()
function ipamOf(spec: Spec): IpamResult {
  const nodes = (spec.nodes ?? ['node-a']).map((name, i) =>
    doc(`apiVersion: v1\nkind: Node\nmetadata:\n  name: ${name}\n  labels: {zone: z${i}}\nstatus: {addresses: [{type: InternalIP, address: 10.0.0.${10 + i}}]}`),
  )
  const pools = (spec.pools ?? []).map((p) => doc(`apiVersion: projectcalico.org/v3\nkind: IPPool\n${p}`))
  const ipam = spec.ipam ? [doc(`apiVersion: projectcalico.org/v3\nkind: IPAMConfiguration\nmetadata: {name: default}\nspec: ${spec.ipam}`)] : []
  const namespaces = (spec.namespaces ?? []).map((n) => doc(`apiVersion: v1\nkind: Namespace\n${n}`))
  const pods = (spec.pods ?? []).map((p) => doc(`apiVersion: v1\nkind: Pod\n${p}`))
  const { design, diagnostics } = loadDesign([...nodes, ...pools, ...ipam, ...namespaces, ...pods].join('\n---\n'))
  expect(diagnostics).toEqual([])
  return computeIpam(design)
}

const pool = (name: string, spec: string): string => `metadata: {name: ${name}}\nspec: {${spec}}`
const pod = (name: string, extra = '', node = 'node-a'): string => `metadata: {name: ${name}${extra ? `, ${extra}` : ''}}\nspec: {nodeName: ${node}, containers: [{name: c}]}`
const podsNamed = (count: number, node = 'node-a'): string[] => Array.from({ length: count }, (_, i) => pod(`p${i}`, '', node))
const ipsOf = (result: IpamResult): (string | undefined)[] => result.pods.map((p) => p.ips[0])
const messageOf = (result: IpamResult, name: string): string | undefined => result.pods.find((p) => p.name === name)?.message

describe('§2.2 which pools a pod may use', () => {
  const twoPools = [pool('a-pool', 'cidr: 10.48.0.0/26, blockSize: 26'), pool('b-pool', 'cidr: 10.48.1.0/26, blockSize: 26')]

  it('without annotations, uses the enabled pools that select the node, in name order', () => {
    expect(ipsOf(ipamOf({ pools: twoPools, pods: [pod('p')] }))).toEqual(['10.48.0.0'])
  })

  it('takes the namespace annotation, and a pod annotation replaces it', () => {
    const namespaces = [`metadata: {name: ns, annotations: {cni.projectcalico.org/ipv4pools: '["b-pool"]'}}`]
    const result = ipamOf({ pools: twoPools, namespaces, pods: [pod('from-ns', 'namespace: ns'), pod('own', `namespace: ns, annotations: {cni.projectcalico.org/ipv4pools: '["10.48.0.0/26"]'}`)] })
    expect(result.pods.map((p) => [p.name, p.ips[0]])).toEqual([
      ['from-ns', '10.48.1.0'],
      ['own', '10.48.0.0'],
    ])
  })

  it('uses a requested pool whatever its nodeSelector says', () => {
    const pools = [pool('hidden', `cidr: 10.48.0.0/26, nodeSelector: '!all()'`)]
    expect(ipsOf(ipamOf({ pools, pods: [pod('p', `annotations: {cni.projectcalico.org/ipv4pools: '["hidden"]'}`)] }))).toEqual(['10.48.0.0'])
  })

  it('fails a request for an unknown pool name, or a disabled pool, with Calico’s messages', () => {
    const pools = [...twoPools, pool('off', 'cidr: 10.48.2.0/26, disabled: true')]
    const result = ipamOf({ pools, pods: [pod('unknown', `annotations: {cni.projectcalico.org/ipv4pools: '["nope"]'}`), pod('disabled', `annotations: {cni.projectcalico.org/ipv4pools: '["off"]'}`)] })
    expect(result.pods.map((p) => p.phase)).toEqual(['ContainerCreating', 'ContainerCreating'])
    expect(messageOf(result, 'unknown')).toContain('error parsing pool "nope": invalid CIDR address: nope')
    expect(messageOf(result, 'disabled')).toContain('the given pool (10.48.2.0/26) does not exist, or is not enabled')
  })

  it('says so when no pool selects the node, or none is for workloads, and never uses Manual pools unasked', () => {
    expect(messageOf(ipamOf({ pools: [pool('p', `cidr: 10.48.0.0/26, nodeSelector: zone == 'nowhere'`)], pods: [pod('x')] }), 'x')).toContain('no configured Calico pools for node node-a')
    expect(messageOf(ipamOf({ pools: [pool('p', 'cidr: 10.48.0.0/26, allowedUses: [Tunnel]')], pods: [pod('x')] }), 'x')).toContain(
      'cannot find a qualified ippool, no pools match the required use (Workload)',
    )
    expect(ipsOf(ipamOf({ pools: [pool('a-manual', 'cidr: 10.48.0.0/26, assignmentMode: Manual'), pool('b', 'cidr: 10.48.1.0/26')], pods: [pod('x')] }))).toEqual(['10.48.1.0'])
  })
})

describe('§2.3 auto-assign', () => {
  it('fills the node’s affine block before claiming another', () => {
    const result = ipamOf({ pools: [pool('p', 'cidr: 10.48.0.0/29, blockSize: 30')], pods: podsNamed(5) })
    expect(result.blocks.map((b) => [b.cidr, b.affinity, b.inUse])).toEqual([
      ['10.48.0.0/30', 'node-a', 1],
      ['10.48.0.4/30', 'node-a', 4],
    ])
  })

  // autoAssign returns ErrBlockLimit itself and the CNI plugin returns that error unchanged; the
  // limit is only in the assignment's Msgs (libcalico-go lib/ipam/ipam.go, cni-plugin/pkg/ipamplugin/ipam_plugin.go cmdAdd @ v3.30.0).
  it('stops at the per-host block limit without borrowing, with Calico’s error', () => {
    const result = ipamOf({ nodes: ['node-a', 'node-b'], pools: [pool('p', 'cidr: 10.48.0.0/28, blockSize: 30')], ipam: '{strictAffinity: true, maxBlocksPerHost: 1}', pods: podsNamed(5) })
    expect(result.pods.map((p) => p.phase)).toEqual(['Running', 'Running', 'Running', 'Running', 'ContainerCreating'])
    expect(messageOf(result, 'p4')).toBe('cannot allocate new block due to per host block limit')
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      'pod default/p4 on node-a gets no address: cannot allocate new block due to per host block limit (Need to allocate an IPAM block but could not - limit of 1 blocks reached for this node)',
    ])
  })

  it('has a hard limit of 20 blocks per host when none is configured', () => {
    const result = ipamOf({ pools: [pool('p', 'cidr: 10.48.0.0/24, blockSize: 32')], ipam: '{strictAffinity: true}', pods: podsNamed(21) })
    expect(result.pods.filter((p) => p.phase === 'Running')).toHaveLength(20)
    expect(result.diagnostics[0]?.message).toContain('limit of 20 blocks reached for this node')
  })

  it('borrows from another node’s block when no block is left and strict affinity is off', () => {
    const result = ipamOf({ nodes: ['node-a', 'node-b'], pools: [pool('p', 'cidr: 10.48.0.0/26, blockSize: 26')], pods: [pod('on-a'), pod('on-b', '', 'node-b')] })
    expect(result.pods.map((p) => [p.name, p.node, p.ips[0]])).toEqual([
      ['on-a', 'node-a', '10.48.0.0'],
      ['on-b', 'node-b', '10.48.0.1'],
    ])
    expect(result.blocks).toMatchObject([
      {
        affinity: 'node-a',
        allocations: [
          { node: 'node-a', borrowed: false },
          { node: 'node-b', borrowed: true },
        ],
      },
    ])
  })

  it('refuses to borrow with strict affinity, and cannot claim with autoAllocateBlocks off', () => {
    const nodes = ['node-a', 'node-b']
    const pools = [pool('p', 'cidr: 10.48.0.0/26, blockSize: 26')]
    const strict = ipamOf({ nodes, pools, ipam: '{strictAffinity: true}', pods: [pod('on-a'), pod('on-b', '', 'node-b')] })
    expect(messageOf(strict, 'on-b')).toContain('No more free affine blocks and strict affinity enabled')
    const noAuto = ipamOf({ nodes, pools, ipam: '{strictAffinity: true, autoAllocateBlocks: false}', pods: [pod('on-a')] })
    expect(messageOf(noAuto, 'on-a')).toContain('failed to find or claim a block')
  })

  it('reports an exhausted pool in Go’s list format', () => {
    const result = ipamOf({ pools: [pool('p', 'cidr: 10.48.0.0/31, blockSize: 31')], pods: podsNamed(3) })
    expect(messageOf(result, 'p2')).toBe('failed to request IPv4 addresses: Assigned 0 out of 1 requested IPv4 addresses; No IPs available in pools: [10.48.0.0/31]')
  })
})

describe('§2.4 the address inside a block', () => {
  it('hands out the block’s base address first; the last address is an ordinary one', () => {
    expect(ipsOf(ipamOf({ pools: [pool('p', 'cidr: 10.48.2.216/29, blockSize: 29')], pods: podsNamed(8) }))).toEqual([
      '10.48.2.216',
      '10.48.2.217',
      '10.48.2.218',
      '10.48.2.219',
      '10.48.2.220',
      '10.48.2.221',
      '10.48.2.222',
      '10.48.2.223',
    ])
  })

  it('gives the IPIP tunnel address ordinal 0 at start-up, so the first pod gets ordinal 1', () => {
    const result = ipamOf({ pools: [pool('p', 'cidr: 10.48.0.64/26, ipipMode: Always')], pods: [pod('p')] })
    expect(result.tunnels).toEqual([{ node: 'node-a', kind: 'ipipTunnelAddress', address: '10.48.0.64' }])
    expect(ipsOf(result)).toEqual(['10.48.0.65'])
  })

  it('puts a released ordinal at the end of the free list', () => {
    const block = createBlock({ name: 'p', prefix: prefix('10.48.2.216/29') }, 29, 0n, 'node-a')
    const used = { kind: 'pod' as const, node: 'node-a', pod: undefined }
    expect([takeOrdinal(block, used), takeOrdinal(block, used), takeOrdinal(block, used)]).toEqual([0, 1, 2])
    releaseOrdinal(block, 1)
    expect(Array.from({ length: 6 }, () => takeOrdinal(block, used))).toEqual([3, 4, 5, 6, 7, 1])
    expect(takeOrdinal(block, used)).toBeUndefined()
  })

  it('takes a specific ordinal out of the free list, and a released one still waits at the end', () => {
    const block = createBlock({ name: 'p', prefix: prefix('10.48.2.216/29') }, 29, 0n, 'node-a')
    const used = { kind: 'pod' as const, node: 'node-a', pod: undefined }
    expect(takeSpecificOrdinal(block, 5, used)).toBe(true)
    expect(takeSpecificOrdinal(block, 5, used)).toBe(false)
    expect([takeOrdinal(block, used), takeOrdinal(block, used)]).toEqual([0, 1])
    releaseOrdinal(block, 5)
    releaseOrdinal(block, 0)
    expect(freeCount(block)).toBe(7)
    expect(Array.from({ length: 6 }, () => takeOrdinal(block, used))).toEqual([2, 3, 4, 6, 7, 5])
    expect(takeOrdinal(block, used)).toBe(0)
    expect(freeCount(block)).toBe(0)
  })
})

describe('§2.6 a specific address (ipAddrs)', () => {
  const pools = [pool('p', 'cidr: 10.48.0.0/24, blockSize: 26')]
  const fixed = (name: string, ip: string, node = 'node-a'): string => pod(name, `annotations: {cni.projectcalico.org/ipAddrs: '["${ip}"]'}`, node)

  it('takes exactly that address, claiming its block for the node', () => {
    const result = ipamOf({ pools, pods: [fixed('f', '10.48.0.77')] })
    expect(ipsOf(result)).toEqual(['10.48.0.77'])
    expect(result.blocks).toMatchObject([{ cidr: '10.48.0.64/26', affinity: 'node-a', inUse: 1 }])
  })

  it('borrows it from another node’s block, or fails when it is taken or in no pool', () => {
    const result = ipamOf({
      nodes: ['node-a', 'node-b'],
      pools,
      pods: [fixed('first', '10.48.0.77'), fixed('second', '10.48.0.78', 'node-b'), fixed('taken', '10.48.0.77', 'node-b'), fixed('outside', '10.99.0.1')],
    })
    expect(result.pods.map((p) => [p.name, p.phase, p.ips[0]])).toEqual([
      ['first', 'Running', '10.48.0.77'],
      ['second', 'Running', '10.48.0.78'],
      ['taken', 'ContainerCreating', undefined],
      ['outside', 'ContainerCreating', undefined],
    ])
    expect(messageOf(result, 'taken')).toBe('Address already assigned in block')
    expect(messageOf(result, 'outside')).toBe('The provided IP address is not in a configured pool')
  })
})
