import type { SessionState } from '../bgp/sessions'
import type { Design } from '../model/design'
import { buildDesignerGraph } from '../topology/designerGraph'
import { segmentBoxes, type BoxSizes } from '../topology/segmentBoxes'
import type { SessionKind } from '../topology/sessionEdges'
import type { GraphNodeKind } from '../topology/topologyGraph'

/**
 * The sizes the canvas draws with (renderer/src/canvas/patchElements.ts SEGMENT_BOX_SIZES), so
 * an exported picture or diagram has the canvas's proportions.
 */
export const DIAGRAM_SIZES: BoxSizes = { hostWidth: 180, hostHeight: 66, padding: 28, minWidth: 220, minHeight: 90 }
const MESH_SIZE = { width: 200, height: 56 }

export interface SceneBox {
  readonly id: string
  /** The label's lines: a host's name, its addresses and its role; a segment's name and prefixes. */
  readonly lines: readonly string[]
  /** Centre and size in canvas (model) coordinates. */
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
}

export interface SceneHost extends SceneBox {
  readonly kind: Exclude<GraphNodeKind, 'segment'> | 'mesh'
  readonly segment?: string
}

export interface SceneSession {
  readonly id: string
  readonly source: string
  readonly target: string
  readonly kind: SessionKind
  readonly state: 'up' | 'down'
  readonly label: string
}

/** What every diagram export draws: the canvas's hosts, segment boxes and sessions, as plain data. */
export interface DiagramScene {
  readonly name: string
  readonly segments: readonly SceneBox[]
  readonly hosts: readonly SceneHost[]
  readonly sessions: readonly SceneSession[]
}

/**
 * The design as the canvas draws it by default (a mesh of four or more folded into one element, a
 * large canvas's sessions bundled), with every host at its canvas position.
 */
export function diagramScene(design: Design, sessions: readonly SessionState[]): DiagramScene {
  const graph = buildDesignerGraph(design, sessions, { expandMesh: false })
  const boxes = segmentBoxes(
    graph.nodes.map((n) => ({ id: n.id, kind: n.kind, ...('parent' in n && n.parent !== undefined ? { parent: n.parent } : {}), ...(n.position ? { position: n.position } : {}) })),
    DIAGRAM_SIZES,
  )
  const segments: SceneBox[] = []
  const hosts: SceneHost[] = []
  for (const node of graph.nodes) {
    const lines = node.label.split('\n').filter((line) => line !== '')
    if (node.kind === 'segment') {
      const box = boxes.get(node.id)
      if (box) segments.push({ id: node.id, lines, ...box })
      continue
    }
    const position = node.position ?? { x: 0, y: 0 }
    const size = node.kind === 'mesh' ? MESH_SIZE : { width: DIAGRAM_SIZES.hostWidth, height: DIAGRAM_SIZES.hostHeight }
    const segment = 'parent' in node ? node.parent : undefined
    hosts.push({ id: node.id, kind: node.kind, lines, x: position.x, y: position.y, ...size, ...(segment !== undefined ? { segment } : {}) })
  }
  const placed = new Set([...segments, ...hosts].map((b) => b.id))
  const drawn = graph.edges.filter((e) => placed.has(e.source) && placed.has(e.target))
  return {
    name: design.name,
    segments,
    hosts,
    sessions: drawn.map((e) => ({ id: e.id, source: e.source, target: e.target, kind: e.kind, state: e.state, label: e.label })),
  }
}

/** The smallest rectangle holding every box of the scene, with a margin; undefined for an empty scene. */
export function sceneBounds(scene: DiagramScene, margin: number): { x: number; y: number; width: number; height: number } | undefined {
  const boxes = [...scene.segments, ...scene.hosts]
  if (boxes.length === 0) return undefined
  const x1 = Math.min(...boxes.map((b) => b.x - b.width / 2)) - margin
  const y1 = Math.min(...boxes.map((b) => b.y - b.height / 2)) - margin
  const x2 = Math.max(...boxes.map((b) => b.x + b.width / 2)) + margin
  const y2 = Math.max(...boxes.map((b) => b.y + b.height / 2)) + margin
  return { x: x1, y: y1, width: x2 - x1, height: y2 - y1 }
}

/**
 * Where a session's line bends, so that sessions between hosts of one row do not lie on top of
 * each other: neighbours are joined straight, farther pairs bow out by a fifth of their distance
 * (below the row, away from the segment's title, or right of a column). Undefined for a straight line.
 */
export function bendPoint(a: { x: number; y: number }, b: { x: number; y: number }): { x: number; y: number } | undefined {
  const dx = b.x - a.x
  const dy = b.y - a.y
  const length = Math.hypot(dx, dy)
  if (length <= DIAGRAM_SIZES.hostWidth * 1.25) return undefined
  // The perpendicular that points down (or right): the same side whichever end comes first.
  let nx = dy / length
  let ny = -dx / length
  if (ny < 0 || (ny === 0 && nx < 0)) {
    nx = -nx
    ny = -ny
  }
  const offset = length / 5
  return { x: (a.x + b.x) / 2 + nx * offset, y: (a.y + b.y) / 2 + ny * offset }
}
