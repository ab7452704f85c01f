import { parseIpAddress, parseIpPrefix, prefixContainsAddress, type IpPrefix } from '../net'
import type { Design, EntityId } from './design'
import type { ClusterResource, IpFamilyName, ModelledKey, ResourceByKey, SegmentResource } from './resources'

/**
 * Typed read access to a design. Results are computed once per design object (designs are
 * immutable, so a WeakMap cache can never go stale).
 */
const byKeyCache = new WeakMap<Design, Map<string, Map<string, unknown[]>>>()

export function resourcesOf<K extends ModelledKey>(design: Design, key: K): readonly ResourceByKey[K][] {
  let index = byKeyCache.get(design)
  if (!index) {
    // Keyed by apiVersion, then kind: no string is built per entry, which matters at 100,000 entries.
    index = new Map()
    for (const entry of design.entries) {
      if (!entry.modelled) continue
      const { apiVersion, kind } = entry.resource
      let kinds = index.get(apiVersion)
      if (!kinds) index.set(apiVersion, (kinds = new Map()))
      const list = kinds.get(kind)
      if (list) list.push(entry.resource)
      else kinds.set(kind, [entry.resource])
    }
    byKeyCache.set(design, index)
  }
  const slash = key.lastIndexOf('/')
  return (index.get(key.slice(0, slash))?.get(key.slice(slash + 1)) ?? []) as ResourceByKey[K][]
}

function byName<T extends { readonly metadata: { readonly name: string } }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0))
}

export function clusterOf(design: Design): ClusterResource | undefined {
  return resourcesOf(design, 'peerlab.dev/v1alpha1/Cluster')[0]
}

export function ipFamiliesOf(design: Design): readonly IpFamilyName[] {
  return clusterOf(design)?.spec.ipFamilies ?? ['IPv4']
}

/** IP pools in Calico's order: the datastore lists them by name (calico.md §1.4). */
const poolsCache = new WeakMap<Design, readonly ResourceByKey['projectcalico.org/v3/IPPool'][]>()

export function ipPoolsOf(design: Design): readonly ResourceByKey['projectcalico.org/v3/IPPool'][] {
  let pools = poolsCache.get(design)
  if (!pools) poolsCache.set(design, (pools = byName(resourcesOf(design, 'projectcalico.org/v3/IPPool'))))
  return pools
}

export type HostRole = 'control-plane' | 'worker' | 'router'

export interface HostInterface {
  readonly name: string
  readonly address: string
  readonly segmentId?: EntityId
  /** Where the address is written in the host's resource, to point diagnostics and editors at it. */
  readonly path: readonly (string | number)[]
}

/** A machine on the canvas, derived from a Kubernetes Node (plus its Calico Node) or a Router. */
export interface Host {
  readonly id: EntityId
  /** Kubernetes node name (`ip-10-0-1-31.eu-west-1.compute.internal`) or router name. */
  readonly name: string
  /** Short name people type (`worker2`). */
  readonly alias?: string
  readonly role: HostRole
  readonly interfaces: readonly HostInterface[]
  readonly labels: Readonly<Record<string, string>>
  readonly asNumber?: number | string
  readonly routeReflectorClusterId?: string
  readonly daemon?: string
}

export const ALIAS_ANNOTATION = 'peerlab.dev/alias'
const CONTROL_PLANE_LABELS = ['node-role.kubernetes.io/control-plane', 'node-role.kubernetes.io/master']
/** Linux's usual name for a first NIC, when a segment does not name one. */
export const DEFAULT_INTERFACE = 'eth0'

/** A segment with its prefixes parsed (prefixes that do not parse are the validator's to report). */
export interface ParsedSegment {
  readonly id: EntityId
  readonly resource: SegmentResource
  readonly prefixes: readonly IpPrefix[]
}

const segmentsCache = new WeakMap<Design, readonly ParsedSegment[]>()
/** The last segments parsed: an edit that leaves every Segment as it was gets the same list back. */
let lastSegments: { resources: readonly SegmentResource[]; parsed: readonly ParsedSegment[] } | undefined

/**
 * Every segment, parsed once per design: hosts, validation, routing and tables all ask. While the
 * Segment resources are the same objects the list itself is the same object, which lets what was
 * derived from it (each host's interfaces) be kept across edits.
 */
export function segmentsOf(design: Design): readonly ParsedSegment[] {
  let segments = segmentsCache.get(design)
  if (!segments) {
    const resources = resourcesOf(design, 'peerlab.dev/v1alpha1/Segment')
    const previous = lastSegments
    if (previous && previous.resources.length === resources.length && previous.resources.every((r, i) => r === resources[i])) segments = previous.parsed
    else {
      segments = resources.map((resource) => ({
        id: `segment/${resource.metadata.name}`,
        resource,
        prefixes: resource.spec.cidrs.flatMap((cidr) => {
          const parsed = parseIpPrefix(cidr)
          return parsed.ok ? [parsed.value] : []
        }),
      }))
      lastSegments = { resources, parsed: segments }
    }
    segmentsCache.set(design, segments)
  }
  return segments
}

