import { describe, expect, it } from 'vitest'
import { suggestKind } from '../../../shared/format/kindSuggestion'
import { loadDesign } from '../../../shared/format/loadDesign'

describe('a misspelt kind', () => {
  it('is an error naming the modelled kind it was probably meant to be, at the kind field', () => {
    const { diagnostics, design } = loadDesign('apiVersion: projectcalico.org/v3\nkind: IPPol\nmetadata: {name: external-pool}\nspec: {cidr: 10.48.2.0/24}\n', { name: 'lab' })
    expect(diagnostics.map((d) => [d.severity, d.code, d.message, d.location?.line])).toEqual([
      ['error', 'format.unknown-kind', 'projectcalico.org/v3 has no kind "IPPol": did you mean IPPool? As written it is not read as one, and is kept unchanged', 2],
    ])
    expect(design.entries[0]?.modelled).toBe(false)
  })

  it('suggests within the same API group, close enough, and never for a real kind Peerlab does not model', () => {
    expect(suggestKind('projectcalico.org/v3', 'ippool')).toBe('IPPool')
    expect(suggestKind('apps/v1', 'Deployments')).toBe('Deployment')
    expect(suggestKind('v1', 'Namespce')).toBe('Namespace')
    expect(suggestKind('peerlab.dev/v1alpha1', 'Segmnt')).toBe('Segment')
    // Real kinds of the group, and a near name from another group, stay what they are.
    expect(suggestKind('projectcalico.org/v3', 'GlobalNetworkPolicy')).toBeUndefined()
    expect(suggestKind('v1', 'Service')).toBeUndefined()
    expect(suggestKind('rbac.authorization.k8s.io/v1', 'Role')).toBeUndefined()
    expect(loadDesign('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: default}\n').diagnostics.map((d) => [d.severity, d.code])).toEqual([['info', 'format.unmodelled-kind']])
  })
})
