import type { Core, ElementDefinition, NodeSingular } from 'cytoscape'
import type { DesignerGraph } from '../../../shared/topology/designerGraph'

type NodeData = { id: string; label: string; kind: string; state?: string; parent?: string }
type EdgeData = { id: string; source: string; target: string; label: string; kind: string; state: string; arc: number }

/**
 * Hosts stand in rows, so a straight session line between two hosts would run behind the ones
 * between them: every session arcs, higher the longer it is, to clear a row of 66-pixel boxes.
 * Kept as data rather than a style function, which Cytoscape would call again on every restyle.
 */
function arcOf(a: { x: number; y: number } | undefined, b: { x: number; y: number } | undefined): number {
  if (!a || !b) return -40
  return -Math.round(Math.min(40 + 0.22 * Math.hypot(a.x - b.x, a.y - b.y), 260))
}

function nodeData(graph: DesignerGraph): { data: NodeData; position?: { x: number; y: number } }[] {
  return graph.nodes.map((node) => ({
    data: { id: node.id, label: node.label, kind: node.kind, ...('state' in node ? { state: node.state } : {}), ...('parent' in node && node.parent !== undefined ? { parent: node.parent } : {}) },
    ...(node.position ? { position: { x: node.position.x, y: node.position.y } } : {}),
  }))
}

function edgeData(graph: DesignerGraph): EdgeData[] {
  const positions = new Map(graph.nodes.map((n) => [n.id, n.position]))
  return graph.edges.map((e) => ({ id: e.id, source: e.source, target: e.target, label: e.label, kind: e.kind, state: e.state, arc: arcOf(positions.get(e.source), positions.get(e.target)) }))
}

function sameData(element: { data(key: string): unknown }, data: Record<string, unknown>): boolean {
  return Object.entries(data).every(([key, value]) => key === 'parent' || element.data(key) === value)
}

function parentOf(node: NodeSingular): string | undefined {
  const parent = node.parent()
  return parent.nonempty() ? parent.first().id() : undefined
}

/**
 * Brings Cytoscape in line with the engine's graph in one batch, touching only what changed: an edit
 * to one host costs one element update, not a rebuild of thousands, and the viewport stays put.
 */
export function patchElements(cy: Core, graph: DesignerGraph): void {
  const nodes = nodeData(graph)
  const edges = edgeData(graph)
  const wanted = new Set([...nodes.map((n) => n.data.id), ...edges.map((e) => e.id)])
  cy.batch(() => {
    // New nodes first and removals last: a host can move into a segment just drawn, and removing a
    // segment would take along any host still inside it. Existing elements are looked up once.
    const before = new Map(cy.nodes().map((n) => [n.id(), n as NodeSingular]))
    const added = nodes.filter((node) => !before.has(node.data.id))
    if (added.length > 0) cy.add(added.map((node): ElementDefinition => ({ group: 'nodes', ...node })))
    const kept = nodes.filter((node) => before.has(node.data.id))
    for (const node of kept) {
      const element = before.get(node.data.id) as NodeSingular
      if (parentOf(element) !== node.data.parent) before.set(node.data.id, element.move({ parent: node.data.parent ?? null }) as unknown as NodeSingular)
    }
    cy.elements().filter((element) => !wanted.has(element.id())).remove()
    for (const node of kept) {
      const element = cy.getElementById(node.data.id) as NodeSingular
      if (!sameData(element, node.data)) element.data(node.data)
      const at = element.position()
      if (node.position && !element.isParent() && (at.x !== node.position.x || at.y !== node.position.y)) element.position(node.position)
    }
    const newEdges: ElementDefinition[] = []
    for (const edge of edges) {
      const existing = cy.getElementById(edge.id)
      if (existing.nonempty() && existing.data('source') === edge.source && existing.data('target') === edge.target) {
        if (!sameData(existing, edge)) existing.data(edge)
        continue
      }
      existing.remove()
      newEdges.push({ group: 'edges', data: edge })
    }
    if (newEdges.length > 0) cy.add(newEdges)
  })
}
