import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadDesign } from '../../../shared/format/loadDesign'
import { computeIpam } from '../../../shared/ipam/computeIpam'
import { formatIpPrefix } from '../../../shared/net'
import { allRanges, buildAddressMap, mapSections, sectionRows, type AddressMap, type AddressMapNode } from '../../../shared/plan/addressMap'
import { countText, usageText } from '../../../shared/plan/addressMapWords'
import { fitView, prefixAtFraction, rulerTicks, spanWithin } from '../../../shared/plan/mapScale'
import { prefix } from '../../netValues'
import { EXTERNAL_POOL, labAfterAllSteps } from '../../labSteps'
import { readExample } from '../../exampleText'

const WORKER2 = 'ip-10-0-1-31.eu-west-1.compute.internal'

function mapOf(text: string): AddressMap {
  const design = loadDesign(text).design
  return buildAddressMap(design, computeIpam(design))
}

/** The tree as indented lines: kind, CIDR, label, and what it overlaps. */
function outline(nodes: readonly AddressMapNode[], indent = ''): string[] {
  return nodes.flatMap((n) => [`${indent}${n.kind} ${n.cidr} ${n.label}${n.overlaps.map((o) => ` ✗ ${o.label} ${o.cidr}`).join('')}`, ...outline(n.children, `${indent}  `)])
}

function find(map: AddressMap, kind: string, cidr: string): AddressMapNode {
  const node = allRanges(map).find((n) => n.kind === kind && n.cidr === cidr)
  if (!node) throw new Error(`no ${kind} ${cidr} in the map`)
  return node
}

