import { describe, expect, it } from 'vitest'
import { createBrowserRecentFiles, MAX_REMEMBERED_CHARS, REMEMBERED_BUDGET_CHARS, type TextStorage } from '../../renderer/src/platform/browserRecentFiles'

/** Local storage as a browser has it: strings by key, and a quota past which setItem throws. */
function fakeStorage(quotaChars = Infinity): TextStorage & { items: Map<string, string> } {
  const items = new Map<string, string>()
  const used = (): number => [...items].reduce((sum, [key, value]) => sum + key.length + value.length, 0)
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem(key, value) {
      const before = items.get(key)
      items.set(key, value)
      if (used() > quotaChars) {
        if (before === undefined) items.delete(key)
        else items.set(key, before)
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
      }
    },
    removeItem: (key) => void items.delete(key),
  }
}

const KEY = 'peerlab.recent.v1'

describe('recent files in a browser', () => {
  it('remembers names and texts, most recent first, and reopens the remembered text', () => {
    const storage = fakeStorage()
    const recent = createBrowserRecentFiles(() => storage)
    recent.remember({ name: 'a.yaml', text: 'a: 1\n' })
    recent.remember({ name: 'b.yaml', text: 'b: 1\n' })
    expect(recent.list()).toEqual([
      { id: 'b.yaml', name: 'b.yaml' },
      { id: 'a.yaml', name: 'a.yaml' },
    ])
    expect(recent.open('a.yaml')).toEqual({ name: 'a.yaml', text: 'a: 1\n' })
    expect(recent.list().map((f) => f.name)).toEqual(['a.yaml', 'b.yaml'])
    expect(recent.open('c.yaml')).toBeUndefined()
  })

  it('keeps the newest text of a file saved again under the same name', () => {
    const storage = fakeStorage()
    const recent = createBrowserRecentFiles(() => storage)
    recent.remember({ name: 'a.yaml', text: 'old' })
    recent.remember({ name: 'b.yaml', text: 'b' })
    recent.remember({ name: 'a.yaml', text: 'new' })
    expect(recent.list().map((f) => f.name)).toEqual(['a.yaml', 'b.yaml'])
    expect(recent.open('a.yaml')?.text).toBe('new')
  })

  it('survives a reload: another instance on the same storage sees the list', () => {
    const storage = fakeStorage()
    createBrowserRecentFiles(() => storage).remember({ name: 'a.yaml', text: 'a' })
    expect(createBrowserRecentFiles(() => storage).open('a.yaml')).toEqual({ name: 'a.yaml', text: 'a' })
  })

  it('keeps at most ten', () => {
    const storage = fakeStorage()
    const recent = createBrowserRecentFiles(() => storage)
    for (let i = 1; i <= 11; i++) recent.remember({ name: `f${i}.yaml`, text: '' })
    expect(recent.list()).toHaveLength(10)
    expect(recent.list().at(-1)?.name).toBe('f2.yaml')
  })

  it('does not keep a file over the size cap, and forgets an older text under its name', () => {
    const storage = fakeStorage()
    const recent = createBrowserRecentFiles(() => storage)
    recent.remember({ name: 'big.yaml', text: 'small then' })
    recent.remember({ name: 'other.yaml', text: 'o' })
    recent.remember({ name: 'big.yaml', text: 'x'.repeat(MAX_REMEMBERED_CHARS + 1) })
    expect(recent.list().map((f) => f.name)).toEqual(['other.yaml'])
    expect(storage.items.get(KEY)).toBe(JSON.stringify([{ name: 'other.yaml', text: 'o' }]))
  })

  it('keeps all texts together within the budget, dropping the oldest', () => {
    const storage = fakeStorage()
    const recent = createBrowserRecentFiles(() => storage)
    const third = 'x'.repeat(Math.floor(REMEMBERED_BUDGET_CHARS / 3))
    for (const name of ['a.yaml', 'b.yaml', 'c.yaml', 'd.yaml']) recent.remember({ name, text: third })
    expect(recent.list().map((f) => f.name)).toEqual(['d.yaml', 'c.yaml'])
    expect(storage.items.get(KEY)?.length).toBeLessThan(REMEMBERED_BUDGET_CHARS)
  })

  it('when storage is full, drops the oldest until the list fits, and never throws', () => {
    const storage = fakeStorage(2_000)
    storage.setItem('peerlab.autosave.v1', 'w'.repeat(1_000))
    const recent = createBrowserRecentFiles(() => storage)
    recent.remember({ name: 'a.yaml', text: 'a'.repeat(500) })
    recent.remember({ name: 'b.yaml', text: 'b'.repeat(500) })
    expect(recent.list().map((f) => f.name)).toEqual(['b.yaml'])
    recent.remember({ name: 'c.yaml', text: 'c'.repeat(1_500) })
    expect(recent.list()).toEqual([])
    expect(storage.items.get('peerlab.autosave.v1')).toHaveLength(1_000)
  })

  it('reads a broken or foreign stored list as empty, and drops malformed entries', () => {
    const storage = fakeStorage()
    const recent = createBrowserRecentFiles(() => storage)
    storage.setItem(KEY, '{not json')
    expect(recent.list()).toEqual([])
    storage.setItem(KEY, JSON.stringify({ name: 'a.yaml', text: '' }))
    expect(recent.list()).toEqual([])
    storage.setItem(KEY, JSON.stringify([{ name: 'a.yaml', text: 'a' }, { name: 'b.yaml' }, { name: '', text: '' }, 'c.yaml']))
    expect(recent.list()).toEqual([{ id: 'a.yaml', name: 'a.yaml' }])
  })

  it('works, empty, where the site may not store anything', () => {
    const recent = createBrowserRecentFiles(() => {
      throw new DOMException('The operation is insecure.', 'SecurityError')
    })
    expect(() => recent.remember({ name: 'a.yaml', text: 'a' })).not.toThrow()
    expect(recent.list()).toEqual([])
    expect(() => recent.clear()).not.toThrow()
  })

  it('clears the list', () => {
    const storage = fakeStorage()
    const recent = createBrowserRecentFiles(() => storage)
    recent.remember({ name: 'a.yaml', text: 'a' })
    recent.clear()
    expect(recent.list()).toEqual([])
    expect(storage.items.has(KEY)).toBe(false)
  })
})
