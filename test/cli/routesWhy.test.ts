import { describe, expect, it } from 'vitest'
import { run } from './cliHarness'
import { labDesignAfterSteps } from './labDesign'

const lab = labDesignAfterSteps()

describe('peerlab routes --why', () => {
  it('puts each route’s provenance under it, indented, and leaves ip route’s lines as they were', async () => {
    const plain = await run(['routes', lab.path])
    const why = await run(['routes', lab.path, '--why'])
    expect(why.code).toBe(0)
    expect(
      why.stdout
        .split('\n')
        .filter((l) => !l.startsWith('    '))
        .join('\n'),
    ).toBe(plain.stdout)
    const lines = why.stdout.split('\n')
    const bastion = lines.slice(0, lines.indexOf('# control1'))
    expect(bastion.slice(-3)).toEqual([
      '10.48.2.216/29 via 10.0.1.31 dev ens5 proto bird ',
      "    block 10.48.2.216/29 of pool external-pool, affine to worker2 → advertised by worker2 over the global BGPPeer bgppeer-global-64512 (iBGP, AS 64512), next hop 10.0.1.31 → accepted by bastion's import filter peer_import (rule 1: accept 10.48.2.0/24+) → installed by BIRD (proto bird) via 10.0.1.31 dev ens5",
      '',
    ])
  })

  it('keeps to one host without a heading, as routes --host does', async () => {
    const { stdout } = await run(['routes', lab.path, '--host', 'worker2', '--why'])
    expect(stdout).not.toContain('# ')
    expect(stdout).toContain(
      '\nblackhole 10.48.2.216/29 proto bird \n    block 10.48.2.216/29 of pool external-pool, affine to worker2 → worker2 owns the block: BIRD installs a blackhole (proto bird) so that addresses no pod holds are dropped\n',
    )
  })
})

describe('peerlab routes --json', () => {
  it('gives every route its fields, and with --why its steps, losers and path', async () => {
    const { code, stdout } = await run(['routes', lab.path, '--host', 'bastion', '--json', '--why'])
    expect(code).toBe(0)
    const doc = JSON.parse(stdout)
    expect(doc.hosts.map((h: { host: string; name: string }) => [h.host, h.name])).toEqual([['bastion', 'bastion']])
    const nginx = doc.hosts[0].routes.find((r: { destination: string }) => r.destination === '10.48.2.216/29')
    expect(nginx).toEqual({
      destination: '10.48.2.216/29',
      family: 4,
      kind: 'bgp',
      nextHops: [{ via: '10.0.1.31', dev: 'ens5' }],
      proto: 'bird',
      scope: null,
      metric: null,
      text: '10.48.2.216/29 via 10.0.1.31 dev ens5 proto bird',
      why: {
        summary: expect.stringMatching(/^block 10\.48\.2\.216\/29 of pool external-pool, affine to worker2 → /),
        steps: [
          'block 10.48.2.216/29 of pool external-pool, affine to worker2',
          'advertised by worker2 over the global BGPPeer bgppeer-global-64512 (iBGP, AS 64512), next hop 10.0.1.31',
          "accepted by bastion's import filter peer_import (rule 1: accept 10.48.2.0/24+)",
          'installed by BIRD (proto bird) via 10.0.1.31 dev ens5',
        ],
        losers: [],
        path: ['worker2', 'bastion'],
      },
    })
    expect(doc.hosts[0].routes[0]).toMatchObject({ destination: 'default', kind: 'dhcp', metric: 100 })
  })

  it('leaves out why without --why, and lists every host without --host', async () => {
    const doc = JSON.parse((await run(['routes', lab.path, '--json'])).stdout)
    expect(doc.hosts.map((h: { host: string }) => h.host)).toEqual(['bastion', 'control1', 'worker1', 'worker2'])
    expect(doc.hosts.flatMap((h: { routes: object[] }) => h.routes).some((r: object) => 'why' in r)).toBe(false)
  })
})
