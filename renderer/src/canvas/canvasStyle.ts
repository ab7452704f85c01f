import type { StylesheetJson } from 'cytoscape'
import { LARGE_CANVAS } from '../../../shared/topology/designerGraph'
import { NOTE_MAX_WIDTH } from './patchElements'

/** Role colours, chosen to stay distinguishable for the common colour-vision deficiencies. */
export const ROLE_COLOURS = {
  router: '#d97706',
  'control-plane': '#2563eb',
  worker: '#059669',
  /** The rr-client session colour: a reflector and the sessions it reflects over read as one. */
  reflector: '#c026d3',
} as const

/** Session colours by kind; a session that is not Established is drawn dashed red whatever its kind. */
export const SESSION_COLOURS = {
  mesh: '#64748b',
  global: '#7c3aed',
  node: '#0891b2',
  'rr-client': '#c026d3',
  ebgp: '#d97706',
  router: '#94a3b8',
} as const
export const SESSION_DOWN_COLOUR = '#dc2626'

/** Highlights from the host panel: amber for the way a route came, red for where one stops. */
export const LIT_COLOURS = { path: '#f59e0b', stop: '#e11d48' } as const

export type Theme = 'light' | 'dark'

/** A host label's size, and the smallest on-screen size any label is drawn at. */
export const HOST_FONT_SIZE = 13
export const MIN_DRAWN_FONT_SIZE = 7

/** How big hosts and the mesh hub are drawn; the overview draws them at the same proportions. */
export const NODE_SIZES = {
  router: { width: 180, height: 66 },
  'control-plane': { width: 170, height: 66 },
  worker: { width: 170, height: 66 },
  mesh: { width: 190, height: 70 },
} as const

export const THEMES = {
  light: {
    text: '#1f2937',
    host: '#ffffff',
    segment: '#eef2f7',
    segmentBorder: '#94a3b8',
    segmentText: '#334155',
    labelBackground: '#f6f7f9',
    note: '#fef9c3',
    noteBorder: '#ca8a04',
    outline: '#0e7490',
  },
  dark: {
    text: '#e5e7eb',
    host: '#1f2937',
    segment: '#111827',
    segmentBorder: '#64748b',
    segmentText: '#cbd5e1',
    labelBackground: '#0b1220',
    note: '#3b3413',
    noteBorder: '#a16207',
    outline: '#22d3ee',
  },
} as const

/** Past this many sessions, lines are drawn straight and unlabelled: bent, labelled ones cost too much to draw. */
export const MANY_EDGES = 1500

/**
 * Past this many nodes (hosts, segments, a mesh hub) on the canvas, segments are drawn as plain boxes behind their hosts
 * rather than as compound parents (see segmentBoxes): Cytoscape's compound bookkeeping made a
 * thousand hosts take seconds to draw, and every edit a few hundred milliseconds.
 */
export const COMPOUND_LIMIT = LARGE_CANVAS

