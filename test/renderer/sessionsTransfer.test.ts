import { describe, expect, it } from 'vitest'
import type { CanvasSessions } from '../../shared/topology/canvasSessions'
import { bundleSessions } from '../../shared/topology/sessionBundles'
import type { SessionEdge } from '../../shared/topology/sessionEdges'
import { SessionsReceiver, SessionsSender, SLICE, fromRuns, type SessionsMessage } from '../../renderer/src/analysis/sessionsTransfer'

/** Racks of clients, each client with a session to each of three route reflectors, as the canvas gets them. */
const RACKS = 40
const PER_RACK = 50
const clients = Array.from({ length: RACKS * PER_RACK }, (_, i) => ({ id: `node/c${i}`, parent: `segment/rack${Math.floor(i / PER_RACK)}` }))
const reflectors = ['node/rr0', 'node/rr1', 'node/rr2'].map((id) => ({ id }))
const nodes = [...clients, ...reflectors]

function edgeOf(client: string, reflector: string, asNumber: number, state: 'up' | 'down' = 'up'): SessionEdge {
  return {
    id: `session/${client}|${reflector}`,
    source: client,
    target: reflector,
    kind: 'rr-client',
    state,
    label: `AS ${asNumber}`,
    asNumbers: `AS ${asNumber}`,
    subject: undefined,
    addresses: [`10.${asNumber % 256}.0.1`, '10.0.0.2'],
  }
}

function sessionsOf(edges: readonly SessionEdge[], withBundles = true): CanvasSessions {
  return { edges, mesh: undefined, ...(withBundles ? { bundled: { key: 'racks', bundled: bundleSessions(edges, nodes, new Set()) } } : {}) }
}

const allEdges = (asOf: (client: number) => number = () => 64512): SessionEdge[] =>
  clients.flatMap((client, i) => reflectors.map((rr) => edgeOf(client.id, rr.id, asOf(i), i % 97 === 5 ? 'down' : 'up')))

/** Sends `sessions` and reads them back as the UI would, with the messages that carried them. */
function send(sender: SessionsSender, receiver: SessionsReceiver, version: number, sessions: CanvasSessions): { read: CanvasSessions | undefined; messages: SessionsMessage[] } {
  const messages = sender.messages(version, sessions).map((message) => structuredClone(message))
  let read: CanvasSessions | undefined
  for (const message of messages) read = receiver.receive(message) ?? read
  return { read, messages }
}

describe('sessions sent from the analysis worker to the UI thread', () => {
  it('arrive as they were sent, through edits that change a few, many, or none of them', () => {
    const sender = new SessionsSender()
    const receiver = new SessionsReceiver()
    let seed = 7
    const random = (below: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
      return seed % below
    }
    let edges = allEdges()
    for (let version = 1; version <= 40; version++) {
      const step = random(6)
      if (step === 0) edges = edges.map((edge, i) => (i % 211 === random(211) ? { ...edge, state: edge.state === 'up' ? 'down' : 'up' } : edge))
      else if (step === 1) edges = edges.filter(() => random(40) !== 0)
      else if (step === 2) edges = [...edges.slice(0, 300), edgeOf('node/c1', `node/extra${version}`, 65000 + version), ...edges.slice(300)]
      else if (step === 3) edges = allEdges((i) => 64512 + ((i + version) % 3))
      else if (step === 4) edges = [...edges].reverse()
      const sessions = sessionsOf(edges, version % 9 !== 0)
      const { read } = send(sender, receiver, version, sessions)
      expect(read?.edges).toEqual(sessions.edges)
      expect(read?.mesh).toEqual(sessions.mesh)
      expect(read?.bundled?.key).toEqual(sessions.bundled?.key)
      expect(read?.bundled?.bundled.edges).toEqual(sessions.bundled?.bundled.edges)
      expect([...(read?.bundled?.bundled.bundleOf ?? [])]).toEqual([...(sessions.bundled?.bundled.bundleOf ?? [])])
    }
  })

  it('after an AS number typed on one host: as runs of those sent before, in one small message, not all 6,000 again', () => {
    const sender = new SessionsSender()
    const receiver = new SessionsReceiver()
    const first = send(sender, receiver, 1, sessionsOf(allEdges()))
    expect(first.messages.filter((m) => m.kind === 'sessions-part')).toHaveLength(Math.ceil((RACKS * PER_RACK * 3) / SLICE))
    const before = first.read as CanvasSessions
    const { read, messages } = send(sender, receiver, 2, sessionsOf(allEdges((i) => (i === 7 ? 65001 : 64512))))
    expect(messages).toHaveLength(1)
    expect(JSON.stringify(messages).length).toBeLessThan(JSON.stringify(first.messages).length / 20)
    expect(read?.edges.filter((edge, i) => edge !== before.edges[i]).map((edge) => edge.id)).toEqual(reflectors.map((rr) => `session/node/c7|${rr.id}`))
  })

  it('unchanged: as "the same", and the UI keeps the very sessions it had', () => {
    const sender = new SessionsSender()
    const receiver = new SessionsReceiver()
    const first = send(sender, receiver, 1, sessionsOf(allEdges()))
    const again = send(sender, receiver, 2, sessionsOf(allEdges()))
    expect(again.messages).toEqual([{ kind: 'sessions', version: 2, same: true }])
    expect(again.read).toBe(first.read)
  })

  it('mostly new: in full, in slices, as before', () => {
    const sender = new SessionsSender()
    const receiver = new SessionsReceiver()
    send(sender, receiver, 1, sessionsOf(allEdges()))
    const renamed = allEdges().map((edge) => ({ ...edge, label: `${edge.label} renamed` }))
    const { messages, read } = send(sender, receiver, 2, sessionsOf(renamed))
    expect(messages.filter((m) => m.kind === 'sessions-part').length).toBeGreaterThan(1)
    expect(read?.edges).toEqual(renamed)
  })

  it('refuses runs that reach past the list they were made against, rather than making up sessions', () => {
    expect(fromRuns(['a', 'b', 'c'], [[1, 2], 'd'])).toEqual(['b', 'c', 'd'])
    expect(() => fromRuns(['a', 'b'], [[1, 2]])).toThrow(/runs of 3 items of a list of 2/)
  })
})
