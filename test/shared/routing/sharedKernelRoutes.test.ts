import { describe, expect, it } from 'vitest'
import { loadDesign } from '../../../shared/format/loadDesign'
import { hostsOf } from '../../../shared/model/query'
import { ipRoute, kernelRoutes, plainRoute } from '../../../shared/routing/kernelRoutes'
import { deriveNetwork } from '../../../shared/routing/network'

/** Racks of eight nodes under two route reflectors, the mesh off, on one pool; `cluster` and `bgp` add to the Cluster's spec and the BGPConfiguration's. */
function reflected(ipipMode: string, cluster: string, bgp: string): string {
  const docs = [`apiVersion: peerlab.dev/v1alpha1\nkind: Cluster\nmetadata: {name: lab}\nspec: {podCIDRs: [10.128.0.0/9], serviceCIDRs: [10.96.0.0/16]${cluster}}`]
  for (let r = 0; r < 3; r++) docs.push(`apiVersion: peerlab.dev/v1alpha1\nkind: Segment\nmetadata: {name: rack${r}}\nspec: {cidrs: [10.0.${r}.0/24], gateways: [10.0.${r}.1], interface: eth0}`)
  for (let n = 0; n < 24; n++) {
    const address = `10.0.${Math.floor(n / 8)}.${10 + (n % 8)}`
    docs.push(`apiVersion: v1\nkind: Node\nmetadata: {name: node-${n}, labels: ${n < 2 ? '{route-reflector: "true"}' : '{}'}}\nstatus: {addresses: [{type: InternalIP, address: ${address}}]}`)
    if (n < 2) docs.push(`apiVersion: projectcalico.org/v3\nkind: Node\nmetadata: {name: node-${n}}\nspec: {bgp: {ipv4Address: ${address}/24, routeReflectorClusterID: 244.0.0.1}}`)
  }
  docs.push(`apiVersion: projectcalico.org/v3\nkind: BGPConfiguration\nmetadata: {name: default}\nspec: {nodeToNodeMeshEnabled: false${bgp}}`)
  docs.push(`apiVersion: projectcalico.org/v3\nkind: BGPPeer\nmetadata: {name: rr}\nspec: {nodeSelector: all(), peerSelector: "route-reflector == 'true'"}`)
  docs.push(`apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata: {name: pods}\nspec: {cidr: 10.128.0.0/12, blockSize: 26, ipipMode: ${ipipMode}}`)
  return docs.join('\n---\n')
}

const VARIANTS: readonly (readonly [string, string, string, string])[] = [
  ['IPIP Always, BIRD programs the tunnel routes', 'Always', '', ''],
  ['IPIP Always on v3.33, Felix programs them', 'Always', ', calicoVersion: v3.33', ''],
  ['IPIP CrossSubnet, each node resolving its racks', 'CrossSubnet', '', ''],
  ['an advertised service range', 'Always', ', calicoVersion: v3.32', ', serviceClusterIPs: [{cidr: 10.96.0.0/16}]'],
]

describe('the kernel routes the clients of the same reflectors share', () => {
  for (const [title, ipipMode, cluster, bgp] of VARIANTS) {
    it(`make each node's table what working it out alone makes: ${title}`, () => {
      const design = loadDesign(reflected(ipipMode, cluster, bgp)).design
      const network = deriveNetwork(design)
      expect(network.bgp.sharedTables.length).toBeGreaterThan(0)
      for (const host of hostsOf(design)) {
        const alone = kernelRoutes(
          design,
          host,
          network.speakers.find((s) => s.id === host.id),
          network.ipam,
          network.bgp,
        )
        const routes = network.routesOf(host.id)
        expect(ipRoute(routes)).toBe(ipRoute(alone))
        expect(routes.map(plainRoute)).toEqual(alone.map(plainRoute))
      }
    })
  }
})
