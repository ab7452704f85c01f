// Prints how long the engine takes to read a design bundle and turn it into the canvas graph,
// for designs of growing size. Run with `npm run bench`. Figures, not pass/fail: performance is
// tracked here, never in timed unit tests.
import { performance } from 'node:perf_hooks'
import { loadDesign } from '../shared/format/loadDesign'
import { hostsOf } from '../shared/model/query'
import { buildTopologyGraph } from '../shared/topology/topologyGraph'

/** A design with `nodes` Kubernetes nodes spread over /24 segments of 200 hosts each. */
function syntheticBundle(nodes: number): string {
  const docs: string[] = ['apiVersion: peerlab.dev/v1alpha1\nkind: Cluster\nmetadata:\n  name: bench\nspec:\n  podCIDRs: [10.128.0.0/9]\n  serviceCIDRs: [10.96.0.0/16]\n']
  const segments = Math.ceil(nodes / 200)
  for (let s = 0; s < segments; s++) {
    docs.push(
      `apiVersion: peerlab.dev/v1alpha1\nkind: Segment\nmetadata:\n  name: rack-${s}\nspec:\n  cidrs: [10.${s >> 8}.${s & 255}.0/24]\n  gateways: [10.${s >> 8}.${s & 255}.1]\n  interface: eth0\n`,
    )
  }
  for (let n = 0; n < nodes; n++) {
    const s = Math.floor(n / 200)
    const address = `10.${s >> 8}.${s & 255}.${(n % 200) + 10}`
    docs.push(`apiVersion: v1\nkind: Node\nmetadata:\n  name: node-${n}\n  labels:\n    kubernetes.io/hostname: node-${n}\nstatus:\n  addresses:\n    - type: InternalIP\n      address: ${address}\n`)
  }
  return docs.join('---\n')
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? NaN
}

console.log('nodes   bytes       load (ms)   graph (ms)')
for (const nodes of [100, 1_000, 5_000]) {
  const text = syntheticBundle(nodes)
  const loadTimes: number[] = []
  const graphTimes: number[] = []
  for (let round = 0; round < 5; round++) {
    const t0 = performance.now()
    const { design, diagnostics } = loadDesign(text)
    const t1 = performance.now()
    buildTopologyGraph(design)
    const t2 = performance.now()
    if (diagnostics.length > 0 || hostsOf(design).length !== nodes) throw new Error(`synthetic design is wrong: ${diagnostics[0]?.message}`)
    loadTimes.push(t1 - t0)
    graphTimes.push(t2 - t1)
  }
  console.log(`${String(nodes).padEnd(7)} ${String(text.length).padEnd(11)} ${median(loadTimes).toFixed(1).padStart(9)}   ${median(graphTimes).toFixed(1).padStart(10)}`)
}
