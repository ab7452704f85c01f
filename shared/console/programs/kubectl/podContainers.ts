import type { PodState } from '../../../ipam/computeIpam'
import type { Design } from '../../../model/design'
import { workloadsOf } from '../../../model/workloads'
import { CONTROL_PLANE_COMPONENTS } from './systemPods'

/** A pod's containers and init containers by name, in spec order: what kubectl exec picks from. */
export interface PodContainers {
  readonly containers: readonly string[]
  readonly initContainers: readonly string[]
}

/**
 * calico-node's DaemonSet in Calico v3.30's calico.yaml: the calico-node container after three
 * init containers (the third was renamed ebpf-bootstrap after v3.30).
 */
export const CALICO_NODE_CONTAINERS: PodContainers = { containers: ['calico-node'], initContainers: ['upgrade-ipam', 'install-cni', 'mount-bpffs'] }

/** The containers of a pod the console lists: a system pod's as its manifest has them, a design pod's from its workload's pod spec. */
export function podContainers(design: Design, pod: PodState): PodContainers {
  if (pod.workloadId.startsWith('system/')) {
    const app = pod.labels['k8s-app']
    if (app === 'calico-node') return CALICO_NODE_CONTAINERS
    const component = app ?? CONTROL_PLANE_COMPONENTS.find((c) => pod.name.startsWith(`${c}-`)) ?? pod.name
    return { containers: [component], initContainers: [] }
  }
  const spec = workloadsOf(design).find((w) => w.id === pod.workloadId)?.podSpec
  const names = (list: unknown): string[] =>
    Array.isArray(list) ? list.flatMap((c: unknown) => (typeof c === 'object' && c !== null && typeof (c as { name?: unknown }).name === 'string' ? [(c as { name: string }).name] : [])) : []
  return { containers: names(spec?.containers), initContainers: names(spec?.initContainers) }
}
