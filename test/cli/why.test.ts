import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { run } from './cliHarness'
import { labDesignAfterSteps } from './labDesign'

const lab = labDesignAfterSteps()

describe('peerlab why', () => {
  it('tells how worker2’s nginx block reached bastion: the pool, worker2 and the global peering', async () => {
    expect(await run(['why', lab.path, '--host', 'bastion', '10.48.2.216/29'])).toEqual({
      code: 0,
      stdout: [
        '10.48.2.216/29 via 10.0.1.31 dev ens5 proto bird',
        '  block 10.48.2.216/29 of pool external-pool, affine to worker2',
        '  advertised by worker2 over the global BGPPeer bgppeer-global-64512 (iBGP, AS 64512), next hop 10.0.1.31',
        "  accepted by bastion's import filter peer_import (rule 1: accept 10.48.2.0/24+)",
        '  installed by BIRD (proto bird) via 10.0.1.31 dev ens5',
        '',
      ].join('\n'),
      stderr: '',
    })
  })

  it('explains an address by the specific route that carries it', async () => {
    const { code, stdout } = await run(['why', lab.path, '--host', 'bastion', '10.48.2.217'])
    expect(code).toBe(0)
    expect(stdout.split('\n')[0]).toBe('10.48.2.216/29 via 10.0.1.31 dev ens5 proto bird')
  })

  it('names bastion’s import filter as where the default pool’s blocks stop, and exits 1', async () => {
    const { code, stdout } = await run(['why', lab.path, '--host', 'bastion', '10.48.0.0/24'])
    expect(code).toBe(1)
    const lines = stdout.split('\n')
    expect(lines[0]).toBe("bastion has no route to 3 prefixes in 10.48.0.0/24: from worker2: bastion's import filter peer_import refuses it (rule 2: reject)")
    expect(lines.slice(1, 5)).toEqual([
      '10.48.0.0/26: block 10.48.0.0/26 of pool default-ipv4-ippool, affine to worker2',
      "  from worker2: bastion's import filter peer_import refuses it (rule 2: reject)",
      '  from control1: control1 does not send it: not reflected: iBGP split horizon',
      '  from worker1: worker1 does not send it: not reflected: iBGP split horizon',
    ])
    expect(lines.filter((l) => /^10\.48\.0\.\d+\/26: /.test(l))).toHaveLength(3)
  })

  it('starts an address with what ip route get gives instead', async () => {
    const { code, stdout } = await run(['why', lab.path, '--host', 'bastion', '10.48.0.5'])
    expect(code).toBe(1)
    expect(stdout).toMatch(/^ubuntu@bastion:~\$ sudo ip route get 10\.48\.0\.5\n10\.48\.0\.5 via 10\.0\.1\.1 dev ens5 src 10\.0\.1\.10 uid 0 \n {4}cache \nbastion has no route to 10\.48\.0\.0\/26: /)
  })

  it('says why nothing is there when no pool covers it', async () => {
    expect(await run(['why', lab.path, '--host', 'worker1', '192.168.0.0/16'])).toMatchObject({
      code: 1,
      stdout: 'worker1 has no route to 192.168.0.0/16. No IP pool covers 192.168.0.0/16: no node allocates addresses there, so no node advertises a route to it.\n',
    })
  })

  it('lists the path that lost, and the step it lost on', async () => {
    const { stdout } = await run(['why', resolve(import.meta.dirname, '../fixtures/designs/bgp-filter-v1alpha1.yaml'), '--host', 'edge', '10.80.2.96/28'])
    expect(stdout).toContain('\n  paths that lost:\n    via 10.0.3.12 from b, AS path 64512; lost on: lower router ID; edge does not merge paths (merge paths off)\n')
  })

  it('prints the answer as JSON, routes with their provenance and missing prefixes with their stops', async () => {
    const routed = JSON.parse((await run(['why', lab.path, '--host', 'bastion', '10.48.2.216/29', '--json'])).stdout)
    expect(routed).toMatchObject({ schemaVersion: 1, host: 'bastion', query: '10.48.2.216/29', queryKind: 'prefix', routed: true, routeGet: null, missing: [] })
    expect(routed.routes[0].why.path).toEqual(['worker2', 'bastion'])
    const absent = await run(['why', lab.path, '--host', 'bastion', '10.48.0.5', '--json'])
    expect(absent.code).toBe(1)
    const answer = JSON.parse(absent.stdout)
    expect(answer).toMatchObject({ queryKind: 'address', routed: false, routes: [], notes: [] })
    expect(answer.routeGet).toBe('10.48.0.5 via 10.0.1.1 dev ens5 src 10.0.1.10 uid 0 \n    cache \n')
    expect(answer.missing[0].stops[0]).toEqual({ kind: 'import-filter', neighbor: 'worker2', text: "from worker2: bastion's import filter peer_import refuses it (rule 2: reject)" })
  })

  it('exits 2 on a query that is neither prefix nor address, an unknown host, or no --host', async () => {
    expect(await run(['why', lab.path, '--host', 'bastion', 'nginx'])).toMatchObject({
      code: 2,
      stdout: '',
      stderr: expect.stringMatching(/^peerlab why: "nginx" is neither an address \(10\.48\.0\.5\) nor a prefix \(10\.48\.0\.0\/24\)\n/),
    })
    expect(await run(['why', lab.path, '--host', 'nope', '10.48.0.5'])).toMatchObject({ code: 2, stderr: `peerlab: ${lab.path}: no host "nope" (use a name, an alias or an address)\n` })
    expect(await run(['why', lab.path, '10.48.0.5'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--host H is required') })
  })

  it('has --help', async () => {
    expect((await run(['why', '--help'])).stdout).toMatch(/^Usage: peerlab why DESIGN --host H PREFIX\|ADDRESS \[--json\]\n/)
  })
})
