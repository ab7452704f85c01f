import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { birdConfigs } from '../../../shared/export/birdConfig'
import { sessionRoutesOf } from '../../../shared/explain/sessionRoutes'
import { loadDesign } from '../../../shared/format/loadDesign'
import { computeNetwork } from '../../../shared/routing/network'
import { calicoctlNodeStatus } from '../../../shared/views/calicoctlNodeStatus'

const fixture = (name: string): string => readFileSync(resolve(import.meta.dirname, '../../fixtures/designs', `${name}-v1alpha1.yaml`), 'utf8')
const networkOf = (text: string): ReturnType<typeof computeNetwork> => computeNetwork(loadDesign(text).design)
const states = (network: ReturnType<typeof computeNetwork>, speaker: string): string[][] => network.sessions.filter((s) => s.speaker === speaker).map((s) => [s.protocol, s.state, s.info])

/**
 * What sessions need to come up, as BIRD 1.6 decides it; each design here also runs in real BIRD
 * in test/conformance (birdLab.ts DESIGNS), where the states, INFO texts and routes were checked.
 */
describe('a session needs a way to its peer', () => {
  it('shows a node with no route off its subnet as Active, Network is unreachable, and its mesh peers as Passive', () => {
    const network = networkOf(fixture('unreachable'))
    expect(states(network, 'node/iso')).toEqual([
      ['Mesh_10_0_1_20', 'start', 'Active Socket: Network is unreachable'],
      ['Mesh_10_0_1_21', 'start', 'Active Socket: Network is unreachable'],
      ['Global_10_0_1_1', 'start', 'Active Socket: Network is unreachable'],
    ])
    expect(states(network, 'node/w1')).toEqual([
      ['Mesh_10_0_9_10', 'start', 'Passive'],
      ['Mesh_10_0_1_21', 'up', 'Established'],
      ['Global_10_0_1_1', 'up', 'Established'],
    ])
    expect(network.sessions.find((s) => s.speaker === 'node/iso' && s.protocol === 'Global_10_0_1_1')?.reason).toBe('no route to 10.0.1.1 from iso')
    expect(network.sessions.find((s) => s.speaker === 'node/w1' && s.protocol === 'Mesh_10_0_9_10')?.reason).toBe(
      'w1 waits for iso to connect (passive), and iso cannot: no route to 10.0.1.20 from iso',
    )
  })

  it('prints the unreachable peer in calicoctl node status with its INFO wrapped at 30 columns', () => {
    const network = networkOf(fixture('unreachable'))
    const status = calicoctlNodeStatus(
      network.sessions.filter((s) => s.speaker === 'node/iso'),
      () => 'HH:MM:SS',
    )
    expect(status).toContain(
      '| 10.0.1.20    | node-to-node mesh | start | HH:MM:SS | Active Socket: Network is      |\n|              |                   |       |          | unreachable                    |',
    )
  })

  it('keeps an eBGP router without multihop Idle towards a neighbor off its subnets, and the node it turns away sees the connection reset', () => {
    const network = networkOf(fixture('multihop'))
    expect(states(network, 'router/spine')).toEqual([
      ['peer_10_0_10_11', 'start', 'Idle'],
      ['peer_10_0_10_12', 'up', 'Established'],
    ])
    expect(states(network, 'node/n1')).toEqual([['Global_10_0_0_2', 'start', 'Active Socket: Connection reset by peer']])
    expect(states(network, 'node/n2')).toEqual([['Global_10_0_0_2', 'up', 'Established']])
    // The node's connection leaves from its own address through gw; spine's from its core address.
    expect(network.sessions.filter((s) => s.state === 'up').map((s) => [s.speaker, s.localAddress])).toEqual([
      ['node/n2', '10.0.10.12'],
      ['router/spine', '10.0.0.2'],
    ])
  })

  it('says in the host panel why the session is down', () => {
    const design = loadDesign(fixture('multihop')).design
    const spine = sessionRoutesOf(design, computeNetwork(design), 'router/spine')
    expect(spine[0]?.reason).toBe('10.0.10.11 is not directly connected and the session has no multihop: BIRD waits for it to become a neighbor on a connected subnet (set multihop)')
    const n1 = sessionRoutesOf(design, computeNetwork(design), 'node/n1')
    expect(n1[0]?.reason).toBe('spine refuses the connection: its neighbor 10.0.10.11 is not directly connected and the session has no multihop, so that session waits in Idle')
  })

  it('writes multihop on the router neighbor that asks for it and direct on the others', () => {
    const design = loadDesign(fixture('multihop')).design
    const spine = birdConfigs(design, computeNetwork(design)).find((f) => f.host === 'router/spine')?.text ?? ''
    expect(spine).toContain('  neighbor 10.0.10.11 as 65101;\n  direct;\n  gateway direct;\n')
    expect(spine).toContain('  neighbor 10.0.10.12 as 65102;\n  multihop;\n  import filter peer_import;')
  })

  it('brings a mesh session across subnets up when both sides route through a gateway outside the design', () => {
    const joined = fixture('unreachable').replace('  cidrs: [10.0.9.0/24]\n', '  cidrs: [10.0.9.0/24]\n  gateways: [10.0.9.1]\n').replace('  gateways: [10.0.1.1]\n', '  gateways: [10.0.1.254]\n')
    const network = networkOf(joined)
    expect(states(network, 'node/iso').map(([p, state]) => [p, state])).toEqual([
      ['Mesh_10_0_1_20', 'up'],
      ['Mesh_10_0_1_21', 'up'],
      ['Global_10_0_1_1', 'start'],
    ])
  })
})

