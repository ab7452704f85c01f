import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { birdConfigs } from '../../shared/export/birdConfig'
import { loadDesign } from '../../shared/format/loadDesign'
import { computeNetwork } from '../../shared/routing/network'

/** Debian's BIRD 1.6, if installed: `bird -p` parses a configuration and exits, no daemon, no root. */
const BIRD = spawnSync('bird', ['--version']).error === undefined ? undefined : 'bird (BIRD 1.6) is not installed'
const fixture = (name: string): string => readFileSync(resolve(import.meta.dirname, `../fixtures/designs/${name}.yaml`), 'utf8')
/** A design run on another Calico release: spec.calicoVersion added to its Cluster. */
function onVersion(text: string, version: string): string {
  const at = text.indexOf('spec:\n', text.indexOf('kind: Cluster')) + 'spec:\n'.length
  return `${text.slice(0, at)}  calicoVersion: ${version}\n${text.slice(at)}`
}

/**
 * The BIRD configurations exported for v3.32 and v3.33 (metric and LOCAL_PREF mapping in the
 * kernel and export filters, peers in one sorted section, mesh `ttl security off; multihop;`)
 * load in real BIRD 1.6: confd's own check is `bird -p -c` (confd/etc/calico/confd/conf.d/bird.toml).
 */
describe.each([
  ['the lab on v3.32', () => fixture('calico-v3.32')],
  ['the lab on v3.33', () => fixture('calico-v3.33')],
  ['BGPFilter export rules on v3.32', () => onVersion(fixture('bgp-filter-v1alpha1'), 'v3.32')],
  ['route reflectors on v3.33', () => onVersion(fixture('route-reflector-v1alpha1'), 'v3.33')],
])('%s', (_, text) => {
  const dir = mkdtempSync(join(tmpdir(), 'peerlab-bird-parse-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('parses in real BIRD 1.6 (bird -p -c) on every host', (context) => {
    if (BIRD) return context.skip(BIRD)
    const design = loadDesign(text()).design
    const files = birdConfigs(design, computeNetwork(design), 'stock')
    expect(files.length).toBeGreaterThan(0)
    for (const file of files) {
      const path = join(dir, `${file.host.replace('/', '_')}.conf`)
      writeFileSync(path, file.text)
      const run = spawnSync('bird', ['-p', '-c', path], { encoding: 'utf8' })
      expect({ host: file.host, status: run.status, stderr: run.stderr }).toEqual({ host: file.host, status: 0, stderr: '' })
    }
  })
})
