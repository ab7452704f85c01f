import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { liveDiagnostics } from '../../shared/edit/liveDiagnostics'
import { loadDesign } from '../../shared/format/loadDesign'
import { saveDesign } from '../../shared/format/saveDesign'
import { hostsOf } from '../../shared/model/query'
import { deriveNetwork } from '../../shared/routing/network'
import { canvasSessions } from '../../shared/topology/canvasSessions'
import type { FromWorker } from '../../renderer/src/analysis/protocol'
import { useDesignStore } from '../../renderer/src/stores/design'

const example = { name: 'calico-lab-2.2.yaml', text: readFileSync(resolve(import.meta.dirname, '../../examples/calico-lab-2.2.yaml'), 'utf8') }
const namespace = (name: string) => ({ type: 'apply' as const, resource: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } } })

/** Waits until the store's analysis has caught up with its design (in Node it runs a task later, on the same thread). */
async function settled(store: ReturnType<typeof useDesignStore>): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (store.analysedDesign === store.design && store.stageLog.at(-1)?.stage === 'done') return
    await new Promise((r) => setTimeout(r, 5))
  }
  throw new Error('the analysis never caught up')
}

describe('the analysis, as the design store asks the worker for it', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('sends sessions, then routes, then diagnostics, each as the engine works them out for the design on screen', async () => {
    const store = useDesignStore()
    expect(store.analysisThread).toBe('inline')
    store.open(example)
    store.dispatch(namespace('team-b'))
    await settled(store)
    const loaded = loadDesign(example.text, { name: 'calico-lab-2.2' })
    const network = deriveNetwork(store.design)
    expect(store.sessionEdges).toEqual(canvasSessions(network.sessionSet))
    expect(store.diagnostics).toEqual(liveDiagnostics(loaded, store.design, network.diagnostics))
    const last = store.stageLog.filter((s) => s.version === store.analysedVersion).map((s) => s.stage)
    expect(last).toEqual(['sessions', 'routes', 'diagnostics', 'done'])
    const host = hostsOf(store.design)[0]?.id as string
    expect(await store.ask(store.analysedVersion, 'routes', host)).toEqual(network.routesOf(host))
  })

  it("sends a node's learned routes with their text and reasons, which the engine spells out only when read", async () => {
    const store = useDesignStore()
    store.open(example)
    await settled(store)
    const network = deriveNetwork(store.design)
    const node = network.speakers.find((s) => s.kind === 'calico')?.id as string
    const sent = (await store.ask(store.analysedVersion, 'routes', node)) as readonly { readonly kind: string; readonly text: string; readonly why: string }[]
    expect(sent.some((r) => r.kind === 'bgp' || r.kind === 'tunnel')).toBe(true)
    expect(sent.map((r) => [r.text, r.why])).toEqual(network.routesOf(node).map((r) => [r.text, r.why]))
  })

  it('keeps the sessions it has when an edit leaves them as they were, so the canvas has nothing to redraw', async () => {
    const store = useDesignStore()
    store.open(example)
    await settled(store)
    const before = store.sessionEdges
    store.dispatch(namespace('team-c'))
    await settled(store)
    expect(store.sessionEdges).toBe(before)
    store.dispatch({ type: 'remove', id: hostsOf(store.design)[0]?.id as string })
    await settled(store)
    expect(store.sessionEdges).not.toBe(before)
  })

  it('keeps the badges it has when an edit leaves IPAM as it was, so thousands of them are not read again', async () => {
    const store = useDesignStore()
    store.open(example)
    await settled(store)
    const before = store.badges
    expect(before.size).toBeGreaterThan(0)
    store.dispatch(namespace('team-d'))
    await settled(store)
    expect(store.badges).toBe(before)
    store.dispatch({ type: 'remove', id: hostsOf(store.design).find((h) => h.role !== 'router')?.id as string })
    await settled(store)
    expect(store.badges).not.toBe(before)
    expect(store.badges.size).toBe(before.size - 1)
  })

  it('keeps the Problems list it has when an edit leaves it as it was, and takes the new one when not', async () => {
    const store = useDesignStore()
    store.open(example)
    await settled(store)
    const before = store.diagnostics
    const host = hostsOf(store.design).find((h) => h.role !== 'router')?.id as string
    expect(store.tryEdit(host, 'alias', 'renamed')).toEqual([])
    await settled(store)
    expect(store.diagnostics).toBe(before)
    // A second pool over the first: a problem the list did not have.
    store.dispatch({ type: 'apply', resource: { apiVersion: 'projectcalico.org/v3', kind: 'IPPool', metadata: { name: 'twin' }, spec: { cidr: '10.48.0.0/16' } } })
    await settled(store)
    expect(store.diagnostics).not.toBe(before)
    expect(store.diagnostics.some((d) => d.subject === 'ippool/twin')).toBe(true)
  })

  it('drops the analysis of a design edited again before it was done', async () => {
    const store = useDesignStore()
    store.open(example)
    await settled(store)
    store.dispatch(namespace('a'))
    await Promise.resolve()
    store.dispatch(namespace('b'))
    await settled(store)
    const shown = new Set(store.stageLog.filter((s) => s.stage === 'done').map((s) => s.version))
    // The version with only `a` was sent and never finished: `b` came first.
    expect(shown.has(store.analysedVersion - 1)).toBe(false)
    expect(store.design.entries.map((e) => e.id)).toContain('namespace/b')
  })

  it('answers a question about an older version as stale, and one about the current version with the engine’s answer', async () => {
    const store = useDesignStore()
    store.open(example)
    await settled(store)
    const old = store.analysedVersion
    store.dispatch(namespace('c'))
    await expect(store.ask(old, 'toolCommand', 'node/ip-10-0-1-20')).rejects.toThrow(/older design/)
  })

  it('writes the file to save in the worker, the same text as on the UI thread', async () => {
    const store = useDesignStore()
    store.open(example)
    store.dispatch(namespace('team-d'))
    expect(await store.textToSaveLater()).toBe(saveDesign(store.design, example.text))
    // Undo names a design the worker still holds.
    store.undoLast()
    expect(await store.textToSaveLater()).toBe(saveDesign(store.design, example.text))
  })

  it('runs the lab console beside the network, and its kubectl apply comes back as an undoable edit', async () => {
    const store = useDesignStore()
    store.open(example)
    await store.console.start()
    const applied = await store.console.run('kubectl apply -f - <<EOF\napiVersion: v1\nkind: Namespace\nmetadata: {name: from-console}\nEOF')
    expect(applied.entries[0]).toMatchObject({ exitCode: 0, output: 'namespace/from-console created\n' })
    for (let i = 0; i < 100 && !store.design.entries.some((e) => e.id === 'namespace/from-console'); i++) await new Promise((r) => setTimeout(r, 5))
    expect(store.design.entries.map((e) => e.id)).toContain('namespace/from-console')
    expect(store.canUndo).toBe(true)
    const listed = await store.console.run('kubectl get namespaces')
    expect(listed.entries[0]?.output).toContain('from-console')
  })
})

