import { chmod, chown, lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { STALE_TEMPORARY_MS, temporaryPathFor } from '../../platform/node/temporaryFiles'
import { bindReadOnly, mountTinyTmpfs, type Mount } from '../platform/node/realFileSystems'
import type { createElectronMock } from './electronMock'

const electron = vi.hoisted(() => ({ current: undefined as unknown as ReturnType<typeof createElectronMock> }))
vi.mock('electron', async () => {
  const { createElectronMock } = await import('./electronMock')
  electron.current = createElectronMock()
  return electron.current.module
})

const { DesignFiles } = await import('../../electron/main/designFiles')
const { RecentFiles } = await import('../../electron/main/recentFiles')

/** The buttons of the changed-on-disk question, in the order main offers them. */
const RELOAD = 0
const OVERWRITE = 1
const SAVE_AS = 2
const CANCEL = 3

let dir: string
let files: InstanceType<typeof DesignFiles>
let mounted: Mount | undefined
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'peerlab-saves-'))
  const recent = new RecentFiles(join(dir, 'user-data', 'recent-files.json'))
  await recent.load()
  files = new DesignFiles(() => undefined, recent)
  vi.mocked(electron.current.module.dialog.showMessageBox).mockReset()
  vi.mocked(electron.current.module.dialog.showSaveDialog).mockReset()
})
afterEach(async () => {
  mounted?.unmount()
  mounted = undefined
  await rm(dir, { recursive: true, force: true })
})

/** A design on disk, opened as the user would, so main may save back to it. */
async function opened(path: string, text = 'kind: Cluster\n'): Promise<string> {
  await writeFile(path, text)
  expect(await files.read(path)).toMatchObject({ status: 'opened' })
  return path
}

const save = (path: string, text: string) => files.save({ text, path, suggestedName: 'lab.yaml' })
const asked = () => vi.mocked(electron.current.module.dialog.showMessageBox).mock.calls.length

describe('saving over the previous version', () => {
  it('keeps what was there as FILE~ beside it, as Emacs and Vim do', async () => {
    const path = await opened(join(dir, 'lab.yaml'), 'version 1\n')
    expect(await save(path, 'version 2\n')).toEqual({ status: 'saved', name: 'lab.yaml', path })
    expect(await save(path, 'version 3\n')).toMatchObject({ status: 'saved' })
    expect(await readFile(path, 'utf8')).toBe('version 3\n')
    expect(await readFile(`${path}~`, 'utf8')).toBe('version 2\n')
    expect(asked()).toBe(0)
  })

  it('keeps the mode', async () => {
    const path = await opened(join(dir, 'lab.yaml'))
    await chmod(path, 0o640)
    await save(path, 'edited\n')
    expect((await stat(path)).mode & 0o777).toBe(0o640)
  })

  it('keeps the owner and group', async (context) => {
    if (process.getuid?.() !== 0) return context.skip('owner test skipped: only root can give a file to another user')
    const path = await opened(join(dir, 'lab.yaml'))
    await chown(path, 4321, 8765)
    expect(await save(path, 'edited\n')).toMatchObject({ status: 'saved' })
    expect(await stat(path)).toMatchObject({ uid: 4321, gid: 8765 })
  })

  it('writes through a symbolic link: the link stays a link, the file it names is replaced', async () => {
    await mkdir(join(dir, 'designs'))
    const real = join(dir, 'designs', 'lab.yaml')
    await writeFile(real, 'version 1\n')
    const link = join(dir, 'lab.yaml')
    await symlink(real, link)
    await opened(link, 'version 1\n')
    expect(await save(link, 'version 2\n')).toEqual({ status: 'saved', name: 'lab.yaml', path: link })
    expect((await lstat(link)).isSymbolicLink()).toBe(true)
    expect(await readlink(link)).toBe(real)
    expect(await readFile(real, 'utf8')).toBe('version 2\n')
    expect(await readFile(`${real}~`, 'utf8')).toBe('version 1\n')
  })

  it('refuses a read-only file with a clear message, before asking anything, and leaves it as it was', async () => {
    const path = await opened(join(dir, 'lab.yaml'), 'mine\n')
    await writeFile(path, 'changed elsewhere\n')
    await chmod(path, 0o444)
    expect(await save(path, 'edited\n')).toEqual({
      status: 'failed',
      message: 'Could not save lab.yaml: it is read-only (its mode has no write permission). Nothing was written; use Save As… to keep your changes in another file.',
    })
    expect(asked()).toBe(0)
    expect(await readFile(path, 'utf8')).toBe('changed elsewhere\n')
    expect(await readdir(dir)).not.toContain('lab.yaml~')
  })

  it('removes temporary files that a crashed save left, and only old ones of its own', async () => {
    const path = await opened(join(dir, 'lab.yaml'))
    const crashed = temporaryPathFor(path)
    const inFlight = temporaryPathFor(path)
    await writeFile(crashed, 'half a desi')
    await writeFile(inFlight, 'another save, right now')
    const longAgo = new Date(Date.now() - STALE_TEMPORARY_MS - 1000)
    await utimes(crashed, longAgo, longAgo)
    await save(path, 'edited\n')
    expect((await readdir(dir)).sort()).toEqual([inFlight.slice(dir.length + 1), 'lab.yaml', 'lab.yaml~', 'user-data'].sort())
  })

  it('refuses to open a file that is not UTF-8, naming the byte, so a save cannot replace its bytes with U+FFFD', async () => {
    const path = join(dir, 'latin1.yaml')
    await writeFile(path, Buffer.from([...Buffer.from('metadata: {name: caf'), 0xe9, 0x7d, 0x0a]))
    expect(await files.read(path)).toEqual({
      status: 'failed',
      message: `Could not open ${path} is not UTF-8 text: the byte at offset 20 (0xe9) is not part of a valid UTF-8 character`,
    })
    expect(await save(path, 'x')).toMatchObject({ status: 'failed', message: expect.stringContaining('not chosen in a file dialog') })
  })
})

