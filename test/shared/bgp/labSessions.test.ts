import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { computeSessions } from '../../../shared/bgp/sessions'
import { loadDesign } from '../../../shared/format/loadDesign'
import { calicoctlNodeStatus } from '../../../shared/views/calicoctlNodeStatus'
import { readExample } from '../../exampleText'
import { BGP_PEER } from '../../labSteps'

const SEED = readFileSync(resolve(import.meta.dirname, '../../fixtures/seed/calico-lab-2.2.md'), 'utf8')
const WORKER1 = 'node/ip-10-0-1-30.eu-west-1.compute.internal'

/**
 * The seed's node status outputs, in order, with SINCE times blanked (they come from the simulated
 * clock). The transcript dropped the empty line calicoctl prints last (calico.md §3.4), so it is put back.
 */
function seedNodeStatus(which: number): string {
  const outputs = [...SEED.matchAll(/```\nsudo calicoctl node status\n```\n```\n([\s\S]*?)```/g)].map((m) => m[1] ?? '')
  return `${(outputs[which] ?? '').replace(/\d\d:\d\d:\d\d/g, 'HH:MM:SS')}\n`
}

const statusOf = (text: string, speaker: string): string =>
  calicoctlNodeStatus(
    computeSessions(loadDesign(text).design).sessions.filter((s) => s.speaker === speaker),
    () => 'HH:MM:SS',
  )

describe('BGP sessions of the seed lab', () => {
  const before = computeSessions(loadDesign(readExample('calico-lab-2.2')).design)
  const after = computeSessions(loadDesign(`${readExample('calico-lab-2.2')}---\n${BGP_PEER}`).design)

  it('meshes every node with the other two, the higher address waiting for the lower one', () => {
    expect(before.sessions.filter((s) => s.type === 'mesh').map((s) => [s.speaker.slice(5, 23), s.protocol, s.passive, s.state, s.info])).toEqual([
      ['ip-10-0-1-20.eu-we', 'Mesh_10_0_1_30', true, 'up', 'Established'],
      ['ip-10-0-1-20.eu-we', 'Mesh_10_0_1_31', true, 'up', 'Established'],
      ['ip-10-0-1-30.eu-we', 'Mesh_10_0_1_20', false, 'up', 'Established'],
      ['ip-10-0-1-30.eu-we', 'Mesh_10_0_1_31', true, 'up', 'Established'],
      ['ip-10-0-1-31.eu-we', 'Mesh_10_0_1_20', false, 'up', 'Established'],
      ['ip-10-0-1-31.eu-we', 'Mesh_10_0_1_30', false, 'up', 'Established'],
    ])
  })

  it('leaves bastion’s neighbors waiting until Calico peers back', () => {
    expect(before.sessions.filter((s) => s.type === 'router').map((s) => [s.peerAddress, s.state, s.info])).toEqual([
      ['10.0.1.20', 'start', 'Active Socket: Connection closed'],
      ['10.0.1.30', 'start', 'Active Socket: Connection closed'],
      ['10.0.1.31', 'start', 'Active Socket: Connection closed'],
    ])
  })

  it('brings up an iBGP Global_10_0_1_10 session on every node once the BGPPeer exists', () => {
    expect(after.sessions.filter((s) => s.type === 'global').map((s) => [s.protocol, s.localAs, s.remoteAs, s.state])).toEqual([
      ['Global_10_0_1_10', 64512, 64512, 'up'],
      ['Global_10_0_1_10', 64512, 64512, 'up'],
      ['Global_10_0_1_10', 64512, 64512, 'up'],
    ])
    expect(after.sessions.filter((s) => s.type === 'router').every((s) => s.state === 'up')).toBe(true)
    expect(after.diagnostics).toEqual([])
  })

  it('prints worker1’s calicoctl node status as the seed shows it, before and after', () => {
    expect(statusOf(readExample('calico-lab-2.2'), WORKER1)).toBe(seedNodeStatus(0))
    expect(statusOf(`${readExample('calico-lab-2.2')}---\n${BGP_PEER}`, WORKER1)).toBe(seedNodeStatus(1))
  })
})

describe('sessions that do not come up', () => {
  const lab = readExample('calico-lab-2.2')

  it('shows a wrong AS on both ends, as BIRD does', () => {
    const { sessions, diagnostics } = computeSessions(loadDesign(`${lab}---\n${BGP_PEER.replace('asNumber: 64512', 'asNumber: 65000')}`).design)
    const global = sessions.find((s) => s.type === 'global')
    expect([global?.state, global?.info]).toEqual(['start', 'Idle BGP Error: Bad peer AS'])
    expect(diagnostics[0]?.message).toContain('expects AS 65000 but bastion is AS 64512')
  })

  it('shows a peer address nobody has as Connect, and wraps a long INFO at 30 columns', () => {
    const text = `${lab}---\n${BGP_PEER.replace('peerIP: 10.0.1.10', 'peerIP: 10.0.1.99')}`
    expect(computeSessions(loadDesign(text).design).sessions.find((s) => s.type === 'global')?.info).toBe('Connect')
    const noNeighbors = lab.replace(/ {2}neighbors:\n( {4}- .*\n)+/, '')
    const status = statusOf(`${noNeighbors}---\n${BGP_PEER}`, WORKER1)
    expect(status).toContain(
      '| 10.0.1.10    | global            | start | HH:MM:SS | Active Socket: Connection      |\n|              |                   |       |          | refused                        |',
    )
  })
})
