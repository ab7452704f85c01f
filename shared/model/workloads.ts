import type { Design, EntityId } from './design'
import { entityId } from './design'
import { resourcesOf } from './query'
import type { PodSpec } from './resources'

/** Namespaces every cluster has without a manifest. */
export const BUILT_IN_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease']

/** Pods-to-be of a Deployment or a bare Pod, in the shape IPAM and the checks need. */
export interface Workload {
  readonly id: EntityId
  readonly kind: 'Deployment' | 'Pod'
  readonly name: string
  readonly namespace: string
  readonly replicas: number
  readonly labels: Readonly<Record<string, string>>
  readonly annotations: Readonly<Record<string, string>>
  readonly podSpec: PodSpec
  /** Pods of a Deployment that were deleted (and so replaced by new ones), by name. */
  readonly deletedPods: ReadonlySet<string>
}

/**
 * A Deployment's record of the pods people deleted (`kubectl delete pod`): each was replaced by a
 * new pod with a new name, and its address released. Names separated by commas or spaces.
 */
export const DELETED_PODS_ANNOTATION = 'peerlab.dev/deleted-pods'

const NO_DELETED_PODS: ReadonlySet<string> = new Set()

function deletedPodsOf(annotations: Readonly<Record<string, string>> | undefined): ReadonlySet<string> {
  const text = annotations?.[DELETED_PODS_ANNOTATION]
  return text === undefined ? NO_DELETED_PODS : new Set(text.split(/[\s,]+/).filter((n) => n !== ''))
}

export function workloadsOf(design: Design): Workload[] {
  const deployments = resourcesOf(design, 'apps/v1/Deployment').map((d): Workload => ({
    id: entityId(d),
    kind: 'Deployment',
    name: d.metadata.name,
    namespace: d.metadata.namespace ?? 'default',
    // Kubernetes defaults an omitted replica count to 1.
    replicas: d.spec.replicas ?? 1,
    labels: d.spec.template.metadata?.labels ?? {},
    annotations: d.spec.template.metadata?.annotations ?? {},
    podSpec: d.spec.template.spec,
    deletedPods: deletedPodsOf(d.metadata.annotations),
  }))
  const pods = resourcesOf(design, 'v1/Pod').map((p): Workload => ({
    id: entityId(p),
    kind: 'Pod',
    name: p.metadata.name,
    namespace: p.metadata.namespace ?? 'default',
    replicas: 1,
    labels: p.metadata.labels ?? {},
    annotations: p.metadata.annotations ?? {},
    podSpec: p.spec,
    deletedPods: NO_DELETED_PODS,
  }))
  return [...deployments, ...pods]
}
