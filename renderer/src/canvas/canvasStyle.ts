import type { StylesheetJson } from 'cytoscape'

/** Role colours, chosen to stay distinguishable for the common colour-vision deficiencies. */
export const ROLE_COLOURS = {
  router: '#d97706',
  'control-plane': '#2563eb',
  worker: '#059669',
} as const

export const canvasStyle: StylesheetJson = [
  {
    selector: 'node',
    style: {
      label: 'data(label)',
      'font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
      'font-size': 13,
      color: '#1f2937',
      'text-wrap': 'wrap',
      'text-valign': 'center',
      'text-halign': 'center',
    },
  },
  {
    selector: 'node[kind != "segment"]',
    style: {
      shape: 'round-rectangle',
      width: 170,
      height: 66,
      'background-color': '#ffffff',
      'border-width': 2,
      'line-height': 1.35,
    },
  },
  // Routers get a double border rather than another shape: their labels are the longest and must fit.
  { selector: 'node[kind = "router"]', style: { 'border-color': ROLE_COLOURS.router, 'border-style': 'double', 'border-width': 5, width: 180 } },
  { selector: 'node[kind = "control-plane"]', style: { 'border-color': ROLE_COLOURS['control-plane'] } },
  { selector: 'node[kind = "worker"]', style: { 'border-color': ROLE_COLOURS.worker } },
  {
    selector: 'node[kind = "segment"]',
    style: {
      shape: 'round-rectangle',
      'background-color': '#eef2f7',
      'background-opacity': 1,
      'border-width': 1,
      'border-color': '#94a3b8',
      'border-style': 'dashed',
      'text-valign': 'top',
      'text-halign': 'center',
      'text-margin-y': -8,
      'font-size': 14,
      'font-weight': 'bold',
      color: '#334155',
      padding: '28px',
    },
  },
  { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#7c3aed' } },
]
