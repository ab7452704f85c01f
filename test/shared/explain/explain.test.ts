import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { hostAddressesOf } from '../../../shared/explain/hostAddresses'
import { nodeBadges } from '../../../shared/explain/nodeBadges'
import { explainAbsence } from '../../../shared/explain/routeAbsence'
import { explainRoute } from '../../../shared/explain/routeProvenance'
import { sessionRoutesOf } from '../../../shared/explain/sessionRoutes'
import { loadDesign } from '../../../shared/format/loadDesign'
import type { EntityId } from '../../../shared/model/design'
import { computeNetwork } from '../../../shared/routing/network'
import { readExample } from '../../exampleText'
import { BGP_PEER, EXTERNAL_NAMESPACE, EXTERNAL_POOL, labAfterAllSteps, NGINX } from '../../labSteps'

const CONTROL1 = 'node/ip-10-0-1-20.eu-west-1.compute.internal'
const WORKER1 = 'node/ip-10-0-1-30.eu-west-1.compute.internal'
const WORKER2 = 'node/ip-10-0-1-31.eu-west-1.compute.internal'

function analysed(text: string) {
  const design = loadDesign(text).design
  return { design, network: computeNetwork(design) }
}

const fixture = (name: string): string => readFileSync(resolve(import.meta.dirname, '../../fixtures/designs', `${name}-v1alpha1.yaml`), 'utf8')

function provenanceOf(text: string, host: EntityId, prefix: string) {
  const { design, network } = analysed(text)
  const route = network.routesOf(host).find((r) => r.text.startsWith(`${prefix} `))
  if (!route) throw new Error(`${host} has no route to ${prefix}`)
  return explainRoute(design, network, host, route)
}

