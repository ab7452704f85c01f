import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadDesign } from '../../../shared/format/loadDesign'
import { ipRoute } from '../../../shared/routing/kernelRoutes'
import { computeNetwork } from '../../../shared/routing/network'
import { sha1Hex, podInterfaceName } from '../../../shared/routing/sha1'
import { readExample } from '../../exampleText'
import { BGP_PEER, EXTERNAL_NAMESPACE, EXTERNAL_POOL, labAfterAllSteps } from '../../labSteps'

const SEED = readFileSync(resolve(import.meta.dirname, '../../fixtures/seed/calico-lab-2.2.md'), 'utf8')
const golden = (name: string): string => readFileSync(resolve(import.meta.dirname, '../../golden/lab', name), 'utf8')
const CONTROL1 = 'node/ip-10-0-1-20.eu-west-1.compute.internal'
const WORKER2 = 'node/ip-10-0-1-31.eu-west-1.compute.internal'

/** The seed's `ip route` outputs on bastion, in order (iproute2 ends every line with a space). */
function seedIpRoute(which: number): string {
  const outputs = [...SEED.matchAll(/```\nip route\n```\n\n```\n([\s\S]*?)```/g)].map((m) => m[1] ?? '')
  return outputs[which] ?? ''
}

describe('routing tables of the seed lab', () => {
  const beforeNginx = computeNetwork(loadDesign([readExample('calico-lab-2.2'), EXTERNAL_POOL, BGP_PEER, EXTERNAL_NAMESPACE].join('---\n')).design)
  const finished = computeNetwork(loadDesign(labAfterAllSteps()).design)

  it('gives bastion exactly the seed’s three routes before the nginx pod exists', () => {
    expect(ipRoute(beforeNginx.routesOf('router/bastion'))).toBe(seedIpRoute(0))
  })

  it('adds 10.48.2.216/29 via worker2 on bastion once the pod runs, exactly as the seed shows', () => {
    expect(ipRoute(finished.routesOf('router/bastion'))).toBe(seedIpRoute(1))
  })

  it('explains why the default pool’s blocks never reach bastion', () => {
    const reasons = finished.bgp.whyNot('router/bastion', '10.48.0.0/26').map((r) => [r.from, r.reason])
    expect(reasons).toEqual([
      [CONTROL1, 'ip-10-0-1-20.eu-west-1.compute.internal does not send it: not reflected: iBGP split horizon'],
      ['node/ip-10-0-1-30.eu-west-1.compute.internal', 'ip-10-0-1-30.eu-west-1.compute.internal does not send it: not reflected: iBGP split horizon'],
      [WORKER2, 'filtered by bastion import'],
    ])
  })

  it('names the rule and the speaker that stop each route', () => {
    const stops = finished.bgp.whyNot('router/bastion', '10.48.0.0/26').map((r) => [r.from, r.stage, r.stoppedBy])
    expect(stops).toEqual([
      [CONTROL1, 'split-horizon', CONTROL1],
      ['node/ip-10-0-1-30.eu-west-1.compute.internal', 'split-horizon', 'node/ip-10-0-1-30.eu-west-1.compute.internal'],
      [WORKER2, 'import-filter', 'router/bastion'],
    ])
  })

  it('lists what crosses a session each way, and what the import filter refused', () => {
    const atBastion = finished.bgp.exchange('router/bastion', WORKER2)
    // worker2 sends bastion its own blocks (default pool and external-pool) and no reflected route.
    const received = atBastion?.received.map((r) => [r.route.cidr, r.filteredBy ?? 'accepted']).sort()
    expect(received).toEqual([
      ['10.48.0.0/26', 'filtered by bastion import'],
      ['10.48.2.216/29', 'accepted'],
    ])
    expect(atBastion?.advertised).toEqual([])
    const atWorker2 = finished.bgp.exchange(WORKER2, 'router/bastion')
    expect(atWorker2?.advertised.map((r) => r.cidr).sort()).toEqual(['10.48.0.0/26', '10.48.2.216/29'])
    expect(atWorker2?.received).toEqual([])
    expect(finished.bgp.exchange('router/bastion', 'router/nowhere')).toBeUndefined()
  })

  it('gives each route its kind, next hops and columns as ip route prints them', () => {
    const columns = finished.routesOf('router/bastion').map((r) => [r.kind, r.nextHops.map((h) => `${h.via ?? '-'} ${h.dev ?? '-'}`).join(','), r.proto, r.scope, r.metric])
    expect(columns).toEqual([
      ['dhcp', '10.0.1.1 ens5', 'dhcp', undefined, 100],
      ['connected', '- ens5', 'kernel', 'link', undefined],
      ['dhcp', '- ens5', 'dhcp', 'link', 100],
      ['bgp', '10.0.1.31 ens5', 'bird', undefined, undefined],
    ])
    const worker2 = finished.routesOf(WORKER2)
    expect(worker2.find((r) => r.text.startsWith('blackhole 10.48.2.216/29'))).toMatchObject({ kind: 'blackhole', nextHops: [] })
    expect(worker2.find((r) => r.kind === 'pod' && r.pod?.namespace === 'external-ns')?.pod).toEqual({
      namespace: 'external-ns',
      name: finished.ipam.pods.find((p) => p.namespace === 'external-ns')?.name,
    })
    expect(finished.routesOf(CONTROL1).find((r) => r.text.startsWith('10.48.0.0/26'))).toMatchObject({ kind: 'tunnel', nextHops: [{ via: '10.0.1.31', dev: 'tunl0' }] })
  })

  it('says why each route is there, with the path it took', () => {
    const choice = finished.bgp.tableOf('router/bastion').get('10.48.2.216/29')
    expect(choice?.best).toMatchObject({ originator: WORKER2, learnedFrom: WORKER2, nextHop: '10.0.1.31', ibgp: true, path: [WORKER2] })
    expect(finished.routesOf('router/bastion').find((r) => r.text.startsWith('10.48.2.216/29'))?.why).toBe(`learned by BGP from ${WORKER2}, originated by ${WORKER2}`)
  })

  it('programs blackholes, IPIP tunnels, no-encap routes and pod routes on the nodes as Calico does', () => {
    expect(ipRoute(finished.routesOf(CONTROL1))).toBe(golden('ip-route-control1.txt'))
    expect(ipRoute(finished.routesOf(WORKER2))).toBe(golden('ip-route-worker2.txt'))
    const worker2 = ipRoute(finished.routesOf(WORKER2))
    expect(worker2).toContain('blackhole 10.48.2.216/29 proto bird \n')
    expect(worker2).toContain(`10.48.2.216 dev ${podInterfaceName('external-ns', finished.ipam.pods.find((p) => p.namespace === 'external-ns')?.name ?? '')} scope link \n`)
    expect(ipRoute(finished.routesOf(CONTROL1))).toContain('10.48.2.216/29 via 10.0.1.31 dev ens5 proto bird \n')
    expect(ipRoute(finished.routesOf(CONTROL1))).toContain('10.48.0.0/26 via 10.0.1.31 dev tunl0 proto bird onlink \n')
  })
})

describe('Felix interface names', () => {
  it('are cali + the first 11 hex digits of SHA-1("namespace.pod")', () => {
    expect(sha1Hex('')).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709')
    expect(sha1Hex('abc')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d')
    expect(podInterfaceName('external-ns', 'nginx-76dd8577bc-6jqnz')).toBe('cali9d708ddd721')
  })
})
