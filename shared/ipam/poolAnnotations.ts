import type { IPPoolResource } from '../model/resources'
import { addressAtOffset, formatIpAddress, formatIpPrefix, parseIpPrefix, type IpPrefix } from '../net'

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

export type PoolCidrsResult = { readonly ok: true; readonly cidrs: readonly IpPrefix[] } | { readonly ok: false; readonly message: string }

/** Go's net.ParseCIDR: host bits may be set, the result is the network. */
function parseCidr(text: string): IpPrefix | undefined {
  const parsed = parseIpPrefix(text)
  if (parsed.ok) return parsed.value
  if (parsed.suggestion === undefined) return undefined
  const network = parseIpPrefix(parsed.suggestion)
  return network.ok ? network.value : undefined
}

/**
 * The CNI plugin's `ResolvePools` (cni-plugin/internal/pkg/utils/utils.go @ v3.30.0): each entry
 * is a CIDR, or else the name of a pool (of any state) whose CIDR is taken; with `family`, every
 * CIDR must be of that family. It runs for both annotations before IPAM is asked for anything.
 */
export function resolvePoolCidrs(entries: readonly string[], pools: readonly IPPoolResource[], family?: 4 | 6): PoolCidrsResult {
  const cidrs: IpPrefix[] = []
  for (const entry of entries) {
    let cidr = parseCidr(entry)
    if (cidr === undefined) {
      const named = pools.find((p) => p.metadata.name === entry)
      cidr = named ? parseCidr(named.spec.cidr) : undefined
      if (cidr === undefined) return { ok: false, message: `error parsing pool "${entry}": invalid CIDR address: ${entry}` }
    }
    if (family !== undefined && cidr.family !== family) return { ok: false, message: `"${formatIpAddress(addressAtOffset(cidr, 0n))}" isn't a IPv${family} address` }
    cidrs.push(cidr)
  }
  return { ok: true, cidrs }
}

/**
 * IPAM's `determinePools` for requested CIDRs (libcalico-go lib/ipam/ipam.go @ v3.30.0): each must
 * be the CIDR of an enabled pool, else the whole request fails.
 */
export function requestedPools(cidrs: readonly IpPrefix[], pools: readonly IPPoolResource[]): PoolRequestResult {
  const resolved: IPPoolResource[] = []
  for (const cidr of cidrs) {
    const text = formatIpPrefix(cidr)
    const pool = pools.find((p) => p.spec.disabled !== true && parseCidr(p.spec.cidr) !== undefined && formatIpPrefix(parseCidr(p.spec.cidr) as IpPrefix) === text)
    if (!pool) return { ok: false, message: `the given pool (${text}) does not exist, or is not enabled` }
    resolved.push(pool)
  }
  return { ok: true, pools: resolved }
}

/**
 * Resolves the names or CIDRs of an ipv4pools/ipv6pools annotation to pools, with the errors the
 * CNI plugin and IPAM give (calico.md §2.2): unknown names, pools of the other family, and pools
 * that are not enabled.
 */
export function resolvePoolRequest(entries: readonly string[], pools: readonly IPPoolResource[], family?: 4 | 6): PoolRequestResult {
  const cidrs = resolvePoolCidrs(entries, pools, family)
  return cidrs.ok ? requestedPools(cidrs.cidrs, pools) : cidrs
}
