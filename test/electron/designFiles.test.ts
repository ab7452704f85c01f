import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
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
const { writeAtomically } = await import('../../electron/main/writeAtomically')

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'peerlab-files-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('design files', () => {
  it('opens the file chosen in the dialog and may then save back to it', async () => {
    const path = join(dir, 'lab.yaml')
    await writeFile(path, 'kind: Cluster\n')
    electron.current.module.dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: [path] })
    const files = new DesignFiles(() => undefined)
    expect(await files.open()).toEqual({ status: 'opened', file: { name: 'lab.yaml', path, text: 'kind: Cluster\n' } })
    expect(await files.save({ text: 'kind: Cluster # edited\n', path, suggestedName: 'lab.yaml' })).toEqual({ status: 'saved', name: 'lab.yaml', path })
    expect(await readFile(path, 'utf8')).toBe('kind: Cluster # edited\n')
  })

  it('refuses to write a path that no dialog granted', async () => {
    const files = new DesignFiles(() => undefined)
    const target = join(dir, 'authorized_keys')
    const result = await files.save({ text: 'ssh-rsa AAAA', path: target, suggestedName: 'x.yaml' })
    expect(result).toMatchObject({ status: 'failed' })
    await expect(readFile(target)).rejects.toThrow()
  })

  it('asks where to save when there is no path, and reports a cancelled dialog', async () => {
    const files = new DesignFiles(() => undefined)
    electron.current.module.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' })
    expect(await files.save({ text: 'a', suggestedName: 'lab.yaml' })).toEqual({ status: 'cancelled' })
    const target = join(dir, 'chosen.yaml')
    electron.current.module.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target })
    expect(await files.save({ text: 'b', suggestedName: 'lab.yaml' })).toEqual({ status: 'saved', name: 'chosen.yaml', path: target })
    expect(await readFile(target, 'utf8')).toBe('b')
  })

  it('reports unreadable files instead of throwing', async () => {
    const files = new DesignFiles(() => undefined)
    expect(await files.read(join(dir, 'missing.yaml'))).toMatchObject({ status: 'failed', message: expect.stringContaining('missing.yaml') })
    expect(await files.read(dir)).toMatchObject({ status: 'failed', message: expect.stringContaining('is not a file') })
  })

  it('writes atomically and leaves no temporary file behind', async () => {
    const path = join(dir, 'lab.yaml')
    await writeFile(path, 'old')
    await writeAtomically(path, 'new')
    expect(await readFile(path, 'utf8')).toBe('new')
    expect(await readdir(dir)).toEqual(['lab.yaml'])
    await expect(writeAtomically(join(dir, 'no-such-dir', 'x.yaml'), 'x')).rejects.toThrow()
    expect(await readdir(dir)).toEqual(['lab.yaml'])
  })
})
