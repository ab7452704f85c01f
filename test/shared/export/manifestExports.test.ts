import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'
import { calicoResources } from '../../../shared/export/calicoResources'
import { kubernetesManifests } from '../../../shared/export/kubernetesManifests'
import { loadDesign } from '../../../shared/format/loadDesign'
import { readExample } from '../../exampleText'

const lab = loadDesign(readExample('calico-lab-2.2')).design
const fixture = (name: string): string => readFileSync(resolve(import.meta.dirname, '../../fixtures/designs', name), 'utf8')
type Doc = { apiVersion: string; kind: string; metadata: { name: string; annotations?: Record<string, string>; uid?: string }; status?: unknown }
const docs = (text: string): Doc[] => parseAllDocuments(text).map((d) => d.toJS() as Doc)
const names = (text: string): string[] => docs(text).map((d) => `${d.kind}/${d.metadata.name}`)

const MIXED = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop, uid: 1234, annotations: {peerlab.dev/deleted-pods: web-1, team: a}}
spec: {template: {spec: {containers: [{name: web}]}}}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: shop}
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: w}
---
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: projectcalico.org/v3
kind: BGPPeer
metadata: {name: tor}
spec: {peerIP: 10.0.0.1, asNumber: 65000, filters: [edge]}
---
apiVersion: projectcalico.org/v3
kind: BGPFilter
metadata: {name: edge}
spec: {exportV4: [{action: Accept, cidr: 10.48.0.0/16, matchOperator: In}]}
---
apiVersion: projectcalico.org/v3
kind: Node
metadata: {name: n1}
spec: {bgp: {routeReflectorClusterID: 244.0.0.1}}
---
apiVersion: projectcalico.org/v3
kind: IPPool
metadata: {name: pool, annotations: {peerlab.dev/note: x}}
spec: {cidr: 10.48.0.0/24}
---
apiVersion: projectcalico.org/v3
kind: IPPool
metadata: {name: broken}
spec: {cidr: 10.48.1.0/24, blockSize: "x"}
---
apiVersion: peerlab.dev/v1alpha1
kind: Segment
metadata: {name: rack1}
spec: {cidrs: [10.0.1.0/24]}
`
const mixed = loadDesign(MIXED).design

describe('Kubernetes manifests for kubectl apply -f', () => {
  it('holds the lab’s namespace and its workloads, not its Nodes, kube-system’s CoreDNS, Calico’s or Peerlab’s kinds', () => {
    const { text, leftOut } = kubernetesManifests(lab)
    expect(names(text)).toEqual(['Namespace/yaobank', 'Deployment/database', 'Deployment/summary', 'Deployment/customer'])
    expect(text).not.toMatch(/peerlab\.dev|projectcalico\.org/)
    expect(leftOut.map((l) => l.id)).toEqual([
      'node/ip-10-0-1-20.eu-west-1.compute.internal',
      'node/ip-10-0-1-30.eu-west-1.compute.internal',
      'node/ip-10-0-1-31.eu-west-1.compute.internal',
      'deployment/kube-system/coredns',
    ])
  })

  it('puts kinds in Helm’s install order (Namespace, ConfigMap, then workloads), other kinds last, and strips server fields and peerlab.dev annotations', () => {
    const { text, count } = kubernetesManifests(mixed)
    expect(names(text)).toEqual(['Namespace/shop', 'ConfigMap/settings', 'Deployment/web', 'Widget/w'])
    expect(count).toBe(4)
    const web = docs(text).find((d) => d.kind === 'Deployment') as Doc
    expect(web.metadata.annotations).toEqual({ team: 'a' })
    expect(web.metadata.uid).toBeUndefined()
  })

  it('opens with a comment saying how to apply it and what goes first', () => {
    expect(kubernetesManifests(lab).text.split('\n')[0]).toBe('# Kubernetes resources of calico-lab-2.2, for: kubectl apply -f FILE')
  })
})

describe('Calico resources for calicoctl apply -f', () => {
  it('holds only projectcalico.org/v3 kinds, without Nodes, pools and filters before the peers that use them', () => {
    const { text, leftOut } = calicoResources(mixed)
    const exported = docs(text)
    expect(exported.map((d) => `${d.kind}/${d.metadata.name}`)).toEqual(['IPPool/pool', 'BGPFilter/edge', 'BGPPeer/tor'])
    expect(exported.every((d) => d.apiVersion === 'projectcalico.org/v3')).toBe(true)
    expect(exported[0]?.metadata.annotations).toBeUndefined()
    expect(leftOut).toEqual([{ id: 'ippool/broken', reason: expect.stringContaining('malformed') }])
  })

  it('writes the route-reflector design’s pool, BGP configuration and peers, and leaves its Calico Node to the node changes', () => {
    const { text } = calicoResources(loadDesign(fixture('route-reflector-v1alpha1.yaml')).design)
    expect(names(text)).not.toContain('Node/rr1')
    expect(names(text).slice(0, 2)).toEqual(['IPPool/pods', 'BGPConfiguration/default'])
    expect(text).toContain('# Calico Nodes are not here: apply replaces a whole spec')
  })
})
