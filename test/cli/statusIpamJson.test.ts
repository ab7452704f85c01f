import { describe, expect, it } from 'vitest'
import { run } from './cliHarness'
import { labDesignAfterSteps } from './labDesign'

const lab = labDesignAfterSteps()

describe('peerlab status --json', () => {
  it('gives the rows calicoctl node status prints, cell for cell', async () => {
    const text = (await run(['status', lab.path, '--host', 'worker1'])).stdout
    const { code, stdout } = await run(['status', lab.path, '--host', 'worker1', '--json'])
    expect(code).toBe(0)
    const [worker1] = JSON.parse(stdout).hosts
    expect(worker1).toMatchObject({ host: 'worker1', name: 'ip-10-0-1-30.eu-west-1.compute.internal', calicoRunning: true, ipv6: [] })
    const tableRows = text.split('\n').filter((l) => /^\| \d/.test(l)).map((l) => l.split('|').slice(1, -1).map((c) => c.trim()))
    expect(worker1.ipv4.map((r: Record<string, string>) => [r.peerAddress, r.peerType, r.state, r.since, r.info])).toEqual(tableRows)
    expect(tableRows).toHaveLength(3)
  })

  it('lists the Calico nodes without --host, and exits 1 for a host that runs no Calico', async () => {
    expect(JSON.parse((await run(['status', lab.path, '--json'])).stdout).hosts.map((h: { host: string }) => h.host)).toEqual(['control1', 'worker1', 'worker2'])
    const bastion = await run(['status', lab.path, '--host', 'bastion', '--json'])
    expect(bastion.code).toBe(1)
    expect(JSON.parse(bastion.stdout).hosts).toEqual([{ host: 'bastion', name: 'bastion', calicoRunning: false, ipv4: [], ipv6: [] }])
  })

  it('lists only the mesh before the lab adds the global BGPPeer, SINCE from the lab clock', async () => {
    const [control1] = JSON.parse((await run(['status', 'example:calico-lab-2.2', '--host', 'control1', '--json'])).stdout).hosts
    expect(control1.ipv4).toEqual([
      { peerAddress: '10.0.1.30', peerType: 'node-to-node mesh', state: 'up', since: '17:44:46', info: 'Established' },
      { peerAddress: '10.0.1.31', peerType: 'node-to-node mesh', state: 'up', since: '17:44:46', info: 'Established' },
    ])
  })
})

describe('peerlab ipam --json', () => {
  it('gives pools, blocks and the plan of the lab', async () => {
    const { code, stdout } = await run(['ipam', lab.path, '--json'])
    expect(code).toBe(0)
    const doc = JSON.parse(stdout)
    expect(doc.pools).toEqual([
      { name: 'default-ipv4-ippool', cidr: '10.48.0.0/24', blockSize: 26, enabled: true, size: 256, inUse: 9, free: 247 },
      { name: 'external-pool', cidr: '10.48.2.0/24', blockSize: 29, enabled: true, size: 256, inUse: 1, free: 255 },
    ])
    expect(doc.blocks.at(-1)).toEqual({ cidr: '10.48.2.216/29', pool: 'external-pool', affinity: 'ip-10-0-1-31.eu-west-1.compute.internal', size: 8, inUse: 1, free: 7, borrowed: 0 })
    expect(doc.plan.map((p: { pool: string; blocksClaimed: number; blocksTotal: number }) => [p.pool, p.blocksClaimed, p.blocksTotal])).toEqual([
      ['default-ipv4-ippool', 3, 4],
      ['external-pool', 1, 32],
    ])
  })

  it('counts the addresses calicoctl ipam show counts', async () => {
    const table = (await run(['ipam', lab.path, '--show-blocks'])).stdout
    const doc = JSON.parse((await run(['ipam', lab.path, '--json'])).stdout)
    for (const block of doc.blocks) expect(table).toMatch(new RegExp(`\\| Block +\\| ${block.cidr.replace(/\./g, '\\.')} +\\| +${block.size} \\| ${block.inUse} \\(`))
  })
})

describe('peerlab validate --json', () => {
  it('carries the schema version', async () => {
    expect(JSON.parse((await run(['validate', lab.path, '--json'])).stdout)).toMatchObject({ schemaVersion: 1, design: lab.path })
  })
})
