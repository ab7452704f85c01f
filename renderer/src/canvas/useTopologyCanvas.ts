import cytoscape, { type Core, type ElementDefinition } from 'cytoscape'
import { markRaw, onScopeDispose, watch, type Ref } from 'vue'
import type { TopologyGraph } from '../../../shared/topology/topologyGraph'
import { canvasStyle } from './canvasStyle'

/** Fitting a tiny design would blow its labels up to poster size; past this zoom it is only centred. */
const MAX_FIT_ZOOM = 1.4
const FIT_PADDING = 48

function fitReadably(cy: Core): void {
  cy.fit(undefined, FIT_PADDING)
  if (cy.zoom() > MAX_FIT_ZOOM) {
    cy.zoom(MAX_FIT_ZOOM)
    cy.center()
  }
}

function toElements(graph: TopologyGraph): ElementDefinition[] {
  return graph.nodes.map((node) => ({
    group: 'nodes',
    data: { id: node.id, label: node.label, kind: node.kind, ...(node.parent !== undefined ? { parent: node.parent } : {}) },
    ...(node.position ? { position: { ...node.position } } : {}),
  }))
}

/**
 * Owns the Cytoscape instance: Cytoscape is only a view of the engine's graph, rebuilt in one
 * batch whenever the graph changes, and torn down with the component.
 */
export function useTopologyCanvas(container: Ref<HTMLElement | undefined>, graph: Ref<TopologyGraph>): { fit(): void } {
  let cy: Core | undefined

  const render = (next: TopologyGraph): void => {
    if (!cy) return
    const instance = cy
    instance.batch(() => {
      instance.elements().remove()
      instance.add(toElements(next))
    })
    fitReadably(instance)
  }

  const stopWatching = watch(
    container,
    (element) => {
      if (!element || cy) return
      cy = markRaw(
        cytoscape({
          container: element,
          style: canvasStyle,
          layout: { name: 'preset' },
          minZoom: 0.1,
          maxZoom: 4,
        }),
      )
      window.peerlabCanvas = cy
      render(graph.value)
    },
    { immediate: true },
  )
  const stopGraph = watch(graph, render)

  onScopeDispose(() => {
    stopWatching()
    stopGraph()
    if (window.peerlabCanvas === cy) delete window.peerlabCanvas
    cy?.destroy()
    cy = undefined
  })

  return {
    fit: () => {
      if (cy) fitReadably(cy)
    },
  }
}
