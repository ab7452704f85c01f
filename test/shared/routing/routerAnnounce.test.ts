import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { applyCommand } from '../../../shared/commands/commands'
import { clusterFromTemplate } from '../../../shared/edit/blueprints/clusterTemplates'
import { describeOrigin, originatedPrefixes } from '../../../shared/explain/origins'
import { namingOf } from '../../../shared/explain/wording'
import { routerBirdConfig } from '../../../shared/export/birdConfig'
import { routerFrrConfig } from '../../../shared/export/frrConfig'
import { loadDesign } from '../../../shared/format/loadDesign'
import type { Design } from '../../../shared/model/design'
import { resourcesOf } from '../../../shared/model/query'
import type { RouterResource } from '../../../shared/model/resources'
import { computeNetwork } from '../../../shared/routing/network'
import { validateDesign } from '../../../shared/validate/validateDesign'

const NEW = loadDesign('apiVersion: peerlab.dev/v1alpha1\nkind: Cluster\nmetadata:\n  name: untitled\nspec:\n  podCIDRs: [192.168.0.0/16]\n  serviceCIDRs: [10.96.0.0/12]\n').design

/** Two racks behind eBGP ToRs, two reflectors each, the mesh off: every ToR announces its rack subnet. */
function racks(): Design {
  const result = clusterFromTemplate(NEW, 'route-reflectors')
  if (!result.ok) throw new Error(result.message)
  return applyCommand(NEW, result.command)
}

function withRouter(design: Design, name: string, change: (spec: RouterResource['spec']) => RouterResource['spec']): Design {
  const router = resourcesOf(design, 'peerlab.dev/v1alpha1/Router').find((r) => r.metadata.name === name) as RouterResource
  return applyCommand(design, { type: 'apply', resource: { ...router, spec: change(router.spec) } })
}

