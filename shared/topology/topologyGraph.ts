import type { Design } from '../model/design'
import { displayName, hostsOf, resourcesOf, type Host, type HostRole } from '../model/query'

/**
 * What the canvas draws, as plain data: the renderer maps it onto Cytoscape and nothing else.
 * Keeping the shape and placement decisions here means they are tested without a browser.
 */
export type GraphNodeKind = 'segment' | HostRole

export interface GraphNode {
  readonly id: string
  readonly kind: GraphNodeKind
  readonly label: string
  /** Segment that contains this node on the canvas (a compound parent). */
  readonly parent?: string
  /** Centre of the node in model coordinates; absent for segments, whose box wraps their members. */
  readonly position?: { readonly x: number; readonly y: number }
  /** A Calico node that is a route reflector: its routeReflectorClusterID, drawn apart from other nodes. */
  readonly reflector?: string
}

export interface TopologyGraph {
  readonly nodes: readonly GraphNode[]
}

/** Horizontal distance between host centres: wide enough for a Kubernetes node name in a label. */
export const HOST_SPACING = 200
/** Vertical distance between segment rows. */
export const SEGMENT_SPACING = 260

const ROLE_ORDER: Readonly<Record<HostRole, number>> = { router: 0, 'control-plane': 1, worker: 2 }

