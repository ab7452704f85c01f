import type { BlockState, IpamResult } from '../ipam/computeIpam'
import type { EntityId } from '../model/design'
import { resourcesOf } from '../model/query'
import { parseIpPrefix, type IpPrefix } from '../net'
import { advertisedServiceRanges } from '../routing/bgpRoutes'
import type { Naming } from './wording'

/** A prefix some Calico node or router originates into BGP, and how it came to exist. */
export interface OriginatedPrefix {
  readonly cidr: string
  readonly prefix: IpPrefix
  readonly kind: 'block' | 'borrowed' | 'service' | 'announced'
  /** The speakers that originate it: a block's node, a borrowing node, every node for a service range, the routers announcing it. */
  readonly originators: readonly EntityId[]
  /** The block (its own, or the one a borrowed address comes from). */
  readonly block: BlockState | undefined
}

const cache = new WeakMap<IpamResult, { readonly byCidr: ReadonlyMap<string, OriginatedPrefix>; readonly list: readonly OriginatedPrefix[] }>()

/**
 * Every prefix the cluster originates (calico.md §5.2): affine blocks, the /32 of each borrowed
 * address, and the advertised service ranges; and what routers announce. What "why not" searches for a prefix nobody has.
 */
export function originatedPrefixes(naming: Naming): { readonly byCidr: ReadonlyMap<string, OriginatedPrefix>; readonly list: readonly OriginatedPrefix[] } {
  const { ipam } = naming.network
  const known = cache.get(ipam)
  if (known) return known
  const byCidr = new Map<string, OriginatedPrefix>()
  const nodeId = (name: string): EntityId | undefined => naming.hostByNodeName(name)?.id
  for (const block of ipam.blocks) {
    const owner = block.affinity !== undefined ? nodeId(block.affinity) : undefined
    const single = block.cidr.endsWith('/32') || block.cidr.endsWith('/128')
    if (owner !== undefined && !single) byCidr.set(block.cidr, { cidr: block.cidr, prefix: block.prefix, kind: 'block', originators: [owner], block })
    if (block.borrowed === 0) continue
    for (const allocation of block.allocations) {
      const borrower = allocation.borrowed ? nodeId(allocation.node) : undefined
      const cidr = `${allocation.address}/${allocation.address.includes(':') ? 128 : 32}`
      const prefix = parseIpPrefix(cidr)
      if (borrower !== undefined && prefix.ok) byCidr.set(cidr, { cidr, prefix: prefix.value, kind: 'borrowed', originators: [borrower], block })
    }
  }
  const nodes = naming.network.speakers.filter((s) => s.kind === 'calico').map((s) => s.id)
  for (const cidr of advertisedServiceRanges(naming.design)) {
    const prefix = parseIpPrefix(cidr)
    if (prefix.ok) byCidr.set(cidr, { cidr, prefix: prefix.value, kind: 'service', originators: nodes, block: undefined })
  }
  // A router's spec.announce (a ToR's rack subnet), by every router that announces it.
  for (const speaker of naming.network.speakers) {
    if (speaker.kind !== 'router') continue
    const announce = resourcesOf(naming.design, 'peerlab.dev/v1alpha1/Router').find((r) => `router/${r.metadata.name}` === speaker.id)?.spec.announce ?? []
    for (const cidr of announce) {
      const prefix = parseIpPrefix(cidr)
      const known = byCidr.get(cidr)
      if (known?.kind === 'announced') byCidr.set(cidr, { ...known, originators: [...known.originators, speaker.id] })
      else if (known === undefined && prefix.ok) byCidr.set(cidr, { cidr, prefix: prefix.value, kind: 'announced', originators: [speaker.id], block: undefined })
    }
  }
  const result = { byCidr, list: [...byCidr.values()] }
  cache.set(ipam, result)
  return result
}

/** Where a prefix comes from, in words: `block 10.48.2.216/29 of pool external-pool, affine to worker2`. */
export function describeOrigin(naming: Naming, origin: OriginatedPrefix | undefined, cidr: string, originator: EntityId | undefined): string {
  if (origin?.kind === 'block' && origin.block) return `block ${cidr} of pool ${origin.block.pool}, affine to ${naming.name(originator ?? origin.originators[0])}`
  if (origin?.kind === 'borrowed' && origin.block) {
    const address = cidr.split('/')[0] as string
    const pod = origin.block.allocations.find((a) => a.address === address)?.pod
    return `address ${address}${pod !== undefined ? ` of pod ${pod}` : ''}, borrowed by ${naming.name(originator ?? origin.originators[0])} from block ${origin.block.cidr} (affine to ${origin.block.affinity !== undefined ? naming.name(naming.hostByNodeName(origin.block.affinity)?.id) : 'no node'}), advertised as a host route`
  }
  if (origin?.kind === 'service') return `service range ${cidr}, which the default BGPConfiguration asks every node to advertise`
  if (origin?.kind === 'announced') return `prefix ${cidr}, announced by ${naming.name(originator ?? origin.originators[0])}`
  return `${cidr}, originated by ${naming.name(originator)}`
}
