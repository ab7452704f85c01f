import type { Host } from '../model/query'
import type { PodSpec } from '../model/resources'

export interface Taint {
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
export function unfit(pod: PodSpec, node: Host, taints: readonly Taint[]): string | undefined {
  if (pod.nodeName !== undefined && pod.nodeName !== node.name) return 'node name'
  if (pod.nodeSelector !== undefined) for (const key in pod.nodeSelector) if (node.labels[key] !== pod.nodeSelector[key]) return 'node affinity/selector'
  if (taints.length === 0) return undefined
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
 *
 * Nodes sit in a binary heap ordered by (pods placed, design order), so placing 150,000 pods on
 * 5,000 nodes costs a few heap operations per pod, not a scan of every node.
 */
export class Scheduler {
  private readonly counts: number[]
  private readonly heap: number[]
  /** Where each node sits in the heap, so a pinned pod's node can be re-sorted without a search. */
  private readonly position: number[]
  private readonly byName = new Map<string, number>()
  private readonly placements: (Placement | undefined)[] = []

  private readonly nodes: readonly Host[]
  private readonly taints: readonly (readonly Taint[])[]

  constructor(candidates: readonly { readonly node: Host; readonly taints: readonly Taint[] }[]) {
    const nodes = candidates.map((c) => c.node)
    this.nodes = nodes
    this.taints = candidates.map((c) => c.taints)
    this.counts = nodes.map(() => 0)
    this.heap = nodes.map((_, i) => i)
    this.position = nodes.map((_, i) => i)
    nodes.forEach((node, i) => this.byName.set(node.name, i))
  }

  place(pod: PodSpec): Placement {
    if (pod.nodeName !== undefined) {
      const index = this.byName.get(pod.nodeName)
      const node = index === undefined ? undefined : this.nodes[index]
      if (node && index !== undefined && unfit(pod, node, this.taints[index] as readonly Taint[]) === undefined) return this.assign(index)
      return this.unschedulable(pod)
    }
    // Most pods fit the emptiest node: it stays where it is and sinks once. Nodes are ordered
    // totally (count, then design order), so which node comes next does not depend on the heap's layout.
    const top = this.heap[0]
    if (top !== undefined && unfit(pod, this.nodes[top] as Host, this.taints[top] as readonly Taint[]) === undefined) return this.assign(top)
    const skipped: number[] = []
    let chosen: number | undefined
    while (this.heap.length > 0) {
      const index = this.pop()
      const node = this.nodes[index] as Host
      if (unfit(pod, node, this.taints[index] as readonly Taint[]) === undefined) {
        chosen = index
        break
      }
      skipped.push(index)
    }
    for (const index of skipped) this.push(index)
    if (chosen === undefined) return this.unschedulable(pod)
    this.push(chosen)
    return this.assign(chosen)
  }

  /**
   * Whether a pod of this spec fits on more than `limit` nodes, asked with growing limits: the
   * nodes are looked at only until the answer is known, and at most once over all the questions,
   * as most workloads of a large design need only to know that one node fits.
   */
  fitsMoreThan(pod: PodSpec): (limit: number) => boolean {
    let scanned = 0
    let fit = 0
    return (limit) => {
      for (; fit <= limit && scanned < this.nodes.length; scanned++) if (unfit(pod, this.nodes[scanned] as Host, this.taints[scanned] as readonly Taint[]) === undefined) fit += 1
      return fit > limit
    }
  }

  /**
   * Places `count` pods of one spec as `count` calls of `place` would, in time that grows with
   * the nodes, not the pods: each pod goes to the emptiest node it fits (ties to design order),
   * so the nodes fill up level by level, and the pods left over at the last level go one each to
   * the first nodes at that level. For replica counts no cluster could run (a billion). Counts
   * stay exact integers (a Deployment's replicas are an int32), which the bisection relies on.
   */
  placeMany(pod: PodSpec, count: number): void {
    const fit: number[] = []
    for (const [index, node] of this.nodes.entries()) if (unfit(pod, node, this.taints[index] as readonly Taint[]) === undefined) fit.push(index)
    if (fit.length === 0 || count <= 0) return
    const countOf = (i: number): number => this.counts[i] ?? 0
    const needed = (level: number): number => fit.reduce((sum, i) => sum + Math.max(0, level - countOf(i)), 0)
    // The highest level every fitting node reaches: needed() grows with the level, so bisect.
    let low = fit.reduce((least, i) => Math.min(least, countOf(i)), Infinity)
    let high = low + count
    while (low < high) {
      const middle = Math.floor((low + high + 1) / 2)
      if (needed(middle) <= count) low = middle
      else high = middle - 1
    }
    let extra = count - needed(low)
    for (const i of fit) {
      const at = Math.max(countOf(i), low)
      const bumped = at === low && extra > 0
      if (bumped) extra -= 1
      this.counts[i] = at + (bumped ? 1 : 0)
    }
    this.heap.sort((a, b) => (this.less(a, b) ? -1 : this.less(b, a) ? 1 : 0))
    this.heap.forEach((index, at) => (this.position[index] = at))
  }

  private assign(index: number): Placement {
    // The node is in the heap; its key only grows, so sifting down restores the order.
    this.counts[index] = (this.counts[index] ?? 0) + 1
    this.siftDown(this.position[index] as number)
    // One placement per node, not per pod: they say the same.
    const placed = this.placements[index] ?? { ok: true, node: this.nodes[index] as Host }
    this.placements[index] = placed
    return placed
  }

  private swap(a: number, b: number): void {
    const x = this.heap[a] as number
    const y = this.heap[b] as number
    this.heap[a] = y
    this.heap[b] = x
    this.position[y] = a
    this.position[x] = b
  }

  /** kube-scheduler's FailedScheduling wording, counting why each node was rejected. */
  private unschedulable(pod: PodSpec): Placement {
    const reasons = new Map<string, number>()
    for (const [index, node] of this.nodes.entries()) {
      const reason = unfit(pod, node, this.taints[index] as readonly Taint[])
      if (reason !== undefined) reasons.set(reason, (reasons.get(reason) ?? 0) + 1)
    }
    const why = [...reasons].map(([reason, count]) => `${count} node(s) didn't match ${reason}`).join(', ')
    return { ok: false, message: `0/${this.nodes.length} nodes are available: ${why || 'no nodes'}.` }
  }

  private less(a: number, b: number): boolean {
    const ca = this.counts[a] ?? 0
    const cb = this.counts[b] ?? 0
    return ca < cb || (ca === cb && a < b)
  }

  private pop(): number {
    const top = this.heap[0] as number
    const last = this.heap.pop() as number
    if (this.heap.length > 0) {
      this.heap[0] = last
      this.position[last] = 0
      this.siftDown(0)
    }
    return top
  }

  private push(index: number): void {
    this.heap.push(index)
    let at = this.heap.length - 1
    this.position[index] = at
    while (at > 0) {
      const parent = (at - 1) >> 1
      if (!this.less(this.heap[at] as number, this.heap[parent] as number)) break
      this.swap(at, parent)
      at = parent
    }
  }

  private siftDown(start: number): void {
    let at = start
    for (;;) {
      const left = 2 * at + 1
      const right = left + 1
      let smallest = at
      if (left < this.heap.length && this.less(this.heap[left] as number, this.heap[smallest] as number)) smallest = left
      if (right < this.heap.length && this.less(this.heap[right] as number, this.heap[smallest] as number)) smallest = right
      if (smallest === at) return
      this.swap(at, smallest)
      at = smallest
    }
  }
}
