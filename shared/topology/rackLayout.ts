import type { Command } from '../commands/commands'
import type { Design, OpaqueResource } from '../model/design'
import { PEERLAB_API_VERSION } from '../model/kinds'
import { resourcesOf } from '../model/query'
import { buildTopologyGraph, HOST_SPACING, SEGMENT_SPACING } from './topologyGraph'

/** Room between two segments side by side in a rack row: their boxes have padding and a title. */
export const SEGMENT_GAP = HOST_SPACING

/**
 * Positions that put the segments of one rack (Segment `spec.rack`) side by side in one row, a row
 * per rack in name order, segments with no rack in a row after them and hosts on no segment last.
 * Replaces every hand-placed position, as one undoable step.
 */
export function layoutByRack(design: Design): Command {
  const nodes = buildTopologyGraph(design).nodes
  const rackOf = new Map(resourcesOf(design, 'peerlab.dev/v1alpha1/Segment').map((s) => [`segment/${s.metadata.name}`, s.spec.rack]))
  const membersOf = new Map<string | undefined, string[]>()
  for (const node of nodes) {
    if (node.kind === 'segment') continue
    const members = membersOf.get(node.parent) ?? []
    members.push(node.id)
    membersOf.set(node.parent, members)
  }
  const racks = [...new Set(nodes.filter((n) => n.kind === 'segment').map((n) => rackOf.get(n.id)))].sort((a, b) => (a === undefined ? 1 : b === undefined ? -1 : a.localeCompare(b)))
  const positions: Record<string, { x: number; y: number }> = {}
  const place = (ids: readonly string[], row: number, from: number): number => {
    ids.forEach((id, i) => (positions[id] = { x: from + i * HOST_SPACING, y: row * SEGMENT_SPACING }))
    return from + Math.max(1, ids.length) * HOST_SPACING + SEGMENT_GAP
  }
  racks.forEach((rack, row) => {
    let x = 0
    for (const segment of nodes.filter((n) => n.kind === 'segment' && rackOf.get(n.id) === rack)) {
      const members = membersOf.get(segment.id) ?? []
      // An empty segment still needs a place in its rack's row.
      if (members.length === 0) positions[segment.id] = { x, y: row * SEGMENT_SPACING }
      x = place(members, row, x)
    }
  })
  place(membersOf.get(undefined) ?? [], racks.length, 0)
  return replaceLayout(design, positions, 'Lay out by rack')
}

/** The design's Layout with every position replaced by `positions`, as one undoable step. */
export function replaceLayout(design: Design, positions: Readonly<Record<string, { x: number; y: number }>>, label: string): Command {
  const layout = resourcesOf(design, 'peerlab.dev/v1alpha1/Layout')[0]
  const resource = { apiVersion: PEERLAB_API_VERSION, kind: 'Layout', metadata: layout?.metadata ?? { name: 'layout' }, spec: { ...layout?.spec, positions } }
  return { type: 'batch', label, commands: [{ type: 'apply', resource: resource as unknown as OpaqueResource }] }
}
