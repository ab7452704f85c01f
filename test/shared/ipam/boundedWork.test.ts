import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { loadDesign } from '../../../shared/format/loadDesign'
import { computeIpam, LISTED_AFTER_STEADY, MAX_SIMULATED_PODS } from '../../../shared/ipam/computeIpam'
import { Scheduler } from '../../../shared/ipam/scheduler'
import type { Host } from '../../../shared/model/query'

/** Three nodes, one /16 pool of /26 blocks, and a Deployment of `replicas`. */
function design(replicas: number, extra = ''): string {
  const nodes = [20, 30, 31].map((n) => `apiVersion: v1\nkind: Node\nmetadata: {name: node-${n}}\nstatus: {addresses: [{type: InternalIP, address: 10.0.1.${n}}]}\n`)
  const pool = 'apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata: {name: pods}\nspec: {cidr: 10.48.0.0/16, blockSize: 26}\n'
  const web = `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: ${replicas}\n  template: {spec: {containers: [{name: c}]${extra}}}\n`
  return [...nodes, pool, web].join('---\n')
}

const running = (text: string): string[] =>
  computeIpam(loadDesign(text).design)
    .pods.filter((p) => p.phase === 'Running')
    .map((p) => `${p.name} ${p.node} ${p.ips.join(',')}`)

describe('IPAM work follows the addresses that can be given, not the replicas asked for', () => {
  it('gives a billion replicas in a /16 pool the addresses Calico would, fast, and counts the rest', () => {
    const started = performance.now()
    const result = computeIpam(loadDesign(design(1_000_000_000)).design)
    expect(performance.now() - started).toBeLessThan(5_000)
    // Twenty /26 blocks per node (Calico's default per-host limit), three nodes.
    const given = result.pods.filter((p) => p.phase === 'Running')
    expect(given).toHaveLength(3 * 20 * 64)
    expect(result.pods.length).toBeLessThan(given.length + 3 + LISTED_AFTER_STEADY + 1)
    const summary = result.diagnostics.find((d) => d.code === 'ipam.pod-address' && d.message.startsWith(`${1_000_000_000 - given.length} pods of Deployment default/web get no address`))
    expect(summary?.message).toContain('limit of 20 blocks reached for this node')
    expect(result.diagnostics.filter((d) => d.code === 'ipam.pod-address').length).toBe(LISTED_AFTER_STEADY + 1)
  })

  it('gives the pods that get addresses the same ones whatever the replica count past the pool', () => {
    expect(running(design(1_000_000_000))).toEqual(running(design(3 * 20 * 64 + 7)))
  })

  it('refuses replicas past an int32, as Kubernetes does, rather than counting past exact integers', () => {
    const loaded = loadDesign(design(8.45873848150283e271))
    expect(loaded.diagnostics.map((d) => [d.code, d.location?.field])).toEqual([['format.out-of-range', 'spec.replicas']])
    expect(computeIpam(loaded.design).pods).toEqual([])
    expect(computeIpam(loadDesign(design(2 ** 31 - 1)).design).pods.filter((p) => p.phase === 'Running')).toHaveLength(3 * 20 * 64)
  })

  it('lists a few failures when most nodes have no pool, however many of them there are', () => {
    const nodes = Array.from(
      { length: 300 },
      (_, n) => `apiVersion: v1\nkind: Node\nmetadata: {name: node-${n}, labels: {pool: '${n === 0 ? 'yes' : 'no'}'}}\nstatus: {addresses: [{type: InternalIP, address: 10.0.${n >> 8}.${n & 255}}]}\n`,
    )
    const pool = "apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata: {name: pods}\nspec: {cidr: 10.48.0.0/16, blockSize: 26, nodeSelector: pool == 'yes'}\n"
    const web = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 1000000000, template: {spec: {containers: [{name: c}]}}}\n'
    const started = performance.now()
    const result = computeIpam(loadDesign([...nodes, pool, web].join('---\n')).design)
    expect(performance.now() - started).toBeLessThan(10_000)
    expect(result.pods.filter((p) => p.phase === 'Running')).toHaveLength(20 * 64)
    expect(result.pods.filter((p) => p.phase !== 'Running')).toHaveLength(LISTED_AFTER_STEADY)
    expect(result.diagnostics.find((d) => d.code === 'ipam.pods-not-listed')?.message).toBe(
      `${1_000_000_000 - 20 * 64 - LISTED_AFTER_STEADY} more pods of Deployment default/web are counted, not listed: each would be without an address, as the ones listed are`,
    )
  })

  it('lists a few of a billion unschedulable pods and counts the others', () => {
    const result = computeIpam(loadDesign(design(1_000_000_000, ', nodeSelector: {disk: ssd}')).design)
    expect(result.pods).toHaveLength(LISTED_AFTER_STEADY)
    expect(result.pods.every((p) => p.phase === 'Pending')).toBe(true)
    expect(result.diagnostics.find((d) => d.code === 'ipam.pods-not-listed')?.message).toBe(
      `${1_000_000_000 - LISTED_AFTER_STEADY} more pods of Deployment default/web are counted, not listed: each would be Pending, as the ones listed are`,
    )
  })

  it('lists host-network pods until every node runs one, then a few more, and counts the rest', () => {
    const result = computeIpam(loadDesign(design(1_000_000_000, ', hostNetwork: true')).design)
    expect(result.pods).toHaveLength(3 + LISTED_AFTER_STEADY)
    expect(result.pods.every((p) => p.phase === 'Running')).toBe(true)
    expect(result.diagnostics.map((d) => d.code)).toEqual(['ipam.pods-not-listed'])
  })

  it(`stops at ${MAX_SIMULATED_PODS} pods, Kubernetes' own limit, however they are spread`, () => {
    const web = (i: number): string => `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web${i}}\nspec: {replicas: 100, template: {spec: {containers: [{name: c}], hostNetwork: true}}}\n`
    const text = [design(0), ...Array.from({ length: 1_600 }, (_, i) => web(i))].join('---\n')
    const result = computeIpam(loadDesign(text).design)
    expect(result.pods).toHaveLength(MAX_SIMULATED_PODS)
    expect(result.diagnostics.map((d) => [d.code, d.subject])).toEqual([['ipam.too-many-pods', 'deployment/default/web1500']])
  })
})

describe('placing many pods at once', () => {
  const host = (i: number, labels: Record<string, string>): Host => ({ id: `node/n${i}`, name: `n${i}`, role: 'worker', labels, interfaces: [] }) as unknown as Host
  const spec = { nodeSelector: { pool: 'a' } }

  it('leaves the scheduler where placing them one by one would', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }), fc.array(fc.nat(6), { maxLength: 12 }), fc.nat(40), (selected, warmup, count) => {
        const make = (): Scheduler => new Scheduler(selected.map((s, i) => ({ node: host(i, s ? { pool: 'a' } : {}), taints: [] })))
        const one = make()
        const many = make()
        // Uneven loads first: pods pinned to nodes of any kind.
        for (const w of warmup) {
          const pinned = { nodeName: `n${w % selected.length}` }
          one.place(pinned)
          many.place(pinned)
        }
        for (let i = 0; i < count; i++) one.place(spec)
        many.placeMany(spec, count)
        const next = (s: Scheduler): string[] =>
          Array.from({ length: 2 * selected.length }, () => {
            const p = s.place({})
            return p.ok ? p.node.name : '-'
          })
        expect(next(many)).toEqual(next(one))
      }),
    )
  })
})
