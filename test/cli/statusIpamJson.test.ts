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
    const tableRows = text
      .split('\n')
      .filter((l) => /^\| \d/.test(l))
      .map((l) =>
        l
          .split('|')
          .slice(1, -1)
          .map((c) => c.trim()),
      )
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
  it('gives pools, blocks, and the pods that fit per node and in all', async () => {
    const { code, stdout } = await run(['ipam', lab.path, '--plan', '--json'])
    expect(code).toBe(0)
    const doc = JSON.parse(stdout)
    expect(doc.schemaVersion).toBe(2)
    expect(doc.pools.map((p: Record<string, unknown>) => [p.name, p.size, p.inUse, p.free, p.blocksClaimed, p.blocksTotal])).toEqual([
      ['default-ipv4-ippool', 256, 9, 247, 3, 4],
      ['external-pool', 256, 1, 255, 1, 32],
    ])
    expect(doc.blocks.at(-1)).toEqual({ cidr: '10.48.2.216/29', pool: 'external-pool', affinity: 'ip-10-0-1-31.eu-west-1.compute.internal', size: 8, inUse: 1, free: 7, borrowed: 0 })
    // control1 is tainted; each worker stops at the kubelet's 110 pods, its own pods counted.
    expect(doc.nodes.map((n: Record<string, unknown>) => [n.name, n.pods, n.podsThatFit, n.limitedBy])).toEqual([
      ['ip-10-0-1-20.eu-west-1.compute.internal', 1, 0, 'unschedulable'],
      ['ip-10-0-1-30.eu-west-1.compute.internal', 3, 107, 'maxPods'],
      ['ip-10-0-1-31.eu-west-1.compute.internal', 3, 107, 'maxPods'],
    ])
    expect(doc.totalPodsThatFit).toBe(214)
    const poolsFree = doc.pools.reduce((sum: number, p: { free: number }) => sum + p.free, 0)
    expect(doc.totalPodsThatFit).toBeLessThanOrEqual(poolsFree)
    expect(doc.forecast).toBeUndefined()
  })

  it('forecasts week by week with --forecast, mirroring the app', async () => {
    const args = ['ipam', lab.path, '--forecast', '--pods-per-week', '40', '--nodes-per-week', '0', '--weeks', '8', '--start', '2025-01-06']
    const doc = JSON.parse((await run([...args, '--json'])).stdout)
    expect(doc.forecast.weeks).toHaveLength(9)
    expect(doc.forecast.weeks[1]).toEqual({ week: 1, date: '2025-01-13', nodes: 3, podsAdded: 40, podsPlaced: 40, capacity: 214, free: [207, 255] })
    // 214 pods fit: the sixth week's 240 do not.
    expect(doc.forecast.podsStopFittingWeek).toBe(6)
    expect(doc.forecast.podsStopFittingDate).toBe('2025-02-17')
    const text = (await run(args)).stdout
    expect(text).toContain('Added pods stop fitting in week 6 (2025-02-17).')
    expect(text).toContain('IP pool default-ipv4-ippool runs out not within the forecast.')
  })

  it('refuses forecast options without --forecast, and counts that are not whole numbers', async () => {
    expect((await run(['ipam', lab.path, '--weeks', '3'])).stderr).toContain('--weeks goes with --forecast')
    const bad = await run(['ipam', lab.path, '--forecast', '--pods-per-week', '-3'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--pods-per-week takes a whole number from 0 to 10000000, not "-3"')
    expect((await run(['ipam', lab.path, '--forecast', '--start', '2025-13-40'])).stderr).toContain('--start takes a date as YYYY-MM-DD')
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
