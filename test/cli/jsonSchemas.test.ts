import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { run } from './cliHarness'
import { jsonPaths } from './jsonPaths'
import { labDesignAfterSteps } from './labDesign'

/**
 * The --json documents as docs/cli.md promises them. A field renamed, removed or retyped fails
 * here: bump schemaVersion and the docs with it. A field added fails too, on purpose: document it.
 */
const lab = labDesignAfterSteps()
const fixture = (name: string): string => resolve(import.meta.dirname, '../fixtures/designs', name)
const docs = readFileSync(resolve(import.meta.dirname, '../../docs/cli.md'), 'utf8')

async function documents(...commands: string[][]): Promise<unknown[]> {
  return Promise.all(commands.map(async (args) => JSON.parse((await run(args)).stdout) as unknown))
}

/** The docs section of one command, from its heading to the next. */
function section(command: string): string {
  const start = docs.indexOf(`## \`peerlab ${command} --json`)
  expect(start).toBeGreaterThanOrEqual(0)
  const end = docs.indexOf('\n## ', start + 1)
  return docs.slice(start, end < 0 ? undefined : end)
}

/** Every field name of `paths` is declared in the command's interfaces in docs/cli.md, or in those it refers to. */
function expectDocumented(command: string, paths: readonly string[], refersTo: readonly string[] = []): void {
  const text = [command, ...refersTo].map(section).join('')
  const keys = new Set(paths.map((p) => (p.split(':')[0] as string).replace(/\[\]/g, '').split('.').at(-1) as string))
  for (const key of keys) expect(text, `docs/cli.md declares ${command}'s ${key}`).toMatch(new RegExp(`\\b${key}\\??: `))
  // The examples are real output, shortened: they parse, and hold no field the command does not print.
  const printed = new Set(paths.map((p) => p.split(':')[0]))
  const examples = [...section(command).matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1] as string) as unknown)
  expect(examples.length).toBeGreaterThan(0)
  for (const path of jsonPaths(...examples)) expect(printed, `docs/cli.md's ${command} example`).toContain(path.split(':')[0])
}

const ROUTE = [
  'destination: string',
  'family: number',
  'kind: string',
  'metric: null|number',
  'nextHops: array',
  'nextHops[].dev: string',
  'nextHops[].via: null|string',
  'proto: null|string',
  'scope: null|string',
  'text: string',
]
const WHY = [
  'why.losers: array',
  'why.losers[].from: string',
  'why.losers[].lostOn: string',
  'why.losers[].notMerged: string',
  'why.losers[].text: string',
  'why.path[]: string',
  'why.steps[]: string',
  'why.summary: string',
]