describe('Router announcements (spec.announce)', () => {
  it('the blueprint ToR announces its rack subnet, which the other rack ToR learns and installs', () => {
    const design = racks()
    expect(resourcesOf(design, 'peerlab.dev/v1alpha1/Router').map((r) => [r.metadata.name, r.spec.announce])).toEqual([
      ['rack-1-tor', ['10.0.0.0/24']],
      ['rack-2-tor', ['10.0.2.0/24']],
    ])
    const network = computeNetwork(design)
    const rack1 = network.bgp.tableOf('router/rack-1-tor').get('10.0.0.0/24')?.best
    expect(rack1).toMatchObject({ kind: 'announced', originator: 'router/rack-1-tor', learnedFrom: undefined })
    const learned = network.bgp.tableOf('router/rack-2-tor').get('10.0.0.0/24')?.best
    // Next hop: rack-1-tor's own end of the fabric session, as for any route it originates.
    expect(learned).toMatchObject({ originator: 'router/rack-1-tor', learnedFrom: 'router/rack-1-tor', nextHop: '10.0.1.1', asPath: [65000] })
    expect(network.routesOf('router/rack-2-tor').map((r) => r.text)).toContain('10.0.0.0/24 via 10.0.1.1 dev eth1 proto bird')
    // Its own announcement is not a kernel route of the ToR: the connected route is.
    expect(
      network
        .routesOf('router/rack-1-tor')
        .filter((r) => r.text.startsWith('10.0.0.0/24'))
        .map((r) => r.text),
    ).toEqual(['10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.1'])
  })

  it('a Calico node installs an announced prefix with proto bird (Calico exports every learned route to the kernel), but not its own subnet', () => {
    const network = computeNetwork(racks())
    // rack-2-worker-1 is a reflector peered with rack-2-tor (eBGP): it learns both subnets.
    const texts = network.routesOf('node/rack-2-worker-1').map((r) => r.text)
    expect(texts).toContain('10.0.0.0/24 via 10.0.2.1 dev eth0 proto bird')
    // Its own subnet stays the connected route: BIRD's direct route (preference 240) beats BGP's.
    expect(texts.filter((t) => t.startsWith('10.0.2.0/24'))).toEqual(['10.0.2.0/24 dev eth0 proto kernel scope link src 10.0.2.2'])
  })

  it('cross-rack sessions come up once the ToRs announce their subnets, and not without', () => {
    const design = racks()
    expect(computeNetwork(design).sessions.filter((s) => s.state !== 'up')).toEqual([])
    const silent = withRouter(
      withRouter(design, 'rack-1-tor', ({ announce: _, ...spec }) => spec),
      'rack-2-tor',
      ({ announce: _, ...spec }) => spec,
    )
    expect(
      computeNetwork(silent)
        .sessions.filter((s) => s.state !== 'up')
        .map((s) => s.reason),
    ).toContain('no route to 10.0.2.2 from rack-1-tor, which answers rack-1-worker-1 ICMP net unreachable')
  })

  it("passes the router's own exportFilter like any route", () => {
    const design = withRouter(racks(), 'rack-1-tor', (spec) => ({ ...spec, exportFilter: [{ action: 'Reject', cidr: '10.0.0.0/24' }] }))
    const network = computeNetwork(design)
    expect(network.bgp.tableOf('router/rack-2-tor').has('10.0.0.0/24')).toBe(false)
    expect(network.bgp.whyNot('router/rack-2-tor', '10.0.0.0/24')).toMatchObject([{ stage: 'router-export', reason: 'rack-1-tor does not send it: filtered by rack-1-tor export' }])
  })

  it('names the origin in explanations', () => {
    const design = racks()
    const naming = namingOf(design, computeNetwork(design))
    const origin = originatedPrefixes(naming).byCidr.get('10.0.0.0/24')
    expect(origin).toMatchObject({ kind: 'announced', originators: ['router/rack-1-tor'] })
    expect(describeOrigin(naming, origin, '10.0.0.0/24', 'router/rack-1-tor')).toBe('prefix 10.0.0.0/24, announced by rack-1-tor')
  })

  it('refuses what is not a masked CIDR, naming the field, and allows a prefix no connected subnet covers', () => {
    const design = withRouter(racks(), 'rack-1-tor', (spec) => ({ ...spec, announce: ['10.0.0.1/24', '10.0.0.0', 'nonsense', '172.16.0.0/16'] }))
    const found = validateDesign(design).filter((d) => d.code === 'router.announce-invalid')
    expect(found.map((d) => [d.message, d.path])).toEqual([
      ['rack-1-tor spec.announce[0]: 10.0.0.1/24 has host bits set (did you mean 10.0.0.0/24?)', ['spec', 'announce', 0]],
      ['rack-1-tor spec.announce[1]: 10.0.0.0 has no prefix length (write it as a CIDR, e.g. 10.0.0.0/32)', ['spec', 'announce', 1]],
      [expect.stringMatching(/^rack-1-tor spec\.announce\[2\]: /), ['spec', 'announce', 2]],
    ])
    expect(computeNetwork(design).bgp.tableOf('router/rack-2-tor').get('172.16.0.0/16')?.best.originator).toBe('router/rack-1-tor')
  })

  it('exports the announcement as a static protocol BIRD 1.6 parses, kept out of the kernel, and as FRR network statements', () => {
    const design = racks()
    const network = computeNetwork(design)
    const tor = network.speakers.find((s) => s.id === 'router/rack-1-tor')
    if (!tor) throw new Error('no ToR')
    const bird = routerBirdConfig(design, network, tor)
    expect(bird).toContain('protocol static announced {\n  route 10.0.0.0/24 blackhole;\n}')
    expect(bird).toContain('  export where proto != "announced";')
    const frr = routerFrrConfig(design, network, tor)
    expect(frr).toContain(' no bgp network import-check\n')
    expect(frr).toContain(' address-family ipv4 unicast\n  network 10.0.0.0/24\n')
    // Debian's BIRD 1.6 when installed: `bird -p` parses and exits (as test/conformance/birdVersionParse.test.ts).
    if (spawnSync('bird', ['--version'], { encoding: 'utf8' }).error) return
    const dir = mkdtempSync(join(tmpdir(), 'peerlab-announce-'))
    try {
      writeFileSync(join(dir, 'bird.conf'), bird)
      const run = spawnSync('bird', ['-p', '-c', join(dir, 'bird.conf')], { encoding: 'utf8' })
      expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
