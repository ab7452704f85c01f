import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { OpenResult } from '../../shared/ipc/contract'
import { AutosaveFile } from '../../electron/main/autosaveFile'

const WORK = { file: { name: 'lab.yaml', path: '/designs/lab.yaml', text: 'kind: Cluster\n' }, text: 'kind: Cluster # edited\n', savedAt: '2026-01-02T03:04:05.000Z' }
const opened = (text: string): OpenResult => ({ status: 'opened', file: { name: 'lab.yaml', path: '/designs/lab.yaml', text } })

let dir: string
let file: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'peerlab-autosave-'))
  file = join(dir, 'user-data', 'unsaved-work.json')
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('unsaved work kept in the user data folder', () => {
  it('keeps work in a file of its own, reads it back, and forgets it', async () => {
    const autosave = new AutosaveFile(file, vi.fn())
    expect(await autosave.read()).toBeUndefined()
    expect(await autosave.write(WORK)).toEqual({ status: 'kept' })
    expect(await autosave.read()).toEqual(WORK)
    // Written through a temporary file and a rename: nothing else is left in the folder.
    expect(await readdir(join(dir, 'user-data'))).toEqual(['unsaved-work.json'])
    await autosave.clear()
    expect(await autosave.read()).toBeUndefined()
    await autosave.clear()
  })

  it('keeps a design of several megabytes', async () => {
    const autosave = new AutosaveFile(file, vi.fn())
    const large = { ...WORK, text: `kind: ConfigMap\ndata: {blob: ${'x'.repeat(4_000_000)}}\n` }
    expect(await autosave.write(large)).toEqual({ status: 'kept' })
    expect((await autosave.read())?.text).toHaveLength(large.text.length)
  })

  it('ends with the last word when writes and removals come in quick succession', async () => {
    const autosave = new AutosaveFile(file, vi.fn())
    const writes = [autosave.write({ ...WORK, text: 'one\n' }), autosave.clear(), autosave.write({ ...WORK, text: 'three\n' })]
    await Promise.all(writes)
    expect((await autosave.read())?.text).toBe('three\n')
    await Promise.all([autosave.write(WORK), autosave.clear()])
    expect(await autosave.read()).toBeUndefined()
  })

  it('reads a damaged, foreign or older file as no work', async () => {
    const autosave = new AutosaveFile(file, vi.fn())
    await autosave.write(WORK)
    for (const text of ['{"version":1,"work":', '{"version":2,"work":{}}', JSON.stringify({ version: 1, work: { ...WORK, file: { name: '../../x', text: '' } } }), 'null']) {
      await writeFile(file, text)
      expect(await autosave.read()).toBeUndefined()
    }
  })

  it('reports a write that fails, with the reason, instead of throwing', async () => {
    // The user data "folder" is a file: mkdir fails as on a read-only or full disk.
    await writeFile(join(dir, 'user-data'), '')
    const result = await new AutosaveFile(file, vi.fn()).write(WORK)
    expect(result).toEqual({ status: 'failed', message: expect.stringMatching(/^could not write .*unsaved-work\.json: .*E(NOTDIR|EXIST)/) })
  })
})

describe('restoring kept work', () => {
  it('reopens its file through the recent list, so Save may write there again', async () => {
    const reopen = vi.fn(async () => opened(WORK.file.text))
    const autosave = new AutosaveFile(file, reopen)
    await autosave.write(WORK)
    expect(await autosave.restore()).toEqual(WORK)
    expect(reopen).toHaveBeenCalledWith('/designs/lab.yaml')
  })

  it('gives the work back without a path when its file changed, moved or is no longer recent: Save then asks where', async () => {
    for (const result of [opened('kind: Cluster # changed by someone else\n'), { status: 'failed', message: 'lab.yaml was moved or deleted' } as const]) {
      const autosave = new AutosaveFile(
        file,
        vi.fn(async () => result),
      )
      await autosave.write(WORK)
      expect(await autosave.restore()).toEqual({ ...WORK, file: { name: 'lab.yaml', text: WORK.file.text } })
    }
  })

  it('restores work on a design that never had a file without asking for one', async () => {
    const reopen = vi.fn()
    const autosave = new AutosaveFile(file, reopen)
    const untitled = { ...WORK, file: { name: 'untitled.yaml', text: '' } }
    await autosave.write(untitled)
    expect(await autosave.restore()).toEqual(untitled)
    expect(reopen).not.toHaveBeenCalled()
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ version: 1, work: untitled })
  })
})
