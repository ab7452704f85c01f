import type { IPPoolResource } from '../model/resources'
import { poolBlockSize, poolNodeSelector } from '../model/ipPoolDefaults'
import { parseIpPrefix, type IpPrefix } from '../net'
import { parseSelector, type Labels, type Selector } from '../selector'

/** A pool as IPAM uses it: parsed once, with Calico's defaults applied (calico.md §1.1). */
export interface IpamPool {
  readonly name: string
  readonly resource: IPPoolResource
  readonly prefix: IpPrefix
  readonly blockSize: number
  readonly numBlocks: bigint
  readonly enabled: boolean
  readonly manual: boolean
  readonly uses: readonly string[]
  readonly ipipEnabled: boolean
  readonly vxlanEnabled: boolean
  readonly nodeSelector: Selector | undefined
  /** The namespaces whose pods may get addresses from it by default (v3.31+); undefined: any namespace. */
  readonly namespaceSelector: Selector | undefined
}

const encapsulated = (mode: string | undefined): boolean => mode === 'Always' || mode === 'CrossSubnet'

/**
 * Pools IPAM can work with, in name order; pools that do not parse are the validator's to report.
 * `namespaceSelectors`: whether the release reads `spec.namespaceSelector` (v3.31 on).
 */
export function ipamPools(pools: readonly IPPoolResource[], options: { readonly namespaceSelectors?: boolean } = {}): IpamPool[] {
  return pools.flatMap((resource): IpamPool[] => {
    const parsed = parseIpPrefix(resource.spec.cidr)
    if (!parsed.ok) return []
    const prefix = parsed.value
    const bits = prefix.family === 4 ? 32 : 128
    const blockSize = poolBlockSize(resource.spec)
    if (blockSize < prefix.length || blockSize > bits) return []
    const selector = parseSelector(poolNodeSelector(resource.spec))
    // An empty namespaceSelector selects every namespace (SelectsNamespace, libcalico-go/lib/ipam/pools.go @ v3.31.0).
    const namespaces = options.namespaceSelectors === true && resource.spec.namespaceSelector ? parseSelector(resource.spec.namespaceSelector) : undefined
    return [
      {
        name: resource.metadata.name,
        resource,
        prefix,
        blockSize,
        numBlocks: 1n << BigInt(blockSize - prefix.length),
        enabled: resource.spec.disabled !== true,
        manual: resource.spec.assignmentMode === 'Manual',
        uses: resource.spec.allowedUses && resource.spec.allowedUses.length > 0 ? resource.spec.allowedUses : ['Workload', 'Tunnel'],
        ipipEnabled: encapsulated(resource.spec.ipipMode),
        vxlanEnabled: encapsulated(resource.spec.vxlanMode),
        nodeSelector: selector.ok ? selector.selector : undefined,
        // A selector that does not parse matches nothing here, as Calico's determinePools fails on it.
        namespaceSelector: namespaces === undefined ? undefined : namespaces.ok ? namespaces.selector : (parseSelector('!all()') as { readonly selector: Selector }).selector,
      },
    ]
  })
}

/** Whether a pool's namespaceSelector takes a namespace with these labels (no selector: every namespace). */
export function selectsNamespace(pool: IpamPool, labels: Labels): boolean {
  return pool.namespaceSelector?.matches(labels) ?? true
}

export function selectsNode(pool: IpamPool, labels: Labels): boolean {
  return pool.nodeSelector?.matches(labels) ?? false
}
