import type { HostRole } from '../model/query'
import type { DesignerGraph } from './designerGraph'
import { graphBounds, type Bounds } from './graphBounds'
import { segmentBoxes, type BoxSizes, type SegmentBox } from './segmentBoxes'
import { isBundle } from './sessionBundles'
import type { SessionKind } from './sessionEdges'

export interface Point {
  readonly x: number
  readonly y: number
}

/** A host or the mesh hub: its centre and drawn size, in model coordinates. */
export interface OverviewHost {
  readonly kind: HostRole | 'mesh'
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
}

export interface OverviewSession {
  readonly kind: SessionKind
  readonly state: 'up' | 'down'
  readonly from: Point
  readonly to: Point
  /** Many sessions drawn as one line from a segment's centre, straight as the canvas draws it. */
  readonly bundle: boolean
}

/** What an overview of the canvas draws: plain shapes, no labels, and the box that holds them all. */
export interface OverviewScene {
  /** Undefined when there is nothing placed to draw. */
  readonly bounds: Bounds | undefined
  readonly segments: readonly SegmentBox[]
  readonly hosts: readonly OverviewHost[]
  /** Empty past the session limit: thousands of hairlines in a thumbnail are noise, and cost a frame. */
  readonly sessions: readonly OverviewSession[]
}

/** How big the canvas draws each kind of host, and how it wraps a segment around its members. */
export interface OverviewSizes {
  readonly hosts: Readonly<Record<HostRole | 'mesh', { readonly width: number; readonly height: number }>>
  readonly segments: BoxSizes
}

/**
 * The canvas reduced to what a thumbnail can show, worked out from the graph rather than read back
 * from Cytoscape: segments get the boxes the canvas would give them (see segmentBoxes) whether it
 * draws them as compound parents or as plain boxes.
 */
export function overviewScene(graph: DesignerGraph, sizes: OverviewSizes, sessionLimit: number): OverviewScene {
  const boxes = segmentBoxes(graph.nodes, sizes.segments)
  // A bundle of sessions starts from its segment's centre.
  const positions = new Map<string, Point>([...boxes].map(([id, box]) => [id, { x: box.x, y: box.y }]))
  const hosts: OverviewHost[] = []
  for (const node of graph.nodes) {
    if (node.kind === 'segment' || !node.position) continue
    const { width, height } = sizes.hosts[node.kind]
    hosts.push({ kind: node.kind, x: node.position.x, y: node.position.y, width, height })
    positions.set(node.id, node.position)
  }
  const segments = [...boxes.values()]
  const placed = [
    ...segments.map((box) => ({ kind: 'segment', position: box, width: box.width, height: box.height })),
    ...hosts.map((host) => ({ kind: host.kind, position: host, width: host.width, height: host.height })),
  ]
  const sessions: OverviewSession[] = []
  if (graph.edges.length <= sessionLimit) {
    for (const edge of graph.edges) {
      const from = positions.get(edge.source)
      const to = positions.get(edge.target)
      if (from && to) sessions.push({ kind: edge.kind, state: edge.state, from, to, bundle: isBundle(edge) })
    }
  }
  return { bounds: graphBounds(placed, sizes.segments), segments, hosts, sessions }
}
