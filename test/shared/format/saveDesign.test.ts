import { readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { applyCommand } from '../../../shared/commands/commands'
import { loadDesign } from '../../../shared/format/loadDesign'
import { saveDesign } from '../../../shared/format/saveDesign'
import type { OpaqueResource } from '../../../shared/model/design'
import { ipPoolsOf } from '../../../shared/model/query'

const ROOT = resolve(import.meta.dirname, '../../..')
const FILES = [...readdirSync(resolve(ROOT, 'examples')).map((f) => `examples/${f}`), ...readdirSync(resolve(ROOT, 'test/fixtures/designs')).map((f) => `test/fixtures/designs/${f}`)].filter((f) =>
  f.endsWith('.yaml'),
)

describe('load then save is byte-stable', () => {
  it.each(FILES)('%s', (file) => {
    const text = readFileSync(resolve(ROOT, file), 'utf8')
    expect(saveDesign(loadDesign(text).design, text)).toBe(text)
  })
})

const LAB = readFileSync(resolve(ROOT, 'examples/calico-lab-2.2.yaml'), 'utf8')
const EXTERNAL_POOL = {
  apiVersion: 'projectcalico.org/v3',
  kind: 'IPPool',
  metadata: { name: 'external-pool' },
  spec: { cidr: '10.48.2.0/24', blockSize: 29, ipipMode: 'Never', natOutgoing: true },
} as OpaqueResource

describe('saving an edited design', () => {
  it('edits a changed document in place and keeps every comment', () => {
    const { design } = loadDesign(LAB)
    const pool = ipPoolsOf(design)[0]
    if (!pool) throw new Error('example has no pool')
    const edited = applyCommand(design, { type: 'apply', resource: { ...pool, spec: { ...pool.spec, natOutgoing: false } } as unknown as OpaqueResource })
    const saved = saveDesign(edited, LAB)
    expect(saved).toBe(LAB.replace('  natOutgoing: true\n  nodeSelector: all()', '  natOutgoing: false\n  nodeSelector: all()'))
    expect(saved).toContain('# Created by calico-node at install from CALICO_IPV4POOL_CIDR')
  })

  it('appends new resources and drops removed ones, deterministically', () => {
    const { design } = loadDesign(LAB)
    const edited = applyCommand(applyCommand(design, { type: 'apply', resource: EXTERNAL_POOL }), { type: 'remove', id: 'node/ip-10-0-1-31.eu-west-1.compute.internal' })
    const saved = saveDesign(edited, LAB)
    expect(saved).toBe(saveDesign(edited, LAB))
    expect(saved).not.toContain('ip-10-0-1-31')
    expect(
      saved.endsWith('---\napiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata:\n  name: external-pool\nspec:\n  cidr: 10.48.2.0/24\n  blockSize: 29\n  ipipMode: Never\n  natOutgoing: true\n'),
    ).toBe(true)
    expect(loadDesign(saved).design.entries.map((e) => e.id)).toEqual(edited.entries.map((e) => e.id))
  })

  it('writes a design with no previous text in apply order', () => {
    const design = applyCommand(loadDesign('').design, {
      type: 'batch',
      label: 'seed',
      commands: [
        { type: 'apply', resource: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ns' } } },
        { type: 'apply', resource: EXTERNAL_POOL },
      ],
    })
    const saved = saveDesign(design)
    expect(saved.indexOf('kind: IPPool')).toBeLessThan(saved.indexOf('kind: Namespace'))
    expect(saved.startsWith('apiVersion: projectcalico.org/v3\n')).toBe(true)
  })

  it('never loses a document it could not read', () => {
    const text = `${LAB}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web: broken\n`
    const { design } = loadDesign(text)
    expect(saveDesign(design, text)).toBe(text)
    const edited = applyCommand(design, { type: 'apply', resource: EXTERNAL_POOL })
    expect(saveDesign(edited, text)).toContain('  name: web: broken\n---\napiVersion: projectcalico.org/v3\nkind: IPPool')
  })
})
