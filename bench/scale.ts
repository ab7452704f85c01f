// The figures of issue #18 (Scale) on one table, each beside its target. Run with `npm run bench:scale`
// (`-- --quick` leaves out the 3,000-node mesh). Every figure is one run's, after the design is loaded.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { calicoNodeBirdConfig } from '../shared/export/birdConfig'
import { computeIpam } from '../shared/ipam/computeIpam'
import type { Design, DesignEntry } from '../shared/model/design'
import type { IPPoolResource } from '../shared/model/resources'
import { computeNetwork } from '../shared/routing/network'
import { validateDesign } from '../shared/validate/validateDesign'
import { synthetic, syntheticText } from './bgpDesign'
import { syntheticDesign as ipamDesign } from './ipamDesign'

const rows: [string, number, number][] = []

function timed<T>(label: string, targetMs: number, run: () => T): T {
  ;(globalThis as { gc?: () => void }).gc?.()
  const start = performance.now()
  const value = run()
  const ms = performance.now() - start
  rows.push([label, ms, targetMs])
  console.log(row(label, ms, targetMs))
  return value
}

function row(label: string, ms: number, targetMs: number): string {
  return `${label.padEnd(52)} ${ms.toFixed(1).padStart(9)} ms   target < ${String(targetMs).padStart(5)} ms   ${ms < targetMs ? 'met' : 'NOT met'}`
}

/** `count` IP pools with one CIDR: what a generated design can hold. */
function identicalPools(count: number): Design {
  const entries: DesignEntry[] = []
  for (let i = 0; i < count; i++) {
    const resource: IPPoolResource = { apiVersion: 'projectcalico.org/v3', kind: 'IPPool', metadata: { name: `pool-${i}` }, spec: { cidr: '10.64.0.0/16', blockSize: 26 } }
    entries.push({ id: `ippool/pool-${i}`, modelled: true, resource })
  }
  return { name: 'identical-pools', entries }
}

console.log(`${'figure'.padEnd(52)} ${'measured'.padStart(12)}   target`)
const mesh1000 = synthetic(1000, false)
const network = timed('full mesh, 1,000 nodes: sessions + routes', 300, () => computeNetwork(mesh1000))
const last = network.speakers[network.speakers.length - 1]
if (last) timed("one node's BIRD config, 1,000-node mesh", 50, () => calicoNodeBirdConfig(mesh1000, network, last))
// A table as a host panel asks for it, after the analysis: the first one, so nothing of it is kept
// from before. What every node's table shares (the reflectors' clients' BGP table, each mesh
// member's offers to the others) is worked out once by computeNetwork: for the mesh, in the figure above.
timed("one node's table, 1,000-node mesh", 5, () => network.routesOf(last?.id ?? ''))
if (!process.argv.includes('--quick')) {
  const mesh3000 = synthetic(3000, false)
  timed('full mesh, 3,000 nodes: sessions + routes', 1000, () => computeNetwork(mesh3000))
}
const reflected = synthetic(5000, true)
const rrNetwork = computeNetwork(reflected)
timed("one host's table, 5,000 nodes, 2 reflectors", 5, () => rrNetwork.routesOf(rrNetwork.speakers[rrNetwork.speakers.length - 1]?.id ?? ''))
timed('validate 2,000 identical IP pools', 200, () => validateDesign(identicalPools(2000)))
const cluster = ipamDesign(5000, 150_000)
timed('IPAM, 5,000 nodes, 150,000 pods', 500, () => computeIpam(cluster))

// The CLI as a user runs it: a new process reading the file, through tsx (the built CLI starts faster).
const dir = mkdtempSync(join(tmpdir(), 'peerlab-scale-'))
try {
  const file = join(dir, 'mesh-1000.yaml')
  writeFileSync(file, syntheticText(1000, false))
  const cli = fileURLToPath(new URL('../cli/bin/peerlab.ts', import.meta.url))
  const run = (...args: string[]): void => void execFileSync(process.execPath, ['--import', 'tsx', cli, ...args], { stdio: ['ignore', 'ignore', 'ignore'] })
  const start = performance.now()
  run('--help')
  const startup = performance.now() - start
  timed(`peerlab routes --host node-999, 1,000-node mesh (start-up ${startup.toFixed(0)} ms)`, 1000 + Math.round(startup), () => {
    try {
      run('routes', file, '--host', 'node-999')
    } catch {
      // Exit status 1 means design errors, which are printed and do not stop the table.
    }
  })
} finally {
  rmSync(dir, { recursive: true, force: true })
}

console.log(`\n${rows.filter(([, ms, target]) => ms < target).length} of ${rows.length} targets met`)