describe('sourceAddress: None (calico.md §5.4)', () => {
  const design = loadDesign(fixture('dual-homed')).design
  const network = computeNetwork(design)

  it('leaves each session from the address facing its peer, which the peer lists as its neighbor', () => {
    expect(network.sessions.filter((s) => s.speaker === 'node/n1').map((s) => [s.protocol, s.info, s.localAddress])).toEqual([
      ['Global_10_1_1_1', 'Established', '10.1.1.11'],
      ['Global_10_1_2_1', 'Established', '10.1.2.11'],
    ])
  })

  it('writes no source address line, and the multihop lines confd v3.30 puts on every explicit peer', () => {
    const n1 = birdConfigs(design, network).find((f) => f.host === 'node/n1')?.text ?? ''
    expect(n1).toContain('protocol bgp Global_10_1_2_1 from bgp_template {\n  ttl security off;\n  multihop;\n  neighbor 10.1.2.1 as 65002;\n}')
    expect(n1).not.toContain('source address')
  })

  it('advertises that address as the next hop, and the node merges the two ToRs’ paths into one ECMP route', () => {
    const block = network.ipam.blocks.find((b) => b.affinity === 'n1')?.cidr as string
    expect(network.bgp.tableOf('router/tor-b').get(block)?.best.nextHop).toBe('10.1.2.11')
    const other = network.ipam.blocks.find((b) => b.affinity === 'n2')?.cidr as string
    expect(network.routesOf('node/n1').find((r) => r.kind === 'bgp' && r.destination !== 'default' && r.choice?.best.cidr === other)?.nextHops).toEqual([
      { via: '10.1.1.12', dev: 'eth0' },
      { via: '10.1.2.12', dev: 'eth1' },
    ])
  })

  it('with the node IP as source, a ToR that cannot route back to it never answers the node, and takes the session up itself', () => {
    const nodeIp = networkOf(fixture('dual-homed-node-ip'))
    const session = nodeIp.sessions.find((s) => s.speaker === 'node/n1' && s.protocol === 'Global_10_1_2_1')
    // tor-b connects to 10.1.2.11 and n1 accepts it; BIRD still takes its configured source address for its own.
    expect([session?.info, session?.localAddress]).toEqual(['Established', '10.1.1.11'])
    // tor-b's BIRD (gateway direct) installs the next hop it cannot reach via the neighbor, and passes it on as it came.
    const block = nodeIp.ipam.blocks.find((b) => b.affinity === 'n1')?.cidr as string
    expect(nodeIp.routesOf('router/tor-b').find((r) => r.choice?.best.cidr === block)?.text).toBe(`${block} via 10.1.2.11 dev eth0 proto bird`)
    expect(nodeIp.routesOf('node/n2').find((r) => r.choice?.best.cidr === block)?.text).toBe(`${block} via 10.1.1.11 dev eth0 proto bird`)
  })
})

describe('keepOriginalNextHop (next hop keep)', () => {
  const blocks = (network: ReturnType<typeof computeNetwork>): [string, string][] =>
    network.ipam.blocks.map((b) => [b.affinity as string, network.bgp.tableOf('router/tor').get(b.cidr)?.best.nextHop as string])
  const owners: [string, string][] = [
    ['n3', '10.2.1.13'],
    ['n2', '10.2.1.12'],
    ['n1', '10.2.1.11'],
  ]

  it('has every node advertise mesh-learned blocks to the eBGP ToR with their owner as next hop', () => {
    const network = networkOf(fixture('keep-next-hop'))
    expect(blocks(network).sort()).toEqual([...owners].sort())
    const design = loadDesign(fixture('keep-next-hop')).design
    expect(birdConfigs(design, computeNetwork(design)).find((f) => f.host === 'node/n1')?.text).toContain(
      '  neighbor 10.2.1.1 as 65010;\n  source address 10.2.1.11;  # The local address we use for the TCP connection\n  next hop keep;\n}',
    )
  })

  it('without it, the ToR may send a block to a node that does not own it', () => {
    const network = networkOf(fixture('keep-next-hop').replace('  keepOriginalNextHop: true\n', ''))
    expect(blocks(network).some(([owner, hop]) => owners.find(([o]) => o === owner)?.[1] !== hop)).toBe(true)
  })

  it('writes nothing towards a peer of the same AS, as confd does', () => {
    const ibgp = fixture('keep-next-hop').replace('asNumber: 65010\n', 'asNumber: 64512\n').replace('  asNumber: 65010\n  keepOriginalNextHop', '  asNumber: 64512\n  keepOriginalNextHop')
    const design = loadDesign(ibgp).design
    expect(birdConfigs(design, computeNetwork(design)).find((f) => f.host === 'node/n1')?.text).not.toContain('next hop keep')
  })
})
