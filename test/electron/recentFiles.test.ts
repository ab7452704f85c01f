import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { createElectronMock } from './electronMock'

const electron = vi.hoisted(() => ({ current: undefined as unknown as ReturnType<typeof createElectronMock> }))
vi.mock('electron', async () => {
  const { createElectronMock } = await import('./electronMock')
  electron.current = createElectronMock()
  return electron.current.module
})

const { parseRecentFilesJson, RecentFiles } = await import('../../electron/main/recentFiles')

let dir: string
let store: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'peerlab-recent-'))
  store = join(dir, 'user-data', 'recent-files.json')
  vi.clearAllMocks()
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('recent files on the desktop', () => {
  it('remembers opened files most recent first, once each, and gives them to the system list too', async () => {
    const recent = new RecentFiles(store)
    await recent.load()
    for (const name of ['a.yaml', 'b.yaml', 'a.yaml']) await recent.add(join(dir, name))
    expect(await recent.list()).toEqual([
      { id: join(dir, 'a.yaml'), name: 'a.yaml', path: join(dir, 'a.yaml') },
      { id: join(dir, 'b.yaml'), name: 'b.yaml', path: join(dir, 'b.yaml') },
    ])
    expect(electron.current.module.app.addRecentDocument.mock.calls).toEqual([[join(dir, 'a.yaml')], [join(dir, 'b.yaml')], [join(dir, 'a.yaml')]])
    expect(await recent.has(join(dir, 'b.yaml'))).toBe(true)
    expect(await recent.has(join(dir, 'c.yaml'))).toBe(false)
  })

  it('keeps the list in a JSON file that the next start reads back', async () => {
    const first = new RecentFiles(store)
    await first.load()
    for (let i = 1; i <= 12; i++) await first.add(join(dir, `f${i}.yaml`))
    expect(JSON.parse(await readFile(store, 'utf8'))).toEqual({ version: 1, paths: Array.from({ length: 10 }, (_, i) => join(dir, `f${12 - i}.yaml`)) })
    const changes: (readonly string[])[] = []
    const next = new RecentFiles(store, (paths) => changes.push(paths))
    await next.load()
    expect((await next.list()).map((f) => f.name)).toEqual(['f12.yaml', 'f11.yaml', 'f10.yaml', 'f9.yaml', 'f8.yaml', 'f7.yaml', 'f6.yaml', 'f5.yaml', 'f4.yaml', 'f3.yaml'])
    expect(changes).toHaveLength(1)
  })

  it('removes one entry, or clears them all along with the system list, and says so each time', async () => {
    const changes: (readonly string[])[] = []
    const recent = new RecentFiles(store, (paths) => changes.push(paths))
    await recent.load()
    await recent.add('/designs/a.yaml')
    await recent.add('/designs/b.yaml')
    await recent.remove('/designs/a.yaml')
    expect(changes.at(-1)).toEqual(['/designs/b.yaml'])
    await recent.clear()
    expect(changes.at(-1)).toEqual([])
    expect(electron.current.module.app.clearRecentDocuments).toHaveBeenCalledOnce()
    expect(JSON.parse(await readFile(store, 'utf8'))).toEqual({ version: 1, paths: [] })
  })

  it('writes atomically and in order: the file holds the last list and no temporary file is left', async () => {
    const recent = new RecentFiles(store)
    await recent.load()
    await Promise.all(['/d/1.yaml', '/d/2.yaml', '/d/3.yaml'].map((path) => recent.add(path)))
    expect(JSON.parse(await readFile(store, 'utf8')).paths).toEqual(['/d/3.yaml', '/d/2.yaml', '/d/1.yaml'])
    expect(await readdir(join(dir, 'user-data'))).toEqual(['recent-files.json'])
  })

  it('waits for the stored list before changing it, so a quick add does not overwrite it', async () => {
    await mkdir(join(dir, 'user-data'))
    await writeFile(store, JSON.stringify({ version: 1, paths: ['/d/old.yaml'] }))
    const recent = new RecentFiles(store)
    void recent.load()
    await recent.add('/d/new.yaml')
    expect((await recent.list()).map((f) => f.path)).toEqual(['/d/new.yaml', '/d/old.yaml'])
  })

  it('starts empty when the file is missing, broken or someone else’s', async () => {
    const missing = new RecentFiles(store)
    await missing.load()
    expect(await missing.list()).toEqual([])
    await mkdir(join(dir, 'user-data'))
    await writeFile(store, '{"version": 1, "paths": ["/d/a.yaml"')
    const broken = new RecentFiles(store)
    await broken.load()
    expect(await broken.list()).toEqual([])
  })

  it('keeps working for the session when the list cannot be written', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    await writeFile(join(dir, 'user-data'), 'a file where the folder should be')
    const recent = new RecentFiles(store)
    await recent.load()
    await recent.add('/d/a.yaml')
    expect((await recent.list()).map((f) => f.path)).toEqual(['/d/a.yaml'])
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('Could not remember recent files'))
    warn.mockRestore()
  })
})

describe('reading the stored list', () => {
  it.each([
    ['not JSON', 'paths: [/a.yaml]'],
    ['an empty file', ''],
    ['a bare array', '["/d/a.yaml"]'],
    ['another version', '{"version": 2, "paths": ["/d/a.yaml"]}'],
    ['no version', '{"paths": ["/d/a.yaml"]}'],
    ['paths that are not a list', '{"version": 1, "paths": "/d/a.yaml"}'],
    ['null', 'null'],
  ])('gives an empty list for %s', (_, text) => {
    expect(parseRecentFilesJson(text)).toEqual([])
  })

  it('keeps only absolute paths, once each', () => {
    const text = JSON.stringify({ version: 1, paths: ['/d/a.yaml', 'relative.yaml', 42, '', '/d/a.yaml', '/d/nul\0.yaml', '/d/b.yaml'] })
    expect(parseRecentFilesJson(text)).toEqual(['/d/a.yaml', '/d/b.yaml'])
  })
})
