import { describe, expect, it } from 'vitest'
import { addRecent, MAX_RECENT_FILES, parseRecent, removeRecent, withinBudget } from '../../../shared/recent/recentList'

interface Entry {
  readonly name: string
  readonly text: string
}
const id = (entry: Entry): string => entry.name
const entry = (name: string, text = ''): Entry => ({ name, text })
const isEntry = (value: unknown): value is Entry => typeof (value as Entry | null)?.name === 'string' && typeof (value as Entry).text === 'string'

describe('recent list', () => {
  it('puts the newest entry first', () => {
    expect(addRecent([entry('a'), entry('b')], entry('c'), id).map(id)).toEqual(['c', 'a', 'b'])
  })

  it('moves an entry that is already listed to the front and keeps its newest form', () => {
    const list = addRecent([entry('a', 'old a'), entry('b'), entry('c')], entry('b', 'new b'), id)
    expect(list).toEqual([entry('b', 'new b'), entry('a', 'old a'), entry('c')])
  })

  it(`keeps at most ${MAX_RECENT_FILES}, dropping the oldest`, () => {
    let list: readonly Entry[] = []
    for (let i = 1; i <= 12; i++) list = addRecent(list, entry(`f${i}`), id)
    expect(list.map(id)).toEqual(['f12', 'f11', 'f10', 'f9', 'f8', 'f7', 'f6', 'f5', 'f4', 'f3'])
    expect(addRecent(list, entry('x'), id, 2).map(id)).toEqual(['x', 'f12'])
  })

  it('removes by id and leaves the rest in order', () => {
    expect(removeRecent([entry('a'), entry('b'), entry('c')], 'b', id).map(id)).toEqual(['a', 'c'])
    expect(removeRecent([entry('a')], 'z', id).map(id)).toEqual(['a'])
  })

  it('does not change the list it was given', () => {
    const list = Object.freeze([entry('a'), entry('b')])
    addRecent(list, entry('b'), id)
    removeRecent(list, 'a', id)
    expect(list.map(id)).toEqual(['a', 'b'])
  })
})

describe('reading a stored recent list', () => {
  it.each([
    ['nothing', undefined],
    ['null', null],
    ['an object', { files: [] }],
    ['a string', '[{"name":"a","text":""}]'],
    ['a number', 7],
  ])('gives an empty list for %s', (_, stored) => {
    expect(parseRecent(stored, isEntry, id)).toEqual([])
  })

  it('drops malformed entries and duplicates, keeping the first of each', () => {
    const stored = [entry('a', '1'), { name: 3, text: '' }, null, 'b', entry('a', '2'), entry('c')]
    expect(parseRecent(stored, isEntry, id)).toEqual([entry('a', '1'), entry('c')])
  })

  it('keeps no more than the limit', () => {
    const stored = Array.from({ length: 15 }, (_, i) => entry(`f${i}`))
    expect(parseRecent(stored, isEntry, id)).toHaveLength(MAX_RECENT_FILES)
    expect(parseRecent(stored, isEntry, id, 3).map(id)).toEqual(['f0', 'f1', 'f2'])
  })
})

describe('a size budget', () => {
  const size = (e: Entry): number => e.text.length
  it('keeps the most recent entries that fit together', () => {
    const list = [entry('a', 'xxxx'), entry('b', 'xxx'), entry('c', 'xx'), entry('d', 'x')]
    expect(withinBudget(list, size, 7).map(id)).toEqual(['a', 'b'])
    expect(withinBudget(list, size, 10).map(id)).toEqual(['a', 'b', 'c', 'd'])
    expect(withinBudget(list, size, 3)).toEqual([])
  })
})
