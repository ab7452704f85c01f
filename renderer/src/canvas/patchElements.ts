import type { Core, ElementDefinition, NodeSingular } from 'cytoscape'
import { annotationElementId } from '../../../shared/model/annotations'
import type { DesignerGraph } from '../../../shared/topology/designerGraph'
import { graphBounds, type Bounds } from '../../../shared/topology/graphBounds'
import { segmentBoxes, type BoxSizes } from '../../../shared/topology/segmentBoxes'
import { isBundle } from '../../../shared/topology/sessionBundles'

type NodeData = { id: string; label: string; kind: string; state?: string; reflector?: string; parent?: string; segment?: string; width?: number; height?: number }
type EdgeData = { id: string; source: string; target: string; label: string; kind: string; state: string; arc: number; size: number }
type Position = { x: number; y: number }

/** Must match canvasStyle: the widest host (a router) and a segment's padding and minimum size. */
export const SEGMENT_BOX_SIZES: BoxSizes = { hostWidth: 180, hostHeight: 66, padding: 28, minWidth: 220, minHeight: 90 }

/**
 * Hosts stand in rows, so a straight session line between two hosts would run behind the ones
 * between them: every session arcs, higher the longer it is, to clear a row of 66-pixel boxes.
 * Kept as data rather than a style function, which Cytoscape would call again on every restyle.
 */
export function arcOf(a: Position | undefined, b: Position | undefined): number {
  if (!a || !b) return -40
  return -Math.round(Math.min(40 + 0.22 * Math.hypot(a.x - b.x, a.y - b.y), 260))
}

/**
 * With `flat`, segments are plain boxes sized here and hosts name their segment in `segment`
 * rather than being its compound children; otherwise Cytoscape wraps the children itself.
 */
function nodeData(graph: DesignerGraph, flat: boolean): { data: NodeData; position?: Position }[] {
  const boxes = flat ? segmentBoxes(graph.nodes, SEGMENT_BOX_SIZES) : undefined
  return graph.nodes.map((node) => {
    const parent = 'parent' in node ? node.parent : undefined
    const box = boxes?.get(node.id)
    const data: NodeData = {
      id: node.id,
      label: node.label,
      kind: node.kind,
      ...('state' in node ? { state: node.state } : {}),
      ...('reflector' in node && node.reflector !== undefined ? { reflector: node.reflector } : {}),
      ...(parent !== undefined ? (flat ? { segment: parent } : { parent }) : {}),
      ...(box ? { width: box.width, height: box.height } : {}),
    }
    const position = box ?? node.position
    return { data, ...(position ? { position: { x: position.x, y: position.y } } : {}) }
  })
}

/** A note's box around its text (13-pixel type, wrapped at NOTE_MAX_WIDTH): Cytoscape no longer sizes a node to its label. */
export const NOTE_MAX_WIDTH = 320
function noteSize(text: string): { width: number; height: number } {
  const lines = text.split('\n')
  const widest = Math.max(4, ...lines.map((line) => line.length))
  const width = Math.min(NOTE_MAX_WIDTH, Math.round(widest * 7.4) + 24)
  const wrapped = lines.reduce((sum, line) => sum + Math.max(1, Math.ceil((line.length * 7.4) / (width - 24))), 0)
  return { width, height: wrapped * 18 + 18 }
}

/** Notes size themselves to their text; rectangles have the size the user gave them. */
function annotationData(graph: DesignerGraph): { data: NodeData; position: Position }[] {
  return (graph.annotations ?? []).map((a) => ({
    data: { id: annotationElementId(a.id), label: a.text ?? '', kind: a.kind, ...(a.kind === 'rectangle' ? { width: a.width ?? 400, height: a.height ?? 200 } : noteSize(a.text ?? '')) },
    position: { x: a.x, y: a.y },
  }))
}

function edgeData(graph: DesignerGraph): EdgeData[] {
  const positions = new Map(graph.nodes.map((n) => [n.id, n.position]))
  return graph.edges.map((e) => ({
    id: e.id,
    source: e.source,
    target: e.target,
    label: e.label,
    kind: e.kind,
    state: e.state,
    arc: arcOf(positions.get(e.source), positions.get(e.target)),
    size: isBundle(e) ? e.members.length : 1,
  }))
}