function roleText(host: Host): string {
  switch (host.role) {
    case 'router':
      return ['router', host.asNumber !== undefined ? `AS ${host.asNumber}` : undefined, host.daemon].filter(Boolean).join(' · ')
    case 'control-plane':
      return host.routeReflectorClusterId !== undefined ? 'control plane · route reflector' : 'control plane'
    case 'worker':
      return host.routeReflectorClusterId !== undefined ? 'worker · route reflector' : 'worker'
    default:
      return assertNever(host.role)
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected value ${String(value)}`)
}

function hostLabel(host: Host): string {
  const addresses = host.interfaces.map((i) => i.address).join(', ')
  return [displayName(host), addresses, roleText(host)].filter((line) => line !== '').join('\n')
}

function segmentLabel(design: Design, segmentId: string): string {
  const segment = resourcesOf(design, 'peerlab.dev/v1alpha1/Segment').find((s) => `segment/${s.metadata.name}` === segmentId)
  if (!segment) return segmentId
  const gateways = segment.spec.gateways ?? []
  const gateway = gateways.length > 0 ? ` · gateway ${gateways.join(', ')}` : ''
  const on = segment.spec.interface !== undefined ? ` on ${segment.spec.interface}` : ''
  return `${segment.metadata.name}  ${segment.spec.cidrs.join(', ')}${on}${gateway}`
}

/** Routers first, then control plane, then workers; by name within a role, so the row reads like the lab. */
function byRoleThenName(a: Host, b: Host): number {
  return ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || displayName(a).localeCompare(displayName(b))
}

/** One row as last laid out, with what it was laid out from: kept while all of it is the same objects. */
interface LaidRow {
  readonly segment: SegmentResource | undefined
  readonly hosts: readonly Host[]
  readonly placed: readonly ({ readonly x: number; readonly y: number } | undefined)[]
  readonly rowIndex: number
  readonly nodes: readonly GraphNode[]
}
type SegmentResource = ReturnType<typeof resourcesOf<'peerlab.dev/v1alpha1/Segment'>>[number]
type Placed = Readonly<Record<string, { readonly x: number; readonly y: number }>>

/** The graph built last, with what it was built from and where each row's nodes start in it. */
interface LastGraph {
  readonly hosts: readonly Host[]
  readonly segments: readonly SegmentResource[]
  readonly placed: Placed
  readonly nodes: readonly GraphNode[]
  readonly rows: ReadonlyMap<string | undefined, { readonly row: LaidRow; readonly start: number }>
}
/**
 * An edit to one host of thousands (an alias typed) changes one row: the others keep their nodes
 * rather than being sorted and labelled again, and when no host changed rows the graph is the last
 * one with that row's nodes swapped in, without grouping thousands of hosts into rows again.
 */
let lastGraph: LastGraph | undefined
/** The positions of a design with no Layout: one object, so two such designs place alike at a glance. */
const NOTHING_PLACED: Placed = {}

function sameRow(row: LaidRow | undefined, segment: SegmentResource | undefined, hosts: readonly Host[], placed: Placed, rowIndex: number): row is LaidRow {
  return (
    row !== undefined &&
    row.segment === segment &&
    row.rowIndex === rowIndex &&
    row.hosts.length === hosts.length &&
    row.hosts.every((host, i) => host === hosts[i] && row.placed[i] === placed[host.id])
  )
}

function layRow(design: Design, segmentId: string | undefined, hosts: readonly Host[], placed: Placed, rowIndex: number): GraphNode[] {
  const nodes: GraphNode[] = []
  if (segmentId !== undefined) nodes.push({ id: segmentId, kind: 'segment', label: segmentLabel(design, segmentId) })
  const sorted = [...hosts].sort(byRoleThenName)
  const width = (sorted.length - 1) * HOST_SPACING
  sorted.forEach((host, i) => {
    nodes.push({
      id: host.id,
      kind: host.role,
      label: hostLabel(host),
      position: placed[host.id] ?? { x: i * HOST_SPACING - width / 2, y: rowIndex * SEGMENT_SPACING },
      ...(segmentId !== undefined ? { parent: segmentId } : {}),
      ...(host.routeReflectorClusterId !== undefined ? { reflector: host.routeReflectorClusterId } : {}),
    })
  })
  return nodes
}

/** The segment whose row a host is drawn in: the first one any of its interfaces is on. */
export function rowSegmentOf(host: Host): string | undefined {
  return host.interfaces.find((i) => i.segmentId !== undefined)?.segmentId
}

/**
 * Lays out one row per segment, hosts side by side inside it; hosts on no segment go in a last
 * row. A host on several segments is drawn in the first one.
 */
export function buildTopologyGraph(design: Design): TopologyGraph {
  const hosts = hostsOf(design)
  const segments = resourcesOf(design, 'peerlab.dev/v1alpha1/Segment')
  // Positions the user placed win over the automatic rows.
  const placed: Placed = resourcesOf(design, 'peerlab.dev/v1alpha1/Layout')[0]?.spec.positions ?? NOTHING_PLACED
  const graph = relaidRows(design, hosts, segments, placed) ?? laidOut(design, hosts, segments, placed)
  lastGraph = graph
  return { nodes: graph.nodes }
}

/**
 * The last graph with the rows of the hosts that changed laid out again, when the segments and
 * placed positions are the same objects and every host is the same one or keeps its id and row;
 * otherwise undefined.
 */
function relaidRows(design: Design, hosts: readonly Host[], segments: readonly SegmentResource[], placed: Placed): LastGraph | undefined {
  const last = lastGraph
  if (!last || last.placed !== placed || last.hosts.length !== hosts.length || last.segments.length !== segments.length) return undefined
  if (!segments.every((segment, i) => segment === last.segments[i])) return undefined
  const changed = new Map<string | undefined, Map<string, Host>>()
  for (let i = 0; i < hosts.length; i++) {
    const host = hosts[i] as Host
    const before = last.hosts[i] as Host
    if (host === before) continue
    const segmentId = rowSegmentOf(host)
    if (host.id !== before.id || segmentId !== rowSegmentOf(before)) return undefined
    const inRow = changed.get(segmentId) ?? new Map<string, Host>()
    inRow.set(host.id, host)
    changed.set(segmentId, inRow)
  }
  const nodes = changed.size > 0 ? [...last.nodes] : last.nodes
  const rows = new Map(last.rows)
  for (const [segmentId, replaced] of changed) {
    const laid = last.rows.get(segmentId)
    if (!laid) return undefined
    const { row, start } = laid
    const rowHosts = row.hosts.map((host) => replaced.get(host.id) ?? host)
    const relaid: LaidRow = { ...row, hosts: rowHosts, nodes: layRow(design, segmentId, rowHosts, placed, row.rowIndex) }
    // The same hosts in the same row: the row's nodes are as many as before, in the same place.
    relaid.nodes.forEach((node, i) => ((nodes as GraphNode[])[start + i] = node))
    rows.set(segmentId, { row: relaid, start })
  }
  return { hosts, segments, placed, nodes, rows }
}

/** Every row worked out from the hosts, keeping the nodes of rows whose hosts and places are as they were. */
function laidOut(design: Design, hosts: readonly Host[], segmentResources: readonly SegmentResource[], placed: Placed): LastGraph {
  const nodes: GraphNode[] = []
  const grouped = new Map<string | undefined, Host[]>()
  const segments = new Map<string | undefined, SegmentResource>()
  for (const segment of segmentResources) {
    const id = `segment/${segment.metadata.name}`
    grouped.set(id, [])
    if (!segments.has(id)) segments.set(id, segment)
  }
  for (const host of hosts) {
    const segmentId = rowSegmentOf(host)
    const row = grouped.get(segmentId) ?? []
    row.push(host)
    grouped.set(segmentId, row)
  }
  const rows = new Map<string | undefined, { row: LaidRow; start: number }>()
  let rowIndex = 0
  for (const [segmentId, rowHosts] of grouped) {
    const segment = segments.get(segmentId)
    const before = lastGraph?.rows.get(segmentId)?.row
    const row = sameRow(before, segment, rowHosts, placed, rowIndex)
      ? before
      : { segment, hosts: rowHosts, placed: rowHosts.map((h) => placed[h.id]), rowIndex, nodes: layRow(design, segmentId, rowHosts, placed, rowIndex) }
    rows.set(segmentId, { row, start: nodes.length })
    for (const node of row.nodes) nodes.push(node)
    rowIndex += 1
  }
  return { hosts, segments: segmentResources, placed, nodes, rows }
}
