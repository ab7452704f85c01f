import type { Command } from '../commands/commands'
import type { Design, EntityId, OpaqueResource } from '../model/design'
import { hostsOf, segmentsOf } from '../model/query'
import type { KubernetesNodeResource, RouterResource } from '../model/resources'
import { proposeAddress } from './freeAddress'

export type AttachResult = { readonly ok: true; readonly command: Command; readonly address: string } | { readonly ok: false; readonly message: string }

/**
 * Puts a host on a segment with the segment's first free address. A host dragged out of another
 * segment leaves it (its address there is replaced); a host on no segment gains the address.
 */
export function attachHost(design: Design, hostId: EntityId, segmentId: EntityId, fromSegmentId?: EntityId): AttachResult {
  const host = hostsOf(design).find((h) => h.id === hostId)
  const segment = segmentsOf(design).find((s) => s.id === segmentId)
  if (!host || !segment) return { ok: false, message: `${hostId} or ${segmentId} does not exist` }
  if (host.interfaces.some((i) => i.segmentId === segmentId)) return { ok: false, message: `${host.name} is already on ${segment.resource.metadata.name}` }
  const address = proposeAddress(design, segmentId)
  if (address === undefined) return { ok: false, message: `${segment.resource.metadata.name} has no free address` }
  const leaving = host.interfaces.find((i) => fromSegmentId !== undefined && i.segmentId === fromSegmentId)
  const entry = design.entries.find((e) => e.id === hostId)
  if (!entry) return { ok: false, message: `${hostId} does not exist` }
  const resource =
    host.role === 'router'
      ? attachRouter(entry.resource as RouterResource, segment.resource.metadata.name, segment.resource.spec.interface, address, leaving?.address)
      : attachNode(entry.resource as KubernetesNodeResource, address, leaving?.address)
  return {
    ok: true,
    address,
    command: { type: 'batch', label: `Attach ${host.name} to ${segment.resource.metadata.name}`, commands: [{ type: 'apply', resource: resource as unknown as OpaqueResource }] },
  }
}

function attachNode(node: KubernetesNodeResource, address: string, replaced: string | undefined): KubernetesNodeResource {
  const addresses = node.status?.addresses ?? []
  const next = replaced !== undefined ? addresses.map((a) => (a.type === 'InternalIP' && a.address === replaced ? { ...a, address } : a)) : [{ type: 'InternalIP', address }, ...addresses]
  return { ...node, status: { ...node.status, addresses: next } }
}

function attachRouter(router: RouterResource, segment: string, interfaceName: string | undefined, address: string, replaced: string | undefined): RouterResource {
  const interfaces = router.spec.interfaces
  const leaving = interfaces.findIndex((i) => replaced !== undefined && i.addresses.includes(replaced))
  // A router fresh from the palette has one interface and no address yet: that is the one to connect.
  const unused = interfaces.findIndex((i) => i.addresses.length === 0 && i.segment === undefined)
  const index = leaving >= 0 ? leaving : unused
  const next =
    index >= 0
      ? interfaces.map((iface, i) => (i === index ? { ...iface, segment, addresses: [address] } : iface))
      : [...interfaces, { name: interfaceName ?? `eth${interfaces.length}`, segment, addresses: [address] }]
  return { ...router, spec: { ...router.spec, interfaces: next } }
}
