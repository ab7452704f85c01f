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
