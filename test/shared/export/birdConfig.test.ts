import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { birdConfigs } from '../../../shared/export/birdConfig'
import { loadDesign } from '../../../shared/format/loadDesign'
import { computeNetwork } from '../../../shared/routing/network'
import { labAfterAllSteps } from '../../labSteps'

const golden = (name: string): string => readFileSync(resolve(import.meta.dirname, '../../golden/lab', name), 'utf8')

describe('BIRD configuration export for the seed lab', () => {
  const design = loadDesign(labAfterAllSteps()).design
  const files = birdConfigs(design, computeNetwork(design))
  const fileOf = (host: string): string => files.find((f) => f.host === host)?.text ?? ''

  it('writes bird.cfg for each Calico node and bird.conf for bastion', () => {
    expect(files.map((f) => [f.host, f.path])).toEqual([
      ['router/bastion', '/etc/bird/bird.conf'],
      ['node/ip-10-0-1-20.eu-west-1.compute.internal', '/etc/calico/confd/config/bird.cfg'],
      ['node/ip-10-0-1-30.eu-west-1.compute.internal', '/etc/calico/confd/config/bird.cfg'],
      ['node/ip-10-0-1-31.eu-west-1.compute.internal', '/etc/calico/confd/config/bird.cfg'],
    ])
  })

  it('gives worker2 its blocks, the pool filters, and its mesh and global sessions (calico.md §5)', () => {
    expect(fileOf('node/ip-10-0-1-31.eu-west-1.compute.internal')).toBe(golden('bird-worker2.cfg'))
  })

  it('gives bastion a neighbor per node and the import filter that keeps the default pool out', () => {
    expect(fileOf('router/bastion')).toBe(golden('bird-bastion.conf'))
    expect(fileOf('router/bastion')).toContain('filter peer_import {\n  if (net ~ 10.48.2.0/24) then accept;\n  reject;')
  })
})

describe('BIRD configuration export for a router that merges paths', () => {
  it('turns on merge paths in its kernel protocol only when the Router asks to', () => {
    const design = loadDesign(labAfterAllSteps().replace('  daemon: bird\n', '  daemon: bird\n  mergePaths: true\n')).design
    const bastion = birdConfigs(design, computeNetwork(design)).find((f) => f.host === 'router/bastion')?.text
    expect(bastion).toContain('protocol kernel {\n  persist;\n  scan time 20;\n  import none;\n  export all;\n  merge paths on;  # Equal BGP paths become one multipath (ECMP) route.\n}')
    expect(golden('bird-bastion.conf')).not.toContain('merge paths')
  })
})