describe('the address map of the finished lab', () => {
  const map = mapOf(labAfterAllSteps())

  it('nests every range under the one that holds it, inside the private range they come from', () => {
    expect(outline(map.roots)).toEqual([
      'private-space 10.0.0.0/8 private range (RFC 1918)',
      '  subnet 10.0.1.0/24 Segment lab-subnet',
      '    gateway 10.0.1.1/32 gateway of lab-subnet',
      '    host-address 10.0.1.10/32 bastion',
      '    host-address 10.0.1.20/32 control1',
      '    host-address 10.0.1.30/32 worker1',
      '    host-address 10.0.1.31/32 worker2',
      '  pod-cidr 10.48.0.0/16 Cluster calico-lab-2.2',
      '    pool 10.48.0.0/24 IPPool default-ipv4-ippool',
      '      block 10.48.0.0/26 worker2',
      '      block 10.48.0.128/26 control1',
      '      block 10.48.0.192/26 worker1',
      '    pool 10.48.2.0/24 IPPool external-pool',
      '      block 10.48.2.216/29 worker2',
      '  service-cidr 10.49.0.0/16 Cluster calico-lab-2.2',
    ])
    expect(map.families).toEqual([4])
  })

  it("colours the nginx block as worker2's, and says which pods use it", () => {
    const nginxBlock = find(map, 'block', '10.48.2.216/29')
    const worker2 = map.legend.find((l) => l.name === 'worker2')
    expect(worker2?.node).toBe(WORKER2)
    expect(nginxBlock.node).toBe(WORKER2)
    expect(nginxBlock.colour).toBe(worker2?.colour)
    // Every block of worker2 has its colour, and no other node's block has it.
    for (const block of allRanges(map).filter((n) => n.kind === 'block')) expect(block.colour === worker2?.colour).toBe(block.node === WORKER2)
    expect(nginxBlock.block?.allocations.map((a) => [a.address, a.pod?.replace(/-[a-z0-9]+-[a-z0-9]+$/, '-…')])).toEqual([['10.48.2.216', 'external-ns/nginx-…']])
    expect([nginxBlock.size, nginxBlock.inUse]).toEqual([8n, 1n])
  })

  it('counts use the way calicoctl ipam show does: 9 of the default pool, 1 of external-pool', () => {
    expect(find(map, 'pool', '10.48.0.0/24').inUse).toBe(9n)
    expect(find(map, 'pool', '10.48.2.0/24').inUse).toBe(1n)
    expect(find(map, 'pod-cidr', '10.48.0.0/16').inUse).toBe(10n)
    expect(find(map, 'subnet', '10.0.1.0/24').inUse).toBe(5n)
  })

  it('lists the free space of the pod network as pools could take it, and of the private range for subnets', () => {
    const pods = find(map, 'pod-cidr', '10.48.0.0/16')
    expect(pods.free.map(formatIpPrefix)).toEqual(['10.48.1.0/24', '10.48.3.0/24', '10.48.4.0/22', '10.48.8.0/21', '10.48.16.0/20', '10.48.32.0/19', '10.48.64.0/18', '10.48.128.0/17'])
    expect(pods.freeUse).toBe('pool')
    expect(pods.allocated).toBe(512n)
    const space = find(map, 'private-space', '10.0.0.0/8')
    expect(space.freeUse).toBe('segment')
    expect(space.free.map(formatIpPrefix)).toContain('10.0.2.0/23')
    // A pool's free space is room for blocks, not for new ranges.
    expect(find(map, 'pool', '10.48.2.0/24').freeUse).toBeUndefined()
  })

  it('marks no overlap in a design that has none', () => {
    expect(allRanges(map).filter((n) => n.overlaps.length > 0)).toEqual([])
  })

  it('draws each planned range on a ruler of its own, then the private range, with rows per level', () => {
    expect(mapSections(map, 4).map((s) => s.cidr)).toEqual(['10.0.1.0/24', '10.48.0.0/16', '10.49.0.0/16', '10.0.0.0/8'])
    const rows = sectionRows(find(map, 'pod-cidr', '10.48.0.0/16'))
    expect(rows.map((row) => row.map((e) => (e.type === 'range' ? e.node.cidr : `free ${e.cidr}`)))).toEqual([
      [
        '10.48.0.0/24',
        'free 10.48.1.0/24',
        '10.48.2.0/24',
        'free 10.48.3.0/24',
        'free 10.48.4.0/22',
        'free 10.48.8.0/21',
        'free 10.48.16.0/20',
        'free 10.48.32.0/19',
        'free 10.48.64.0/18',
        'free 10.48.128.0/17',
      ],
      [
        '10.48.0.0/26',
        'free 10.48.0.64/26',
        '10.48.0.128/26',
        '10.48.0.192/26',
        'free 10.48.2.0/25',
        'free 10.48.2.128/26',
        'free 10.48.2.192/28',
        'free 10.48.2.208/29',
        '10.48.2.216/29',
        'free 10.48.2.224/27',
      ],
    ])
    expect(sectionRows(find(map, 'private-space', '10.0.0.0/8')).map((row) => row.filter((e) => e.type === 'range').map((e) => (e.type === 'range' ? e.node.cidr : '')))).toEqual([
      ['10.0.1.0/24', '10.48.0.0/16', '10.49.0.0/16'],
    ])
    expect(mapSections(map, 6)).toEqual([])
  })

  it('places a range along its ruler as fractions, exactly for IPv6 too', () => {
    expect(spanWithin(prefix('10.48.0.0/16'), prefix('10.48.2.0/24'))).toEqual({ start: 2 / 256, end: 3 / 256 })
    expect(spanWithin(prefix('fd00:48::/56'), prefix('fd00:48:0:80::/57'))).toEqual({ start: 0.5, end: 1 })
    expect(spanWithin(prefix('fd00::/8'), prefix('fd00:48::/56'))).toEqual({ start: 0x48 / 2 ** 24, end: 0x48 / 2 ** 24 + 2 ** -48 })
  })

  it('opens a ruler on what its range holds, ticks it on aligned boundaries, and picks a prefix under the pointer', () => {
    const pods = find(map, 'pod-cidr', '10.48.0.0/16')
    const view = fitView(
      pods.prefix,
      pods.children.map((c) => c.prefix),
    )
    expect(view.lo).toBe(0)
    expect(view.hi).toBeCloseTo(3.3 / 256, 10)
    expect(rulerTicks(pods.prefix, view, 8).map((t) => t.label)).toEqual(['10.48.0.0', '10.48.0.128', '10.48.1.0', '10.48.1.128', '10.48.2.0', '10.48.2.128', '10.48.3.0'])
    expect(rulerTicks(prefix('fd00:48::/56'), { lo: 0, hi: 1 }, 4).map((t) => t.label)).toEqual(['fd00:48::', 'fd00:48:0:40::', 'fd00:48:0:80::', 'fd00:48:0:c0::'])
    // A click three quarters along the free 10.48.4.0/22 asks for a /24 there: 10.48.7.0/24.
    expect(formatIpPrefix(prefixAtFraction(prefix('10.48.4.0/22'), 0.8, 24))).toBe('10.48.7.0/24')
    expect(formatIpPrefix(prefixAtFraction(prefix('10.48.4.0/22'), 0.8, 20))).toBe('10.48.4.0/22')
  })

  it('is frozen-safe: building it twice gives the same tree', () => {
    expect(outline(mapOf(labAfterAllSteps()).roots)).toEqual(outline(map.roots))
  })
})

