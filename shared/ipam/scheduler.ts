import type { Host } from '../model/query'
import type { PodSpec } from '../model/resources'

interface Taint {
  readonly key?: string
  readonly value?: string
  readonly effect?: string
}

interface Toleration {
  readonly key?: string
  readonly operator?: string
  readonly value?: string
  readonly effect?: string
}

function asList<T>(value: unknown): readonly T[] {
  return Array.isArray(value) ? (value as T[]) : []
}

/** Kubernetes' toleration rule (k8s.io/api core/v1 Toleration.ToleratesTaint). */
function tolerates(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect !== undefined && toleration.effect !== '' && toleration.effect !== taint.effect) return false
  if (toleration.operator === 'Exists') return toleration.key === undefined || toleration.key === '' || toleration.key === taint.key
  return toleration.key === taint.key && (toleration.value ?? '') === (taint.value ?? '')
}

/** Why a pod cannot run on a node, or undefined when it can. */
function unfit(pod: PodSpec, node: Host, taints: readonly Taint[]): string | undefined {
  if (pod.nodeName !== undefined && pod.nodeName !== node.name) return 'node name'
  for (const [key, value] of Object.entries(pod.nodeSelector ?? {})) if (node.labels[key] !== value) return "node affinity/selector"
  const tolerations = asList<Toleration>(pod.tolerations)
  const blocking = taints.find((t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerations.some((tol) => tolerates(tol, t)))
  return blocking ? `untolerated taint {${blocking.key}: ${blocking.value ?? ''}}` : undefined
}

export type Placement = { readonly ok: true; readonly node: Host } | { readonly ok: false; readonly message: string }

/**
 * A deterministic stand-in for kube-scheduler: filter by nodeName, nodeSelector and taints, then
 * prefer the node running the fewest pods, ties going to the node listed first in the design.
 * Real clusters score more (resources, topology spread); the spread-by-count matches a fresh
 * cluster of equal nodes, which is what lab designs describe.
 */
export class Scheduler {
  private readonly podsOn = new Map<string, number>()

  constructor(
    private readonly nodes: readonly Host[],
    private readonly taintsOf: (node: Host) => readonly unknown[],
  ) {}

  place(pod: PodSpec): Placement {
    let best: Host | undefined
    const reasons = new Map<string, number>()
    for (const node of this.nodes) {
      const reason = unfit(pod, node, asList<Taint>(this.taintsOf(node)))
      if (reason !== undefined) {
        reasons.set(reason, (reasons.get(reason) ?? 0) + 1)
        continue
      }
      if (!best || (this.podsOn.get(node.name) ?? 0) < (this.podsOn.get(best.name) ?? 0)) best = node
    }
    if (!best) {
      // kube-scheduler's FailedScheduling wording.
      const why = [...reasons].map(([reason, count]) => `${count} node(s) didn't match ${reason}`).join(', ')
      return { ok: false, message: `0/${this.nodes.length} nodes are available: ${why || 'no nodes'}.` }
    }
    this.podsOn.set(best.name, (this.podsOn.get(best.name) ?? 0) + 1)
    return { ok: true, node: best }
  }
}
