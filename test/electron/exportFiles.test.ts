import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

vi.mock('electron', () => ({ dialog: {} }))
const { saveExport } = await import('../../electron/main/exportFiles')

let dir = ''
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'peerlab-export-files-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('saving an export', () => {
  it('writes one file where the save dialog says, decoding a PNG’s base64', async () => {
    const path = join(dir, 'lab.png')
    const dialogs = { showSaveDialog: vi.fn(async () => ({ canceled: false, filePath: path })), showOpenDialog: vi.fn() }
    const result = await saveExport({ files: [{ name: 'lab.png', data: Buffer.from([0x89, 0x50, 0x4e, 0x47]).toString('base64'), encoding: 'base64' }] }, undefined, dialogs as never)
    expect(result).toEqual({ status: 'saved', where: path })
    expect(dialogs.showSaveDialog).toHaveBeenCalledWith({ title: 'Export', defaultPath: 'lab.png' })
    expect([...(await readFile(path))]).toEqual([0x89, 0x50, 0x4e, 0x47])
  })

  it('writes several files into the folder the folder dialog gives, each under its name', async () => {
    const folder = join(dir, 'bird')
    const { mkdir } = await import('node:fs/promises')
    await mkdir(folder)
    const dialogs = { showSaveDialog: vi.fn(), showOpenDialog: vi.fn(async () => ({ canceled: false, filePaths: [folder] })) }
    const files = [
      { name: 'bastion.bird.conf', data: 'router id 10.0.1.10;\n', encoding: 'utf8' as const },
      { name: 'worker1.bird.cfg', data: 'router id 10.0.1.30;\n', encoding: 'utf8' as const },
    ]
    expect(await saveExport({ files }, undefined, dialogs as never)).toEqual({ status: 'saved', where: folder })
    expect((await readdir(folder)).sort()).toEqual(['bastion.bird.conf', 'worker1.bird.cfg'])
    expect(await readFile(join(folder, 'worker1.bird.cfg'), 'utf8')).toBe('router id 10.0.1.30;\n')
  })

  it('writes nothing when a dialog is cancelled', async () => {
    const dialogs = { showSaveDialog: vi.fn(async () => ({ canceled: true, filePath: '' })), showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] })) }
    expect(await saveExport({ files: [{ name: 'a.svg', data: '<svg/>', encoding: 'utf8' }] }, undefined, dialogs as never)).toEqual({ status: 'cancelled' })
    expect(
      await saveExport(
        {
          files: [
            { name: 'a', data: '', encoding: 'utf8' },
            { name: 'b', data: '', encoding: 'utf8' },
          ],
        },
        undefined,
        dialogs as never,
      ),
    ).toEqual({ status: 'cancelled' })
  })
})
