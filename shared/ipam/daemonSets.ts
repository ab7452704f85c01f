import type { Design } from '../model/design'
import { hostsOf, resourcesOf } from '../model/query'
import type { PodSpec } from '../model/resources'
import { unfit, type Taint } from './scheduler'

type Toleration = NonNullable<PodSpec['tolerations']>[number]

/**
 * The tolerations the DaemonSet controller adds to every pod it makes
 * (kubernetes pkg/controller/daemon/util AddOrUpdateDaemonPodTolerations): its pods survive node
 * problems and run on cordoned nodes. network-unavailable only for host-network pods.
 */
const DAEMON_TOLERATIONS: readonly Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
]
const NETWORK_UNAVAILABLE: Toleration = { key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' }

const sameToleration = (a: Toleration, b: Toleration): boolean =>
  a.key === b.key && (a.operator ?? 'Equal') === (b.operator ?? 'Equal') && (a.value ?? '') === (b.value ?? '') && (a.effect ?? '') === (b.effect ?? '')

/** A DaemonSet pod's spec: the template's, with the controller's tolerations added where the template lacks them. */
export function daemonPodSpec(template: PodSpec): PodSpec {
  const own = Array.isArray(template.tolerations) ? template.tolerations : []
  const added = [...DAEMON_TOLERATIONS, ...(template.hostNetwork === true ? [NETWORK_UNAVAILABLE] : [])].filter((t) => !own.some((o) => sameToleration(o, t)))
  return { ...template, tolerations: [...own, ...added] }
}

/**
 * The nodes a DaemonSet runs a pod on, in design order: those whose name, labels and taints its
 * pod spec (with the controller's tolerations) fits, as the controller's NodeShouldRunDaemonPod
 * decides (untolerated NoSchedule and NoExecute taints keep a new pod off a node).
 */
export function daemonSetNodes(design: Design, spec: PodSpec): string[] {
  const taints = new Map(resourcesOf(design, 'v1/Node').map((n) => [n.metadata.name, (n.spec?.taints ?? []) as readonly Taint[]]))
  return hostsOf(design)
    .filter((h) => h.role !== 'router' && unfit(spec, h, taints.get(h.name) ?? []) === undefined)
    .map((h) => h.name)
}
