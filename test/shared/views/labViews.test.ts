import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadDesign } from '../../../shared/format/loadDesign'
import { computeIpam } from '../../../shared/ipam/computeIpam'
import { ipPoolsOf } from '../../../shared/model/query'
import { calicoctlGetIpPools, calicoctlGetIpPoolsYaml } from '../../../shared/views/calicoctlIpPools'
import { calicoctlIpamShow } from '../../../shared/views/calicoctlIpamShow'
import { kubectlGetPods } from '../../../shared/views/kubectlGetPods'
import { readExample } from '../../exampleText'
import { EXTERNAL_POOL, labAfterAllSteps } from '../../labSteps'

const SEED = readFileSync(resolve(import.meta.dirname, '../../fixtures/seed/calico-lab-2.2.md'), 'utf8')
const golden = (name: string): string => readFileSync(resolve(import.meta.dirname, '../../golden/lab', name), 'utf8')

/** The fenced block of the seed that follows the command block containing `command`, `skip` matches in. */
function seedOutput(command: string, skip = 0): string {
  const blocks = [...SEED.matchAll(/```\n([\s\S]*?)```/g)].map((m) => m[1] ?? '')
  const indexes = blocks.flatMap((b, i) => (b.trim() === command || b.trim().startsWith(`${command}\n`) ? [i] : []))
  const at = indexes[skip]
  if (at === undefined) throw new Error(`seed has no command block ${command} #${skip}`)
  return blocks[at + 1] ?? ''
}

const lab = loadDesign(readExample('calico-lab-2.2')).design
const withExternalPool = loadDesign(`${readExample('calico-lab-2.2')}---\n${EXTERNAL_POOL}`).design
const finished = loadDesign(labAfterAllSteps()).design

describe('calicoctl get ippools', () => {
  it('prints the seed lab table before and after the second pool (tabwriter padding, blank line after)', () => {
    expect(calicoctlGetIpPools(ipPoolsOf(lab))).toBe(golden('get-ippools-before.txt'))
    expect(calicoctlGetIpPools(ipPoolsOf(withExternalPool))).toBe(golden('get-ippools-after.txt'))
    // The seed transcript lost its trailing spaces; the words and columns are the same.
    const trim = (text: string): string =>
      text
        .split('\n')
        .map((l) => l.trimEnd())
        .filter((l) => l !== '')
        .join('\n')
    expect(trim(calicoctlGetIpPools(ipPoolsOf(lab)))).toBe(trim(seedOutput('calicoctl get ippools', 0)))
    expect(trim(calicoctlGetIpPools(ipPoolsOf(withExternalPool)))).toBe(trim(seedOutput('calicoctl get ippools', 1)))
  })

  it('prints -o wide with every column calico.md §3.2 lists', () => {
    expect(calicoctlGetIpPools(ipPoolsOf(withExternalPool), true)).toBe(golden('get-ippools-wide.txt'))
  })

  it('prints -o yaml as an IPPoolList with Calico defaults filled in', () => {
    expect(calicoctlGetIpPoolsYaml(ipPoolsOf(withExternalPool))).toBe(golden('get-ippools.yaml'))
  })
})

describe('calicoctl ipam show', () => {
  it('is exactly the seed lab table once the nginx pod runs', () => {
    const shown = calicoctlIpamShow(computeIpam(finished))
    expect(shown).toBe(seedOutput('calicoctl ipam show'))
    expect(shown).toBe(golden('ipam-show.txt'))
  })

  it('lists blocks under their pools in block-name order with --show-blocks', () => {
    expect(calicoctlIpamShow(computeIpam(finished), { showBlocks: true })).toBe(golden('ipam-show-blocks.txt'))
  })
})

describe('kubectl get pods -n external-ns -o wide', () => {
  it('is the seed line, pod name suffix and AGE aside', () => {
    const pods = computeIpam(finished).pods.filter((p) => p.namespace === 'external-ns')
    const shown = kubectlGetPods(pods, { wide: true, age: () => '10m' })
    const expected = seedOutput('kubectl get pods -n external-ns -o wide')
    const suffixFree = (text: string): string => text.replace(/nginx-[a-z0-9]{8,10}-[a-z0-9]{5}/g, 'nginx-HASH-XXXXX')
    expect(suffixFree(shown)).toBe(suffixFree(expected))
    expect(shown).toBe(golden('get-pods-external-ns-wide.txt'))
  })

  it('lists every namespace with -A, and pods that cannot run with their phase', () => {
    expect(kubectlGetPods(computeIpam(finished).pods, { allNamespaces: true, age: () => '3d' })).toBe(golden('get-pods-all.txt'))
  })
})
