import { describe, expect, it } from 'vitest'
import { loadDesign } from '../../../shared/format/loadDesign'
import { buildTopologyGraph, HOST_SPACING } from '../../../shared/topology/topologyGraph'
import { canvasDesignText } from '../../../bench/canvasDesign'
import { applyCommand, type Command } from '../../../shared/commands/commands'
import { editField } from '../../../shared/edit/editableFields'
import type { Design } from '../../../shared/model/design'
import { readExample } from '../../exampleText'

describe('topology graph of the built-in example', () => {
  const graph = buildTopologyGraph(loadDesign(readExample('calico-lab-2.2')).design)

  it('draws the subnet as a box holding the four hosts', () => {
    expect(graph.nodes.map((n) => [n.id, n.kind, n.parent])).toEqual([
      ['segment/lab-subnet', 'segment', undefined],
      ['router/bastion', 'router', 'segment/lab-subnet'],
      ['node/ip-10-0-1-20.eu-west-1.compute.internal', 'control-plane', 'segment/lab-subnet'],
      ['node/ip-10-0-1-30.eu-west-1.compute.internal', 'worker', 'segment/lab-subnet'],
      ['node/ip-10-0-1-31.eu-west-1.compute.internal', 'worker', 'segment/lab-subnet'],
    ])
  })

  it('labels hosts with the name people use, the address and the role', () => {
    const labels = Object.fromEntries(graph.nodes.map((n) => [n.id, n.label]))
    expect(labels['segment/lab-subnet']).toBe('lab-subnet  10.0.1.0/24 on ens5 · gateway 10.0.1.1')
    expect(labels['router/bastion']).toBe('bastion\n10.0.1.10\nrouter · AS 64512 · bird')
    expect(labels['node/ip-10-0-1-31.eu-west-1.compute.internal']).toBe('worker2\n10.0.1.31\nworker')
  })

  it('places hosts side by side without overlap, centred on the segment', () => {
    const xs = graph.nodes.filter((n) => n.position).map((n) => n.position?.x)
    expect(xs).toEqual([-1.5, -0.5, 0.5, 1.5].map((k) => k * HOST_SPACING))
    expect(new Set(graph.nodes.filter((n) => n.position).map((n) => n.position?.y))).toEqual(new Set([0]))
  })
})

describe('positions saved in the design', () => {
  it('win over the automatic layout', () => {
    const text = `${readExample('calico-lab-2.2')}---\napiVersion: peerlab.dev/v1alpha1\nkind: Layout\nmetadata: {name: layout}\nspec:\n  positions:\n    router/bastion: {x: 12.5, y: -300}\n`
    const graph = buildTopologyGraph(loadDesign(text).design)
    expect(graph.nodes.find((n) => n.id === 'router/bastion')?.position).toEqual({ x: 12.5, y: -300 })
    expect(graph.nodes.find((n) => n.id === 'node/ip-10-0-1-31.eu-west-1.compute.internal')?.position).toEqual({ x: 1.5 * HOST_SPACING, y: 0 })
  })
})

describe('hosts on no segment', () => {
  it('go in a row of their own, below the segments', () => {
    const text = `apiVersion: peerlab.dev/v1alpha1
kind: Segment
metadata: {name: s}
spec: {cidrs: [10.0.0.0/24]}
---
apiVersion: v1
kind: Node
metadata: {name: n1}
status: {addresses: [{type: InternalIP, address: 10.0.0.5}]}
---
apiVersion: v1
kind: Node
metadata: {name: stray}
status: {addresses: [{type: InternalIP, address: 192.168.9.9}]}
`
    const graph = buildTopologyGraph(loadDesign(text).design)
    const stray = graph.nodes.find((n) => n.id === 'node/stray')
    expect(stray?.parent).toBeUndefined()
    expect(stray?.position?.y).toBeGreaterThan(graph.nodes.find((n) => n.id === 'node/n1')?.position?.y ?? Infinity)
  })
})

describe('a graph built again after an edit', () => {
  const TEXT = canvasDesignText(200)
  /** The graph built from nothing: after a graph with no hosts, so nothing of the last graph is reused. */
  const fresh = (d: Design) => {
    buildTopologyGraph(loadDesign('').design)
    return buildTopologyGraph(structuredClone(d)).nodes
  }

  it.each([
    ['an alias', 'node/node-47', 'alias', 'aaa-first', true],
    ['a label', 'node/node-47', 'labels', 'node-role.kubernetes.io/control-plane=', true],
    ['an address into another rack', 'node/node-47', 'addresses', '10.0.3.99', true],
    // Every host is placed again among the segments.
    ['a segment range', 'segment/rack-2', 'gateways', '10.0.2.254', false],
  ])('after %s is what a graph built from nothing is', (_, id, key, text, keepsOthers) => {
    const design = loadDesign(TEXT).design
    const before = buildTopologyGraph(design).nodes
    const command = editField(design, id, key, text)
    if (!command) throw new Error(`no ${key} on ${id}`)
    const after = applyCommand(design, command)
    const nodes = buildTopologyGraph(after).nodes
    // A row it leaves alone keeps its nodes.
    const untouched = before.find((n) => n.id === 'node/node-190')
    if (keepsOthers) expect(nodes.find((n) => n.id === untouched?.id)).toBe(untouched)
    expect(nodes.find((n) => n.id === id)).not.toBe(before.find((n) => n.id === id))
    expect(nodes).toEqual(fresh(after))
  })

  it('stays what a graph built from nothing is through a run of edits, each built on the graph before', () => {
    const edits: ((d: Design) => Design)[] = [
      (d) => applyCommand(d, editField(d, 'node/node-47', 'alias', 'zz-last') as Command),
      (d) => applyCommand(d, editField(d, 'node/node-12', 'alias', 'aa-first') as Command),
      (d) => applyCommand(d, editField(d, 'node/node-12', 'asNumber', '65010') as Command),
      (d) => applyCommand(d, editField(d, 'node/node-120', 'alias', 'middle') as Command),
      (d) => applyCommand(d, editField(d, 'node/node-47', 'addresses', '10.0.3.99') as Command),
      (d) => applyCommand(d, editField(d, 'node/node-47', 'alias', 'back-again') as Command),
      (d) => applyCommand(d, { type: 'move', positions: { 'node/node-5': { x: 5, y: 7 } } } as Command),
      (d) => applyCommand(d, editField(d, 'node/node-6', 'alias', 'after-a-move') as Command),
      (d) => applyCommand(d, { type: 'remove', id: 'node/node-48' } as Command),
      (d) => applyCommand(d, editField(d, 'node/node-49', 'alias', 'after-a-removal') as Command),
    ]
    let design = loadDesign(TEXT).design
    buildTopologyGraph(design)
    for (const edit of edits) {
      design = edit(design)
      const nodes = buildTopologyGraph(design).nodes
      expect(nodes).toEqual(fresh(design))
      // Built again on this graph, not on the fresh one.
      buildTopologyGraph(design)
    }
  })

  it('moves a host to where it was dragged', () => {
    const design = loadDesign(TEXT).design
    buildTopologyGraph(design)
    const moved = applyCommand(design, { type: 'move', positions: { 'node/node-47': { x: 5, y: 7 } } } as Command)
    const nodes = buildTopologyGraph(moved).nodes
    expect(nodes.find((n) => n.id === 'node/node-47')?.position).toEqual({ x: 5, y: 7 })
    expect(nodes).toEqual(fresh(moved))
  })
})
