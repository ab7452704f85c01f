import { describe, expect, it } from 'vitest'
import { applyCommand } from '../../../shared/commands/commands'
import { loadDesign } from '../../../shared/format/loadDesign'
import { saveDesign } from '../../../shared/format/saveDesign'
import { MAX_ALIAS_EXPANSION, MAX_YAML_DEPTH } from '../../../shared/format/yamlShape'
import { resourcesOf } from '../../../shared/model/query'
import { computeNetwork } from '../../../shared/routing/network'
import { validateDesign } from '../../../shared/validate/validateDesign'

const node = 'apiVersion: v1\nkind: Node\nmetadata: {name: n1}\nstatus: {addresses: [{type: InternalIP, address: 10.0.1.20}]}\n'

/** Loads, checks and computes the network: each of these threw before the loader was made total. */
function analyse(text: string): ReturnType<typeof loadDesign> {
  const loaded = loadDesign(text)
  validateDesign(loaded.design)
  computeNetwork(loaded.design)
  return loaded
}

const codes = (text: string): string[] => analyse(text).diagnostics.map((d) => `${d.code}@${d.location?.line}`)

describe('aliases and nesting the later stages could not walk', () => {
  it('reports an alias to no anchor where it is written, and keeps the document as text', () => {
    const text = `${node}---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: *missing\n`
    expect(codes(text)).toEqual(['format.yaml-alias@9'])
    expect(saveDesign(analyse(text).design, text)).toBe(text)
  })

  it('refuses an alias inside the value it names', () => {
    expect(codes('apiVersion: projectcalico.org/v3\nkind: Node\nmetadata: {name: n1}\nspec: &s\n  bgp: *s\n')).toEqual(['format.yaml-alias@5'])
    expect(codes('*a\n')).toEqual(['format.yaml-alias@1'])
  })

  it(`refuses aliases that expand past ${MAX_ALIAS_EXPANSION} values (billion laughs)`, () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]']
    for (let i = 1; i < 9; i++)
      lines.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      )
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n  ${lines.join('\n  ')}\n`
    expect(codes(text)).toEqual(['format.yaml-alias@8'])
  })

  it('still reads anchors used as people use them', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: &l {app: web}}\nspec: {nodeSelector: *l, containers: [{name: c}]}\n'
    expect(resourcesOf(analyse(text).design, 'v1/Pod')[0]?.spec.nodeSelector).toEqual({ app: 'web' })
  })

  it(`refuses maps and lists nested more than ${MAX_YAML_DEPTH} deep, in flow or block style, and in an alias`, () => {
    const flow = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: ${'{a: '.repeat(MAX_YAML_DEPTH)}1${'}'.repeat(MAX_YAML_DEPTH)}\n`
    expect(codes(flow)).toEqual(['format.too-deep@4'])
    const block = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n${Array.from({ length: MAX_YAML_DEPTH }, (_, i) => `${' '.repeat(i + 1)}k:`).join('\n')} 1\n`
    expect(codes(block)[0]).toMatch(/^format.too-deep@/)
    const aliased = `x: &x ${'['.repeat(60)}${']'.repeat(60)}\ny: ${'['.repeat(60)}*x${']'.repeat(60)}\n`
    expect(codes(aliased)).toEqual(['format.too-deep@2'])
    const fine = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: ${'{a: '.repeat(MAX_YAML_DEPTH - 2)}1${'}'.repeat(MAX_YAML_DEPTH - 2)}\n`
    expect(codes(fine)).toEqual(['format.unmodelled-kind@2'])
  })

  it('survives nesting far past what a recursive parser would', () => {
    expect(codes(`${'['.repeat(30_000)}${']'.repeat(30_000)}\n`)).toHaveLength(1)
  })
})

