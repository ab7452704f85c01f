import { describe, expect, it } from 'vitest'
import { applyCommand } from '../../../shared/commands/commands'
import { loadDesign } from '../../../shared/format/loadDesign'
import { computeNetwork } from '../../../shared/routing/network'
import { layoutByAs } from '../../../shared/topology/asLayout'
import { buildTopologyGraph, HOST_SPACING, SEGMENT_SPACING } from '../../../shared/topology/topologyGraph'
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
    // One AS per row, rows SEGMENT_SPACING apart, ASes ascending down the page.
    const ordered = [...rows.entries()].sort(([a], [b]) => a - b)
    expect(ordered.every(([, ases]) => new Set(ases).size === 1)).toBe(true)
    expect(ordered.map(([y], i) => y - i * SEGMENT_SPACING)).toEqual(ordered.map(() => 0))
    const ases = ordered.map(([, list]) => list[0] as number)
    expect(ases).toEqual([...ases].sort((a, b) => a - b))
    expect(new Set(ases).size).toBeGreaterThan(1)
  })

  it('puts the lab, one AS, in one row with hosts side by side', () => {
    const positions = positionsAfter(readFileSync(resolve(import.meta.dirname, '../../../examples/calico-lab-2.2.yaml'), 'utf8'))
    expect(Object.values(positions).map((p) => p.y)).toEqual([0, 0, 0, 0])
    expect(Object.values(positions).map((p) => p.x).sort((a, b) => a - b)).toEqual([0, 1, 2, 3].map((i) => i * HOST_SPACING))
  })
})
