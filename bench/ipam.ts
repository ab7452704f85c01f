// Prints how long computeIpam takes to allocate 150,000 pods on 5,000 nodes over 3 pools
// (/26 and /29 blocks), the target of the IPAM issue: under 1 s on the 2-core CI machine.
// Run with `npm run bench:ipam`.
import { performance } from 'node:perf_hooks'
import { capacityOf } from '../shared/ipam/capacity'
import { computeIpam } from '../shared/ipam/computeIpam'
import { forecastCapacity } from '../shared/ipam/forecast'
import { syntheticDesign } from './ipamDesign'

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
