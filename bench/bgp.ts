// Prints, for designs of growing size, how long the engine takes to compute sessions and routes,
// to materialise one host's table (and then a second host's), and the heap it needed.
// Run with `npm run bench:bgp`.
// Targets of issue #5: 1,000 nodes under 300 ms, 5,000 under 2 s, one host's table under 20 ms.
// The real-BIRD convergence of the small designs is printed by the conformance test (npm test).
import { performance } from 'node:perf_hooks'
import { loadDesign } from '../shared/format/loadDesign'
import type { Design } from '../shared/model/design'
import { computeNetwork } from '../shared/routing/network'
import { readFileSync } from 'node:fs'
import { synthetic } from './bgpDesign'
import { DESIGNS, start as startBirdLab, UNAVAILABLE } from '../test/conformance/birdLab'

function measure(label: string, design: Design): void {
  ;(globalThis as { gc?: () => void }).gc?.()
  const heapBefore = process.memoryUsage().heapUsed
  const start = performance.now()
  const network = computeNetwork(design)
  const computed = performance.now()
  const host = network.speakers[network.speakers.length - 1]?.id ?? ''
  const routes = network.routesOf(host)
  const materialised = performance.now()
  // Another host of the same kind, as a view flipping from host to host asks for it.
  network.routesOf(network.speakers[network.speakers.length - 2]?.id ?? '')
  const next = performance.now()
  const heap = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20
  console.log(
    `${label.padEnd(34)} sessions+routes ${(computed - start).toFixed(0).padStart(6)} ms   one table ${(materialised - computed).toFixed(1).padStart(6)} ms (${routes.length} routes), the next ${(next - materialised).toFixed(1).padStart(5)} ms   heap +${heap.toFixed(0)} MiB`,
  )
}

const lab = readFileSync(new URL('../examples/calico-lab-2.2.yaml', import.meta.url), 'utf8')
measure('seed lab (3 nodes + bastion)', loadDesign(lab).design)

// The small designs side by side with real BIRD 1.6: the engine's time, and how long the daemons
// took to converge on the same design (root and Debian's bird needed; skipped otherwise).
for (const [label, key, text] of DESIGNS) {
  const design = loadDesign(text()).design
  const start = performance.now()
  computeNetwork(design)
  const engineMs = performance.now() - start
  if (UNAVAILABLE !== undefined) {
    console.log(`${label.padEnd(44)} engine ${engineMs.toFixed(0).padStart(4)} ms   real BIRD: skipped (${UNAVAILABLE})`)
    continue
  }
  const running = startBirdLab(design, `b${key}`)
  try {
    console.log(`${label.padEnd(44)} engine ${engineMs.toFixed(0).padStart(4)} ms   real BIRD converged in ${running.convergedMs} ms`)
  } finally {
    running.lab.tearDown()
  }
}

for (const [label, nodes, rr] of [
  ['100-node full mesh', 100, false],
  ['1,000 nodes, 25 racks, 2 reflectors', 1000, true],
  ['5,000 nodes, 125 racks, 2 reflectors', 5000, true],
] as const) {
  if (process.argv.includes('--quick') && nodes > 100) continue
  measure(label, synthetic(nodes, rr))
}
