import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises'
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

const { DesignFiles } = await import('../../electron/main/designFiles')
const { RecentFiles } = await import('../../electron/main/recentFiles')

let dir: string
let recent: InstanceType<typeof RecentFiles>
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'peerlab-files-'))
  recent = new RecentFiles(join(dir, 'user-data', 'recent-files.json'))
  await recent.load()
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('design files', () => {
  it('opens the file chosen in the dialog and may then save back to it', async () => {
    const path = join(dir, 'lab.yaml')
    await writeFile(path, 'kind: Cluster\n')
    electron.current.module.dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: [path] })
    const files = new DesignFiles(() => undefined, recent)
    expect(await files.open()).toEqual({ status: 'opened', file: { name: 'lab.yaml', path, text: 'kind: Cluster\n' } })
    expect(await files.save({ text: 'kind: Cluster # edited\n', path, suggestedName: 'lab.yaml' })).toEqual({ status: 'saved', name: 'lab.yaml', path })
    expect(await readFile(path, 'utf8')).toBe('kind: Cluster # edited\n')
  })

  it('refuses to write a path that no dialog granted', async () => {
    const files = new DesignFiles(() => undefined, recent)
    const target = join(dir, 'authorized_keys')
    const result = await files.save({ text: 'ssh-rsa AAAA', path: target, suggestedName: 'x.yaml' })
    expect(result).toMatchObject({ status: 'failed' })
    await expect(readFile(target)).rejects.toThrow()
  })

  it('asks where to save when there is no path, and reports a cancelled dialog', async () => {
    const files = new DesignFiles(() => undefined, recent)
    electron.current.module.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' })
    expect(await files.save({ text: 'a', suggestedName: 'lab.yaml' })).toEqual({ status: 'cancelled' })
    const target = join(dir, 'chosen.yaml')
    electron.current.module.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target })
    expect(await files.save({ text: 'b', suggestedName: 'lab.yaml' })).toEqual({ status: 'saved', name: 'chosen.yaml', path: target })
    expect(await readFile(target, 'utf8')).toBe('b')
  })

  it('reports unreadable files instead of throwing', async () => {
    const files = new DesignFiles(() => undefined, recent)
    expect(await files.read(join(dir, 'missing.yaml'))).toMatchObject({ status: 'failed', message: expect.stringContaining('missing.yaml') })
    expect(await files.read(dir)).toMatchObject({ status: 'failed', message: expect.stringContaining('is not a file') })
  })

  it('remembers every file opened or saved, most recent first', async () => {
    const files = new DesignFiles(() => undefined, recent)
    const opened = join(dir, 'opened.yaml')
    await writeFile(opened, 'kind: Cluster\n')
    electron.current.module.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [opened] })
    await files.open()
    const saved = join(dir, 'saved.yaml')
    electron.current.module.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: saved })
    await files.save({ text: 'b', suggestedName: 'saved.yaml' })
    expect((await recent.list()).map((f) => f.path)).toEqual([saved, opened])
  })

  it('does not remember a file that could not be read or written', async () => {
    const files = new DesignFiles(() => undefined, recent)
    await files.read(join(dir, 'missing.yaml'))
    electron.current.module.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: join(dir, 'no-such-dir', 'x.yaml') })
    await files.save({ text: 'b', suggestedName: 'x.yaml' })
    expect(await recent.list()).toEqual([])
  })

  it('opens a recent file and may then save back to it, as after Open', async () => {
    const path = join(dir, 'lab.yaml')
    await writeFile(path, 'kind: Cluster\n')
    await recent.add(path)
    const files = new DesignFiles(() => undefined, recent)
    expect(await files.openRecent(path)).toEqual({ status: 'opened', file: { name: 'lab.yaml', path, text: 'kind: Cluster\n' } })
    expect(await files.save({ text: 'kind: Cluster # edited\n', path, suggestedName: 'lab.yaml' })).toMatchObject({ status: 'saved' })
    expect(await readFile(path, 'utf8')).toBe('kind: Cluster # edited\n')
  })

  it('refuses to open a path that is not in the recent list, and does not read it', async () => {
    const secret = join(dir, 'id_rsa')
    await writeFile(secret, 'PRIVATE KEY')
    const files = new DesignFiles(() => undefined, recent)
    const result = await files.openRecent(secret)
    expect(result).toEqual({ status: 'failed', message: `Refusing to open ${secret}: it is not in the recent files` })
    expect(JSON.stringify(result)).not.toContain('PRIVATE KEY')
    // Nor does a refused open grant writing there.
    expect(await files.save({ text: 'x', path: secret, suggestedName: 'id_rsa' })).toMatchObject({ status: 'failed' })
    expect(await readFile(secret, 'utf8')).toBe('PRIVATE KEY')
  })

  it('says a recent file was moved or deleted, and drops it from the list', async () => {
    const path = join(dir, 'lab.yaml')
    await writeFile(path, 'kind: Cluster\n')
    await recent.add(path)
    await recent.add(join(dir, 'other.yaml'))
    await rename(path, join(dir, 'elsewhere.yaml'))
    const files = new DesignFiles(() => undefined, recent)
    expect(await files.openRecent(path)).toEqual({ status: 'failed', message: `lab.yaml was moved or deleted (${path}); it is no longer listed in Open Recent` })
    expect((await recent.list()).map((f) => f.name)).toEqual(['other.yaml'])
  })
})
