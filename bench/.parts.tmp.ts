import { performance } from 'node:perf_hooks'
import { replicaName } from '../shared/ipam/podNames'
import { Scheduler } from '../shared/ipam/scheduler'
import type { Host } from '../shared/model/query'
let t = performance.now()
const lap = (l: string) => {
  const n = performance.now()
  console.log(l.padEnd(16), (n - t).toFixed(0))
  t = n
}
for (let i = 0; i < 150000; i++) replicaName('team-a', `app-${i % 3000}`, i % 50)
lap('replicaName')
const nodes: Host[] = Array.from({ length: 5000 }, (_, i) => ({ id: `node/n${i}`, name: `n${i}`, role: 'worker', interfaces: [], labels: {} }))
const s = new Scheduler(nodes, () => [])
const spec = { containers: [{ name: 'c' }] }
for (let i = 0; i < 150000; i++) s.place(spec)
lap('schedule')
import { autoAssign, BlockStore } from '../shared/ipam/autoAssign'
import { ipamPools } from '../shared/ipam/ipamPools'
const pools = ipamPools([{ apiVersion: 'projectcalico.org/v3', kind: 'IPPool', metadata: { name: 'p' }, spec: { cidr: '10.64.0.0/12', blockSize: 26 } }])
const store = new BlockStore()
const settings = { strictAffinity: false, autoAllocateBlocks: true, maxBlocksPerHost: 0 }
t = performance.now()
for (let i = 0; i < 5000; i++) store.startIndex(`node-${i}`, pools[0]!.numBlocks)
lap('starts')
for (let i = 0; i < 150000; i++) autoAssign(store, `node-${i % 5000}`, pools, settings, { kind: 'pod', node: `node-${i % 5000}` })
lap('autoAssign')
