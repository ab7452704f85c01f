// The synthetic BGP designs the benches time: racks of nodes under a full mesh or two reflectors.
import { loadDesign } from '../shared/format/loadDesign'
import type { Design } from '../shared/model/design'

function ipv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.')
}

/** The design's text: `nodes` Calico nodes in racks of 40 (a /24 each), IPIP so every node claims a block at start-up; a full mesh, or two route reflectors with the mesh off. */
export function syntheticText(nodes: number, reflectors: boolean): string {
  const docs: string[] = [`apiVersion: peerlab.dev/v1alpha1\nkind: Cluster\nmetadata: {name: bench}\nspec: {podCIDRs: [10.128.0.0/9], serviceCIDRs: [10.96.0.0/16]}`]
  const racks = Math.ceil(nodes / 40)
  for (let r = 0; r < racks; r++)
    docs.push(
      `apiVersion: peerlab.dev/v1alpha1\nkind: Segment\nmetadata: {name: rack${r}}\nspec: {cidrs: [${ipv4((10 << 24) + (r << 8))}/24], gateways: [${ipv4((10 << 24) + (r << 8) + 1)}], interface: eth0}`,
    )
  for (let n = 0; n < nodes; n++) {
    const address = ipv4((10 << 24) + (Math.floor(n / 40) << 8) + 10 + (n % 40))
    const labels = reflectors && n < 2 ? '{route-reflector: "true"}' : '{}'
    docs.push(`apiVersion: v1\nkind: Node\nmetadata: {name: node-${n}, labels: ${labels}}\nstatus: {addresses: [{type: InternalIP, address: ${address}}]}`)
    if (reflectors && n < 2) docs.push(`apiVersion: projectcalico.org/v3\nkind: Node\nmetadata: {name: node-${n}}\nspec: {bgp: {ipv4Address: ${address}/24, routeReflectorClusterID: 244.0.0.1}}`)
  }
  if (reflectors) {
    docs.push('apiVersion: projectcalico.org/v3\nkind: BGPConfiguration\nmetadata: {name: default}\nspec: {nodeToNodeMeshEnabled: false}')
    docs.push(`apiVersion: projectcalico.org/v3\nkind: BGPPeer\nmetadata: {name: rr}\nspec: {nodeSelector: all(), peerSelector: "route-reflector == 'true'"}`)
  }
  docs.push('apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata: {name: pods}\nspec: {cidr: 10.128.0.0/12, blockSize: 26, ipipMode: Always}')
  return docs.join('\n---\n')
}

export function synthetic(nodes: number, reflectors: boolean): Design {
  return loadDesign(syntheticText(nodes, reflectors)).design
}
