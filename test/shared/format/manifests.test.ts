import { describe, expect, it } from 'vitest'
import { importManifests } from '../../../shared/format/manifests'
import { loadDesign } from '../../../shared/format/loadDesign'
import { ipPoolsOf, resourcesOf } from '../../../shared/model/query'
import { readExample } from '../../exampleText'

const lab = loadDesign(readExample('calico-lab-2.2')).design

describe('import', () => {
  it('reads a kubectl List, strips what the server set, and merges by kind and name', () => {
    const dump = `apiVersion: v1
kind: List
items:
- apiVersion: projectcalico.org/v3
  kind: IPPool
  metadata:
    name: external-pool
    uid: 0d3c-11
    resourceVersion: "123"
    creationTimestamp: "2026-11-20T17:44:00Z"
    annotations:
      kubectl.kubernetes.io/last-applied-configuration: '{}'
  spec: {cidr: 10.48.2.0/24, blockSize: 29}
- apiVersion: projectcalico.org/v3
  kind: IPPool
  metadata: {name: default-ipv4-ippool, resourceVersion: "9"}
  spec: {cidr: 10.48.0.0/24, blockSize: 26, ipipMode: Always, vxlanMode: Never, natOutgoing: true, nodeSelector: all()}
- apiVersion: v1
  kind: Namespace
  metadata: {name: external-ns}
  status: {phase: Active}
`
    const { design, report } = importManifests(lab, dump, 'dump.yaml')
    expect(report).toEqual({ added: ['ippool/external-pool', 'namespace/external-ns'], updated: [], unchanged: ['ippool/default-ipv4-ippool'], notPlaced: [] })
    expect(resourcesOf(design, 'v1/Namespace').map((n) => n.metadata.name)).toEqual(['yaobank', 'external-ns'])
    expect(ipPoolsOf(design).find((p) => p.metadata.name === 'external-pool')?.metadata).toEqual({ name: 'external-pool' })
    expect(resourcesOf(design, 'v1/Namespace')[1]).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'external-ns' } })
  })

  it('reads calicoctl lists and the CRD group that kubectl shows without the Calico API server', () => {
    const calicoctl = 'apiVersion: projectcalico.org/v3\nkind: BGPPeerList\nitems:\n- metadata: {name: bgppeer-global-64512}\n  spec: {peerIP: 10.0.1.10, asNumber: 64512}\n'
    const crd = 'apiVersion: crd.projectcalico.org/v1\nkind: IPAMConfig\nmetadata: {name: default}\nspec: {strictAffinity: true, maxBlocksPerHost: 4}\n'
    const { design, report } = importManifests(lab, `${calicoctl}---\n${crd}`)
    expect(report.added).toEqual(['bgppeer/bgppeer-global-64512', 'ipamconfiguration/default'])
    expect(resourcesOf(design, 'projectcalico.org/v3/IPAMConfiguration')[0]?.spec).toEqual({ strictAffinity: true, maxBlocksPerHost: 4 })
  })

  it('reports what it could not place and changes nothing for it', () => {
    const { design, report } = importManifests(
      lab,
      'apiVersion: v1\nkind: List\nitems:\n- {kind: Node}\n- apiVersion: projectcalico.org/v3\n  kind: IPPool\n  metadata: {name: bad}\n  spec: {cidr: 10.1.0.0/16, blockSize: big}\n',
      'in.yaml',
    )
    expect(report.notPlaced.map((d) => d.message)).toEqual([
      'in.yaml document 1 item 1: not a resource (needs apiVersion, kind and metadata.name)',
      'in.yaml document 1 item 2: IPPool bad: spec.blockSize must be an integer, got "big"',
    ])
    expect(design).toBe(lab)
  })
})
