import { daemonPodSpec, daemonSetNodes } from '../ipam/daemonSets'
import { generatedPodNamer, replicaNamer } from '../ipam/podNames'
import type { Design, EntityId } from './design'
import type { ModelledResource, PodSpec, PodTemplate } from './resources'

/** Namespaces every cluster has without a manifest. */
export const BUILT_IN_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease']

export type WorkloadKind = 'Deployment' | 'ReplicaSet' | 'StatefulSet' | 'DaemonSet' | 'Job' | 'Pod'

/** Pods-to-be of a workload (a Deployment, ReplicaSet, StatefulSet, DaemonSet, Job or bare Pod), in the shape IPAM and the checks need. */
export interface Workload {
  readonly id: EntityId
  readonly kind: WorkloadKind
  readonly name: string
  readonly namespace: string
  /** How many pods it runs: its replicas, a Job's parallelism, a DaemonSet's nodes. */
  readonly replicas: number
  readonly labels: Readonly<Record<string, string>>
  readonly annotations: Readonly<Record<string, string>>
  readonly podSpec: PodSpec
  /** Pods that were deleted (and so replaced by new ones under new names), by name. */
  readonly deletedPods: ReadonlySet<string>
  /** A DaemonSet's node for each of its pods, in design order; undefined for the other kinds. */
  readonly nodes: readonly string[] | undefined
  /** A StatefulSet with OrderedReady pod management: a pod is created only once the one before runs. */
  readonly ordered: boolean
  /** The name of pod `replica` after `generation` replacements. */
  podName(replica: number, generation: number): string
}

/**
 * A workload's record of the pods people deleted (`kubectl delete pod`): each was replaced by a
 * new pod with a new name, and its address released. Names separated by commas or spaces.
 */
export const DELETED_PODS_ANNOTATION = 'peerlab.dev/deleted-pods'

const NO_DELETED_PODS: ReadonlySet<string> = new Set()

function deletedPodsOf(annotations: Readonly<Record<string, string>> | undefined): ReadonlySet<string> {
  const text = annotations?.[DELETED_PODS_ANNOTATION]
  return text === undefined ? NO_DELETED_PODS : new Set(text.split(/[\s,]+/).filter((n) => n !== ''))
}

/** The kinds whose pods a controller replaces under a new name when one is deleted. */
export const RENAMING_CONTROLLERS: readonly WorkloadKind[] = ['Deployment', 'ReplicaSet', 'DaemonSet', 'Job']

/** The pods a Job runs at once before any has finished: its parallelism (default 1), capped by its completions. */
export function jobPods(spec: { readonly parallelism?: number; readonly completions?: number; readonly suspend?: boolean }): number {
  if (spec.suspend === true) return 0
  const parallelism = spec.parallelism ?? 1
  return spec.completions === undefined ? parallelism : Math.min(parallelism, spec.completions)
}

function fromTemplate(
  design: Design,
  id: EntityId,
  resource: ModelledResource & { readonly spec: { readonly template: PodTemplate } },
  kind: Exclude<WorkloadKind, 'Pod'>,
  replicas: number,
): Workload {
  const { name } = resource.metadata
  const namespace = resource.metadata.namespace ?? 'default'
  const template = resource.spec.template
  const podSpec = kind === 'DaemonSet' ? daemonPodSpec(template.spec) : template.spec
  const nodes = kind === 'DaemonSet' ? daemonSetNodes(design, podSpec) : undefined
  const deploymentName = kind === 'Deployment' ? replicaNamer(namespace, name) : undefined
  const generatedName = generatedPodNamer(kind, namespace, name)
  const podName = (replica: number, generation: number): string => {
    switch (kind) {
      case 'Deployment':
        return (deploymentName as (replica: number, generation: number) => string)(replica, generation)
      case 'StatefulSet':
        return `${name}-${replica}`
      case 'DaemonSet':
        return generatedName(nodes?.[replica] ?? replica, generation)
      default:
        return generatedName(replica, generation)
    }
  }
  return {
    id,
    kind,
    name,
    namespace,
    replicas: nodes?.length ?? replicas,
    labels: template.metadata?.labels ?? {},
    annotations: template.metadata?.annotations ?? {},
    podSpec,
    // A StatefulSet's pod comes back under the same name, so deletions are not recorded for it.
    deletedPods: kind === 'StatefulSet' ? NO_DELETED_PODS : deletedPodsOf(resource.metadata.annotations),
    nodes,
    ordered: kind === 'StatefulSet' && (resource.spec as { podManagementPolicy?: string }).podManagementPolicy !== 'Parallel',
    podName,
  }
}

const cache = new WeakMap<Design, readonly Workload[]>()

/**
 * Every workload, in design order: the order their pods are created in, and so the order IPAM
 * hands out addresses (a Pod written before a Deployment gets its address first).
 */
export function workloadsOf(design: Design): readonly Workload[] {
  const cached = cache.get(design)
  if (cached) return cached
  const workloads: Workload[] = []
  for (const entry of design.entries) {
    if (!entry.modelled) continue
    const r = entry.resource
    // Kubernetes defaults an omitted replica count to 1.
    if (r.apiVersion === 'apps/v1' && (r.kind === 'Deployment' || r.kind === 'ReplicaSet' || r.kind === 'StatefulSet')) workloads.push(fromTemplate(design, entry.id, r, r.kind, r.spec.replicas ?? 1))
    else if (r.apiVersion === 'apps/v1' && r.kind === 'DaemonSet') workloads.push(fromTemplate(design, entry.id, r, 'DaemonSet', 0))
    else if (r.apiVersion === 'batch/v1' && r.kind === 'Job') workloads.push(fromTemplate(design, entry.id, r, 'Job', jobPods(r.spec)))
    else if (r.apiVersion === 'v1' && r.kind === 'Pod') {
      const name = r.metadata.name
      workloads.push({
        id: entry.id,
        kind: 'Pod',
        name,
        namespace: r.metadata.namespace ?? 'default',
        replicas: 1,
        labels: r.metadata.labels ?? {},
        annotations: r.metadata.annotations ?? {},
        podSpec: r.spec,
        deletedPods: NO_DELETED_PODS,
        nodes: undefined,
        ordered: false,
        podName: () => name,
      })
    }
  }
  cache.set(design, workloads)
  return workloads
}
