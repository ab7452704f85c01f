import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadDesign } from '../../../shared/format/loadDesign'
import { hostsOf } from '../../../shared/model/query'
import { ipRoute } from '../../../shared/routing/kernelRoutes'
import { computeNetwork } from '../../../shared/routing/network'

/** The lab after its handout, on each modelled Calico release (test/fixtures/designs/calico-*.yaml). */
const fixture = (version: string) => loadDesign(readFileSync(resolve(import.meta.dirname, `../../fixtures/designs/calico-${version}.yaml`), 'utf8')).design

function routesOf(version: string, alias: string): string {
  const design = fixture(version)
  const host = hostsOf(design).find((h) => h.name === alias || h.alias === alias)
  if (!host) throw new Error(`no host ${alias}`)
  return ipRoute(computeNetwork(design).routesOf(host.id))
}

const OS_ROUTES = [
  'default via 10.0.1.1 dev ens5 proto dhcp src 10.0.1.30 metric 100 ',
  '10.0.1.0/24 dev ens5 proto kernel scope link src 10.0.1.30 ',
  '10.0.1.1 dev ens5 proto dhcp scope link src 10.0.1.30 metric 100 ',
]

describe('ip route on worker1 by Calico release (calico.md §6, §9.3)', () => {
  it('v3.30 and v3.31: BIRD programs IPIP and no-encap routes without a metric (bird_ipam.cfg.template @ v3.30.0, v3.31.0)', () => {
    const expected = [
      ...OS_ROUTES,
      '10.48.0.0/26 via 10.0.1.31 dev tunl0 proto bird onlink ',
      '10.48.0.128/26 via 10.0.1.20 dev tunl0 proto bird onlink ',
      'blackhole 10.48.0.192/26 proto bird ',
      '10.48.0.193 dev calia5bba09c863 scope link ',
      '10.48.0.194 dev cali18e64dedf41 scope link ',
      '10.48.0.195 dev cali14c0c4c3282 scope link ',
      '10.48.2.216/29 via 10.0.1.31 dev ens5 proto bird ',
      '',
    ].join('\n')
    expect(routesOf('v3.30', 'worker1')).toBe(expected)
    expect(routesOf('v3.31', 'worker1')).toBe(expected)
  })

  it("v3.32: BIRD's routes from Calico nodes over iBGP get metric 1024 (SetMetricForBGPRoutes, confd/pkg/backends/calico/bgp_processor.go @ v3.32.0), pod routes Felix's normal priority", () => {
    expect(routesOf('v3.32', 'worker1')).toBe(
      [
        ...OS_ROUTES,
        // As in a published calico/node:v3.32.2 transcript: `… dev tunl0 proto bird metric 1024 onlink`.
        '10.48.0.0/26 via 10.0.1.31 dev tunl0 proto bird metric 1024 onlink ',
        '10.48.0.128/26 via 10.0.1.20 dev tunl0 proto bird metric 1024 onlink ',
        'blackhole 10.48.0.192/26 proto bird ',
        '10.48.0.193 dev calia5bba09c863 scope link metric 1024 ',
        '10.48.0.194 dev cali18e64dedf41 scope link metric 1024 ',
        '10.48.0.195 dev cali14c0c4c3282 scope link metric 1024 ',
        '10.48.2.216/29 via 10.0.1.31 dev ens5 proto bird metric 1024 ',
        '',
      ].join('\n'),
    )
  })

  it('v3.33: Felix programs the IPIP pool (tunnelRoute in felix/dataplane/linux/ipip_mgr.go @ release-v3.33: onlink, proto 80, the IPIP MTU), BIRD the no-encap pool', () => {
    expect(routesOf('v3.33', 'worker1')).toBe(
      [
        ...OS_ROUTES,
        '10.48.0.0/26 via 10.0.1.31 dev tunl0 proto 80 onlink mtu 8981 ',
        '10.48.0.128/26 via 10.0.1.20 dev tunl0 proto 80 onlink mtu 8981 ',
        'blackhole 10.48.0.192/26 proto 80 ',
        '10.48.0.193 dev calia5bba09c863 scope link metric 1024 ',
        '10.48.0.194 dev cali18e64dedf41 scope link metric 1024 ',
        '10.48.0.195 dev cali14c0c4c3282 scope link metric 1024 ',
        '10.48.2.216/29 via 10.0.1.31 dev ens5 proto bird metric 1024 ',
        '',
      ].join('\n'),
    )
  })

  it("leaves bastion's table alone: its BIRD is not Calico's", () => {
    const tables = ['v3.30', 'v3.32', 'v3.33'].map((v) => routesOf(v, 'bastion'))
    expect(tables[1]).toBe(tables[0])
    expect(tables[2]).toBe(tables[0])
  })
})

describe('v3.32 metrics follow LOCAL_PREF (2147483647 − LOCAL_PREF, calico.md §9.3)', () => {
  /** A fixture of another topology, run on v3.32. */
  function onV332(name: string): ReturnType<typeof loadDesign>['design'] {
    const text = readFileSync(resolve(import.meta.dirname, `../../fixtures/designs/${name}-v1alpha1.yaml`), 'utf8')
    const at = text.indexOf('spec:\n', text.indexOf('kind: Cluster')) + 'spec:\n'.length
    return loadDesign(`${text.slice(0, at)}  calicoVersion: v3.32\n${text.slice(at)}`).design
  }
  const lines = (design: ReturnType<typeof onV332>, name: string): string[] => {
    const host = hostsOf(design).find((h) => h.name === name)
    return ipRoute(computeNetwork(design).routesOf(host?.id ?? ''))
      .split('\n')
      .filter((l) => l.includes('proto bird') && !l.startsWith('blackhole'))
  }

  it('a route reflected over iBGP keeps the originating node’s LOCAL_PREF: metric 1024', () => {
    const routes = lines(onV332('route-reflector'), 'n1')
    expect(routes.length).toBeGreaterThan(0)
    for (const route of routes) expect(route).toMatch(/ proto bird metric 1024 $/)
  })

  it('a route that crossed an eBGP ToR arrives with LOCAL_PREF 100: metric 2147483547', () => {
    const routes = lines(onV332('ebgp-tor'), 'r1n1')
    expect(routes.length).toBeGreaterThan(0)
    for (const route of routes) expect(route).toMatch(/ proto bird metric 2147483547 $/)
  })
})
