/** How big the canvas draws a host, and how a segment's box wraps its members. */
export interface BoxSizes {
  readonly hostWidth: number
  readonly hostHeight: number
  readonly padding: number
  readonly minWidth: number
  readonly minHeight: number
}

/** A segment's rectangle: its centre and size, in model coordinates. */
export interface SegmentBox {
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
}

interface Placed {
  readonly id: string
  readonly kind: string
  readonly parent?: string
  readonly position?: { readonly x: number; readonly y: number }
}

/**
 * The rectangle each segment would get as a compound parent (its members' boxes plus padding, never
 * below the minimum size), worked out here so a large canvas can draw segments as plain boxes:
 * Cytoscape restyles a compound parent's whole family on every property it sets, which on
 * thousands of hosts costs seconds. A segment with no members keeps the minimum size at its position.
 */
export function segmentBoxes(nodes: readonly Placed[], sizes: BoxSizes): Map<string, SegmentBox> {
  const bounds = new Map<string, { x1: number; y1: number; x2: number; y2: number }>()
  for (const node of nodes) {
    if (node.parent === undefined || !node.position) continue
    const { x, y } = node.position
    const b = bounds.get(node.parent)
    const x1 = x - sizes.hostWidth / 2
    const x2 = x + sizes.hostWidth / 2
    const y1 = y - sizes.hostHeight / 2
    const y2 = y + sizes.hostHeight / 2
    // Grown in place: a canvas of thousands of hosts does this on every edit.
    if (!b) bounds.set(node.parent, { x1, y1, x2, y2 })
    else {
      b.x1 = Math.min(b.x1, x1)
      b.y1 = Math.min(b.y1, y1)
      b.x2 = Math.max(b.x2, x2)
      b.y2 = Math.max(b.y2, y2)
    }
  }
  const boxes = new Map<string, SegmentBox>()
  for (const node of nodes) {
    if (node.kind !== 'segment') continue
    const b = bounds.get(node.id)
    if (!b) {
      if (node.position) boxes.set(node.id, { x: node.position.x, y: node.position.y, width: sizes.minWidth, height: sizes.minHeight })
      continue
    }
    const width = Math.max(sizes.minWidth, b.x2 - b.x1 + 2 * sizes.padding)
    const height = Math.max(sizes.minHeight, b.y2 - b.y1 + 2 * sizes.padding)
    boxes.set(node.id, { x: (b.x1 + b.x2) / 2, y: (b.y1 + b.y2) / 2, width, height })
  }
  return boxes
}
