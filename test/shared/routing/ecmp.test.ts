import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadDesign } from '../../../shared/format/loadDesign'
import { ipRoute } from '../../../shared/routing/kernelRoutes'
import { computeNetwork } from '../../../shared/routing/network'

const ECMP = readFileSync(resolve(import.meta.dirname, '../../fixtures/designs/ecmp-v1alpha1.yaml'), 'utf8')
const blockOf = (network: ReturnType<typeof computeNetwork>, node: string): string => network.ipam.blocks.find((b) => b.affinity === node)?.cidr ?? ''

// How Linux prints a multipath route, as `ip route` (iproute2 6.1) showed it in a network namespace
// for a route BIRD 1.6 installed with `merge paths on`: the header line, then one tab-indented
// nexthop line per path, every line ending in a space; BIRD hands the paths over ordered by
// gateway (nest/rt-attr.c mpnh_compare_node) and the kernel keeps that order. The conformance
// test compares the same design with real BIRD line for line.
describe('equal-cost multipath (BIRD merge paths)', () => {
  const network = computeNetwork(loadDesign(ECMP).design)

  it('installs the service range on an iBGP router through every node, as one multipath route', () => {
    expect(ipRoute(network.routesOf('router/bastion'))).toContain(
      '10.91.0.0/16 proto bird \n\tnexthop via 10.0.5.21 dev eth0 weight 1 \n\tnexthop via 10.0.5.22 dev eth0 weight 1 \n\tnexthop via 10.0.5.23 dev eth0 weight 1 \n',
    )
  })

  it('gives an eBGP router every block through every node: each re-advertises the mesh’s blocks as next hop', () => {
    const n1Block = blockOf(network, 'n1')
    expect(ipRoute(network.routesOf('router/edge'))).toContain(
      `${n1Block} proto bird \n\tnexthop via 10.0.5.21 dev eth0 weight 1 \n\tnexthop via 10.0.5.22 dev eth0 weight 1 \n\tnexthop via 10.0.5.23 dev eth0 weight 1 \n`,
    )
    // iBGP split horizon: bastion has each block only from its owner, so nothing to merge.
    expect(ipRoute(network.routesOf('router/bastion'))).toContain(`${n1Block} via 10.0.5.21 dev eth0 proto bird \n`)
  })

  it('keeps every merged path in the route’s provenance', () => {
    const route = network.routesOf('router/edge').find((r) => r.text.startsWith(blockOf(network, 'n2')))
    expect(route?.why).toBe(
      '3 equal BGP paths, merged into one route (merge paths on): via 10.0.5.21 learned by BGP from node/n1, originated by node/n2; via 10.0.5.22 learned by BGP from node/n2, originated by node/n2; via 10.0.5.23 learned by BGP from node/n3, originated by node/n2',
    )
    const choice = network.bgp.tableOf('router/edge').get(blockOf(network, 'n2'))
    expect(choice?.mergeable.map((r) => r.learnedFrom).sort()).toEqual(['node/n2', 'node/n3'])
    expect(choice?.candidates.map((c) => c.notMerged)).toEqual([undefined, undefined, undefined])
  })

  it('does not merge a path with a longer AS path, and says so (bgp_rte_mergable)', () => {
    // n3 in an AS of its own: edge hears n3's block from n3 as [65003] and from n1 and n2 as [64512 65003].
    const edgeNeighbor = ECMP.lastIndexOf('{address: 10.0.5.23, asNumber: 64512}')
    const ownAsDesign = `${ECMP.slice(0, edgeNeighbor)}{address: 10.0.5.23, asNumber: 65003}${ECMP.slice(edgeNeighbor + '{address: 10.0.5.23, asNumber: 64512}'.length)}`
    const ownAs = computeNetwork(loadDesign(`${ownAsDesign}---\napiVersion: projectcalico.org/v3\nkind: Node\nmetadata: {name: n3}\nspec:\n  bgp: {asNumber: 65003}\n`).design)
    const block = blockOf(ownAs, 'n3')
    const choice = ownAs.bgp.tableOf('router/edge').get(block)
    expect(choice?.candidates.map((c) => [c.route.learnedFrom, c.lostOn, c.notMerged])).toEqual([
      ['node/n3', undefined, undefined],
      ['node/n1', 'shorter AS path', 'its AS path has a different length'],
      ['node/n2', 'shorter AS path', 'its AS path has a different length'],
    ])
    expect(ipRoute(ownAs.routesOf('router/edge'))).toContain(`${block} via 10.0.5.23 dev eth0 proto bird \n`)
  })

  it('installs one path on a router that does not merge paths, and says why the others are left out', () => {
    const single = computeNetwork(loadDesign(ECMP.replaceAll('  mergePaths: true\n', '')).design)
    expect(ipRoute(single.routesOf('router/bastion'))).toContain('10.91.0.0/16 via 10.0.5.21 dev eth0 proto bird \n')
    expect(
      single.bgp
        .tableOf('router/bastion')
        .get('10.91.0.0/16')
        ?.candidates.map((c) => c.notMerged),
    ).toEqual([undefined, 'bastion does not merge paths (merge paths off)', 'bastion does not merge paths (merge paths off)'])
  })

  it('merges at most 16 paths, the lowest gateways first (KRT_DEFAULT_ECMP_LIMIT)', () => {
    const nodes = Array.from({ length: 18 }, (_, i) => `---\napiVersion: v1\nkind: Node\nmetadata: {name: m${i}}\nstatus:\n  addresses: [{type: InternalIP, address: 10.0.5.${40 + i}}]\n`)
    const neighbors = Array.from({ length: 18 }, (_, i) => `    - {address: 10.0.5.${40 + i}, asNumber: 64512}\n`).join('')
    const wide = computeNetwork(loadDesign(ECMP.replace('    - {address: 10.0.5.21, asNumber: 64512}\n', `${neighbors}    - {address: 10.0.5.21, asNumber: 64512}\n`) + nodes.join('')).design)
    const lines =
      ipRoute(wide.routesOf('router/bastion'))
        .split('10.91.0.0/16 proto bird \n')[1]
        ?.split('\n')
        .filter((l) => l.startsWith('\t')) ?? []
    const lowest = [21, 22, 23, ...Array.from({ length: 13 }, (_, i) => 40 + i)]
    expect(lines).toEqual(lowest.map((host) => `\tnexthop via 10.0.5.${host} dev eth0 weight 1 `))
  })
})