describe('a file changed on disk since it was opened or saved', () => {
  async function changedElsewhere(): Promise<string> {
    const path = await opened(join(dir, 'lab.yaml'), 'opened\n')
    await writeFile(path, 'written by another program\n')
    return path
  }

  it('asks first, and Cancel writes nothing', async () => {
    const path = await changedElsewhere()
    vi.mocked(electron.current.module.dialog.showMessageBox).mockResolvedValueOnce({ response: CANCEL, checkboxChecked: false })
    expect(await save(path, 'mine\n')).toEqual({ status: 'cancelled' })
    const [options] = vi.mocked(electron.current.module.dialog.showMessageBox).mock.calls[0] as [{ buttons: string[]; message: string; cancelId: number }]
    expect(options).toMatchObject({
      buttons: ['Reload', 'Overwrite', 'Save As…', 'Cancel'],
      cancelId: CANCEL,
      message: 'lab.yaml has been changed by another program since you opened or last saved it.',
    })
    expect(await readFile(path, 'utf8')).toBe('written by another program\n')
  })

  it("Overwrite replaces it and keeps the other program's version as FILE~; the next save does not ask again", async () => {
    const path = await changedElsewhere()
    vi.mocked(electron.current.module.dialog.showMessageBox).mockResolvedValueOnce({ response: OVERWRITE, checkboxChecked: false })
    expect(await save(path, 'mine\n')).toEqual({ status: 'saved', name: 'lab.yaml', path })
    expect(await readFile(path, 'utf8')).toBe('mine\n')
    expect(await readFile(`${path}~`, 'utf8')).toBe('written by another program\n')
    expect(await save(path, 'mine again\n')).toMatchObject({ status: 'saved' })
    expect(asked()).toBe(1)
  })

  it('Reload hands the renderer the file as it is now and writes nothing', async () => {
    const path = await changedElsewhere()
    vi.mocked(electron.current.module.dialog.showMessageBox).mockResolvedValueOnce({ response: RELOAD, checkboxChecked: false })
    expect(await save(path, 'mine\n')).toEqual({ status: 'reloaded', file: { name: 'lab.yaml', path, text: 'written by another program\n' } })
    expect(await readFile(path, 'utf8')).toBe('written by another program\n')
    // What was reloaded is now the known version: saving an edit of it asks nothing.
    expect(await save(path, 'written by another program, then edited\n')).toMatchObject({ status: 'saved' })
    expect(asked()).toBe(1)
  })

  it('Save As… writes elsewhere and leaves the changed file alone', async () => {
    const path = await changedElsewhere()
    const other = join(dir, 'mine.yaml')
    vi.mocked(electron.current.module.dialog.showMessageBox).mockResolvedValueOnce({ response: SAVE_AS, checkboxChecked: false })
    vi.mocked(electron.current.module.dialog.showSaveDialog).mockResolvedValueOnce({ canceled: false, filePath: other })
    expect(await save(path, 'mine\n')).toEqual({ status: 'saved', name: 'mine.yaml', path: other })
    expect(electron.current.module.dialog.showSaveDialog).toHaveBeenCalledWith(expect.objectContaining({ defaultPath: path }))
    expect(await readFile(path, 'utf8')).toBe('written by another program\n')
    expect(await readFile(other, 'utf8')).toBe('mine\n')
  })

  it('notices a change of the same size', async () => {
    const path = await opened(join(dir, 'lab.yaml'), 'aaaa\n')
    await writeFile(path, 'bbbb\n')
    vi.mocked(electron.current.module.dialog.showMessageBox).mockResolvedValueOnce({ response: CANCEL, checkboxChecked: false })
    expect(await save(path, 'mine\n')).toEqual({ status: 'cancelled' })
  })

  it('does not ask when the file was only touched, or deleted', async () => {
    const path = await opened(join(dir, 'lab.yaml'), 'same\n')
    const later = new Date(Date.now() + 60_000)
    await utimes(path, later, later)
    expect(await save(path, 'edited\n')).toMatchObject({ status: 'saved' })
    await rm(path)
    expect(await save(path, 'edited again\n')).toMatchObject({ status: 'saved' })
    expect(await readFile(path, 'utf8')).toBe('edited again\n')
    expect(asked()).toBe(0)
  })
})

