import type { BgpSpeaker } from '../bgp/speakers'
import type { Command } from '../commands/commands'
import type { Design } from '../model/design'
import { replaceLayout, SEGMENT_GAP } from './rackLayout'
import { buildTopologyGraph, HOST_SPACING } from './topologyGraph'

/**
 * Distance between AS rows: a host's height and room for the session labels between rows. Segment
 * titles stand only above each column, so rows need not be as far apart as segment rows are.
 */
export const AS_ROW_SPACING = 150

/**
 * Positions that put the BGP speakers of each AS in one row, ASes in ascending order (an eBGP
 * design reads top to bottom as its AS hierarchy), hosts that speak no BGP in a row after them.
 * A segment's box wraps its members, so each segment gets a column of its own, as wide as its
 * widest row, and its members stay in it whatever their AS: boxes side by side never overlap,
 * where hosts of several segments sharing a row would stack their boxes on each other. Hosts on no
 * segment take the last column, segments with no hosts stand after it in the last row.
 * Replaces every hand-placed position, as one undoable step.
 */
export function layoutByAs(design: Design, speakers: readonly BgpSpeaker[]): Command {
  const asOf = new Map(speakers.map((s) => [s.id, s.asNumber]))
  const nodes = buildTopologyGraph(design).nodes
  const hosts = nodes.filter((n) => n.kind !== 'segment')
  const rows = [...new Set(hosts.map((h) => asOf.get(h.id)))].sort((a, b) => (a === undefined ? 1 : b === undefined ? -1 : a - b))
  const rowOf = new Map(rows.map((as, i) => [as, i]))
  const columns: (string | undefined)[] = [...nodes.filter((n) => n.kind === 'segment').map((n) => n.id), undefined]
  const positions: Record<string, { x: number; y: number }> = {}
  const empty: string[] = []
  let x = 0
  for (const column of columns) {
    const members = hosts.filter((h) => h.parent === column)
    if (members.length === 0) {
      if (column !== undefined) empty.push(column)
      continue
    }
    let widest = 0
    for (const [as, row] of rowOf) {
      const inRow = members.filter((h) => asOf.get(h.id) === as)
      inRow.forEach((host, i) => (positions[host.id] = { x: x + i * HOST_SPACING, y: row * AS_ROW_SPACING }))
      widest = Math.max(widest, inRow.length)
    }
    x += widest * HOST_SPACING + SEGMENT_GAP
  }
  const lastRow = Math.max(0, rows.length - (rows.includes(undefined) ? 1 : 0))
  for (const segment of empty) {
    positions[segment] = { x, y: lastRow * AS_ROW_SPACING }
    x += HOST_SPACING + SEGMENT_GAP
  }
  return replaceLayout(design, positions, 'Lay out by AS')
}
