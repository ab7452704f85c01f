import type { Diagnostic } from '../diagnostics'
import type { Design } from '../model/design'
import { hostsOf, ipFamiliesOf, resourcesOf } from '../model/query'
import { workloadsOf, type Workload } from '../model/workloads'
import { nameList } from '../validate/ranges'
import type { IpamResult } from './computeIpam'
import { selectsNode, type IpamPool } from './ipamPools'
import { IP_ADDRS_ANNOTATION, IPV4_POOLS_ANNOTATION, IPV6_POOLS_ANNOTATION } from './poolAnnotations'

const runsPods = (w: Workload): boolean => w.replicas > 0 && w.podSpec.hostNetwork !== true
const workloadName = (w: Workload): string => `${w.kind} ${w.namespace}/${w.name}`

interface NotForPods {
  readonly reason: string
  readonly field: string
}

/** Why a pool gives no pod an address without being asked for by name, in the words of its fields. */
function whyNotForPods(pool: IpamPool, nodes: readonly { readonly labels: Readonly<Record<string, string>> }[]): NotForPods | undefined {
  if (!pool.enabled) return { reason: `${pool.name} is disabled`, field: 'disabled' }
  if (!pool.uses.includes('Workload')) return { reason: `${pool.name} has allowedUses [${pool.uses.join(', ')}], without Workload`, field: 'allowedUses' }
  if (pool.manual) return { reason: `${pool.name} has assignmentMode Manual`, field: 'assignmentMode' }
  if (!nodes.some((n) => selectsNode(pool, n.labels))) return { reason: `the nodeSelector of ${pool.name} (${pool.resource.spec.nodeSelector ?? 'all()'}) selects no node`, field: 'nodeSelector' }
  return undefined
}

/**
 * Workloads whose pods run, when no pool of a family the cluster uses could give a pod an address
 * on its own: every pool disabled, kept from workloads by allowedUses or assignmentMode, or
 * selecting no node. Each pod then fails in the CNI; this says once why, and what to change.
 */
function noPoolForWorkloads(design: Design, ipam: IpamResult, workloads: readonly Workload[]): Diagnostic[] {
  const nodes = hostsOf(design).filter((h) => h.role !== 'router')
  const namespaces = new Map(resourcesOf(design, 'v1/Namespace').map((n) => [n.metadata.name, n.metadata.annotations ?? {}]))
  if (nodes.length === 0) return []
  return ipFamiliesOf(design).flatMap((familyName): Diagnostic[] => {
    const family = familyName === 'IPv6' ? 6 : 4
    const annotation = family === 4 ? IPV4_POOLS_ANNOTATION : IPV6_POOLS_ANNOTATION
    // Pods whose annotation names their pools do not ask the default pools (an unknown name is workload.pool-annotation's).
    const running = workloads.filter((w) => runsPods(w) && w.annotations[IP_ADDRS_ANNOTATION] === undefined && (w.annotations[annotation] ?? namespaces.get(w.namespace)?.[annotation]) === undefined)
    if (running.length === 0) return []
    const pools = ipam.pools.filter((p) => p.prefix.family === family)
    const reasons = pools.map((p) => whyNotForPods(p, nodes))
    if (reasons.some((r) => r === undefined)) return []
    const who = nameList(running.map(workloadName))
    const why = pools.length === 0 ? `the design has no ${familyName} IPPool` : (reasons as NotForPods[]).map((r) => r.reason).join('; ')
    const first = pools[0]
    const firstField = (reasons[0] as NotForPods | undefined)?.field
    return [
      {
        code: 'ipam.no-pool-for-workloads',
        severity: 'warning',
        message: `no enabled IP pool gives ${familyName} addresses to pods: ${why}, so the pods of ${who} get none unless an annotation names a pool`,
        subject: first ? `ippool/${first.name}` : (running[0] as Workload).id,
        ...(firstField !== undefined ? { path: ['spec', firstField] } : {}),
        related: [...pools.slice(1).map((p) => `ippool/${p.name}`), ...running.map((w) => w.id)],
        suggestion: first
          ? `enable a pool for workloads: disabled false, allowedUses with Workload, assignmentMode Automatic and a nodeSelector that selects the nodes (all())`
          : `add an IPPool of ${familyName} addresses inside the pod CIDR`,
      },
    ]
  })
}

/** Pods the scheduler cannot place, with kube-scheduler's reason, per workload. */
function pendingPods(ipam: IpamResult, workloads: readonly Workload[], nodeLabels: readonly Readonly<Record<string, string>>[]): Diagnostic[] {
  const pending = new Map<string, { count: number; message: string }>()
  for (const pod of ipam.pods) {
    if (pod.phase !== 'Pending') continue
    const entry = pending.get(pod.workloadId) ?? { count: 0, message: pod.message ?? '' }
    entry.count += 1
    pending.set(pod.workloadId, entry)
  }
  return workloads.flatMap((w): Diagnostic[] => {
    const entry = pending.get(w.id)
    if (!entry) return []
    const selector = w.podSpec.nodeSelector
    // A nodeSelector that matches no node is already said by workload.no-matching-node.
    if (selector !== undefined && !nodeLabels.some((labels) => Object.entries(selector).every(([k, v]) => labels[k] === v))) return []
    const specPath = w.kind === 'Pod' ? ['spec'] : ['spec', 'template', 'spec']
    return [
      {
        code: 'workload.pods-pending',
        severity: 'warning',
        message: `${entry.count} pod${entry.count === 1 ? '' : 's'} of ${workloadName(w)} ${entry.count === 1 ? 'stays' : 'stay'} Pending: ${entry.message}`,
        subject: w.id,
        path: specPath,
        suggestion: 'give its pods a toleration for the taints, loosen its nodeSelector or nodeName, or add a node they fit',
      },
    ]
  })
}

/** A DaemonSet no node fits runs no pod at all, which nothing else reports. */
function idleDaemonSets(workloads: readonly Workload[], nodeCount: number): Diagnostic[] {
  if (nodeCount === 0) return []
  return workloads
    .filter((w) => w.kind === 'DaemonSet' && w.replicas === 0)
    .map((w) => ({
      code: 'workload.daemonset-no-nodes',
      severity: 'warning' as const,
      message: `DaemonSet ${w.namespace}/${w.name} runs no pod: none of the ${nodeCount} nodes fits its pod spec (its nodeSelector, nodeName or the taints it does not tolerate)`,
      subject: w.id,
      path: ['spec', 'template', 'spec'],
      suggestion: 'change its nodeSelector, add tolerations for the nodes’ taints, or label a node to match',
    }))
}

/**
 * Pods that cannot run or cannot get an address, said per workload and per pool rather than per
 * pod: the pool plan leaves no pool for workloads, the scheduler has no node for them, a DaemonSet
 * has no node at all. IPAM's own failures (a pool exhausted) are its diagnostics, pod by pod.
 */
export function workloadWarnings(design: Design, ipam: IpamResult): Diagnostic[] {
  const workloads = workloadsOf(design)
  const nodes = hostsOf(design).filter((h) => h.role !== 'router')
  return [
    ...noPoolForWorkloads(design, ipam, workloads),
    ...pendingPods(
      ipam,
      workloads,
      nodes.map((n) => n.labels),
    ),
    ...idleDaemonSets(workloads, nodes.length),
  ]
}