describe('two saves in flight', () => {
  it('run one after the other: both report saved, and the later text is what stays', async () => {
    const path = await opened(join(dir, 'lab.yaml'), 'opened\n')
    const results = await Promise.all([save(path, 'first\n'), save(path, 'second\n')])
    expect(results).toEqual([
      { status: 'saved', name: 'lab.yaml', path },
      { status: 'saved', name: 'lab.yaml', path },
    ])
    expect(await readFile(path, 'utf8')).toBe('second\n')
    expect(await readFile(`${path}~`, 'utf8')).toBe('first\n')
  })

  it("the second waits while the first asks about a change, then sees the first's write as its own", async () => {
    const path = await opened(join(dir, 'lab.yaml'), 'opened\n')
    await writeFile(path, 'written by another program\n')
    let answer: (value: { response: number; checkboxChecked: boolean }) => void = () => undefined
    vi.mocked(electron.current.module.dialog.showMessageBox).mockReturnValueOnce(new Promise((resolve) => (answer = resolve)))
    const first = save(path, 'first\n')
    const second = save(path, 'second\n')
    await vi.waitFor(() => expect(asked()).toBe(1))
    answer({ response: OVERWRITE, checkboxChecked: false })
    expect(await first).toMatchObject({ status: 'saved' })
    expect(await second).toMatchObject({ status: 'saved' })
    expect(asked()).toBe(1)
    expect(await readFile(path, 'utf8')).toBe('second\n')
  })

  it('one that fails does not hold up the next, and each reports its own outcome', async () => {
    const path = await opened(join(dir, 'lab.yaml'), 'opened\n')
    vi.mocked(electron.current.module.dialog.showSaveDialog).mockRejectedValueOnce(new Error('the window was closed'))
    const first = files.save({ text: 'first\n', suggestedName: 'lab.yaml' })
    const second = save(path, 'second\n')
    await expect(first).rejects.toThrow('the window was closed')
    expect(await second).toEqual({ status: 'saved', name: 'lab.yaml', path })
    expect(await readFile(path, 'utf8')).toBe('second\n')
  })
})

describe('on real file systems', () => {
  it('a full disk fails the save, says so, and leaves the design whole', async (context) => {
    const disk = await mountTinyTmpfs(join(dir, 'disk'))
    if (typeof disk === 'string') return context.skip(`full-disk test skipped: ${disk}`)
    mounted = disk
    const path = await opened(join(disk.path, 'lab.yaml'), 'version 1\n')
    expect(await save(path, `# ${'x'.repeat(100 * 1024)}\n`)).toEqual({
      status: 'failed',
      message: 'Could not save lab.yaml: no space left on the device (ENOSPC). Nothing was written; use Save As… to keep your changes in another file.',
    })
    expect(await readFile(path, 'utf8')).toBe('version 1\n')
    expect(await readdir(disk.path)).toEqual(['lab.yaml'])
    // Room for a smaller version: the failure left nothing that fills the disk further.
    expect(await save(path, 'version 2\n')).toMatchObject({ status: 'saved' })
  })

  it('a read-only file system fails the save with its reason', async (context) => {
    const folder = join(dir, 'ro')
    await mkdir(folder)
    const path = await opened(join(folder, 'lab.yaml'), 'version 1\n')
    const readOnly = await bindReadOnly(folder)
    if (typeof readOnly === 'string') return context.skip(`read-only mount test skipped: ${readOnly}`)
    mounted = readOnly
    expect(await save(path, 'version 2\n')).toEqual({
      status: 'failed',
      message: 'Could not save lab.yaml: the file system is read-only (EROFS). Nothing was written; use Save As… to keep your changes in another file.',
    })
    expect(await readFile(path, 'utf8')).toBe('version 1\n')
  })
})
