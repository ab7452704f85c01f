import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { applyCommand, type Command } from '../../../shared/commands/commands'
import { addAnnotation, changeAnnotation, removeAnnotations } from '../../../shared/edit/annotations'
import { loadDesign } from '../../../shared/format/loadDesign'
import { saveDesign } from '../../../shared/format/saveDesign'
import { annotationsOf } from '../../../shared/model/annotations'
import type { Design } from '../../../shared/model/design'
import { computeNetwork } from '../../../shared/routing/network'
import { validateDesign } from '../../../shared/validate/validateDesign'

const LAB = readFileSync(resolve(import.meta.dirname, '../../../examples/calico-lab-2.2.yaml'), 'utf8')
const layout = (spec: string): string => `apiVersion: peerlab.dev/v1alpha1\nkind: Layout\nmetadata:\n  name: layout\nspec:\n${spec}`

function annotated(): { design: Design; text: string } {
  let { design } = loadDesign(LAB)
  const run = (command: Command | undefined): void => {
    if (!command) throw new Error('no command')
    design = applyCommand(design, command)
  }
  run(addAnnotation(design, 'note', { x: 100, y: -200 }).command)
  run(addAnnotation(design, 'rectangle', { x: 0, y: 0 }).command)
  run(changeAnnotation(design, 'note-1', { text: 'Rack A: the lab subnet\nbastion peers with every node' }))
  run(changeAnnotation(design, 'rectangle-1', { width: 900, height: 300, text: 'rack A' }))
  run({ type: 'move', positions: { 'annotation/rectangle-1': { x: 300, y: 20 } } })
  return { design, text: saveDesign(design, LAB) }
}

describe('annotations: notes and rectangles in the Layout', () => {
  it('are saved in the Layout and read back as they were', () => {
    const { design, text } = annotated()
    expect(text).toContain('kind: Layout')
    const reloaded = loadDesign(text)
    expect(reloaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    expect(annotationsOf(reloaded.design)).toEqual([
      { id: 'note-1', kind: 'note', x: 100, y: -200, text: 'Rack A: the lab subnet\nbastion peers with every node' },
      { id: 'rectangle-1', kind: 'rectangle', x: 300, y: 20, width: 900, height: 300, text: 'rack A' },
    ])
    expect(annotationsOf(reloaded.design)).toEqual(annotationsOf(design))
    // And saving the reloaded design again changes nothing.
    expect(saveDesign(reloaded.design, text)).toBe(text)
  })

  it('change nothing in the network', () => {
    const before = computeNetwork(loadDesign(LAB).design)
    const after = computeNetwork(loadDesign(annotated().text).design)
    expect(after.sessions).toEqual(before.sessions)
    expect(after.speakers).toEqual(before.speakers)
    expect(validateDesign(loadDesign(annotated().text).design)).toEqual(validateDesign(loadDesign(LAB).design))
  })

  it('keep positions when moved, and positions keep annotations when hosts move', () => {
    const { design } = annotated()
    const moved = applyCommand(design, { type: 'move', positions: { 'node/ip-10-0-1-20.eu-west-1.compute.internal': { x: 40, y: 40 } } })
    expect(annotationsOf(moved)).toEqual(annotationsOf(design))
    const layout = moved.entries.find((e) => e.resource.kind === 'Layout')?.resource as unknown as { spec: { positions: Record<string, unknown> } }
    expect(Object.keys(layout.spec.positions)).not.toContain('annotation/rectangle-1')
  })

  it('are deleted, and the delete is undone by the design before it', () => {
    const { design } = annotated()
    const command = removeAnnotations(design, ['annotation/note-1', 'node/not-an-annotation'])
    if (!command) throw new Error('nothing deleted')
    const after = applyCommand(design, command)
    expect(annotationsOf(after).map((a) => a.id)).toEqual(['rectangle-1'])
    expect(removeAnnotations(after, ['annotation/note-1'])).toBeUndefined()
  })

  it('give a note no size: only rectangles are resized', () => {
    const { design } = annotated()
    const command = changeAnnotation(design, 'note-1', { width: 500 })
    expect(command).toBeUndefined()
  })

  it('refuse unknown and malformed fields, naming line and field, as other bad input', () => {
    const unknown = loadDesign(layout('  annotations:\n    - id: n\n      kind: note\n      x: 1\n      y: 2\n      colour: red\n'))
    expect(unknown.diagnostics).toMatchObject([{ code: 'format.unknown-field', severity: 'error', location: { line: 11, field: 'spec.annotations[0].colour' } }])
    const wrongKind = loadDesign(layout('  annotations:\n    - {id: n, kind: circle, x: 1, y: 2}\n'))
    expect(wrongKind.diagnostics[0]).toMatchObject({ severity: 'error', location: { line: 7, field: 'spec.annotations[0].kind' } })
    expect(wrongKind.diagnostics[0]?.message).toContain('note')
    const noPlace = loadDesign(layout('  annotations:\n    - {id: n, kind: note, x: 1}\n'))
    expect(noPlace.diagnostics).toMatchObject([{ code: 'format.missing-field', severity: 'error', location: { line: 7, field: 'spec.annotations[0].y' } }])
    const badSize = loadDesign(layout('  annotations:\n    - {id: r, kind: rectangle, x: 1, y: 2, width: -5, height: "tall"}\n'))
    expect(badSize.diagnostics.map((d) => d.location?.field)).toEqual(['spec.annotations[0].width', 'spec.annotations[0].height'])
  })

  it('must each have their own id', () => {
    const { design } = loadDesign(layout('  annotations:\n    - {id: n, kind: note, x: 1, y: 2}\n    - {id: n, kind: rectangle, x: 1, y: 2}\n'))
    expect(validateDesign(design).filter((d) => d.severity === 'error')).toMatchObject([{ code: 'layout.duplicate-annotation', severity: 'error', path: ['spec', 'annotations', 1, 'id'] }])
  })
})
