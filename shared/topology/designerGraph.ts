import type { SessionState } from '../bgp/sessions'
import { MESH_ID } from '../edit/drawPeering'
import { annotationsOf } from '../model/annotations'
import type { Design, EntityId } from '../model/design'
import type { Annotation } from '../model/resources'
import { hostsOf, resourcesOf, type Host } from '../model/query'
import { bundleSessions, type BundledSessions } from './sessionBundles'
import { foldMeshSessions, meshPairEdge, pairCount, pairKey, type CanvasSessions } from './canvasSessions'
import type { SessionEdge } from './sessionEdges'
import { buildTopologyGraph, HOST_SPACING, rowSegmentOf, SEGMENT_SPACING, type GraphNode } from './topologyGraph'

/** The element that stands for a whole node-to-node mesh. */
export interface MeshNode {
  readonly id: typeof MESH_ID
  readonly kind: 'mesh'
  readonly label: string
  readonly state: 'up' | 'down'
  readonly position: { readonly x: number; readonly y: number }
}

export interface DesignerGraph {
  readonly nodes: readonly (GraphNode | MeshNode)[]
  /** Sessions, and on a large canvas bundles of them (see sessionBundles). */
  readonly edges: readonly SessionEdge[]
  /** Which bundle each bundled session belongs to, expanded or not. */
  readonly bundleOf: ReadonlyMap<string, string>
  /** Notes and rectangles drawn for the reader: on the canvas, never part of the network. */
  readonly annotations?: readonly Annotation[]
}

/**
 * Past this many elements (hosts, segments, a mesh hub) the canvas is drawn for overview: segments
 * as plain boxes rather than compound parents, and sessions gathered into bundles per segment.
 */
export const LARGE_CANVAS = 200

export interface DesignerGraphOptions {
  readonly expandMesh: boolean
  /** Bundles the user asked to see session by session. */
  readonly expandedBundles?: ReadonlySet<string>
}

/**
 * The graph is rebuilt on every edit, the sessions only when the analysis after it runs: their
 * edges are worked out once per set of sessions (tens of milliseconds at a thousand hosts).
 */
const edgesBySessions = new WeakMap<readonly SessionState[], CanvasSessions>()
function canvasSessionsOf(sessions: readonly SessionState[] | CanvasSessions): CanvasSessions {
  if (!isSessionList(sessions)) return sessions
  let canvas = edgesBySessions.get(sessions)
  if (!canvas) edgesBySessions.set(sessions, (canvas = foldMeshSessions(sessions)))
  return canvas
}
const isSessionList = (sessions: readonly SessionState[] | CanvasSessions): sessions is readonly SessionState[] => Array.isArray(sessions)

/**
 * The most mesh sessions drawn one by one when the mesh is expanded (a mesh of 200 members has
 * 19,900): a thousand members have half a million, which would take the canvas seconds to build
 * and to draw, and nobody could read. A larger mesh stays folded.
 */
export const MAX_EXPANDED_MESH_PAIRS = 20_000

/** Whether a mesh of `members` members can be drawn session by session. */
export const meshExpandable = (members: number): boolean => pairCount(members) <= MAX_EXPANDED_MESH_PAIRS

/** Below this many members a mesh has no more lines than spokes to a hub: N(N-1)/2 ≤ N for N ≤ 3. */
const MIN_AGGREGATED_MESH = 4
const HUB_OFFSET = 170

/**
 * Whether an edge is of mesh sessions only: a mesh edge, or a pair of the mesh group the group
 * does not describe with no BGPPeer behind it (an eBGP pair of two members in different ASes that
 * is down, say), which a folded mesh shows as a spoke down rather than as a line of its own.
 */
function isMeshEdge(sessions: CanvasSessions): (edge: SessionEdge) => boolean {
  const except = new Set(sessions.mesh?.except ?? [])
  return (e) => e.kind === 'mesh' || (e.subject === undefined && except.has(pairKey(e.source, e.target)))
}

/** The mesh's sessions on the canvas, counted without drawing them: which hosts they join, which of those have one down, and how many pairs are up of how many. */
interface MeshSummary {
  readonly members: readonly EntityId[]
  readonly down: ReadonlySet<EntityId>
  readonly up: number
  readonly pairs: number
}

