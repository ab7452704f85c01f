import type { KubernetesNodeResource } from '../model/resources'

/** The kubelet's `maxPods` when its configuration does not set one (KubeletConfiguration default). */
export const DEFAULT_MAX_PODS = 110

/** Where a node says how many pods it takes: the kubelet reports its maxPods there, and kube-scheduler reads allocatable. */
export const MAX_PODS_PATHS = [
  ['status', 'allocatable', 'pods'],
  ['status', 'capacity', 'pods'],
] as const

export type PodCountResult = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly message: string }

/**
 * A pod count as a Node's status writes it: a resource.Quantity, in practice a whole number
 * (`"110"` or `110`). Suffixed forms (`1k`) are legal quantities but no kubelet reports one.
 */
export function parsePodCount(value: unknown): PodCountResult {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : undefined
  if (text !== undefined && /^\d{1,9}$/.test(text)) return { ok: true, value: Number(text) }
  return { ok: false, message: `${JSON.stringify(value)} is not a number of pods: write a whole number such as "110"` }
}

/** The most pods a node runs: `status.allocatable.pods`, else `status.capacity.pods`, else the kubelet's default 110. */
export function maxPodsOf(node: KubernetesNodeResource | undefined): number {
  const status = node?.status as { allocatable?: { pods?: unknown }; capacity?: { pods?: unknown } } | undefined
  for (const value of [status?.allocatable?.pods, status?.capacity?.pods]) {
    if (value === undefined) continue
    const parsed = parsePodCount(value)
    if (parsed.ok) return parsed.value
  }
  return DEFAULT_MAX_PODS
}
