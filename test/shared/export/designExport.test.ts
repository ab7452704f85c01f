import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { EXPORT_FORMATS, exportDesign, FORMAT_INFO, joinedText, type ExportRequest } from '../../../shared/export/designExport'
import { computeNetwork } from '../../../shared/routing/network'
import { checkBundle } from '../../../shared/validate/checkBundle'
import { readExample } from '../../exampleText'

function request(text: string, extra: Partial<ExportRequest> = {}): ExportRequest {
  const { design, diagnostics } = checkBundle(text)
  return { design, diagnostics, sourceText: text, network: () => computeNetwork(design), ...extra }
}
const LAB = readExample('calico-lab-2.2')
// A pool with host bits set: an error Calico refuses.
const BROKEN = `${LAB}---\napiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata:\n  name: stray\nspec:\n  cidr: 10.99.0.1/24\n  disabled: true\n`
const FRR_LAB = LAB.replace('  daemon: bird\n', '  daemon: frr\n')

describe('exportDesign', () => {
  it('exports every format but PNG from the lab, each with a file name of its own', () => {
    const names = EXPORT_FORMATS.filter((f) => f !== 'png').flatMap((format) => {
      const outcome = exportDesign(format, request(format === 'frr' ? FRR_LAB : LAB))
      expect(outcome.status, format).toBe('exported')
      return outcome.status === 'exported' ? outcome.files.map((f) => f.name) : []
    })
    expect(names).toEqual([
      'calico-lab-2.2.kubernetes.yaml',
      'calico-lab-2.2.calico.yaml',
      'calico-lab-2.2.nodes.sh',
      'bastion.bird.conf',
      'control1.bird.cfg',
      'worker1.bird.cfg',
      'worker2.bird.cfg',
      'bastion.frr.conf',
      'calico-lab-2.2.yaml',
      'calico-lab-2.2.svg',
      'calico-lab-2.2.mmd',
      'calico-lab-2.2.drawio',
    ])
  })

  it('refuses a design with errors in each format a tool applies, returning the errors, unless forced', () => {
    for (const format of EXPORT_FORMATS.filter((f) => FORMAT_INFO[f].forATool)) {
      const refused = exportDesign(format, request(BROKEN))
      expect(refused, format).toMatchObject({ status: 'refused', errors: [expect.objectContaining({ code: 'ippool.cidr-not-masked' })] })
    }
    expect(exportDesign('calicoctl', request(BROKEN, { force: true }))).toMatchObject({ status: 'exported', files: [expect.objectContaining({ text: expect.stringContaining('name: stray') })] })
  })

  it('exports the design bundle and the pictures of a design with errors as they are', () => {
    for (const format of ['design', 'svg', 'mermaid', 'drawio'] as const) expect(exportDesign(format, request(BROKEN)).status, format).toBe('exported')
    const bundle = exportDesign('design', request(BROKEN))
    expect(bundle.status === 'exported' && bundle.files[0]?.text).toBe(BROKEN)
  })

  it('exports one host’s config by name or alias, says where each config goes, and says when there is none', () => {
    const byAlias = exportDesign('bird', request(LAB, { host: 'worker2' }))
    const byName = exportDesign('bird', request(LAB, { host: 'ip-10-0-1-31.eu-west-1.compute.internal' }))
    expect(byAlias).toEqual(byName)
    expect(byAlias).toMatchObject({
      status: 'exported',
      files: [{ name: 'worker2.bird.cfg', installPath: '/etc/calico/confd/config/bird.cfg' }],
      notes: ['worker2.bird.cfg goes to /etc/calico/confd/config/bird.cfg on worker2'],
    })
    expect(exportDesign('bird', request(LAB, { host: 'nobody' }))).toEqual({ status: 'unavailable', message: 'no BGP speaker running BIRD named nobody' })
    expect(exportDesign('frr', request(LAB))).toEqual({ status: 'unavailable', message: 'the design has no router running FRR' })
    expect(exportDesign('png', request(LAB)).status).toBe('unavailable')
  })

  it('joins several configs into one text, each after a line naming it and where it goes', () => {
    const outcome = exportDesign('bird', request(LAB))
    const text = outcome.status === 'exported' ? joinedText(outcome.files) : ''
    expect(text.match(/^# ==> .*$/gm)).toEqual([
      '# ==> bastion.bird.conf: /etc/bird/bird.conf',
      '# ==> control1.bird.cfg: /etc/calico/confd/config/bird.cfg',
      '# ==> worker1.bird.cfg: /etc/calico/confd/config/bird.cfg',
      '# ==> worker2.bird.cfg: /etc/calico/confd/config/bird.cfg',
    ])
  })

  it('says when Calico resources leave node changes to the node changes', () => {
    const rr = readFileSync(resolve(import.meta.dirname, '../../fixtures/designs/route-reflector-v1alpha1.yaml'), 'utf8')
    expect(exportDesign('calicoctl', request(rr))).toMatchObject({ notes: ['the design also changes nodes (2 commands): they are in the node changes (peerlab export --format nodes)'] })
  })
})