/** The mesh edges among the hosts on the canvas: those in `edges`, and the mesh group's pairs (if the sessions keep one), counted rather than made unless `spell`. */
function meshOf(sessions: CanvasSessions, edges: readonly SessionEdge[], ids: ReadonlySet<string>, spell: boolean): { summary: MeshSummary; spelled: SessionEdge[] } {
  const drawn = edges.filter(isMeshEdge(sessions))
  const members = new Set(drawn.flatMap((e) => [e.source, e.target]))
  const down = new Set(drawn.filter((e) => e.state === 'down').flatMap((e) => [e.source, e.target]))
  const spelled: SessionEdge[] = []
  const group = sessions.mesh
  const present = group?.members.filter((m) => ids.has(m.id)) ?? []
  // A group of one has no pairs.
  if (present.length > 1) for (const m of present) members.add(m.id)
  const except = new Set(group?.except ?? [])
  let left = 0
  for (const pair of except) if (pair.split('|').every((id) => ids.has(id))) left++
  const pairs = pairCount(present.length) - left
  if (group && spell)
    present.forEach((a, i) => {
      for (const b of present.slice(i + 1)) if (except.size === 0 || !except.has(pairKey(a.id, b.id))) spelled.push(meshPairEdge(a, b, group.asNumber))
    })
  const up = drawn.filter((e) => e.state === 'up').length + pairs
  return { summary: { members: [...members].sort(), down, up, pairs: drawn.length + pairs }, spelled }
}

/** The mesh's sessions drawn as one hub with a spoke per member; a spoke is down when any of its member's mesh sessions is. */
function aggregateMesh(mesh: MeshSummary, nodes: readonly GraphNode[]): { hub: MeshNode; spokes: SessionEdge[] } {
  const { members, down } = mesh
  const inMesh = new Set(members)
  const placed = nodes.filter((n) => n.position !== undefined && inMesh.has(n.id)).map((n) => n.position as { x: number; y: number })
  const x = placed.length > 0 ? placed.reduce((sum, p) => sum + p.x, 0) / placed.length : 0
  const y = placed.length > 0 ? placed.reduce((top, p) => Math.min(top, p.y), Infinity) - HUB_OFFSET : 0
  const hub: MeshNode = {
    id: MESH_ID,
    kind: 'mesh',
    label: `node-to-node mesh\n${members.length} nodes · ${mesh.up}/${mesh.pairs} Established`,
    state: mesh.up === mesh.pairs ? 'up' : 'down',
    position: { x, y },
  }
  const spokes = members.map((member): SessionEdge => ({
    id: `session/${member}|${MESH_ID}`,
    source: member,
    target: MESH_ID,
    kind: 'mesh',
    state: down.has(member) ? 'down' : 'up',
    label: '',
    asNumbers: '',
    subject: undefined,
    addresses: [],
  }))
  return { hub, spokes }
}

/** A segment with no hosts yet has no members to wrap: it sits where it was put, or below the rows. */
function placeEmptySegments(design: Design, nodes: readonly GraphNode[]): readonly GraphNode[] {
  // Plain loops: this runs on every edit, over thousands of hosts.
  const parents = new Set<string>()
  let bottom = 0
  for (const node of nodes) {
    if (node.parent !== undefined) parents.add(node.parent)
    if (node.position && node.position.y > bottom) bottom = node.position.y
  }
  if (!nodes.some((node) => node.kind === 'segment' && !parents.has(node.id))) return nodes
  const placed = resourcesOf(design, 'peerlab.dev/v1alpha1/Layout')[0]?.spec.positions ?? {}
  let spare = 0
  return nodes.map((node) => {
    if (node.kind !== 'segment' || parents.has(node.id)) return node
    const position = placed[node.id] ?? { x: spare++ * HOST_SPACING * 2, y: bottom + SEGMENT_SPACING }
    return { ...node, position }
  })
}

/**
 * What the designer's canvas draws: hosts and segments, every BGP session as one edge per pair,
 * and a large mesh folded into one element unless the user expanded it. `sessions` may lag one
 * edit behind `design` (the app works them out after the edit is on screen); they are a list, or
 * as canvasSessions keeps them, with a mesh group's pairs left unspelled until the mesh is expanded.
 */
export function buildDesignerGraph(design: Design, sessions: readonly SessionState[] | CanvasSessions, options: DesignerGraphOptions): DesignerGraph {
  const canvas = canvasSessionsOf(sessions)
  const nodes = nodesOf(design)
  // Sessions may have been worked out for the design before this one: nothing is drawn to a host that is gone.
  const ids = new Set(nodes.map((n) => n.id))
  const edges = canvas.edges.filter((e) => ids.has(e.source) && ids.has(e.target))
  const counted = meshOf(canvas, edges, ids, false)
  const isMesh = isMeshEdge(canvas)
  const folded =
    (options.expandMesh && counted.summary.pairs <= MAX_EXPANDED_MESH_PAIRS) || counted.summary.members.length < MIN_AGGREGATED_MESH
      ? { nodes, edges: [...edges, ...meshOf(canvas, edges, ids, true).spelled] }
      : foldMesh(
          nodes,
          edges.filter((e) => !isMesh(e)),
          counted.summary,
        )
  const annotations = distinctAnnotations(annotationsOf(design))
  if (folded.nodes.length <= LARGE_CANVAS) return { ...folded, bundleOf: new Map(), annotations }
  const bundled = bundledFor(canvas, folded.edges, nodes, bundleKey(design, nodes, options), options)
  return { nodes: folded.nodes, edges: bundled.edges, bundleOf: bundled.bundleOf, annotations }
}