describe('why a route is there', () => {
  it('tells how worker2’s nginx block reached bastion, and lights its path', () => {
    const why = provenanceOf(labAfterAllSteps(), 'router/bastion', '10.48.2.216/29')
    expect(why.summary).toBe(
      "block 10.48.2.216/29 of pool external-pool, affine to worker2 → advertised by worker2 over the global BGPPeer bgppeer-global-64512 (iBGP, AS 64512), next hop 10.0.1.31 → accepted by bastion's import filter peer_import (rule 1: accept 10.48.2.0/24+) → installed by BIRD (proto bird) via 10.0.1.31 dev ens5",
    )
    expect(why.path).toEqual({ hosts: [WORKER2, 'router/bastion'], sessions: [[WORKER2, 'router/bastion']] })
    expect(why.losers).toEqual([])
  })

  it('names the reflector and its cluster on a route-reflector design', () => {
    const why = provenanceOf(fixture('route-reflector'), 'node/n1', '10.60.0.0/26')
    expect(why.steps.map((s) => s.text)).toEqual([
      'block 10.60.0.0/26 of pool pods, affine to n3',
      'advertised by n3 over the BGPPeer peer-with-route-reflectors (node-specific) (iBGP, AS 64512)',
      'reflected by rr1 (route reflector, cluster ID 244.0.0.1) over the BGPPeer peer-with-route-reflectors (node-specific) (iBGP, AS 64512, route-reflector client), next hop 10.0.2.13',
      'installed by BIRD (proto bird) via 10.0.2.13 dev eth0',
    ])
    expect(why.path.hosts).toEqual(['node/n3', 'node/rr1', 'node/n1'])
  })

  it('follows an eBGP route through two ToRs, AS by AS', () => {
    const why = provenanceOf(fixture('ebgp-tor'), 'node/r1n1', '10.70.0.64/26')
    expect(why.steps.map((s) => s.text)).toEqual([
      'block 10.70.0.64/26 of pool pods, affine to r2n1',
      'advertised by r2n1 over the BGPPeer rack2-tor (node-specific) (eBGP, AS 65201 → 65002)',
      "advertised by tor2 over tor2's neighbor 10.0.0.1 (eBGP, AS 65002 → 65001)",
      "advertised by tor1 over tor1's neighbor 10.0.10.11 (eBGP, AS 65001 → 65101), next hop 10.0.10.1",
      'installed by BIRD (proto bird) via 10.0.10.1 dev eth0',
    ])
    expect(why.path.sessions).toEqual([
      ['node/r2n1', 'router/tor2'],
      ['router/tor2', 'router/tor1'],
      ['router/tor1', 'node/r1n1'],
    ])
  })

  it('lists the path that lost, and the best-path step it lost on', () => {
    const why = provenanceOf(fixture('bgp-filter'), 'router/edge', '10.80.2.96/28')
    expect(why.steps.map((s) => s.text)).toContain('chosen as best of 2 paths at edge')
    expect(why.losers).toEqual([{ text: 'via 10.0.3.12 from b, AS path 64512', lostOn: 'lower router ID', notMerged: 'edge does not merge paths (merge paths off)', from: 'node/b' }])
  })

  it('explains the routes a host makes itself: links, DHCP, blackholes and pods', () => {
    const { design, network } = analysed(labAfterAllSteps())
    const texts = network.routesOf(WORKER2).map((r) => explainRoute(design, network, WORKER2, r).summary)
    expect(texts).toContain('the DHCP lease of ens5 on segment lab-subnet names 10.0.1.1 as the router: default route, metric 100 (proto dhcp)')
    expect(texts).toContain("connected: worker2 has 10.0.1.31 on ens5 on segment lab-subnet (10.0.1.0/24); the kernel adds the subnet's route (proto kernel scope link)")
    expect(texts).toContain('block 10.48.2.216/29 of pool external-pool, affine to worker2 → worker2 owns the block: BIRD installs a blackhole (proto bird) so that addresses no pod holds are dropped')
    expect(texts.find((t) => t.startsWith('pod external-ns/nginx-'))).toMatch(
      /^pod external-ns\/nginx-\S+ runs on worker2 with 10\.48\.2\.216 from block 10\.48\.2\.216\/29 of pool external-pool → Felix routes 10\.48\.2\.216 to the pod's veth cali[0-9a-f]{11} \(scope link\)$/,
    )
    expect(explainRoute(design, network, CONTROL1, network.routesOf(CONTROL1).find((r) => r.text.startsWith('10.48.0.0/26')) as never).steps.at(-1)?.text).toBe(
      'installed by BIRD over IPIP (pool default-ipv4-ippool has ipipMode Always): via 10.0.1.31 dev tunl0 onlink (proto bird)',
    )
  })
})

