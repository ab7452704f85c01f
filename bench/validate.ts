// Prints how long validateDesign takes on designs with 1,000, 10,000 and 100,000 prefixes
// (IP pools and subnets, a few of them overlapping). Run with `npm run bench:validate`
// (node --expose-gc, so the input's garbage can be collected before each timed run).
// Target on the 2-core CI machine: 100,000 prefixes in under 200 ms.
import { performance } from 'node:perf_hooks'
import type { Design, DesignEntry } from '../shared/model/design'
import type { IPPoolResource, SegmentResource } from '../shared/model/resources'
import { validateDesign } from '../shared/validate/validateDesign'

function ipv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.')
}

/** `prefixes` ranges: 60% pools (/26 inside 10.0.0.0/8), 40% subnets (/24 inside 172.16.0.0/12), one pool in 1,000 overlapping its neighbour. */
function syntheticDesign(prefixes: number): Design {
  const entries: DesignEntry[] = []
  const pools = Math.floor(prefixes * 0.6)
  for (let i = 0; i < pools; i++) {
    const base = (10 << 24) + i * 64 - (i % 1000 === 999 ? 32 : 0)
    const length = i % 1000 === 999 ? 27 : 26
    const resource: IPPoolResource = { apiVersion: 'projectcalico.org/v3', kind: 'IPPool', metadata: { name: `pool-${i}` }, spec: { cidr: `${ipv4(base >>> 0)}/${length}`, blockSize: length } }
    entries.push({ id: `ippool/pool-${i}`, modelled: true, resource })
  }
  for (let i = 0; i < prefixes - pools; i++) {
    const resource: SegmentResource = {
      apiVersion: 'peerlab.dev/v1alpha1',
      kind: 'Segment',
      metadata: { name: `subnet-${i}` },
      spec: { cidrs: [`${ipv4(((172 << 24) + (16 << 16) + i * 256) >>> 0)}/24`] },
    }
    entries.push({ id: `segment/subnet-${i}`, modelled: true, resource })
  }
  return { name: `bench-${prefixes}`, entries }
}

console.log('prefixes   validate (ms, median of 5)   diagnostics')
for (const size of [1_000, 10_000, 100_000]) {
  const times: number[] = []
  let count = 0
  for (let round = 0; round < 5; round++) {
    // A fresh design each round: derived views are cached per design object.
    const design = syntheticDesign(size)
    // Collect the garbage of building the input first, so it is not billed to validation.
    ;(globalThis as { gc?: () => void }).gc?.()
    const start = performance.now()
    count = validateDesign(design).length
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  console.log(`${String(size).padStart(8)}   ${(times[2] ?? NaN).toFixed(1).padStart(26)}   ${count}`)
}