/** Whether one of the segment's prefixes holds `address`. */
export function segmentHolds(segment: ParsedSegment, address: string): boolean {
  const ip = parseIpAddress(address)
  return ip.ok && segment.prefixes.some((p) => prefixContainsAddress(p, ip.value))
}

function segmentHolding(segments: readonly ParsedSegment[], address: string): ParsedSegment | undefined {
  // Not parsed at all without segments: thousands of nodes of a design with none each asked.
  if (segments.length === 0) return undefined
  // Parsed once, not once per segment: placing thousands of nodes among hundreds of racks asks often.
  const ip = parseIpAddress(address)
  return ip.ok ? segments.find((s) => s.prefixes.some((p) => prefixContainsAddress(p, ip.value))) : undefined
}

const hostsCache = new WeakMap<Design, readonly Host[]>()
type NodeResource = ResourceByKey['v1/Node']
type CalicoNodeResource = ResourceByKey['projectcalico.org/v3/Node']
/**
 * A node's host, kept for as long as the node, its Calico Node and the segments are the same
 * objects: an edit to one of a thousand hosts then works out one host, not a thousand.
 */
const nodeHosts = new WeakMap<NodeResource, { segments: readonly ParsedSegment[]; calicoNode: CalicoNodeResource | undefined; host: Host }>()

function nodeHost(node: NodeResource, calicoNode: CalicoNodeResource | undefined, segments: readonly ParsedSegment[]): Host {
  const labels = node.metadata.labels ?? {}
  const bgp = calicoNode?.spec?.bgp
  const internal = (node.status?.addresses ?? []).flatMap((a, index) => (a.type === 'InternalIP' ? [{ address: a.address, index }] : []))
  const interfaces = internal.map(({ address, index }, i): HostInterface => {
    const segment = segmentHolding(segments, address)
    const name = segment?.resource.spec.interface ?? (i === 0 ? DEFAULT_INTERFACE : `eth${i}`)
    return { name, address, path: ['status', 'addresses', index, 'address'], ...(segment ? { segmentId: segment.id } : {}) }
  })
  const alias = node.metadata.annotations?.[ALIAS_ANNOTATION]
  return {
    id: `node/${node.metadata.name}`,
    name: node.metadata.name,
    role: CONTROL_PLANE_LABELS.some((label) => label in labels) ? 'control-plane' : 'worker',
    interfaces,
    labels,
    ...(alias !== undefined ? { alias } : {}),
    ...(bgp?.asNumber !== undefined ? { asNumber: bgp.asNumber } : {}),
    ...(bgp?.routeReflectorClusterID !== undefined ? { routeReflectorClusterId: bgp.routeReflectorClusterID } : {}),
  }
}

/** Every host: routers first, then Kubernetes nodes, each in file order. */
export function hostsOf(design: Design): readonly Host[] {
  const cached = hostsCache.get(design)
  if (cached) return cached
  const routers = resourcesOf(design, 'peerlab.dev/v1alpha1/Router')
  const kubernetesNodes = resourcesOf(design, 'v1/Node')
  // Parsing every subnet is only worth it when some host needs placing.
  const segments = routers.length + kubernetesNodes.length > 0 ? segmentsOf(design) : []
  const calicoNodes = new Map(resourcesOf(design, 'projectcalico.org/v3/Node').map((n) => [n.metadata.name, n]))
  const hosts: Host[] = []

  for (const router of routers) {
    const interfaces = router.spec.interfaces.flatMap((iface, i) =>
      iface.addresses.map((address, j): HostInterface => {
        const segment = iface.segment !== undefined ? segments.find((s) => s.resource.metadata.name === iface.segment) : segmentHolding(segments, address)
        return { name: iface.name, address, path: ['spec', 'interfaces', i, 'addresses', j], ...(segment ? { segmentId: segment.id } : {}) }
      }),
    )
    hosts.push({
      id: `router/${router.metadata.name}`,
      name: router.metadata.name,
      role: 'router',
      interfaces,
      labels: router.metadata.labels ?? {},
      ...(router.spec.asNumber !== undefined ? { asNumber: router.spec.asNumber } : {}),
      ...(router.spec.daemon !== undefined ? { daemon: router.spec.daemon } : {}),
      ...(router.metadata.annotations?.[ALIAS_ANNOTATION] !== undefined ? { alias: router.metadata.annotations[ALIAS_ANNOTATION] } : {}),
    })
  }

  for (const node of kubernetesNodes) {
    const calicoNode = calicoNodes.get(node.metadata.name)
    const kept = nodeHosts.get(node)
    if (kept && kept.segments === segments && kept.calicoNode === calicoNode) {
      hosts.push(kept.host)
      continue
    }
    const host = nodeHost(node, calicoNode, segments)
    nodeHosts.set(node, { segments, calicoNode, host })
    hosts.push(host)
  }
  hostsCache.set(design, hosts)
  return hosts
}

/** The name a person uses for a host: its alias when it has one. */
export function displayName(host: Host): string {
  return host.alias ?? host.name
}