describe('why a route is not there', () => {
  it('names bastion’s import filter as where the default pool stops', () => {
    const { design, network } = analysed(labAfterAllSteps())
    const answer = explainAbsence(design, network, 'router/bastion', '10.48.0.5')
    expect(answer.queryKind).toBe('address')
    expect(answer.summary).toBe("bastion has no route to 10.48.0.0/26: from worker2: bastion's import filter peer_import refuses it (rule 2: reject)")
    expect(answer.routeGet).toBe('10.48.0.5 via 10.0.1.1 dev ens5 src 10.0.1.10 uid 0 \n    cache \n')
    expect(answer.missing).toHaveLength(1)
    expect(answer.missing[0]?.origin).toBe('block 10.48.0.0/26 of pool default-ipv4-ippool, affine to worker2')
    expect(answer.missing[0]?.stops.map((s) => [s.kind, s.text, s.hosts, s.sessions])).toEqual([
      ['import-filter', "from worker2: bastion's import filter peer_import refuses it (rule 2: reject)", ['router/bastion'], [[WORKER2, 'router/bastion']]],
      ['split-horizon', 'from control1: control1 does not send it: not reflected: iBGP split horizon', [CONTROL1], [[CONTROL1, 'router/bastion']]],
      ['split-horizon', 'from worker1: worker1 does not send it: not reflected: iBGP split horizon', [WORKER1], [[WORKER1, 'router/bastion']]],
    ])
  })

  it('answers for a whole prefix with every block inside it', () => {
    const { design, network } = analysed(labAfterAllSteps())
    const answer = explainAbsence(design, network, 'router/bastion', '10.48.0.0/24')
    expect(answer.missing.map((m) => m.cidr)).toEqual(['10.48.0.0/26', '10.48.0.128/26', '10.48.0.192/26'])
    expect(answer.missing.every((m) => m.stops[0]?.kind === 'import-filter')).toBe(true)
    expect(answer.summary).toBe("bastion has no route to 3 prefixes in 10.48.0.0/24: from worker2: bastion's import filter peer_import refuses it (rule 2: reject)")
  })

  it('says when a session is down, and why', () => {
    const { design, network } = analysed(readExample('calico-lab-2.2'))
    const stops = explainAbsence(design, network, 'router/bastion', '10.48.0.0/26').missing[0]?.stops ?? []
    expect(stops.map((s) => s.kind)).toEqual(['session-down', 'session-down', 'session-down'])
    expect(stops[0]?.text).toBe('from control1: session peer_10_0_1_20 is not Established (Active Socket: Connection closed): control1 has no BGP neighbor 10.0.1.10: it closes the connection')
  })

  it('names a pool with disableBGPExport', () => {
    const { design, network } = analysed([readExample('calico-lab-2.2'), `${EXTERNAL_POOL}  disableBGPExport: true\n`, BGP_PEER, EXTERNAL_NAMESPACE, NGINX].join('---\n'))
    const answer = explainAbsence(design, network, 'router/bastion', '10.48.2.216')
    expect(answer.summary).toBe('bastion has no route to 10.48.2.216/29: from worker2: worker2 does not send it: pool external-pool has disableBGPExport')
    expect(answer.missing[0]?.stops.slice(1).map((s) => s.text)).toEqual([
      'from control1: control1 has no route to it itself; from worker2: worker2 does not send it: pool external-pool has disableBGPExport',
      'from worker1: worker1 has no route to it itself; from worker2: worker2 does not send it: pool external-pool has disableBGPExport',
    ])
  })

  it('names the BGPFilter that keeps a pool from a router', () => {
    const { design, network } = analysed(fixture('bgp-filter'))
    const answer = explainAbsence(design, network, 'router/edge', '10.80.0.0/24')
    expect(answer.missing.map((m) => m.stops[0]?.text)).toEqual([
      'from a: a does not send it: rejected by BGPFilter only-public on the peering',
      'from a: a does not send it: rejected by BGPFilter only-public on the peering',
    ])
    expect(answer.missing[0]?.stops[0]?.kind).toBe('bgp-filter-export')
  })

  it('says why nothing exists to route: no pool, or a pool without blocks', () => {
    const base = analysed([readExample('calico-lab-2.2'), EXTERNAL_POOL].join('---\n'))
    expect(explainAbsence(base.design, base.network, 'router/bastion', '10.48.2.0/24').notes).toEqual([
      'Pool external-pool has no block yet: no pod of pool external-pool runs on any node, so no node has a block of it to advertise.',
    ])
    expect(explainAbsence(base.design, base.network, 'router/bastion', '192.168.0.0/16').summary).toBe(
      'bastion has no route to 192.168.0.0/16. No IP pool covers 192.168.0.0/16: no node allocates addresses there, so no node advertises a route to it.',
    )
    expect(explainAbsence(base.design, base.network, 'router/bastion', 'nginx').queryKind).toBe('invalid')
  })

  it('reports a route that is there instead of inventing an absence', () => {
    const { design, network } = analysed(labAfterAllSteps())
    const answer = explainAbsence(design, network, 'router/bastion', '10.48.2.216')
    expect(answer.missing).toEqual([])
    expect(answer.summary).toBe('bastion has a route to 10.48.2.216: 10.48.2.216/29 via 10.0.1.31 dev ens5 proto bird')
  })
})