describe('--json schemas', () => {
  it('routes', async () => {
    const paths = jsonPaths(...(await documents(['routes', lab.path, '--json', '--why'], ['routes', fixture('bgp-filter-v1alpha1.yaml'), '--json', '--why'])))
    expect(paths).toEqual(['hosts[].host: string', 'hosts[].name: string', ...[...ROUTE, ...WHY].map((p) => `hosts[].routes[].${p}`), 'schemaVersion: number'].sort())
    expectDocumented('routes', paths)
  })

  it('why', async () => {
    const paths = jsonPaths(
      ...(await documents(
        ['why', lab.path, '--host', 'bastion', '10.48.0.0/16', '--json'],
        ['why', lab.path, '--host', 'bastion', '10.48.0.5', '--json'],
        ['why', fixture('bgp-filter-v1alpha1.yaml'), '--host', 'edge', '10.80.2.96/28', '--json'],
        ['why', lab.path, '--host', 'worker1', '10.48.0.0/24', '--json'],
        ['why', lab.path, '--host', 'bastion', '10.0.1.1', '--json'],
      )),
    )
    expect(paths).toEqual(
      [
        'host: string',
        'missing: array',
        'missing[].cidr: string',
        'missing[].origin: string',
        'missing[].stops[].kind: string',
        'missing[].stops[].neighbor: string',
        'missing[].stops[].text: string',
        'name: string',
        'notes: array',
        'notes[]: string',
        'query: string',
        'queryKind: string',
        'routeGet: null|string',
        'routed: boolean',
        'routes: array',
        ...[...ROUTE, ...WHY].map((p) => `routes[].${p}`),
        'schemaVersion: number',
        'summary: string',
      ].sort(),
    )
    expectDocumented('why', paths, ['routes'])
  })

  it('sessions', async () => {
    const paths = jsonPaths(...(await documents(['sessions', lab.path, '--json'], ['sessions', 'example:calico-lab-2.2', '--json'])))
    const session = [
      'advertised: array',
      'advertised[]: string',
      'counts.accepted: number',
      'counts.advertised: number',
      'counts.filtered: number',
      'counts.received: number',
      'description: string',
      'established: boolean',
      'info: string',
      'localAs: number',
      'neighbor: string',
      'peerAddress: string',
      'port: null',
      'protocol: string',
      'reason: null|string',
      'received: array',
      'received[].cidr: string',
      'received[].filteredBy: null|string',
      'received[].nextHop: string',
      'remoteAs: number',
      'state: string',
      'type: string',
    ]
    expect(paths).toEqual(['hosts[].host: string', 'hosts[].name: string', ...session.map((p) => `hosts[].sessions[].${p}`), 'schemaVersion: number'].sort())
    expectDocumented('sessions', paths)
  })

  it('status', async () => {
    const paths = jsonPaths(...(await documents(['status', lab.path, '--json'], ['status', lab.path, '--host', 'bastion', '--json'])))
    const row = ['info: string', 'peerAddress: string', 'peerType: string', 'since: string', 'state: string']
    expect(paths).toEqual(
      [
        'hosts[].calicoRunning: boolean',
        'hosts[].host: string',
        'hosts[].ipv4: array',
        ...row.map((p) => `hosts[].ipv4[].${p}`),
        'hosts[].ipv6: array',
        'hosts[].name: string',
        'schemaVersion: number',
      ].sort(),
    )
    expectDocumented('status', [...paths, 'ipv6: array'])
  })

  it('ipam', async () => {
    const forecast = ['--json', '--forecast', '--start', '2025-01-06', '--weeks', '2']
    const paths = jsonPaths(...(await documents(['ipam', lab.path, '--json'], ['ipam', lab.path, ...forecast, '--pods-per-week', '500', '--nodes-per-week', '5'], ['ipam', lab.path, ...forecast])))
    expect(paths).toEqual(
      [
        ...['affinity: string', 'borrowed: number', 'cidr: string', 'free: number', 'inUse: number', 'pool: string', 'size: number'].map((p) => `blocks[].${p}`),
        'borrowingOrder: array',
        ...['nodesPerWeek: number', 'podsPerWeek: number', 'podsStopFittingDate: null|string', 'podsStopFittingWeek: null|number'].map((p) => `forecast.${p}`),
        ...['name: string', 'runsOutDate: null|string', 'runsOutWeek: null|number'].map((p) => `forecast.pools[].${p}`),
        ...['capacity: number', 'date: string', 'free[]: number', 'nodes: number', 'podsAdded: number', 'podsPlaced: number', 'week: number'].map((p) => `forecast.weeks[].${p}`),
        'maxBlocksPerHost: number',
        ...[
          'addressesInUse: number',
          'blocks: number',
          'borrowed: number',
          'freeInBlocks: number',
          'limitedBy: string',
          'maxPods: number',
          'name: string',
          'pods: number',
          'podsThatFit: number',
          'podsThatFitAlone: number',
          'schedulable: boolean',
        ].map((p) => `nodes[].${p}`),
        ...[
          'blockSize: number',
          'blocksClaimed: number',
          'blocksTotal: number',
          'cidr: string',
          'enabled: boolean',
          'free: number',
          'freeAfterFill: number',
          'inUse: number',
          'name: string',
          'nodes: number',
          'podsThatFit: number',
          'size: number',
        ].map((p) => `pools[].${p}`),
        'schemaVersion: number',
        'strictAffinity: boolean',
        'totalPodsThatFit: number',
      ].sort(),
    )
    expectDocumented('ipam', paths)
  })

  it('validate', async () => {
    const paths = jsonPaths(...(await documents(['validate', fixture('twenty-mistakes.yaml'), '--json'])))
    expect(paths).toEqual(
      [
        'design: string',
        ...[
          'code: string',
          'proposal.field: string',
          'proposal.label: string',
          'proposal.subject: string',
          'proposal.text: string',
          'location.column: number',
          'location.document: number',
          'location.field: string',
          'location.line: number',
          'message: string',
          'path[]: number|string',
          'related[]: string',
          'severity: string',
          'subject: string',
          'suggestion: string',
        ].map((p) => `diagnostics[].${p}`),
        'errors: number',
        'schemaVersion: number',
        'warnings: number',
      ].sort(),
    )
    expectDocumented('validate', paths)
  })

  it('starts every document with the schema version', async () => {
    const all = await documents(
      ['routes', lab.path, '--json'],
      ['why', lab.path, '--host', 'bastion', '10.48.0.5', '--json'],
      ['sessions', lab.path, '--json'],
      ['status', lab.path, '--json'],
      ['ipam', lab.path, '--json'],
      ['validate', lab.path, '--json'],
    )
    // ipam's document is at version 2 since its plan became per-node shares of one total.
    for (const [i, document] of all.entries()) expect(Object.entries(document as object)[0]).toEqual(['schemaVersion', i === 4 ? 2 : 1])
  })
})
