import type { EntityId } from '../model/design'
import type { NetworkState } from '../routing/network'

/** What a Calico node's badge on the canvas says: its affine blocks and how many pods run on it. */
export interface NodeBadge {
  readonly blocks: readonly { readonly cidr: string; readonly pool: string; readonly inUse: number; readonly size: number }[]
  readonly pods: number
}

/** Every Calico node's blocks and running pods, in one pass over IPAM's result. */
export function nodeBadges(network: NetworkState): ReadonlyMap<EntityId, NodeBadge> {
  const byNode = new Map<string, { blocks: NodeBadge['blocks'][number][]; pods: number }>()
  const entry = (name: string): { blocks: NodeBadge['blocks'][number][]; pods: number } => {
    let found = byNode.get(name)
    if (!found) byNode.set(name, (found = { blocks: [], pods: 0 }))
    return found
  }
  for (const block of network.ipam.blocks) if (block.affinity !== undefined) entry(block.affinity).blocks.push({ cidr: block.cidr, pool: block.pool, inUse: block.inUse, size: block.size })
  for (const pod of network.ipam.pods) if (pod.node !== undefined && pod.phase === 'Running') entry(pod.node).pods += 1
  const badges = new Map<EntityId, NodeBadge>()
  for (const speaker of network.speakers) if (speaker.kind === 'calico') badges.set(speaker.id, byNode.get(speaker.host.name) ?? { blocks: [], pods: 0 })
  return badges
}
