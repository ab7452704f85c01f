import type { BgpSpeaker } from '../bgp/speakers'
import type { Command } from '../commands/commands'
import type { Design, OpaqueResource } from '../model/design'
import { resourcesOf } from '../model/query'
import type { RouterResource } from '../model/resources'
import { uniqueName } from './uniqueName'

export type PeeringResult = { readonly ok: true; readonly command: Command } | { readonly ok: false; readonly message: string }

export function peerName(design: Design, parts: readonly string[]): string {
  const taken = new Set(resourcesOf(design, 'projectcalico.org/v3/BGPPeer').map((p) => p.metadata.name))
  const base = parts
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9.-]/g, '-')
    .slice(0, 200)
  return taken.has(base) ? uniqueName(taken, base) : base
}

/** The router's neighbor list with `peers` added, as BIRD needs one for each side that connects. */
export function withNeighbors(design: Design, router: BgpSpeaker, peers: readonly BgpSpeaker[]): Command[] {
  const resource = resourcesOf(design, 'peerlab.dev/v1alpha1/Router').find((r) => `router/${r.metadata.name}` === router.id) as RouterResource
  const neighbors = resource.spec.neighbors ?? []
  const added = peers.filter((p) => p.ipv4 !== undefined && !neighbors.some((n) => n.address === p.ipv4)).map((p) => ({ address: p.ipv4 as string, asNumber: p.asNumber }))
  if (added.length === 0) return []
  return [{ type: 'apply', resource: { ...resource, spec: { ...resource.spec, neighbors: [...neighbors, ...added] } } as unknown as OpaqueResource }]
}

export function bgpPeer(name: string, spec: Record<string, unknown>): Command {
  return { type: 'apply', resource: { apiVersion: 'projectcalico.org/v3', kind: 'BGPPeer', metadata: { name }, spec } }
}
