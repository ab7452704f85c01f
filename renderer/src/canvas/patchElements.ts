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

type GraphElement = DesignerGraph['nodes'][number]
type Box = { x: number; y: number; width: number; height: number }

function nodeData(node: GraphElement, flat: boolean, box: Box | undefined): { data: NodeData; position?: Position } {
  const parent = 'parent' in node ? node.parent : undefined
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
}

const sameBox = (a: Box | undefined, b: Box | undefined): boolean => a === b || (a !== undefined && b !== undefined && a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height)

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

function edgeData(e: DesignerGraph['edges'][number], positions: ReadonlyMap<string, Position | undefined>): EdgeData {
  return {
    id: e.id,
    source: e.source,
    target: e.target,
    label: e.label,
    kind: e.kind,
    state: e.state,
    arc: arcOf(positions.get(e.source), positions.get(e.target)),
    size: isBundle(e) ? e.members.length : 1,
  }
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
 * The data last given to each element, per instance, and the graph's object it was made from:
 * comparing against them in plain JavaScript is what lets an edit to one host skip the thousands
 * of others without asking Cytoscape about them, and an element whose object is the very one
 * patched last time (with the same box) is not looked at again at all.
 */
interface Applied {
  flat: boolean
  readonly data: Map<string, Record<string, unknown>>
  readonly from: Map<string, { readonly source: object; readonly box?: Box | undefined }>
}
const appliedData = new WeakMap<Core, Applied>()

/**
 * Brings Cytoscape in line with the engine's graph in one batch, touching only what changed: an edit
 * to one host costs one element update, not a rebuild of thousands, and the viewport stays put.
 * Switching between compound and flat segments redraws everything, since every host changes parent.
 * With flat segments every size is known here, so it returns how to work out the area the drawing
 * covers: only fitting the view needs it, and on thousands of hosts it would cost every edit a
 * millisecond or two.
 */
export function patchElements(cy: Core, graph: DesignerGraph, flat = false): (() => Bounds | undefined) | undefined {
  const applied = appliedData.get(cy) ?? { flat, data: new Map<string, Record<string, unknown>>(), from: new Map() }
  appliedData.set(cy, applied)
  const { data: known, from } = applied
  const boxes = flat ? segmentBoxes(graph.nodes, SEGMENT_BOX_SIZES) : undefined
  cy.batch(() => {
    if (applied.flat !== flat) {
      cy.elements().remove()
      known.clear()
      from.clear()
      applied.flat = flat
    }
    // Only the elements whose objects changed are worked out again; those whose position did move the sessions' arcs.
    const nodes: { data: NodeData; position?: Position }[] = []
    const moved = new Set<string>()
    for (const node of graph.nodes) {
      const box = boxes?.get(node.id)
      const last = from.get(node.id)
      if (last?.source === node && sameBox(last.box, box) && known.has(node.id)) continue
      if (!last || (last.source as GraphElement).position !== node.position) moved.add(node.id)
      nodes.push(nodeData(node, flat, box))
      from.set(node.id, { source: node, box })
    }
    for (const note of annotationData(graph)) nodes.push(note)
    const eachWantedId = (visit: (id: string) => void): void => {
      for (const node of graph.nodes) visit(node.id)
      for (const note of graph.annotations ?? []) visit(annotationElementId(note.id))
      for (const edge of graph.edges) visit(edge.id)
    }
    // Element ids are unique (entity ids, session keys, and annotations the graph gives once per
    // id): when as many of them are drawn already as are drawn at all, nothing drawn is gone.
    // Counted rather than gathered into a set of thousands on every edit.
    let stillWanted = 0
    eachWantedId((id) => {
      if (known.has(id)) stillWanted++
    })
    // New nodes first and removals last: a host can move into a segment just drawn, and removing a
    // segment would take along any host still inside it.
    const added = nodes.filter((node) => !known.has(node.data.id))
    if (added.length > 0) cy.add(added.map((node): ElementDefinition => ({ group: 'nodes', ...node })))
    const kept = nodes.filter((node) => known.has(node.data.id))
    const reparented = kept.filter((node) => !flat && known.get(node.data.id)?.parent !== node.data.parent)
    for (const node of reparented) {
      const element = cy.getElementById(node.data.id) as NodeSingular
      if (parentOf(element) !== node.data.parent) element.move({ parent: node.data.parent ?? null })
    }
    const gone = cy.collection()
    if (stillWanted < known.size) {
      const wanted = new Set<string>()
      eachWantedId((id) => wanted.add(id))
      for (const id of known.keys()) if (!wanted.has(id)) gone.merge(cy.getElementById(id))
    }
    // Removing a node takes its sessions (and a segment its members) with it: they must be added again if still wanted.
    for (const element of gone.union(gone.nodes().connectedEdges()).union(gone.nodes().descendants()).toArray()) {
      known.delete(element.id())
      from.delete(element.id())
    }
    // Cytoscape looks through every element after any removal, even of nothing: most edits remove nothing.
    if (gone.nonempty()) gone.remove()
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
    let positions: Map<string, Position | undefined> | undefined
    const newEdges: ElementDefinition[] = []
    for (const e of graph.edges) {
      const last = from.get(e.id)
      if (last?.source === e && known.has(e.id) && !moved.has(e.source) && !moved.has(e.target)) continue
      positions ??= new Map(graph.nodes.map((n) => [n.id, n.position]))
      const edge = edgeData(e, positions)
      from.set(e.id, { source: e })
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
  if (!flat) return undefined
  let bounds: { readonly value: Bounds | undefined } | undefined
  return () => (bounds ??= { value: graphBounds(placedElements(graph, boxes), SEGMENT_BOX_SIZES) }).value
}

/** What the drawing covers is made of: each node where it is drawn (a segment as its box), and the notes. */
function* placedElements(graph: DesignerGraph, boxes: ReadonlyMap<string, Box> | undefined): Iterable<{ kind: string; position?: Position; width?: number; height?: number }> {
  for (const node of graph.nodes) {
    const box = boxes?.get(node.id)
    if (box) yield { kind: node.kind, position: box, width: box.width, height: box.height }
    else yield { kind: node.kind, ...(node.position ? { position: node.position } : {}) }
  }
  for (const note of annotationData(graph)) yield { kind: note.data.kind, position: note.position, ...(note.data.width !== undefined ? { width: note.data.width, height: note.data.height } : {}) }
}
