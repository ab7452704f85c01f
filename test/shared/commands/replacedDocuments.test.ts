import { describe, expect, it } from 'vitest'
import { afterEdit, KEPT_DOCUMENTS, NO_REPLACEMENTS, replaceDocument, stepBack, stepForward, type Replacements } from '../../../shared/commands/replacedDocuments'

describe('documents put aside by Open, so Undo can bring them back', () => {
  it('undoes an open to the document it replaced, and redoes it', () => {
    const opened = replaceDocument<string>(NO_REPLACEMENTS, 'lab', 'Open rack.yaml')
    const back = stepBack(opened, 'rack')
    expect(back).toMatchObject({ state: 'lab', label: 'Open rack.yaml' })
    expect(stepBack(back!.replacements, 'lab')).toBeUndefined()
    const forward = stepForward(back!.replacements, 'lab')
    expect(forward).toMatchObject({ state: 'rack', label: 'Open rack.yaml' })
    expect(forward!.replacements).toEqual(opened)
    expect(stepForward(forward!.replacements, 'rack')).toBeUndefined()
  })

  it('walks back through several opens in order', () => {
    let r: Replacements<string> = NO_REPLACEMENTS
    r = replaceDocument(r, 'a', 'Open b.yaml')
    r = replaceDocument(r, 'b', 'Open c.yaml')
    const first = stepBack(r, 'c')!
    const second = stepBack(first.replacements, first.state)!
    expect([first.state, second.state]).toEqual(['b', 'a'])
    expect(stepForward(second.replacements, 'a')?.state).toBe('b')
  })

  it('an edit or another open after Undo ends Redo', () => {
    const back = stepBack(replaceDocument<string>(NO_REPLACEMENTS, 'lab', 'Open rack.yaml'), 'rack')!
    expect(stepForward(afterEdit(back.replacements), 'lab edited')).toBeUndefined()
    expect(replaceDocument(back.replacements, 'lab', 'New design').forward).toEqual([])
    // Nothing to end: the same object, so a store sees no change.
    expect(afterEdit(NO_REPLACEMENTS)).toBe(NO_REPLACEMENTS)
  })

  it(`keeps the last ${KEPT_DOCUMENTS} documents only`, () => {
    let r: Replacements<number> = NO_REPLACEMENTS
    for (let i = 0; i < KEPT_DOCUMENTS + 3; i++) r = replaceDocument(r, i, `Open ${i + 1}`)
    expect(r.back.map((d) => d.state)).toEqual([3, 4, 5, 6, 7])
  })
})
