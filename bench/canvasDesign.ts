/**
 * A data-centre design of `hosts` hosts for the canvas bench: racks of 40 nodes, each rack a /24
 * segment with a ToR router; the node-to-node mesh is off (as Calico advises past ~100 nodes) and
 * three route reflectors serve every node, so the canvas draws 3 sessions per node, not N².
 */
export function canvasDesignText(hosts: number): string {
  const RACK = 40
  const docs: string[] = [
    `apiVersion: peerlab.dev/v1alpha1
kind: Cluster
metadata: {name: bench-${hosts}}
spec: {podCIDRs: [10.64.0.0/10], serviceCIDRs: [10.32.0.0/16]}`,
    `apiVersion: projectcalico.org/v3
kind: BGPConfiguration
metadata: {name: default}
spec: {asNumber: 64512, nodeToNodeMeshEnabled: false}`,
    `apiVersion: projectcalico.org/v3
kind: IPPool
metadata: {name: pods}
spec: {cidr: 10.64.0.0/10, blockSize: 26, ipipMode: Never, vxlanMode: Never, natOutgoing: true}`,
    `apiVersion: projectcalico.org/v3
kind: BGPPeer
metadata: {name: to-reflectors}
spec: {nodeSelector: all(), peerSelector: route-reflector == 'true'}`,
  ]
  const racks = Math.ceil(hosts / RACK)
  for (let r = 0; r < racks; r++) {
    const net = `10.${Math.floor(r / 256)}.${r % 256}`
    docs.push(`apiVersion: peerlab.dev/v1alpha1
kind: Segment
metadata: {name: rack-${r}}
spec: {cidrs: [${net}.0/24], gateways: [${net}.1], rack: rack-${r}}`)
  }
  for (let i = 0; i < hosts; i++) {
    const r = Math.floor(i / RACK)
    const address = `10.${Math.floor(r / 256)}.${r % 256}.${10 + (i % RACK)}`
    const reflector = i < 3
    docs.push(`apiVersion: v1
kind: Node
metadata:
  name: node-${i}
  labels: {kubernetes.io/hostname: node-${i}${reflector ? ", route-reflector: 'true'" : ''}}
status: {addresses: [{type: InternalIP, address: ${address}}]}`)
    if (reflector) {
      docs.push(`apiVersion: projectcalico.org/v3
kind: Node
metadata: {name: node-${i}}
spec: {bgp: {ipv4Address: ${address}/24, routeReflectorClusterID: 224.0.0.1}}`)
    }
  }
  return `${docs.join('\n---\n')}\n`
}
