import type { Core, EdgeSingular, EventObject, NodeCollection, NodeSingular } from 'cytoscape'
import { MESH_ID } from '../../../shared/edit/drawPeering'

/** Positions snap to this grid, so rows drawn by hand line up. */
export const GRID = 20

export interface Drop {
  readonly host: string
  readonly segment: string
  /** The segment the host was dragged out of. */
  readonly from: string | undefined
}

/** What the canvas asks of the app; the canvas itself never edits the design. */
export interface CanvasGestures {
  select(ids: readonly string[]): void
  /** One drag gesture's new positions, and the segment a single host was dropped on. */
  move(positions: Record<string, { x: number; y: number }>, drop: Drop | undefined): void
  peer(from: string, to: string): void
  isPeering(): boolean
  toggleMesh(): void
  /** A bundle of sessions double-clicked: show them one by one. */
  toggleBundle(id: string): void
  /** A note or rectangle double-clicked: edit its text. */
  editAnnotation(id: string): void
}

const snap = (value: number): number => Math.round(value / GRID) * GRID

/** A host's segment: its compound parent, or on a large canvas, where segments are plain boxes, the one its data names. */
function parentId(node: NodeSingular): string | undefined {
  const parent = node.parent()
  return parent.nonempty() ? parent.first().id() : (node.data('segment') as string | undefined)
}

/** What moves with a segment: its compound children, or the hosts naming it when it is a plain box. */
function membersOf(cy: Core, segment: NodeSingular): NodeCollection {
  return segment.isParent() ? segment.descendants() : cy.nodes().filter((node) => node.data('segment') === segment.id())
}

/** Notes and rectangles: moved like hosts, but never attached, peered or carried by a segment. */
export function isAnnotation(node: NodeSingular): boolean {
  const kind = node.data('kind') as string
  return kind === 'note' || kind === 'rectangle'
}

/** The segment under a host other than the one it is in: where dropping it would attach it. */
function segmentUnder(cy: Core, node: NodeSingular): NodeSingular | undefined {
  if (node.data('kind') === 'segment' || node.id() === MESH_ID || isAnnotation(node)) return undefined
  const { x, y } = node.position()
  const own = parentId(node)
  const hit = cy.nodes('[kind = "segment"]').filter((segment) => {
    if (segment.id() === own || segment.id() === node.id()) return false
    const box = segment.boundingBox()
    return x >= box.x1 && x <= box.x2 && y >= box.y1 && y <= box.y2
  })
  return hit.nonempty() ? (hit.first() as NodeSingular) : undefined
}

/** Turns pointer gestures into requests; returns the function that removes every listener. */
export function bindGestures(cy: Core, gestures: CanvasGestures): () => void {
  const dragged = new Set<NodeSingular>()
  let flushTimer: ReturnType<typeof setTimeout> | undefined
  let selectionQueued = false
  let peerFrom: NodeSingular | undefined
  /** A plain-box segment being dragged, where it was at the last drag event, and the hosts it carries. */
  let carrying: { segment: NodeSingular; at: { x: number; y: number }; members: NodeCollection } | undefined

  // A multi-selection fires one dragfree per node: they are gathered into one edit.
  const flush = (): void => {
    flushTimer = undefined
    const nodes = [...dragged]
    dragged.clear()
    const positions: Record<string, { x: number; y: number }> = {}
    const place = (node: NodeSingular): void => {
      if (node.id() === MESH_ID) return
      if (node.data('kind') === 'segment') membersOf(cy, node).forEach((child) => place(child))
      else positions[node.id()] = { x: snap(node.position('x')), y: snap(node.position('y')) }
    }
    nodes.forEach(place)
    const single = nodes.length === 1 ? nodes[0] : undefined
    const target = single ? segmentUnder(cy, single) : undefined
    cy.nodes('.drop-target').removeClass('drop-target')
    const drop = single && target ? { host: single.id(), segment: target.id(), from: parentId(single) } : undefined
    if (Object.keys(positions).length > 0 || drop) gestures.move(positions, drop)
  }

  const handlers: [string, string | undefined, (event: EventObject) => void][] = [
    [
      'dragfree',
      'node',
      (event) => {
        if (carrying?.segment === event.target) carrying = undefined
        dragged.add(event.target as NodeSingular)
        flushTimer ??= setTimeout(flush, 0)
      },
    ],
    [
      'grab',
      'node[kind = "segment"]',
      (event) => {
        const segment = event.target as NodeSingular
        carrying = segment.isParent() ? undefined : { segment, at: { ...segment.position() }, members: membersOf(cy, segment) }
      },
    ],
    [
      'drag',
      'node',
      (event) => {
        if (carrying && carrying.segment === event.target) {
          const { x, y } = carrying.segment.position()
          const dx = x - carrying.at.x
          const dy = y - carrying.at.y
          carrying.at = { x, y }
          // Cytoscape moves compound children itself; a plain box's hosts are moved along here,
          // except those selected with it, which Cytoscape drags already.
          carrying.members.not(':grabbed').positions((member) => ({ x: member.position('x') + dx, y: member.position('y') + dy }))
          return
        }
        const target = segmentUnder(cy, event.target as NodeSingular)
        cy.nodes('.drop-target')
          .not(target ?? cy.collection())
          .removeClass('drop-target')
        target?.addClass('drop-target')
      },
    ],
    [
      'select unselect',
      undefined,
      () => {
        if (selectionQueued) return
        selectionQueued = true
        queueMicrotask(() => {
          selectionQueued = false
          gestures.select(cy.$(':selected').map((e) => e.id()))
        })
      },
    ],
    [
      'tapstart',
      'node',
      (event) => {
        if (!gestures.isPeering() || isAnnotation(event.target as NodeSingular)) return
        peerFrom = event.target as NodeSingular
        peerFrom.addClass('peer-source')
      },
    ],
    [
      'tapend',
      undefined,
      (event) => {
        const from = peerFrom
        peerFrom = undefined
        from?.removeClass('peer-source')
        const to = event.target as NodeSingular | Core
        if (!from || to === cy || !(to as NodeSingular).isNode() || (to as NodeSingular).id() === from.id() || isAnnotation(to as NodeSingular)) return
        gestures.peer(from.id(), (to as NodeSingular).id())
      },
    ],
    [
      'dbltap',
      'node',
      (event) => {
        const node = event.target as NodeSingular
        if (node.id() === MESH_ID) gestures.toggleMesh()
        else if (isAnnotation(node)) gestures.editAnnotation(node.id())
      },
    ],
    [
      'dbltap',
      'edge',
      (event) => {
        const id = (event.target as EdgeSingular).id()
        if (id.startsWith('bundle/')) gestures.toggleBundle(id)
      },
    ],
  ]
  for (const [events, selector, handler] of handlers) {
    if (selector !== undefined) cy.on(events, selector, handler)
    else cy.on(events, handler)
  }
  return () => {
    if (flushTimer !== undefined) clearTimeout(flushTimer)
    for (const [events, selector, handler] of handlers) {
      if (selector !== undefined) cy.off(events, selector, handler)
      else cy.off(events, handler)
    }
  }
}