function sameData(a: Record<string, unknown> | undefined, b: Record<string, unknown>): boolean {
  if (!a) return false
  const keys = Object.keys(b)
  return keys.length === Object.keys(a).length && keys.every((key) => a[key] === b[key])
}

function parentOf(node: NodeSingular): string | undefined {
  const parent = node.parent()
  return parent.nonempty() ? parent.first().id() : undefined
}

/**
 * The data last given to each element, per instance: comparing against it in plain JavaScript is
 * what lets an edit to one host skip the thousands of others without asking Cytoscape about them.
 */
const appliedData = new WeakMap<Core, { flat: boolean; data: Map<string, Record<string, unknown>> }>()

/**
 * Brings Cytoscape in line with the engine's graph in one batch, touching only what changed: an edit
 * to one host costs one element update, not a rebuild of thousands, and the viewport stays put.
 * Switching between compound and flat segments redraws everything, since every host changes parent.
 * With flat segments every size is known here, so it returns the area the drawing covers.
 */
export function patchElements(cy: Core, graph: DesignerGraph, flat = false): Bounds | undefined {
  const applied = appliedData.get(cy) ?? { flat, data: new Map<string, Record<string, unknown>>() }
  appliedData.set(cy, applied)
  const known = applied.data
  const nodes = [...nodeData(graph, flat), ...annotationData(graph)]
  const edges = edgeData(graph)
  cy.batch(() => {
    if (applied.flat !== flat) {
      cy.elements().remove()
      known.clear()
      applied.flat = flat
    }
    const wanted = new Set([...nodes.map((n) => n.data.id), ...edges.map((e) => e.id)])
    // New nodes first and removals last: a host can move into a segment just drawn, and removing a
    // segment would take along any host still inside it.
    const added = nodes.filter((node) => !known.has(node.data.id))
    if (added.length > 0) cy.add(added.map((node): ElementDefinition => ({ group: 'nodes', ...node })))
    const kept = nodes.filter((node) => known.has(node.data.id))
    const moved = kept.filter((node) => !flat && known.get(node.data.id)?.parent !== node.data.parent)
    for (const node of moved) {
      const element = cy.getElementById(node.data.id) as NodeSingular
      if (parentOf(element) !== node.data.parent) element.move({ parent: node.data.parent ?? null })
    }
    const gone = cy.elements().filter((element) => !wanted.has(element.id()))
    // Removing a node takes its sessions (and a segment its members) with it: they must be added again if still wanted.
    for (const element of gone.union(gone.nodes().connectedEdges()).union(gone.nodes().descendants()).toArray()) known.delete(element.id())
    gone.remove()
    for (const node of added) known.set(node.data.id, node.data)
    for (const node of kept) {
      const element = cy.getElementById(node.data.id) as NodeSingular
      const before = known.get(node.data.id)
      if (!sameData(before, node.data)) {
        // data() merges: a host taken off its segment must lose the old one.
        for (const key of Object.keys(before ?? {})) if (!(key in node.data) && key !== 'parent') element.removeData(key)
        element.data(node.data)
        known.set(node.data.id, node.data)
      }
      // Compared with where Cytoscape has it, not with the last graph: a drag the design refused must snap back.
      const at = element.position()
      if (node.position && !element.isParent() && (at.x !== node.position.x || at.y !== node.position.y)) element.position(node.position)
    }
    const newEdges: ElementDefinition[] = []
    for (const edge of edges) {
      const before = known.get(edge.id)
      if (before && before.source === edge.source && before.target === edge.target) {
        if (!sameData(before, edge)) {
          cy.getElementById(edge.id).data(edge)
          known.set(edge.id, edge)
        }
        continue
      }
      if (before) cy.getElementById(edge.id).remove()
      newEdges.push({ group: 'edges', data: edge })
      known.set(edge.id, edge)
    }
    if (newEdges.length > 0) cy.add(newEdges)
  })
  return flat
    ? graphBounds(
        nodes.map((node) => ({ ...node.data, ...(node.position ? { position: node.position } : {}) })),
        SEGMENT_BOX_SIZES,
      )
    : undefined
}
