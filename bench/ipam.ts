// Prints how long computeIpam takes to allocate 150,000 pods on 5,000 nodes over 3 pools
// (/26 and /29 blocks), the target of the IPAM issue: under 1 s on the 2-core CI machine.
// Run with `npm run bench:ipam`.
import { performance } from 'node:perf_hooks'
import { capacityOf } from '../shared/ipam/capacity'
import { computeIpam } from '../shared/ipam/computeIpam'
import { forecastCapacity } from '../shared/ipam/forecast'
import type { Design, DesignEntry } from '../shared/model/design'
import type { DeploymentResource, IPPoolResource, KubernetesNodeResource, NamespaceResource } from '../shared/model/resources'

function ipv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.')
}

function syntheticDesign(nodes: number, pods: number): Design {
  const entries: DesignEntry[] = []
  const add = (id: string, resource: unknown): void => void entries.push({ id, modelled: true, resource: resource as DesignEntry['resource'] & { kind: string } } as DesignEntry)
  for (let i = 0; i < nodes; i++) {
    const node: KubernetesNodeResource = { apiVersion: 'v1', kind: 'Node', metadata: { name: `node-${i}`, labels: { rack: `r${i % 25}` } }, status: { addresses: [{ type: 'InternalIP', address: ipv4((10 << 24) + (1 << 16) + i) }] } }
    add(`node/node-${i}`, node)
  }
  const pools: IPPoolResource[] = [
    { apiVersion: 'projectcalico.org/v3', kind: 'IPPool', metadata: { name: 'pods-a' }, spec: { cidr: '10.64.0.0/12', blockSize: 26, ipipMode: 'Always' } },
    { apiVersion: 'projectcalico.org/v3', kind: 'IPPool', metadata: { name: 'pods-b' }, spec: { cidr: '10.96.0.0/13', blockSize: 26 } },
    { apiVersion: 'projectcalico.org/v3', kind: 'IPPool', metadata: { name: 'small' }, spec: { cidr: '10.112.0.0/14', blockSize: 29 } },
  ]
  for (const pool of pools) add(`ippool/${pool.metadata.name}`, pool)
  const namespaces = ['team-a', 'team-b', 'edge']
  const poolFor: Record<string, string> = { 'team-a': 'pods-a', 'team-b': 'pods-b', edge: 'small' }
  for (const name of namespaces) {
    const ns: NamespaceResource = { apiVersion: 'v1', kind: 'Namespace', metadata: { name, annotations: { 'cni.projectcalico.org/ipv4pools': JSON.stringify([poolFor[name]]) } } }
    add(`namespace/${name}`, ns)
  }
  const perDeployment = 50
  for (let d = 0; d < pods / perDeployment; d++) {
    const namespace = namespaces[d % namespaces.length] as string
    const deployment: DeploymentResource = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: `app-${d}`, namespace }, spec: { replicas: perDeployment, template: { metadata: { labels: { app: `app-${d}` } }, spec: { containers: [{ name: 'c' }] } } } }
    add(`deployment/${namespace}/app-${d}`, deployment)
  }
  return { name: 'bench', entries }
}

const design = syntheticDesign(Number(process.env.NODES ?? 5_000), Number(process.env.PODS ?? 150_000))
const times: number[] = []
let summary = ''
for (let round = 0; round < 3; round++) {
  ;(globalThis as { gc?: () => void }).gc?.()
  const start = performance.now()
  const result = computeIpam(design)
  times.push(performance.now() - start)
  const running = result.pods.filter((p) => p.phase === 'Running').length
  summary = `${result.pods.length} pods (${running} running), ${result.blocks.length} blocks, ${result.tunnels.length} tunnel addresses`
}
times.sort((a, b) => a - b)
console.log(`computeIpam, 5,000 nodes, 150,000 pods, 3 pools: ${(times[1] ?? NaN).toFixed(0)} ms (median of 3; ${summary})`)

// Capacity fills the same cluster up to every node's maxPods (5,000 × 110, 400,000 more pods),
// and a forecast runs that fill again every week: both are run once the IPAM above is known.
const ipam = computeIpam(design)
const timed = <T>(run: () => T): [T, number] => {
  ;(globalThis as { gc?: () => void }).gc?.()
  const start = performance.now()
  const value = run()
  return [value, performance.now() - start]
}
const [capacity, capacityMs] = timed(() => capacityOf(design, ipam))
console.log(`capacityOf, same design: ${capacityMs.toFixed(0)} ms (${capacity.totalPodsThatFit} more pods fit)`)
const [forecast, forecastMs] = timed(() => forecastCapacity(design, ipam, { podsPerWeek: 5_000, nodesPerWeek: 20, weeks: 12 }))
console.log(`forecastCapacity, same design, 12 weeks: ${forecastMs.toFixed(0)} ms (pods stop fitting in week ${forecast.podsStopFittingWeek ?? 'none'})`)
