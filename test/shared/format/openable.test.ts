import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadDesign } from '../../../shared/format/loadDesign'
import { reasonsNotToOpen } from '../../../shared/format/openable'

const example = readFileSync(resolve(import.meta.dirname, '../../../examples/calico-lab-2.2.yaml'), 'utf8')
const reasons = (text: string) => reasonsNotToOpen(loadDesign(text)).map((d) => [d.code, d.location?.line, d.location?.field])

describe('which files may replace the open design', () => {
  it('opens a sound design, and one whose resources have problems to fix in the app', () => {
    expect(reasons(example)).toEqual([])
    const unmasked = 'apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata: {name: pods}\nspec: {cidr: 10.48.0.5/24, blockSize: "26"}\n'
    expect(loadDesign(unmasked).diagnostics.some((d) => d.severity === 'error')).toBe(true)
    expect(reasons(unmasked)).toEqual([])
  })

  it('refuses a file with a YAML syntax error, naming its line, even when other documents read', () => {
    const broken = `${example}---\napiVersion: v1\nkind: Namespace\nmetadata: {name: [unclosed\n`
    const [reason] = reasonsNotToOpen(loadDesign(broken))
    expect(reason).toMatchObject({ code: 'format.yaml-syntax', severity: 'error' })
    expect(reason?.location?.line).toBeGreaterThan(example.split('\n').length)
  })

  it('refuses documents that are not resources, naming the missing field', () => {
    expect(reasons('apiVersion: v1\nkind: Node\nmetadata: {}\n')).toEqual([['format.missing-field', 3, 'metadata.name']])
    expect(reasons('just some text\n')).toEqual([['format.not-a-resource', 1, undefined]])
  })

  it('refuses a file with nothing in it: empty, comments only, or binary noise that parses as nothing', () => {
    for (const text of ['', '# a comment\n', '\n\n']) expect(reasons(text)).toEqual([['format.no-resources', undefined, undefined]])
    expect(reasons('---\n---\n').length).toBeGreaterThan(0)
    expect(reasons('\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR').length).toBeGreaterThan(0)
  })
})