describe('every answer the worker gives', () => {
  it('crosses to the UI thread: a structured clone of it is the same answer', async () => {
    const { QUERIES } = await import('../../renderer/src/analysis/queries')
    const { LabConsole } = await import('../../shared/console/labConsole')
    const { BGP_PEER, EXTERNAL_NAMESPACE, EXTERNAL_POOL, NGINX } = await import('../labSteps')
    const lab = new LabConsole(loadDesign(example.text).design)
    for (const step of [EXTERNAL_POOL, BGP_PEER, EXTERNAL_NAMESPACE, NGINX]) lab.run(`kubectl apply -f - <<EOF\n${step}EOF`)
    const design = lab.design
    const network = deriveNetwork(design)
    const context = { design, network, console: () => lab }
    for (const host of hostsOf(design)) {
      const routes = QUERIES.routes(context, host.id)
      const sessions = QUERIES.sessions(context, host.id)
      const answers = [
        routes,
        ...routes.map((r) => QUERIES.provenance(context, host.id, r.text)),
        QUERIES.whyNot(context, host.id, '10.48.0.5'),
        sessions,
        QUERIES.sessionCounts(
          context,
          host.id,
          sessions.map((s) => s.session.protocol),
        ),
        ...sessions.map((s) => QUERIES.sessionRoutes(context, host.id, s.session.protocol)),
        QUERIES.addresses(context, host.id),
        QUERIES.toolStatus(context, host.id),
        QUERIES.toolCommand(context, host.id),
      ]
      for (const answer of answers) expect(structuredClone(answer)).toEqual(answer)
    }
    const options = { podsPerWeek: 20, nodesPerWeek: 1, weeks: 10, startDate: '2026-01-05' }
    for (const answer of [QUERIES.addressMap(context), QUERIES.utilisation(context), QUERIES.ipamShow(context), QUERIES.capacity(context), QUERIES.forecast(context, options)])
      expect(structuredClone(answer)).toEqual(answer)
  })
})

describe('the checks the worker sends with the Problems list', () => {
  it('are what validateDesign gives for the design, for the UI thread to try the next edit on without checking it again', async () => {
    const { createAnalysisService } = await import('../../renderer/src/analysis/analysisService')
    const { validateDesign } = await import('../../shared/validate/validateDesign')
    // A pool outside the pod CIDR and one overlapping it: a design with problems to send.
    const text = `${example.text}---\napiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata: {name: stray}\nspec: {cidr: 192.168.0.0/24}\n`
    const sent: FromWorker[] = []
    const handle = createAnalysisService((message) => sent.push(structuredClone(message)))
    handle({ kind: 'state', version: 1, design: { id: 1, text, name: 'lab.yaml' }, file: { id: 0 } })
    for (let i = 0; i < 500 && !sent.some((m) => m.kind === 'diagnostics'); i++) await new Promise((r) => setTimeout(r, 5))
    const message = sent.find((m) => m.kind === 'diagnostics')
    if (message?.kind !== 'diagnostics' || 'same' in message) throw new Error('no diagnostics came')
    const expected = validateDesign(loadDesign(text, { name: 'lab' }).design)
    expect(expected.length).toBeGreaterThan(0)
    expect(message.validated).toEqual(expected)
  })
})
