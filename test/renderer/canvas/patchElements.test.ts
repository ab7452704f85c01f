import cytoscape, { type Core } from 'cytoscape'
import { describe, expect, it } from 'vitest'
import { canvasDesignText } from '../../../bench/canvasDesign'
import { patchElements } from '../../../renderer/src/canvas/patchElements'
import { applyCommand, type Command } from '../../../shared/commands/commands'
import { editField } from '../../../shared/edit/editableFields'
import { loadDesign } from '../../../shared/format/loadDesign'
import type { Design } from '../../../shared/model/design'
import { computeNetwork } from '../../../shared/routing/network'
import { canvasSessions } from '../../../shared/topology/canvasSessions'
import { buildDesignerGraph, type DesignerGraph } from '../../../shared/topology/designerGraph'

const graphOf = (design: Design): DesignerGraph => buildDesignerGraph(design, canvasSessions(computeNetwork(design).sessionSet), { expandMesh: false })

/** Every element as Cytoscape holds it: what a fresh canvas patched with the same graph must hold too. */
function contents(cy: Core): unknown[] {
  return cy
    .elements()
    .map((e) => ({ data: e.data(), position: e.isNode() ? e.position() : undefined }))
    .sort((a, b) => String(a.data.id).localeCompare(String(b.data.id)))
}

function edited(design: Design, id: string, key: string, text: string): Design {
  const command = editField(design, id, key, text)
  if (!command) throw new Error(`no ${key} on ${id}`)
  return applyCommand(design, command)
}

describe('patching a canvas after an edit', () => {
  const design = loadDesign(canvasDesignText(400)).design

  it.each([
    ['an alias', (d: Design) => edited(d, 'node/node-47', 'alias', 'front')],
    ['an AS number', (d: Design) => edited(d, 'node/node-1', 'asNumber', '65010')],
    ['a host moved', (d: Design) => applyCommand(d, { type: 'move', positions: { 'node/node-47': { x: 5000, y: -700 } } } as Command)],
    ['a host removed', (d: Design) => applyCommand(d, { type: 'remove', id: 'node/node-48' })],
    ['a host moved into another rack', (d: Design) => edited(d, 'node/node-47', 'addresses', '10.0.3.99')],
  ])('leaves it as a canvas drawn afresh would be, after %s', (_, edit) => {
    for (const flat of [true, false]) {
      const cy = cytoscape({ headless: true })
      patchElements(cy, graphOf(design), flat)
      const after = edit(design)
      const bounds = patchElements(cy, graphOf(after), flat)
      const fresh = cytoscape({ headless: true })
      expect(patchElements(fresh, graphOf(after), flat)?.()).toEqual(bounds?.())
      expect(contents(cy)).toEqual(contents(fresh))
    }
  })

  it('draws a note named twice in the Layout once, and still takes away a host removed at the same time', () => {
    const layout = (ids: readonly string[]) =>
      `---\napiVersion: peerlab.dev/v1alpha1\nkind: Layout\nmetadata: {name: layout}\nspec:\n  annotations:\n${ids.map((id, i) => `    - {id: ${id}, kind: note, text: note ${i}, x: ${i * 50}, y: -500}\n`).join('')}`
    const text = canvasDesignText(20)
    const before = loadDesign(text + layout(['n1'])).design
    // A hand-edited file, read again: one host gone, and the note's id written twice.
    const after = applyCommand(loadDesign(text + layout(['n1', 'n1'])).design, { type: 'remove', id: 'node/node-5' })
    for (const flat of [true, false]) {
      const cy = cytoscape({ headless: true })
      patchElements(cy, graphOf(before), flat)
      patchElements(cy, graphOf(after), flat)
      expect(cy.getElementById('node/node-5').empty()).toBe(true)
      expect(cy.nodes('[kind = "note"]').length).toBe(1)
      const fresh = cytoscape({ headless: true })
      patchElements(fresh, graphOf(after), flat)
      expect(contents(cy)).toEqual(contents(fresh))
    }
  })

  it('asks Cytoscape only about the elements an alias edit changed', () => {
    const design = loadDesign(canvasDesignText(400)).design
    const cy = cytoscape({ headless: true })
    // The sessions stay the very objects the worker sent, as an alias leaves them as they were.
    const sessions = canvasSessions(computeNetwork(design).sessionSet)
    patchElements(cy, buildDesignerGraph(design, sessions, { expandMesh: false }), true)
    const asked: string[] = []
    const byId = cy.getElementById.bind(cy)
    cy.getElementById = (id: string) => (asked.push(id), byId(id))
    patchElements(cy, buildDesignerGraph(edited(design, 'node/node-47', 'alias', 'front'), sessions, { expandMesh: false }), true)
    // The host, the hosts of its rack that now stand in another order, and the rack's box.
    expect(new Set(asked).size).toBeLessThanOrEqual(41)
    expect(asked).toContain('node/node-47')
  })

  it('puts back a host dragged where the design did not move it when the graph moves it', () => {
    const cy = cytoscape({ headless: true })
    patchElements(cy, graphOf(design), true)
    cy.getElementById('node/node-47').position({ x: 1, y: 2 })
    const moved = applyCommand(design, { type: 'move', positions: { 'node/node-47': { x: 600, y: 800 } } } as Command)
    patchElements(cy, graphOf(moved), true)
    expect(cy.getElementById('node/node-47').position()).toEqual({ x: 600, y: 800 })
  })
})