export function canvasStyle(theme: Theme, manyEdges = false, flatSegments = false): StylesheetJson {
  const colours = THEMES[theme]
  const fastEdges: StylesheetJson = manyEdges ? [{ selector: 'edge', style: { 'curve-style': 'haystack', label: '', 'haystack-radius': 0 } }] : []
  // A plain box is not drawn under its members by itself: segments go to the back (under the
  // rectangles' outlines, as there), and sessions stay under hosts as Cytoscape draws them anyway.
  // Only the few boxes carry the order: every property set on thousands of hosts costs.
  const flat: StylesheetJson = flatSegments
    ? [
        {
          selector: 'node[kind = "segment"][width]',
          style: { width: 'data(width)', height: 'data(height)', padding: '0px', 'z-compound-depth': 'bottom', 'z-index': -1 },
        },
        { selector: 'node[kind = "rectangle"]', style: { 'z-index': -2 } },
      ]
    : []
  // Text settings go only to what shows text: on a large canvas hosts are labelled only where the
  // labels can be read (see labelDetail), and every property Cytoscape applies to a thousand hosts costs.
  const labelled = flatSegments ? 'node[kind = "segment"], node.labelled' : 'node'
  return [
    {
      selector: labelled,
      style: {
        label: 'data(label)',
        'font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
        'font-size': HOST_FONT_SIZE,
        color: colours.text,
        'text-wrap': 'wrap',
        'text-valign': 'center',
        'text-halign': 'center',
        // Labels too small to read are not drawn: zoomed out over thousands of hosts they only cost time.
        'min-zoomed-font-size': MIN_DRAWN_FONT_SIZE,
      },
    },
    {
      selector: 'node[kind != "segment"]',
      style: { shape: 'round-rectangle', width: NODE_SIZES.worker.width, height: NODE_SIZES.worker.height, 'background-color': colours.host, 'border-width': 2 },
    },
    { selector: flatSegments ? 'node.labelled' : 'node[kind != "segment"]', style: { 'line-height': 1.35 } },
    // Routers get a double border rather than another shape: their labels are the longest and must fit.
    { selector: 'node[kind = "router"]', style: { 'border-color': ROLE_COLOURS.router, 'border-style': 'double', 'border-width': 5, width: NODE_SIZES.router.width } },
    { selector: 'node[kind = "control-plane"]', style: { 'border-color': ROLE_COLOURS['control-plane'] } },
    { selector: 'node[kind = "worker"]', style: { 'border-color': ROLE_COLOURS.worker } },
    // A route reflector: cut corners and a thick border in the rr-client colour, whatever its role.
    { selector: 'node[reflector]', style: { shape: 'cut-rectangle', 'border-color': ROLE_COLOURS.reflector, 'border-width': 4 } },
    {
      selector: 'node[kind = "mesh"]',
      style: { shape: 'ellipse', width: NODE_SIZES.mesh.width, height: NODE_SIZES.mesh.height, 'border-color': SESSION_COLOURS.mesh, 'border-width': 2, 'font-size': 12 },
    },
    { selector: 'node[kind = "mesh"][state = "down"]', style: { 'border-color': SESSION_DOWN_COLOUR, 'border-style': 'dashed' } },
    {
      selector: 'node[kind = "segment"]',
      style: {
        shape: 'round-rectangle',
        'background-color': colours.segment,
        'background-opacity': 1,
        'border-width': 1,
        'border-color': colours.segmentBorder,
        'border-style': 'dashed',
        'text-valign': 'top',
        'text-halign': 'center',
        'text-margin-y': -8,
        'font-size': 14,
        'font-weight': 'bold',
        color: colours.segmentText,
        padding: '28px',
        'min-width': '220px',
        'min-height': '90px',
      },
    },
    // Annotations: a note is a sticky of text drawn over everything; a rectangle an outline drawn
    // under everything, its title inside the top edge so it never collides with a segment's title.
    {
      selector: 'node[kind = "note"]',
      style: {
        shape: 'round-rectangle',
        width: 'data(width)',
        height: 'data(height)',
        'background-color': colours.note,
        'border-width': 1,
        'border-color': colours.noteBorder,
        'text-max-width': `${NOTE_MAX_WIDTH - 16}px`,
        'text-justification': 'left',
        'font-size': 13,
        'line-height': 1.35,
        'z-compound-depth': 'top',
      },
    },
    {
      selector: 'node[kind = "rectangle"]',
      style: {
        shape: 'round-rectangle',
        width: 'data(width)',
        height: 'data(height)',
        'background-opacity': 0,
        'border-width': 2,
        'border-color': colours.outline,
        'text-valign': 'top',
        'text-halign': 'center',
        'text-margin-y': 24,
        'font-size': 14,
        'font-weight': 'bold',
        color: colours.outline,
        'z-compound-depth': 'bottom',
        'z-index': 0,
      },
    },
    // A segment with no hosts yet is no compound parent, so its minimum size does not apply: the same box, from its padding.
    { selector: 'node[kind = "segment"]:childless', style: { width: 164, height: 34 } },
    { selector: 'node.drop-target', style: { 'border-width': 3, 'border-style': 'solid', 'border-color': '#7c3aed' } },
    {
      selector: 'edge',
      style: {
        width: 2,
        'curve-style': 'unbundled-bezier',
        'control-point-distances': 'data(arc)' as unknown as number,
        'control-point-weights': 0.5,
      },
    },
    // Sessions' labels as hosts' are: on a large canvas only where they can be read.
    {
      selector: flatSegments ? 'edge.labelled' : 'edge',
      style: {
        label: 'data(label)',
        'font-size': 10,
        color: colours.text,
        'text-background-color': colours.labelBackground,
        'text-background-opacity': 0.85,
        'text-background-padding': '2px',
        'text-rotation': 'autorotate',
        'min-zoomed-font-size': MIN_DRAWN_FONT_SIZE,
      },
    },
    ...Object.entries(SESSION_COLOURS).map(([kind, colour]) => ({ selector: `edge[kind = "${kind}"]`, style: { 'line-color': colour } })),
    { selector: 'edge[kind = "ebgp"]', style: { width: 3 } },
    // A label that would cover another label, a host or a title (see separateEdgeLabels): the line stays, the inspector names it.
    // Made transparent rather than emptied, so it keeps the box the next placement measures.
    { selector: 'edge.label-hidden', style: { 'text-opacity': 0, 'text-background-opacity': 0 } },
    // A bundle stands for many sessions: thicker. It runs from its segment's centre (drawn under the
    // hosts), since a host dragged over the box would leave a line from its border nowhere to go.
    { selector: 'edge[size > 1]', style: { width: 5, 'curve-style': 'haystack', 'haystack-radius': 0, 'target-arrow-shape': 'none' } },
    { selector: 'edge[kind = "rr-client"]', style: { 'target-arrow-shape': 'triangle', 'target-arrow-color': SESSION_COLOURS['rr-client'] } },
    { selector: 'edge[state = "down"]', style: { 'line-color': SESSION_DOWN_COLOUR, 'line-style': 'dashed', 'line-dash-pattern': [8, 5] } },
    ...fastEdges,
    ...flat,
    // What a panel lights: a route's way in amber, where a route stops in red; drawn under the selection's border.
    { selector: 'node.lit-path', style: { 'underlay-color': LIT_COLOURS.path, 'underlay-opacity': 0.35, 'underlay-padding': 10, 'underlay-shape': 'round-rectangle' } },
    { selector: 'node.lit-stop', style: { 'underlay-color': LIT_COLOURS.stop, 'underlay-opacity': 0.35, 'underlay-padding': 10, 'underlay-shape': 'round-rectangle' } },
    { selector: 'edge.lit-path', style: { 'line-color': LIT_COLOURS.path, 'line-style': 'solid', width: 7, 'z-index': 9, 'target-arrow-color': LIT_COLOURS.path } },
    { selector: 'edge.lit-stop', style: { 'line-color': LIT_COLOURS.stop, width: 7, 'z-index': 9 } },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#7c3aed' } },
    { selector: 'edge:selected', style: { width: 5, 'overlay-color': '#7c3aed', 'overlay-opacity': 0.2 } },
    { selector: 'node.peer-source', style: { 'border-width': 5, 'border-color': '#db2777' } },
  ]
}
