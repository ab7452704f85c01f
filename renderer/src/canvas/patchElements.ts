import type { Core, ElementDefinition, NodeSingular } from 'cytoscape'
import type { DesignerGraph } from '../../../shared/topology/designerGraph'

type NodeData = { id: string; label: string; kind: string; state?: string; parent?: string }
type EdgeData = { id: string; source: string; target: string; label: string; kind: string; state: string }

function nodeData(graph: DesignerGraph): { data: NodeData; position?: { x: number; y: number } }[] {
  return graph.nodes.map((node) => ({
    data: { id: node.id, label: node.label, kind: node.kind, ...('state' in node ? { state: node.state } : {}), ...('parent' in node && node.parent !== undefined ? { parent: node.parent } : {}) },
    ...(node.position ? { position: { x: node.position.x, y: node.position.y } } : {}),
  }))
}

function edgeData(graph: DesignerGraph): EdgeData[] {
  return graph.edges.map((e) => ({ id: e.id, source: e.source, target: e.target, label: e.label, kind: e.kind, state: e.state }))
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
    // segment would take along any host still inside it.
    const added = nodes.filter((node) => cy.getElementById(node.data.id).empty())
    if (added.length > 0) cy.add(added.map((node): ElementDefinition => ({ group: 'nodes', ...node })))
    for (const node of nodes) {
      const element = cy.getElementById(node.data.id) as NodeSingular
      if (parentOf(element) !== node.data.parent) element.move({ parent: node.data.parent ?? null })
    }
    cy.elements().filter((element) => !wanted.has(element.id())).remove()
    for (const node of nodes) {
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
