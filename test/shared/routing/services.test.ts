import { describe, expect, it } from 'vitest'
import { birdConfigs } from '../../../shared/export/birdConfig'
import { loadDesign } from '../../../shared/format/loadDesign'
import { ipRoute } from '../../../shared/routing/kernelRoutes'
import { computeNetwork } from '../../../shared/routing/network'
import { readExample } from '../../exampleText'
import { BGP_PEER } from '../../labSteps'

// calico.md §5.6: with serviceClusterIPs in the default BGPConfiguration every node originates the
// range as a blackhole that is exported but kept out of its own kernel.
const ADVERTISE = 'apiVersion: projectcalico.org/v3\nkind: BGPConfiguration\nmetadata: {name: default}\nspec:\n  serviceClusterIPs: [{cidr: 10.49.0.0/16}]\n'
const openBastion = readExample('calico-lab-2.2').replace(/ {2}importFilter:\n( {4}- .*\n)+/, '')

describe('service advertisement', () => {
  const network = computeNetwork(loadDesign([openBastion, BGP_PEER, ADVERTISE].join('---\n')).design)

  it('reaches an outside router from every node, best via the lowest router ID', () => {
    const choice = network.bgp.tableOf('router/bastion').get('10.49.0.0/16')
    expect(choice?.candidates.map((c) => c.route.nextHop)).toEqual(['10.0.1.20', '10.0.1.30', '10.0.1.31'])
    expect(ipRoute(network.routesOf('router/bastion'))).toContain('10.49.0.0/16 via 10.0.1.20 dev ens5 proto bird \n')
  })

  it('stays out of the nodes’ own routing tables', () => {
    expect(ipRoute(network.routesOf('node/ip-10-0-1-30.eu-west-1.compute.internal'))).not.toContain('10.49.0.0')
  })

  it('is in the node’s BIRD configuration: a static blackhole, exported, not programmed', () => {
    const config = birdConfigs(loadDesign([openBastion, BGP_PEER, ADVERTISE].join('---\n')).design, network).find((f) => f.host.includes('10-0-1-30'))?.text ?? ''
    expect(config).toContain('  route 10.49.0.0/16 blackhole;')
    expect(config).toContain('  if ( net = 10.49.0.0/16 ) then { accept; } # Advertised service range.')
    expect(config).toContain('  if ( net ~ 10.49.0.0/16 ) then { reject; }')
  })
})
