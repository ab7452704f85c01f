import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadDesign } from '../../../shared/format/loadDesign'
import { computeNetwork } from '../../../shared/routing/network'

const RR_DESIGN = readFileSync(resolve(import.meta.dirname, '../../fixtures/designs/route-reflector-v1alpha1.yaml'), 'utf8')

/** A second reflector in the same cluster as rr1. */
const withSecondReflector = RR_DESIGN.replace(
  'apiVersion: v1\nkind: Node\nmetadata:\n  name: n3',
  `apiVersion: v1\nkind: Node\nmetadata:\n  name: rr2\n  labels: {route-reflector: 'true'}\nstatus:\n  addresses: [{type: InternalIP, address: 10.0.2.9}]\n---\napiVersion: projectcalico.org/v3\nkind: Node\nmetadata:\n  name: rr2\nspec:\n  bgp:\n    ipv4Address: 10.0.2.9/24\n    routeReflectorClusterID: 244.0.0.1\n---\napiVersion: v1\nkind: Node\nmetadata:\n  name: n3`,
)

describe('route reflection (RFC 4456)', () => {
  const network = computeNetwork(loadDesign(withSecondReflector).design)
  const n1 = 'node/n1'
  const blockOf = (node: string): string => network.ipam.blocks.find((b) => b.affinity === node)?.cidr ?? ''

  it('gives a client each other client’s block from both reflectors, with the originator as next hop', () => {
    const choice = network.bgp.tableOf(n1).get(blockOf('n2'))
    expect(choice?.candidates.map((c) => [c.route.learnedFrom, c.route.nextHop, c.route.clusterList])).toEqual([
      ['node/rr2', '10.0.2.12', ['244.0.0.1']],
      ['node/rr1', '10.0.2.12', ['244.0.0.1']],
    ])
    expect(choice?.candidates[1]?.lostOn).toBe('lower router ID')
  })

  it('has a reflector drop what another reflector of its cluster reflected, and says why', () => {
    const atRr2 = network.bgp.tableOf('node/rr2').get(blockOf('n1'))
    expect(atRr2?.candidates.map((c) => c.route.learnedFrom)).toEqual([n1])
    expect(network.bgp.whyNot('node/rr2', blockOf('n1')).find((r) => r.from === 'node/rr1')?.reason).toBe('rr2 drops it: its cluster ID 244.0.0.1 is in the cluster list (reflection loop)')
  })

  it('gives each client its own block, never the copies the reflectors would send back', () => {
    for (const client of ['n1', 'n2']) {
      const own = network.bgp.tableOf(`node/${client}`).get(blockOf(client))
      expect(own?.candidates.map((c) => [c.route.learnedFrom, c.route.originator])).toEqual([[undefined, `node/${client}`]])
    }
  })

  it('holds what the reflectors send all their clients once, shared by every client’s table', () => {
    const third = blockOf('n3')
    expect(network.bgp.tableOf('node/n1').get(third)).toBe(network.bgp.tableOf('node/n2').get(third))
    expect(network.bgp.tableOf('node/n1').get(blockOf('n1'))).not.toBe(network.bgp.tableOf('node/n2').get(blockOf('n1')))
  })
})

/**
 * A second reflector, rr0, in another rack, 10.0.1.0/24, with a client of its own, n4: each rack
 * reaches the other only through its gateway. n1 and n4 advertise no service range (the exclusion
 * label), so they learn 10.61.0.0/16 from both reflectors, each originating it with itself as
 * next hop.
 */
const withFarReflector = RR_DESIGN.replace('  nodeToNodeMeshEnabled: false\n', '  nodeToNodeMeshEnabled: false\n  serviceClusterIPs: [{cidr: 10.61.0.0/16}]\n')
  .replace('  name: n1\nstatus:', "  name: n1\n  labels: {node.kubernetes.io/exclude-from-external-load-balancers: ''}\nstatus:")
  .concat(
    '---\napiVersion: peerlab.dev/v1alpha1\nkind: Segment\nmetadata: {name: rack-b}\nspec: {cidrs: [10.0.1.0/24], gateways: [10.0.1.1], interface: eth0}\n',
    "---\napiVersion: v1\nkind: Node\nmetadata:\n  name: rr0\n  labels: {route-reflector: 'true'}\nstatus:\n  addresses: [{type: InternalIP, address: 10.0.1.9}]\n",
    '---\napiVersion: projectcalico.org/v3\nkind: Node\nmetadata: {name: rr0}\nspec:\n  bgp: {ipv4Address: 10.0.1.9/24, routeReflectorClusterID: 244.0.0.2}\n',
    "---\napiVersion: v1\nkind: Node\nmetadata:\n  name: n4\n  labels: {node.kubernetes.io/exclude-from-external-load-balancers: ''}\nstatus:\n  addresses: [{type: InternalIP, address: 10.0.1.14}]\n",
  )

describe('best path: the IGP metric of the next hop (bgp_rte_better, RFC 4271 9.1.2.2 e)', () => {
  const network = computeNetwork(loadDesign(withFarReflector).design)

  it('prefers the next hop on a connected subnet to the one behind the gateway, before the router ID', () => {
    // rr0 has the lower router ID, but a Calico node resolves 10.0.1.9 only through its default
    // route, whose IGP metric BIRD does not know (IGP_METRIC_UNKNOWN), against 0 for 10.0.2.10.
    const choice = network.bgp.tableOf('node/n1').get('10.61.0.0/16')
    expect(choice?.candidates.map((c) => [c.route.learnedFrom, c.route.nextHop, c.lostOn])).toEqual([
      ['node/rr1', '10.0.2.10', undefined],
      ['node/rr0', '10.0.1.9', 'lower IGP metric (next hop on a connected subnet)'],
    ])
  })

  it('ranks by each client’s own rack, though the clients of the reflectors share one table', () => {
    const choice = network.bgp.tableOf('node/n4').get('10.61.0.0/16')
    expect(choice?.candidates.map((c) => [c.route.learnedFrom, c.lostOn])).toEqual([
      ['node/rr0', undefined],
      ['node/rr1', 'lower IGP metric (next hop on a connected subnet)'],
    ])
  })

  it('leaves a node that originates the range with its own route', () => {
    expect(network.bgp.tableOf('node/n2').get('10.61.0.0/16')?.best.learnedFrom).toBeUndefined()
  })
})
