import { describe, expect, it } from 'vitest'
import { loadDesign } from '../../../shared/format/loadDesign'
import { computeNetwork } from '../../../shared/routing/network'
import { readExample } from '../../exampleText'
import { BGP_PEER, labAfterAllSteps } from '../../labSteps'

const MESH_OFF = `apiVersion: projectcalico.org/v3
kind: BGPConfiguration
metadata: {name: default}
spec: {nodeToNodeMeshEnabled: false}
`
const REFLECTOR = `apiVersion: projectcalico.org/v3
kind: Node
metadata: {name: ip-10-0-1-30.eu-west-1.compute.internal}
spec: {bgp: {ipv4Address: 10.0.1.30/24, routeReflectorClusterID: 244.0.0.1}}
`
const warningsOf = (text: string): string[] =>
  computeNetwork(loadDesign(text).design)
    .diagnostics.filter((d) => ['bgp.node-isolated', 'bgp.reflector-without-clients', 'bgp.router-without-sessions'].includes(d.code))
    .map((d) => `${d.code}: ${d.message}`)

describe('a design whose BGP cannot carry its routes', () => {
  it('says nothing of the lab, before or after its steps', () => {
    expect(warningsOf(readExample('calico-lab-2.2'))).toEqual([])
    expect(warningsOf(labAfterAllSteps())).toEqual([])
  })

  it('names each node the mesh no longer reaches once it is turned off, and not those a BGPPeer still does', () => {
    expect(warningsOf([readExample('calico-lab-2.2'), MESH_OFF].join('---\n'))).toEqual([
      'bgp.node-isolated: control1 has no BGP session: the node-to-node mesh is off and no BGPPeer selects it, so no other node learns the routes to its pods, and it learns none',
      'bgp.node-isolated: worker1 has no BGP session: the node-to-node mesh is off and no BGPPeer selects it, so no other node learns the routes to its pods, and it learns none',
      'bgp.node-isolated: worker2 has no BGP session: the node-to-node mesh is off and no BGPPeer selects it, so no other node learns the routes to its pods, and it learns none',
    ])
    // The lab's global BGPPeer gives every node a session to bastion.
    expect(warningsOf([readExample('calico-lab-2.2'), MESH_OFF, BGP_PEER].join('---\n'))).toEqual([])
  })

  it('names a route reflector without clients, and a router without neighbors', () => {
    const noNeighbors = readExample('calico-lab-2.2').replace(/ {2}neighbors:\n( {4}- .*\n)+/, '')
    expect(warningsOf([noNeighbors, REFLECTOR].join('---\n'))).toEqual([
      'bgp.router-without-sessions: router bastion has no BGP neighbor: it learns no routes from the cluster and advertises none',
      'bgp.node-isolated: worker1 has no BGP session: a route reflector takes no part in the node-to-node mesh, and no BGPPeer selects it, so no other node learns the routes to its pods, and it learns none',
      'bgp.reflector-without-clients: worker1 is a route reflector (cluster ID 244.0.0.1) but no BGPPeer makes a node its client: it reflects nothing',
    ])
  })
})
