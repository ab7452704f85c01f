import type { SessionState } from '../bgp/sessions'
import { MESH_ID } from '../edit/drawPeering'
import { annotationsOf } from '../model/annotations'
import type { Design } from '../model/design'
import type { Annotation } from '../model/resources'
import { resourcesOf } from '../model/query'
import { bundleSessions, type BundledSessions } from './sessionBundles'
import { sessionEdges, type SessionEdge } from './sessionEdges'
import { buildTopologyGraph, HOST_SPACING, SEGMENT_SPACING, type GraphNode } from './topologyGraph'

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
const edgesBySessions = new WeakMap<readonly SessionState[], readonly SessionEdge[]>()
function edgesOf(sessions: readonly SessionState[]): readonly SessionEdge[] {
  let edges = edgesBySessions.get(sessions)
  if (!edges) edgesBySessions.set(sessions, (edges = sessionEdges(sessions)))
  return edges
}

/** Below this many members a mesh has no more lines than spokes to a hub: N(N-1)/2 ≤ N for N ≤ 3. */
const MIN_AGGREGATED_MESH = 4
const HUB_OFFSET = 170

/** The mesh's sessions drawn as one hub with a spoke per member; a spoke is down when any of its member's mesh sessions is. */
function aggregateMesh(mesh: readonly SessionEdge[], nodes: readonly GraphNode[]): { hub: MeshNode; spokes: SessionEdge[] } {
  const members = [...new Set(mesh.flatMap((e) => [e.source, e.target]))].sort()
  const down = new Set(mesh.filter((e) => e.state === 'down').flatMap((e) => [e.source, e.target]))
  const placed = nodes.filter((n) => n.position !== undefined && members.includes(n.id)).map((n) => n.position as { x: number; y: number })
  const x = placed.length > 0 ? placed.reduce((sum, p) => sum + p.x, 0) / placed.length : 0
  const y = placed.length > 0 ? Math.min(...placed.map((p) => p.y)) - HUB_OFFSET : 0
  const up = mesh.filter((e) => e.state === 'up').length
  const hub: MeshNode = {
    id: MESH_ID,
    kind: 'mesh',
    label: `node-to-node mesh\n${members.length} nodes · ${up}/${mesh.length} Established`,
    state: up === mesh.length ? 'up' : 'down',
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
function placeEmptySegments(design: Design, nodes: readonly GraphNode[]): GraphNode[] {
  const parents = new Set(nodes.flatMap((n) => (n.parent !== undefined ? [n.parent] : [])))
  const placed = resourcesOf(design, 'peerlab.dev/v1alpha1/Layout')[0]?.spec.positions ?? {}
  const bottom = Math.max(0, ...nodes.flatMap((n) => (n.position ? [n.position.y] : [])))
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
 * edit behind `design` (the app works them out after the edit is on screen).
 */
export function buildDesignerGraph(design: Design, sessions: readonly SessionState[], options: DesignerGraphOptions): DesignerGraph {
  const nodes = placeEmptySegments(design, buildTopologyGraph(design).nodes)
  // Sessions may have been worked out for the design before this one: nothing is drawn to a host that is gone.
  const ids = new Set(nodes.map((n) => n.id))
  const edges = edgesOf(sessions).filter((e) => ids.has(e.source) && ids.has(e.target))
  const mesh = edges.filter((e) => e.kind === 'mesh')
  const memberCount = new Set(mesh.flatMap((e) => [e.source, e.target])).size
  const folded = options.expandMesh || memberCount < MIN_AGGREGATED_MESH ? { nodes, edges } : foldMesh(nodes, edges, mesh)
  const annotations = annotationsOf(design)
  if (folded.nodes.length <= LARGE_CANVAS) return { ...folded, bundleOf: new Map(), annotations }
  const bundled = bundledFor(sessions, folded.edges, nodes, options)
  return { nodes: folded.nodes, edges: bundled.edges, bundleOf: bundled.bundleOf, annotations }
}

/**
 * Bundling takes milliseconds on a thousand hosts, and most edits (an alias, a position) change
 * neither the sessions, nor which host is in which segment, nor what is expanded: then the last
 * bundles still hold.
 */
const bundlesBySessions = new WeakMap<readonly SessionState[], { key: string; expanded: ReadonlySet<string> | undefined; bundled: BundledSessions }>()
function bundledFor(sessions: readonly SessionState[], edges: readonly SessionEdge[], nodes: readonly GraphNode[], options: DesignerGraphOptions): BundledSessions {
  const key = `${options.expandMesh}|${nodes.map((n) => `${n.id}>${n.parent ?? ''}`).join(',')}`
  const cached = bundlesBySessions.get(sessions)
  if (cached && cached.key === key && cached.expanded === options.expandedBundles) return cached.bundled
  const bundled = bundleSessions(edges, nodes, options.expandedBundles ?? new Set())
  bundlesBySessions.set(sessions, { key, expanded: options.expandedBundles, bundled })
  return bundled
}

function foldMesh(nodes: readonly GraphNode[], edges: readonly SessionEdge[], mesh: readonly SessionEdge[]): { nodes: (GraphNode | MeshNode)[]; edges: SessionEdge[] } {
  const { hub, spokes } = aggregateMesh(mesh, nodes)
  return { nodes: [...nodes, hub], edges: [...edges.filter((e) => e.kind !== 'mesh'), ...spokes] }
}

/** How many members the design's mesh has, so the canvas can offer to expand or fold it. */
export function meshSize(sessions: readonly SessionState[]): number {
  return new Set(
    edgesOf(sessions)
      .filter((e) => e.kind === 'mesh')
      .flatMap((e) => [e.source, e.target]),
  ).size
}
