import type { BgpSpeaker } from '../bgp/speakers'
import type { Command } from '../commands/commands'
import type { Design } from '../model/design'
import { replaceLayout } from './rackLayout'
import { buildTopologyGraph, HOST_SPACING, SEGMENT_SPACING } from './topologyGraph'

/**
 * Positions that put the BGP speakers of each AS in one row, ASes in ascending order (an eBGP
 * design reads top to bottom as its AS hierarchy), hosts that speak no BGP in a row after them.
 * Within a row, hosts keep their segment together, segments and hosts in design order.
 * Replaces every hand-placed position, as one undoable step.
 */
export function layoutByAs(design: Design, speakers: readonly BgpSpeaker[]): Command {
  const asOf = new Map(speakers.map((s) => [s.id, s.asNumber]))
  const hosts = buildTopologyGraph(design).nodes.filter((n) => n.kind !== 'segment')
  const segmentOrder = new Map(buildTopologyGraph(design).nodes.filter((n) => n.kind === 'segment').map((n, i) => [n.id, i]))
  const rows = [...new Set(hosts.map((h) => asOf.get(h.id)))].sort((a, b) => (a === undefined ? 1 : b === undefined ? -1 : a - b))
  const positions: Record<string, { x: number; y: number }> = {}
  rows.forEach((as, row) => {
    const members = hosts
      .map((host, order) => ({ host, order }))
      .filter(({ host }) => asOf.get(host.id) === as)
      .sort((a, b) => (segmentOrder.get(a.host.parent ?? '') ?? Infinity) - (segmentOrder.get(b.host.parent ?? '') ?? Infinity) || a.order - b.order)
    members.forEach(({ host }, i) => (positions[host.id] = { x: i * HOST_SPACING, y: row * SEGMENT_SPACING }))
  })
  return replaceLayout(design, positions, 'Lay out by AS')
}