describe('overlaps on the map', () => {
  const overlapping = `${labAfterAllSteps()}---
apiVersion: projectcalico.org/v3
kind: IPPool
metadata: {name: overlap-pool}
spec: {cidr: 10.48.2.0/25, blockSize: 29}
---
apiVersion: peerlab.dev/v1alpha1
kind: Segment
metadata: {name: clash}
spec: {cidrs: [10.49.1.0/24]}
`

  it('marks both pools red, each naming the other, and not every block inside again', () => {
    const map = mapOf(overlapping)
    const external = find(map, 'pool', '10.48.2.0/24')
    const overlap = find(map, 'pool', '10.48.2.0/25')
    expect(external.overlaps.map((o) => `${o.label} ${o.cidr}`)).toEqual(['IPPool overlap-pool 10.48.2.0/25'])
    expect(overlap.overlaps.map((o) => `${o.label} ${o.cidr}`)).toEqual(['IPPool external-pool 10.48.2.0/24'])
    // Both stay in the pod network, side by side, and keep their own blocks.
    expect(find(map, 'pod-cidr', '10.48.0.0/16').children.map((c) => c.cidr)).toEqual(['10.48.0.0/24', '10.48.2.0/24', '10.48.2.0/25'])
    expect(external.children.map((c) => c.cidr)).toEqual(['10.48.2.216/29'])
    expect(allRanges(map).filter((n) => n.kind === 'block' && n.overlaps.length > 0)).toEqual([])
    // Drawn in rows of their own, so neither hides the other.
    const rows = sectionRows(find(map, 'pod-cidr', '10.48.0.0/16')).map((row) => row.map((e) => (e.type === 'range' ? e.node.cidr : `free ${e.cidr}`)))
    expect(rows.slice(0, 2)).toEqual([
      [
        '10.48.0.0/24',
        'free 10.48.1.0/24',
        '10.48.2.0/24',
        'free 10.48.3.0/24',
        'free 10.48.4.0/22',
        'free 10.48.8.0/21',
        'free 10.48.16.0/20',
        'free 10.48.32.0/19',
        'free 10.48.64.0/18',
        'free 10.48.128.0/17',
      ],
      ['10.48.2.0/25'],
    ])
  })

  it('marks a subnet inside the service CIDR, naming both', () => {
    const map = mapOf(overlapping)
    expect(find(map, 'subnet', '10.49.1.0/24').overlaps.map((o) => o.label)).toEqual(['Cluster calico-lab-2.2'])
    expect(find(map, 'service-cidr', '10.49.0.0/16').overlaps.map((o) => o.label)).toEqual(['Segment clash'])
  })

  it('marks two hosts on one address', () => {
    const text = readExample('calico-lab-2.2').replace('addresses: [10.0.1.10]', 'addresses: [10.0.1.31]')
    const hosts = allRanges(mapOf(text)).filter((n) => n.kind === 'host-address' && n.cidr === '10.0.1.31/32')
    expect(hosts.map((h) => [h.label, h.overlaps.map((o) => o.label)])).toEqual([
      ['bastion', ['worker2']],
      ['worker2', ['bastion']],
    ])
  })
})

