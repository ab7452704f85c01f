import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { explainRoute } from '../../../shared/explain/routeProvenance'
import { loadDesign } from '../../../shared/format/loadDesign'
import { ipRoute } from '../../../shared/routing/kernelRoutes'
import { computeNetwork, type NetworkState } from '../../../shared/routing/network'

/**
 * Felix's VXLAN routes (felix/dataplane/linux/vxlan_mgr.go `noEncapRoute`/`tunneledRoute`,
 * felix/calc/l3_route_resolver.go `nodeInOurSubnet`, felix/routetable/defs.go `Flags` @ v3.30.0):
 * CrossSubnet routes to a node of this node's subnet go unencapsulated via its address with
 * protocol 80 (VXLANDefaultProto) and onlink; the others via the node's VTEP on vxlan.calico or
 * vxlan-v6.calico, onlink, with the route table's protocol `boot`, which `ip route` does not print.
 * IPv6 routes carry the kernel's metric 1024 and `pref medium` (calico.md §6.2).
 */
const FIXTURE = readFileSync(resolve(import.meta.dirname, '../../fixtures/designs/vxlan-cross-subnet-v1alpha1.yaml'), 'utf8')

function networkOf(text: string): { network: NetworkState; design: ReturnType<typeof loadDesign>['design'] } {
  const { design, diagnostics } = loadDesign(text)
  expect(diagnostics).toEqual([])
  return { network: computeNetwork(design), design }
}

const clusterLines = (table: string): string[] => table.split('\n').filter((l) => /^(blackhole )?(10\.70|fd00:70)/.test(l) && !l.includes(' cali'))

describe('VXLAN CrossSubnet', () => {
  const { network } = networkOf(FIXTURE)

  it('routes to a node of the same subnet unencapsulated, via its address on eth0 (proto 80 onlink), and to the others over vxlan.calico', () => {
    expect(clusterLines(ipRoute(network.routesOf('node/node-a')))).toEqual([
      '10.70.0.64/26 via 10.0.1.12 dev eth0 proto 80 onlink ',
      'blackhole 10.70.0.128/26 proto 80 ',
      '10.70.0.192/26 via 10.70.0.192 dev vxlan.calico onlink ',
    ])
    expect(clusterLines(ipRoute(network.routesOf('node/node-c')))).toEqual([
      '10.70.0.64/26 via 10.70.0.64 dev vxlan.calico onlink ',
      '10.70.0.128/26 via 10.70.0.128 dev vxlan.calico onlink ',
      'blackhole 10.70.0.192/26 proto 80 ',
    ])
  })

  it('does the same per family in IPv6: IPv6 next hops, the IPv6 VTEP on vxlan-v6.calico', () => {
    expect(clusterLines(ipRoute(network.routesOf('node/node-a'), 6))).toEqual([
      'fd00:70::40/122 via fd00:0:1::12 dev eth0 proto 80 metric 1024 onlink pref medium ',
      'blackhole fd00:70::80/122 dev lo proto 80 metric 1024 pref medium ',
      'fd00:70::c0/122 via fd00:70::c0 dev vxlan-v6.calico metric 1024 onlink pref medium ',
    ])
    expect(clusterLines(ipRoute(network.routesOf('node/node-c'), 6))).toEqual([
      'fd00:70::40/122 via fd00:70::40 dev vxlan-v6.calico metric 1024 onlink pref medium ',
      'fd00:70::80/122 via fd00:70::80 dev vxlan-v6.calico metric 1024 onlink pref medium ',
      'blackhole fd00:70::c0/122 dev lo proto 80 metric 1024 pref medium ',
    ])
  })

  it('takes the node’s subnet from Node.spec.bgp.ipv4Address when it has a length', () => {
    // node-a's configured /16 holds node-c's 10.0.2.13: Felix now sees node-c in its subnet.
    const wider = `${FIXTURE}---\napiVersion: projectcalico.org/v3\nkind: Node\nmetadata:\n  name: node-a\nspec:\n  bgp:\n    ipv4Address: 10.0.1.11/16\n`
    expect(clusterLines(ipRoute(networkOf(wider).network.routesOf('node/node-a')))).toContain('10.70.0.192/26 via 10.0.2.13 dev eth0 proto 80 onlink ')
  })

  it('says Felix programmed them, not BIRD', () => {
    const { network: net, design } = networkOf(FIXTURE)
    const routes = net.routesOf('node/node-a')
    const sameSubnet = routes.find((r) => r.text.startsWith('10.70.0.64/26'))
    const tunnelled = routes.find((r) => r.text.startsWith('fd00:70::c0/122'))
    expect(sameSubnet && explainRoute(design, net, 'node/node-a', sameSubnet).steps.at(-1)?.text).toBe(
      "programmed by Felix without encapsulation (pool pods-v4 has vxlanMode CrossSubnet and the block's node is in this node's subnet): via 10.0.1.12 dev eth0 onlink (proto 80)",
    )
    expect(tunnelled && explainRoute(design, net, 'node/node-a', tunnelled).steps.at(-1)?.text).toBe(
      "programmed by Felix over VXLAN (pool pods-v6 has vxlanMode CrossSubnet; BIRD's kernel filter leaves VXLAN routes to Felix): via fd00:70::c0 dev vxlan-v6.calico onlink",
    )
  })
})

describe('VXLAN Always', () => {
  it('tunnels to every node, same subnet or not, in both families', () => {
    const { network } = networkOf(FIXTURE.replaceAll('vxlanMode: CrossSubnet', 'vxlanMode: Always'))
    expect(clusterLines(ipRoute(network.routesOf('node/node-a')))).toEqual([
      '10.70.0.64/26 via 10.70.0.64 dev vxlan.calico onlink ',
      'blackhole 10.70.0.128/26 proto 80 ',
      '10.70.0.192/26 via 10.70.0.192 dev vxlan.calico onlink ',
    ])
    expect(clusterLines(ipRoute(network.routesOf('node/node-a'), 6))).toEqual([
      'fd00:70::40/122 via fd00:70::40 dev vxlan-v6.calico metric 1024 onlink pref medium ',
      'blackhole fd00:70::80/122 dev lo proto 80 metric 1024 pref medium ',
      'fd00:70::c0/122 via fd00:70::c0 dev vxlan-v6.calico metric 1024 onlink pref medium ',
    ])
  })
})
