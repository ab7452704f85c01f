import type { Design } from '../../../shared/model/design'
import { loadDesign } from '../../../shared/format/loadDesign'

export interface PoolSketch {
  readonly name: string
  readonly cidr: string
  readonly blockSize: number
  readonly nodeSelector?: string
  readonly ipipMode?: 'Always' | 'Never'
}

export interface NodeSketch {
  readonly name: string
  readonly labels?: Readonly<Record<string, string>>
  readonly maxPods?: string
  readonly taint?: boolean
}

/** A small cluster for capacity questions: nodes on 10.0.1.0/24, the pools given, and optional extras. */
export function capacityDesign(nodes: readonly NodeSketch[], pools: readonly PoolSketch[], extra: { ipamConfig?: string; yaml?: string } = {}): Design {
  const docs = [
    `apiVersion: peerlab.dev/v1alpha1
kind: Cluster
metadata: {name: c}
spec: {podCIDRs: [10.48.0.0/16], serviceCIDRs: [10.49.0.0/16], ipFamilies: [IPv4]}`,
    `apiVersion: peerlab.dev/v1alpha1
kind: Segment
metadata: {name: s}
spec: {cidrs: [10.0.1.0/24]}`,
    ...nodes.map(
      (n, i) => `apiVersion: v1
kind: Node
metadata:
  name: ${n.name}
  labels: ${JSON.stringify({ 'kubernetes.io/hostname': n.name, ...n.labels })}
spec: ${n.taint ? '{taints: [{key: node-role.kubernetes.io/control-plane, effect: NoSchedule}]}' : '{}'}
status:
  addresses: [{type: InternalIP, address: 10.0.1.${i + 10}}]${n.maxPods !== undefined ? `\n  allocatable: {pods: "${n.maxPods}"}` : ''}`,
    ),
    ...pools.map(
      (p) => `apiVersion: projectcalico.org/v3
kind: IPPool
metadata: {name: ${p.name}}
spec: {cidr: ${p.cidr}, blockSize: ${p.blockSize}, ipipMode: ${p.ipipMode ?? 'Never'}, natOutgoing: true${p.nodeSelector !== undefined ? `, nodeSelector: "${p.nodeSelector}"` : ''}}`,
    ),
    ...(extra.ipamConfig !== undefined
      ? [
          `apiVersion: projectcalico.org/v3
kind: IPAMConfiguration
metadata: {name: default}
spec: ${extra.ipamConfig}`,
        ]
      : []),
    ...(extra.yaml !== undefined ? [extra.yaml] : []),
  ]
  const loaded = loadDesign(docs.join('\n---\n'))
  return loaded.design
}

/** A Deployment of `replicas` pods without annotations. */
export function deployment(name: string, replicas: number, spec = '{containers: [{name: c}]}'): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: default}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec: ${spec}`
}