describe('what crosses each session', () => {
  it('counts routes advertised, received, accepted and filtered, session by session', () => {
    const { design, network } = analysed(labAfterAllSteps())
    expect(sessionRoutesOf(design, network, 'router/bastion').map((s) => [s.neighborName, s.description, s.counts])).toEqual([
      ['control1', "bastion's neighbor 10.0.1.20 (iBGP, AS 64512)", { advertised: 0, received: 1, accepted: 0, filtered: 1 }],
      ['worker1', "bastion's neighbor 10.0.1.30 (iBGP, AS 64512)", { advertised: 0, received: 1, accepted: 0, filtered: 1 }],
      ['worker2', "bastion's neighbor 10.0.1.31 (iBGP, AS 64512)", { advertised: 0, received: 2, accepted: 1, filtered: 1 }],
    ])
    expect(sessionRoutesOf(design, network, WORKER1).map((s) => [s.neighborName, s.description, s.counts.advertised, s.counts.received])).toEqual([
      ['control1', 'the node-to-node mesh (iBGP, AS 64512)', 1, 1],
      ['worker2', 'the node-to-node mesh (iBGP, AS 64512)', 1, 2],
      ['bastion', 'the global BGPPeer bgppeer-global-64512 (iBGP, AS 64512)', 1, 0],
    ])
  })

  it('gives a session that is down its reason and no routes', () => {
    const { design, network } = analysed(readExample('calico-lab-2.2'))
    const [first] = sessionRoutesOf(design, network, 'router/bastion')
    expect(first).toMatchObject({ established: false, counts: { advertised: 0, received: 0, accepted: 0, filtered: 0 } })
    expect(first?.reason).toContain('has no BGP neighbor 10.0.1.10')
  })
})

describe('a host’s addresses', () => {
  it('lists worker2’s interface, tunnel, blocks with use, and pods with their pools', () => {
    const { design, network } = analysed(labAfterAllSteps())
    const addresses = hostAddressesOf(design, network, WORKER2)
    expect(addresses.interfaces).toEqual([{ name: 'ens5', address: '10.0.1.31', segment: 'lab-subnet', subnet: '10.0.1.0/24' }])
    expect(addresses.tunnels).toEqual([{ device: 'tunl0', address: '10.48.0.0' }])
    expect(addresses.blocks).toEqual([
      { cidr: '10.48.0.0/26', pool: 'default-ipv4-ippool', size: 64, inUse: 3, free: 61, lentOut: 0 },
      { cidr: '10.48.2.216/29', pool: 'external-pool', size: 8, inUse: 1, free: 7, lentOut: 0 },
    ])
    expect(addresses.borrowed).toEqual([])
    expect(addresses.pods.map((p) => [p.namespace, p.ips, p.pool])).toEqual([
      ['yaobank', ['10.48.0.1'], 'default-ipv4-ippool'],
      ['yaobank', ['10.48.0.2'], 'default-ipv4-ippool'],
      ['external-ns', ['10.48.2.216'], 'external-pool'],
    ])
  })
})

describe('the badges on Calico nodes', () => {
  it('count each node’s blocks and running pods, and leave routers out', () => {
    const { network } = analysed(labAfterAllSteps())
    const badges = nodeBadges(network)
    expect([...badges.keys()]).toEqual([CONTROL1, WORKER1, WORKER2])
    expect(badges.get(WORKER2)).toEqual({
      blocks: [
        { cidr: '10.48.0.0/26', pool: 'default-ipv4-ippool', inUse: 3, size: 64 },
        { cidr: '10.48.2.216/29', pool: 'external-pool', inUse: 1, size: 8 },
      ],
      pods: 3,
    })
    expect(badges.get(CONTROL1)?.pods).toBe(1)
  })
})