describe('service ranges, reservations and IPv6 on the map', () => {
  const dual = readFileSync(resolve(import.meta.dirname, '../../fixtures/designs/dual-stack-v1alpha1.yaml'), 'utf8')

  it('maps a dual-stack design in both families, IPv6 inside the unique local range', () => {
    const map = mapOf(dual)
    expect(map.families).toEqual([4, 6])
    expect(mapSections(map, 6).map((s) => `${s.kind} ${s.cidr}`)).toEqual(['subnet fd00:1::/64', 'pod-cidr fd00:48::/56', 'service-cidr fd00:49::/108', 'private-space fc00::/7'])
    const pool = find(map, 'pool', 'fd00:48::/64')
    expect(pool.children.length).toBeGreaterThan(0)
    expect(pool.children.every((b) => b.kind === 'block' && b.prefix.length === 122 && b.colour !== undefined)).toBe(true)
    expect(find(map, 'pod-cidr', 'fd00:48::/56').free[0]).toEqual(prefix('fd00:48:0:1::/64'))
  })

  it('nests the advertised service ranges and reservations where they fall, without calling them overlaps', () => {
    const text = `${labAfterAllSteps()}---
apiVersion: projectcalico.org/v3
kind: BGPConfiguration
metadata: {name: default}
spec:
  serviceClusterIPs: [{cidr: 10.49.0.0/16}]
  serviceLoadBalancerIPs: [{cidr: 192.168.100.0/24}]
---
apiVersion: projectcalico.org/v3
kind: IPPool
metadata: {name: lb-pool}
spec: {cidr: 192.168.100.0/26, allowedUses: [LoadBalancer], ipipMode: Never, vxlanMode: Never}
---
apiVersion: projectcalico.org/v3
kind: IPReservation
metadata: {name: keep-out}
spec:
  reservedCIDRs: [10.48.2.0/28, 10.48.0.5]
`
    const map = mapOf(text)
    expect(outline(find(map, 'service-cidr', '10.49.0.0/16').children)).toEqual(['service-cluster-ips 10.49.0.0/16 BGPConfiguration serviceClusterIPs'])
    expect(outline(find(map, 'private-space', '192.168.0.0/16').children)).toEqual([
      'service-load-balancer-ips 192.168.100.0/24 BGPConfiguration serviceLoadBalancerIPs',
      '  pool 192.168.100.0/26 IPPool lb-pool',
    ])
    expect(find(map, 'pool', '10.48.2.0/24').children.map((c) => `${c.kind} ${c.cidr}`)).toEqual(['reservation 10.48.2.0/28', 'block 10.48.2.216/29'])
    expect(find(map, 'block', '10.48.0.0/26').children.map((c) => `${c.kind} ${c.cidr} ${c.label}`)).toEqual(['reservation 10.48.0.5/32 IPReservation keep-out'])
    expect(allRanges(map).filter((n) => n.overlaps.length > 0)).toEqual([])
  })

  it('adds the external pool to the lab as the lab does: pod network free space shrinks by a /24', () => {
    const before = find(mapOf(readExample('calico-lab-2.2')), 'pod-cidr', '10.48.0.0/16')
    const after = find(mapOf(`${readExample('calico-lab-2.2')}---\n${EXTERNAL_POOL}`), 'pod-cidr', '10.48.0.0/16')
    expect(before.size - before.allocated - (after.size - after.allocated)).toBe(256n)
  })
})

describe('how the map words use', () => {
  const map = mapOf(labAfterAllSteps())

  it('says what is used and what is left, with IPv6 sizes as powers of two', () => {
    expect(usageText(find(map, 'pool', '10.48.0.0/24'))).toBe('9 of 256 in use · 64 unallocated')
    expect(usageText(find(map, 'block', '10.48.2.216/29'))).toBe('1 of 8 in use')
    expect(usageText(find(map, 'service-cidr', '10.49.0.0/16'))).toBe('65,536 addresses')
    expect(usageText(find(map, 'host-address', '10.0.1.31/32'))).toBe('one address')
    expect(countText(1n << 64n)).toBe('2^64')
    expect(countText((1n << 64n) - 256n)).toBe('~2^63')
  })

  it('keeps the pods and borrowed count of each block through a structured clone, as the analysis worker sends the map', () => {
    const sent = structuredClone(mapOf(labAfterAllSteps()))
    const nginxBlock = allRanges(sent).find((n) => n.kind === 'block' && n.block?.pool === 'external-pool')
    expect(nginxBlock?.block?.allocations.length).toBeGreaterThan(0)
    expect(nginxBlock?.block?.borrowed).toBe(0)
  })
})