describe('null and missing where the types expect a value', () => {
  it.each([
    ['a Calico Node with `spec:` empty', 'apiVersion: projectcalico.org/v3\nkind: Node\nmetadata: {name: n1}\nspec:\n'],
    ['a Calico Node with no spec', 'apiVersion: projectcalico.org/v3\nkind: Node\nmetadata: {name: n1}\n'],
    ['a Calico Node with `bgp: null`', 'apiVersion: projectcalico.org/v3\nkind: Node\nmetadata: {name: n1}\nspec: {bgp: null}\n'],
    ['an IPAMConfiguration with `spec:` empty', 'apiVersion: projectcalico.org/v3\nkind: IPAMConfiguration\nmetadata: {name: default}\nspec:\n'],
    ['a BGPConfiguration with `spec:` empty', 'apiVersion: projectcalico.org/v3\nkind: BGPConfiguration\nmetadata: {name: node.n1}\nspec:\n'],
    ['a BGPPeer with `peerIP: null` and `nodeSelector: null`', 'apiVersion: projectcalico.org/v3\nkind: BGPPeer\nmetadata: {name: p}\nspec: {peerIP: null, nodeSelector: null, asNumber: 64512}\n'],
    ['a Pod with `namespace: null`', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: null}\nspec: {containers: [{name: c}]}\n'],
    ['a Cluster with `jumpHost: null`', 'apiVersion: peerlab.dev/v1alpha1\nkind: Cluster\nmetadata: {name: c}\nspec: {jumpHost: null}\n'],
  ])('%s is read as if the field were absent, and saved unchanged', (_, doc) => {
    const text = `${node}---\n${doc}`
    const { design, diagnostics } = analyse(text)
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    expect(design.entries).toHaveLength(2)
    expect(JSON.stringify(design.entries[1]?.resource)).not.toContain('null')
    expect(saveDesign(design, text)).toBe(text)
  })

  it('puts a pod written with `namespace: null` in default, as Kubernetes does', () => {
    expect(analyse('apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: null}\nspec: {containers: [{name: c}]}\n').design.entries[0]?.id).toBe('pod/default/p')
  })

  it('keeps a field written empty when another field of the document is edited', () => {
    const text = 'apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata: {name: p}\nspec:\n  cidr: 10.48.0.0/24\n  nodeSelector:\n  natOutgoing: false\n'
    const { design } = loadDesign(text)
    const [pool] = resourcesOf(design, 'projectcalico.org/v3/IPPool')
    const edited = applyCommand(design, { type: 'apply', resource: { ...pool!, spec: { ...pool!.spec, natOutgoing: true } } })
    expect(saveDesign(edited, text)).toBe(text.replace('natOutgoing: false', 'natOutgoing: true'))
  })
})

describe('documents Peerlab cannot identify are kept as they are', () => {
  it.each([
    ['comments only', '# nothing here yet\n\n# more\n'],
    ['an empty kind', `${node}---\napiVersion: v1\nkind: ""\nmetadata: {name: x}\n`],
    ['an empty name', `${node}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: ""}\n`],
    ['a namespace that is a number', `${node}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: 5}\n`],
    ['a namespace that is a list', `${node}---\napiVersion: v1\nkind: Pod\nmetadata: {name: x, namespace: [a]}\nspec: {}\n`],
    ['a value that is NaN', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {n: .nan}\n'],
  ])('%s: saved back byte for byte', (_, text) => {
    const { design, diagnostics } = analyse(text)
    expect(saveDesign(design, text)).toBe(text)
    for (const d of diagnostics) expect(d.location?.line).toBeGreaterThan(0)
  })

  it('finds the line of a duplicate under the id it is held by', () => {
    const pool = 'apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata: {name: p}\nspec: {cidr: 10.48.0.0/24}\n'
    const { design, sourceIndex } = loadDesign(`${pool}---\n${pool}`)
    expect(design.entries.map((e) => e.id)).toEqual(['ippool/p', 'ippool/p#1'])
    expect(sourceIndex.locate('ippool/p#1', ['spec', 'cidr'])).toMatchObject({ document: 1, line: 9, field: 'spec.cidr' })
  })

  it('says where a namespace that is not a string is written', () => {
    expect(analyse(`${node}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: 5}\n`).diagnostics.map((d) => [d.code, d.location?.field])).toEqual([
      ['format.wrong-type', 'metadata.namespace'],
    ])
  })

  it('checks the metadata of kinds it does not model, as Kubernetes would', () => {
    const { design, diagnostics } = analyse('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, labels: {a: [1]}}\n')
    expect(diagnostics.map((d) => [d.code, d.location?.field])).toEqual([
      ['format.unmodelled-kind', 'kind'],
      ['format.wrong-type', 'metadata.labels.a'],
    ])
    expect(design.entries[0]).toMatchObject({ modelled: false, reason: 'invalid' })
  })
})
