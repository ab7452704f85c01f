import type { IPPoolResource } from '../model/resources'
import { parseIpPrefix, formatIpPrefix } from '../net'

export const IPV4_POOLS_ANNOTATION = 'cni.projectcalico.org/ipv4pools'
export const IPV6_POOLS_ANNOTATION = 'cni.projectcalico.org/ipv6pools'
export const IP_ADDRS_ANNOTATION = 'cni.projectcalico.org/ipAddrs'

export type ListResult = { readonly ok: true; readonly values: readonly string[] } | { readonly ok: false; readonly message: string }

/** Calico's annotations hold a JSON list of strings, e.g. `'["external-pool"]'`. */
export function parseAnnotationList(annotation: string, value: string): ListResult {
  try {
    const parsed: unknown = JSON.parse(value)
    if (Array.isArray(parsed) && parsed.every((item) => typeof item === 'string')) return { ok: true, values: parsed }
  } catch {
    // Reported below with the annotation's name, as the CNI plugin does.
  }
  return { ok: false, message: `failed to parse '${value}' as JSON: ${annotation} must be a JSON list of strings, e.g. '["pool-name"]'` }
}

export type PoolRequestResult = { readonly ok: true; readonly pools: readonly IPPoolResource[] } | { readonly ok: false; readonly message: string }

/**
 * Resolves the names or CIDRs of an ipv4pools/ipv6pools annotation to pools, with the errors the
 * CNI plugin and IPAM give (calico.md §2.2): unknown names, and pools that are disabled.
 */
export function resolvePoolRequest(entries: readonly string[], pools: readonly IPPoolResource[]): PoolRequestResult {
  const resolved: IPPoolResource[] = []
  for (const entry of entries) {
    const byName = pools.find((p) => p.metadata.name === entry)
    const cidr = parseIpPrefix(entry)
    const byCidr = cidr.ok ? pools.find((p) => { const pc = parseIpPrefix(p.spec.cidr); return pc.ok && formatIpPrefix(pc.value) === formatIpPrefix(cidr.value) }) : undefined
    const pool = byName ?? byCidr
    if (!pool) {
      if (!cidr.ok) return { ok: false, message: `error parsing pool "${entry}": invalid CIDR address: ${entry}` }
      return { ok: false, message: `the given pool (${entry}) does not exist, or is not enabled` }
    }
    if (pool.spec.disabled) return { ok: false, message: `the given pool (${pool.spec.cidr}) does not exist, or is not enabled` }
    resolved.push(pool)
  }
  return { ok: true, pools: resolved }
}
