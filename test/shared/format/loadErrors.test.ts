import { describe, expect, it } from 'vitest'
import { loadDesign } from '../../../shared/format/loadDesign'
import { ipPoolsOf } from '../../../shared/model/query'
import { checkBundle } from '../../../shared/validate/checkBundle'

const pool = (cidr: string, name = 'p'): string => `apiVersion: projectcalico.org/v3
kind: IPPool
metadata:
  name: ${name}
spec:
  cidr: ${cidr}
`

describe('loading reports bad input precisely and keeps the rest', () => {
  it('names document, line and field of a non-canonical CIDR and suggests the canonical one', () => {
    const { design, diagnostics: all } = checkBundle(`${pool('10.48.0.0/24', 'a')}---\n${pool('10.48.2.1/24', 'b')}`)
    const diagnostics = all.filter((d) => d.severity === 'error')
    expect(diagnostics).toHaveLength(1)
    expect(diagnostics[0]).toMatchObject({
      code: 'ippool.cidr-not-masked',
      severity: 'error',
      subject: 'ippool/b',
      suggestion: '10.48.2.0/24',
      location: { document: 1, line: 13, field: 'spec.cidr' },
    })
    expect(diagnostics[0]?.message).toBe('IPPool CIDR is not strictly masked: 10.48.2.1/24 is not a canonical prefix: host bits are set (did you mean 10.48.2.0/24?)')
    // The pool stays in the design, as typed: fixing it is an edit, not a re-import.
    expect(ipPoolsOf(design).map((p) => p.metadata.name)).toEqual(['a', 'b'])
  })

  it('reports malformed YAML once, in its document, and still loads the others', () => {
    const text = `${pool('10.48.0.0/24', 'good')}---\napiVersion: v1\nkind: Namespace\nmetadata: {name: [unclosed\n---\n${pool('10.48.2.0/24', 'also-good')}`
    const { design, diagnostics } = loadDesign(text)
    expect(diagnostics.map((d) => [d.code, d.location?.document])).toEqual([['format.yaml-syntax', 1]])
    expect(diagnostics[0]?.location?.line).toBeGreaterThanOrEqual(9)
    expect(ipPoolsOf(design).map((p) => p.metadata.name)).toEqual(['also-good', 'good'])
  })

  it('reports a wrong type with the field and the value it got, and keeps the document opaque', () => {
    const { design, diagnostics } = loadDesign(`${pool('10.48.0.0/24')}  blockSize: "26"\n  natOutgoing: yes please\n`)
    expect(diagnostics.map((d) => [d.code, d.location?.field, d.location?.line])).toEqual([
      ['format.wrong-type', 'spec.blockSize', 7],
      ['format.wrong-type', 'spec.natOutgoing', 8],
    ])
    expect(diagnostics[0]?.message).toBe('spec.blockSize must be an integer, got "26"')
    expect(design.entries).toMatchObject([{ id: 'ippool/p', modelled: false, reason: 'invalid' }])
  })

  it('rejects unknown fields in Peerlab kinds, where a typo would otherwise vanish', () => {
    const { diagnostics } = loadDesign('apiVersion: peerlab.dev/v1alpha1\nkind: Segment\nmetadata: {name: s}\nspec:\n  cidrs: [10.0.0.0/24]\n  gatway: 10.0.0.1\n')
    expect(diagnostics).toMatchObject([{ code: 'format.unknown-field', location: { line: 6, field: 'spec.gatway' } }])
  })

  it('keeps unknown kinds and says so, without an error', () => {
    const text = `apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n---\n${pool('10.48.0.0/24')}`
    const { design, diagnostics } = loadDesign(text)
    expect(design.entries.map((e) => [e.resource.kind, e.modelled])).toEqual([
      ['Widget', false],
      ['IPPool', true],
    ])
    expect(diagnostics).toMatchObject([{ code: 'format.unmodelled-kind', severity: 'info', location: { document: 0, line: 2 } }])
  })

  it('refuses a Peerlab apiVersion newer than it knows', () => {
    const { design, diagnostics } = loadDesign('apiVersion: peerlab.dev/v1beta1\nkind: Cluster\nmetadata:\n  name: future\nspec:\n  podCIDRs: [10.0.0.0/16]\n')
    expect(diagnostics).toMatchObject([{ code: 'format.api-version-too-new', severity: 'error', location: { document: 0, line: 1, field: 'apiVersion' } }])
    expect(diagnostics[0]?.message).toContain('newer than this version of Peerlab')
    expect(design.entries).toMatchObject([{ modelled: false, reason: 'invalid' }])
  })

  it('refuses a Peerlab apiVersion that is no version at all, naming the ones it reads', () => {
    const { diagnostics } = loadDesign('apiVersion: peerlab.dev/latest\nkind: Segment\nmetadata: {name: s}\nspec: {cidrs: [10.0.0.0/24]}\n')
    expect(diagnostics).toMatchObject([{ code: 'format.api-version-too-new', message: 'peerlab.dev/latest is not a version of peerlab.dev that Peerlab knows (it reads peerlab.dev/v1alpha1)' }])
  })

  it('gives a namespaced resource written without a namespace the id Kubernetes would: default', () => {
    const { design } = loadDesign('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c}]}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: n}\n')
    expect(design.entries.map((e) => e.id)).toEqual(['pod/default/p', 'namespace/n'])
  })

  it('reports a missing name and a document that is not a map', () => {
    const { diagnostics } = loadDesign('apiVersion: v1\nkind: Node\nmetadata: {}\n---\n- just\n- a list\n')
    expect(diagnostics.map((d) => [d.code, d.location?.document, d.location?.field])).toEqual([
      ['format.missing-field', 0, 'metadata.name'],
      ['format.not-a-resource', 1, undefined],
    ])
  })

  it('reports a second resource with the same kind and name', () => {
    const { diagnostics } = loadDesign(`${pool('10.48.0.0/24', 'a')}---\n${pool('10.48.1.0/24', 'a')}`)
    expect(diagnostics).toMatchObject([{ code: 'format.duplicate-resource', subject: 'ippool/a', location: { document: 1, line: 11 } }])
  })

  it('treats an empty file as an empty design', () => {
    expect(loadDesign('')).toMatchObject({ diagnostics: [], design: { entries: [] } })
  })
})