/**
 * One annotation per id, the first: the canvas draws one element per id, and a Layout that names
 * an id twice (by hand; reported as layout.duplicate-annotation) would otherwise make it add the
 * same element twice.
 */
function distinctAnnotations(annotations: readonly Annotation[]): readonly Annotation[] {
  const ids = new Set(annotations.map((a) => a.id))
  if (ids.size === annotations.length) return annotations
  return annotations.filter((a) => ids.delete(a.id))
}

/** The hosts and segments of a design, worked out once: its sessions arrive after it, and the graph is built again with them (tens of milliseconds at 5,000 hosts). */
const nodesByDesign = new WeakMap<Design, readonly GraphNode[]>()
function nodesOf(design: Design): readonly GraphNode[] {
  let nodes = nodesByDesign.get(design)
  if (!nodes) nodesByDesign.set(design, (nodes = placeEmptySegments(design, buildTopologyGraph(design).nodes)))
  return nodes
}

/**
 * What bundles depend on besides the sessions: which segment each host is in. Written in the
 * order of the file (hosts as hostsOf lists them), not of the canvas, whose rows are sorted by the
 * names people see: an alias typed moves a host along its row but leaves the bundles as they were.
 */
function bundleKey(design: Design, nodes: readonly GraphNode[], options: DesignerGraphOptions): string {
  const segments: string[] = []
  for (const node of nodes) if (node.kind === 'segment') segments.push(node.id)
  const head = `${options.expandMesh}|${segments.join(',')}|`
  const hosts = hostsOf(design)
  const last = lastBundleKey
  // A host edited in place (an alias) is a new object in the same row: the key written last still holds.
  const same =
    last !== undefined &&
    last.head === head &&
    last.hosts.length === hosts.length &&
    hosts.every((host, i) => {
      const before = last.hosts[i] as Host
      return host === before || (host.id === before.id && rowSegmentOf(host) === rowSegmentOf(before))
    })
  const key = same ? last.key : head + hosts.map((h) => `${h.id}>${rowSegmentOf(h) ?? ''}`).join(',')
  lastBundleKey = { head, hosts, key }
  return key
}
/** The bundle key worked out last, with what it was worked out from: a key is thousands of hosts long. */
let lastBundleKey: { readonly head: string; readonly hosts: readonly Host[]; readonly key: string } | undefined

/**
 * Bundling takes milliseconds on a thousand hosts, and most edits (an alias, a position) change
 * neither the sessions, nor which host is in which segment, nor what is expanded: then the last
 * bundles still hold.
 */
const bundlesBySessions = new WeakMap<CanvasSessions, { key: string; expanded: ReadonlySet<string> | undefined; bundled: BundledSessions }>()
function bundledFor(sessions: CanvasSessions, edges: readonly SessionEdge[], nodes: readonly GraphNode[], key: string, options: DesignerGraphOptions): BundledSessions {
  const nothingExpanded = (options.expandedBundles?.size ?? 0) === 0
  if (sessions.bundled?.key === key && nothingExpanded) return sessions.bundled.bundled
  const cached = bundlesBySessions.get(sessions)
  if (cached && cached.key === key && cached.expanded === options.expandedBundles) return cached.bundled
  const bundled = bundleSessions(edges, nodes, options.expandedBundles ?? new Set())
  bundlesBySessions.set(sessions, { key, expanded: options.expandedBundles, bundled })
  return bundled
}

/** The sessions with the bundles the design's canvas draws them as when nothing is expanded, if it bundles them: worked out where the sessions are. */
export function withBundles(design: Design, sessions: CanvasSessions): CanvasSessions {
  const options = { expandMesh: false, expandedBundles: new Set<string>() }
  buildDesignerGraph(design, sessions, options)
  const cached = bundlesBySessions.get(sessions)
  return cached ? { ...sessions, bundled: { key: cached.key, bundled: cached.bundled } } : sessions
}

/** `others`: the edges that are not the mesh's. */
function foldMesh(nodes: readonly GraphNode[], others: readonly SessionEdge[], mesh: MeshSummary): { nodes: (GraphNode | MeshNode)[]; edges: SessionEdge[] } {
  const { hub, spokes } = aggregateMesh(mesh, nodes)
  return { nodes: [...nodes, hub], edges: [...others, ...spokes] }
}

/** How many members the design's mesh has, so the canvas can offer to expand or fold it. */
export function meshSize(sessions: readonly SessionState[] | CanvasSessions): number {
  const canvas = canvasSessionsOf(sessions)
  const members = new Set<string>()
  const isMesh = isMeshEdge(canvas)
  for (const e of canvas.edges)
    if (isMesh(e)) {
      members.add(e.source)
      members.add(e.target)
    }
  // A group of one has no pairs.
  if (canvas.mesh && canvas.mesh.members.length > 1) for (const m of canvas.mesh.members) members.add(m.id)
  return members.size
}
