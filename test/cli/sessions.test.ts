import { describe, expect, it } from 'vitest'
import { readExample } from '../exampleText'
import { run } from './cliHarness'
import { labDesignAfterSteps } from './labDesign'

const lab = labDesignAfterSteps()

describe('peerlab sessions', () => {
  it('prints bastion’s sessions as a table with the routes each way', async () => {
    expect(await run(['sessions', lab.path, '--host', 'bastion'])).toEqual({
      code: 0,
      stdout: [
        'NEIGHBOR   PEER ADDRESS   PROTOCOL         STATE   INFO          ADVERTISED   RECEIVED   ACCEPTED   FILTERED   SESSION',
        "control1   10.0.1.20      peer_10_0_1_20   up      Established   0            1          0          1          bastion's neighbor 10.0.1.20 (iBGP, AS 64512)",
        "worker1    10.0.1.30      peer_10_0_1_30   up      Established   0            1          0          1          bastion's neighbor 10.0.1.30 (iBGP, AS 64512)",
        "worker2    10.0.1.31      peer_10_0_1_31   up      Established   0            2          1          1          bastion's neighbor 10.0.1.31 (iBGP, AS 64512)",
        '',
      ].join('\n'),
      stderr: '',
    })
  })

  it('says under the table why each session is down, before the lab’s steps', async () => {
    const { code, stdout } = await run(['sessions', 'example:calico-lab-2.2', '--host', 'bastion'])
    expect(code).toBe(0)
    expect(stdout).toContain('\ncontrol1   10.0.1.20      peer_10_0_1_20   start   Active Socket: Connection closed   0 ')
    expect(stdout.split('\n').slice(4, 7)).toEqual([
      'peer_10_0_1_20 (control1) is not Established: control1 has no BGP neighbor 10.0.1.10: it closes the connection',
      'peer_10_0_1_30 (worker1) is not Established: worker1 has no BGP neighbor 10.0.1.10: it closes the connection',
      'peer_10_0_1_31 (worker2) is not Established: worker2 has no BGP neighbor 10.0.1.10: it closes the connection',
    ])
  })

  it('counts bastion’s routes per session in JSON, with the routes themselves', async () => {
    const { code, stdout } = await run(['sessions', lab.path, '--host', 'bastion', '--json'])
    expect(code).toBe(0)
    const [bastion] = JSON.parse(stdout).hosts
    expect(bastion.sessions.map((s: { neighbor: string; counts: object }) => [s.neighbor, s.counts])).toEqual([
      ['control1', { advertised: 0, received: 1, accepted: 0, filtered: 1 }],
      ['worker1', { advertised: 0, received: 1, accepted: 0, filtered: 1 }],
      ['worker2', { advertised: 0, received: 2, accepted: 1, filtered: 1 }],
    ])
    expect(bastion.sessions[2].received).toEqual([
      { cidr: '10.48.0.0/26', nextHop: '10.0.1.31', filteredBy: 'filtered by bastion import' },
      { cidr: '10.48.2.216/29', nextHop: '10.0.1.31', filteredBy: null },
    ])
    expect(bastion.sessions[2]).toMatchObject({ protocol: 'peer_10_0_1_31', peerAddress: '10.0.1.31', type: 'router', established: true, reason: null, advertised: [] })
  })

  it('gives worker1’s advertised routes, and every speaker under a heading without --host', async () => {
    const doc = JSON.parse((await run(['sessions', lab.path, '--host', 'worker1', '--json'])).stdout)
    expect(doc.hosts[0].sessions.map((s: { neighbor: string; advertised: string[] }) => [s.neighbor, s.advertised])).toEqual([
      ['control1', ['10.48.0.192/26']],
      ['worker2', ['10.48.0.192/26']],
      ['bastion', ['10.48.0.192/26']],
    ])
    const { stdout } = await run(['sessions', lab.path])
    expect(stdout.match(/^# .*$/gm)).toEqual(['# bastion', '# control1', '# worker1', '# worker2'])
  })

  it('exits 1 for a host that runs no BGP speaker', async () => {
    const withoutAs = readExample('calico-lab-2.2').replace('  asNumber: 64512\n  daemon: bird', '  daemon: bird')
    expect(await run(['sessions', '-', '--host', 'bastion'], withoutAs)).toEqual({ code: 1, stdout: '', stderr: 'peerlab sessions: bastion runs no BGP speaker: it has no sessions\n' })
    expect((await run(['sessions', '-'], withoutAs)).stdout.match(/^# .*$/gm)).toEqual(['# control1', '# worker1', '# worker2'])
  })

  it('has --help', async () => {
    expect((await run(['sessions', '--help'])).stdout).toMatch(/^Usage: peerlab sessions DESIGN \[--host H\] \[--json\]\n/)
  })
})
