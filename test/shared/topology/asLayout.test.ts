import { describe, expect, it } from 'vitest'
import { applyCommand } from '../../../shared/commands/commands'
import { loadDesign } from '../../../shared/format/loadDesign'
import { computeNetwork } from '../../../shared/routing/network'
import { AS_ROW_SPACING, layoutByAs } from '../../../shared/topology/asLayout'
import { segmentBoxes } from '../../../shared/topology/segmentBoxes'
import { buildTopologyGraph, HOST_SPACING } from '../../../shared/topology/topologyGraph'
import type { OpaqueResource } from '../../../shared/model/design'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'

const positionsAfter = (text: string): Record<string, { x: number; y: number }> => {
  const design = loadDesign(text).design
  const laidOut = applyCommand(design, layoutByAs(design, computeNetwork(design).speakers))
  return Object.fromEntries(buildTopologyGraph(laidOut).nodes.flatMap((n) => (n.position ? [[n.id, n.position]] : [])))
}

describe('layout by AS', () => {
  it('puts each AS in a row, in ascending order: the eBGP ToR design reads as its AS hierarchy', () => {
    const text = readFileSync(resolve(import.meta.dirname, '../../fixtures/designs/ebgp-tor-v1alpha1.yaml'), 'utf8')
    const design = loadDesign(text).design
    const speakers = computeNetwork(design).speakers
    const positions = positionsAfter(text)
    const rows = new Map<number, number[]>()
    for (const speaker of speakers) rows.set(positions[speaker.id]?.y ?? -1, [...(rows.get(positions[speaker.id]?.y ?? -1) ?? []), speaker.asNumber])
    // One AS per row, rows AS_ROW_SPACING apart, ASes ascending down the page.
    const ordered = [...rows.entries()].sort(([a], [b]) => a - b)
    expect(ordered.every(([, ases]) => new Set(ases).size === 1)).toBe(true)
    expect(ordered.map(([y], i) => y - i * AS_ROW_SPACING)).toEqual(ordered.map(() => 0))
    const ases = ordered.map(([, list]) => list[0] as number)
    expect(ases).toEqual([...ases].sort((a, b) => a - b))
    expect(new Set(ases).size).toBeGreaterThan(1)
  })

  it('puts the lab, one AS, in one row with hosts side by side', () => {
    const positions = positionsAfter(readFileSync(resolve(import.meta.dirname, '../../../examples/calico-lab-2.2.yaml'), 'utf8'))
    expect(Object.values(positions).map((p) => p.y)).toEqual([0, 0, 0, 0])
    expect(
      Object.values(positions)
        .map((p) => p.x)
        .sort((a, b) => a - b),
    ).toEqual([0, 1, 2, 3].map((i) => i * HOST_SPACING))
  })

  it('gives each segment a column of its own: no two segment boxes overlap when their hosts speak different ASes', () => {
    // Two racks, a ToR each in its own AS, nodes in the cluster's AS: by AS every row holds hosts of both racks.
    const segment = (name: string, cidr: string): OpaqueResource => ({ apiVersion: 'peerlab.dev/v1alpha1', kind: 'Segment', metadata: { name }, spec: { cidrs: [cidr], rack: name } })
    const node = (name: string, address: string): OpaqueResource => ({ apiVersion: 'v1', kind: 'Node', metadata: { name }, status: { addresses: [{ type: 'InternalIP', address }] } })
    const tor = (name: string, segmentName: string, address: string, as: number): OpaqueResource => ({
      apiVersion: 'peerlab.dev/v1alpha1',
      kind: 'Router',
      metadata: { name },
      spec: { asNumber: as, interfaces: [{ name: 'eth0', segment: segmentName, addresses: [address] }] },
    })
    const resources = [
      segment('rack-a', '10.0.1.0/24'),
      segment('rack-b', '10.0.2.0/24'),
      segment('spare', '10.0.3.0/24'),
      tor('tor-a', 'rack-a', '10.0.1.1', 65001),
      tor('tor-b', 'rack-b', '10.0.2.1', 65002),
    ]
    for (const [i, rack] of ['1', '2'].entries()) for (const n of [1, 2, 3]) resources.push(node(`r${rack}-n${n}`, `10.0.${i + 1}.${10 + n}`))
    resources.push({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'loose' } })
    const design = resources.reduce((d, resource) => applyCommand(d, { type: 'apply', resource }), loadDesign('').design)
    const laidOut = applyCommand(design, layoutByAs(design, computeNetwork(design).speakers))
    const nodes = buildTopologyGraph(laidOut).nodes
    const boxes = [...segmentBoxes(nodes, { hostWidth: 180, hostHeight: 66, padding: 28, minWidth: 220, minHeight: 90 }).entries()]
    expect(boxes.map(([id]) => id).sort()).toEqual(['segment/rack-a', 'segment/rack-b'])
    const edges = boxes.map(([, b]) => ({ x1: b.x - b.width / 2, x2: b.x + b.width / 2, y1: b.y - b.height / 2, y2: b.y + b.height / 2 }))
    const [a, b] = edges as [(typeof edges)[0], (typeof edges)[0]]
    expect(a.x2 < b.x1 || b.x2 < a.x1).toBe(true)
    // A host on no segment stands in no segment's box.
    const loose = nodes.find((n) => n.id === 'node/loose')?.position
    for (const box of edges) expect(loose && loose.x >= box.x1 && loose.x <= box.x2 && loose.y >= box.y1 && loose.y <= box.y2).toBe(false)
    // The AS rows are kept: the cluster's 64512 first, then each ToR's.
    const y = (id: string): number | undefined => nodes.find((n) => n.id === id)?.position?.y
    expect([y('node/r1-n1'), y('router/tor-a'), y('router/tor-b')]).toEqual([0, AS_ROW_SPACING, 2 * AS_ROW_SPACING])
    // The empty segment has a place of its own, beside the columns.
    const spare = laidOut.entries.find((e) => e.resource.kind === 'Layout')?.resource as unknown as { spec: { positions: Record<string, { x: number }> } }
    expect(spare.spec.positions['segment/spare']?.x).toBeGreaterThan(Math.max(...edges.map((e) => e.x2)))
  })
})
