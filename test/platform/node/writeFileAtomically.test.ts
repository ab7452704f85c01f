import { chmod, lstat, mkdir, mkdtemp, open, readdir, readFile, readlink, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { FileWriteError } from '../../../platform/node/fileWriteError'
import { removeStaleTemporaries, STALE_TEMPORARY_MS, temporaryPathFor } from '../../../platform/node/temporaryFiles'
import { writeFileAtomically } from '../../../platform/node/writeFileAtomically'
import { mountTinyTmpfs, bindReadOnly, type Mount } from './realFileSystems'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'peerlab-writer-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const isRoot = process.getuid?.() === 0

describe('writeFileAtomically', () => {
  it('creates a file, replaces it, and leaves nothing else in the folder', async () => {
    const path = join(dir, 'lab.yaml')
    expect(await writeFileAtomically(path, 'one')).toEqual({ target: path })
    await writeFileAtomically(path, 'two')
    expect(await readFile(path, 'utf8')).toBe('two')
    expect(await readdir(dir)).toEqual(['lab.yaml'])
  })

  it('flushes the data, then the folder that holds the rename, to disk', async () => {
    const path = join(dir, 'lab.yaml')
    const probe = await open(join(dir, 'probe'), 'w')
    const fileHandle = Object.getPrototypeOf(probe) as { sync: () => Promise<void>; stat: () => Promise<{ isDirectory(): boolean }> }
    await probe.close()
    await rm(join(dir, 'probe'))
    const flushed: string[] = []
    const sync = vi.spyOn(fileHandle, 'sync').mockImplementation(async function (this: typeof fileHandle) {
      flushed.push((await this.stat()).isDirectory() ? 'folder' : 'file')
    })
    try {
      await writeFileAtomically(path, 'one')
    } finally {
      sync.mockRestore()
    }
    expect(flushed).toEqual(['file', 'folder'])
  })

  it('keeps the previous version as FILE~ when asked, replacing an older backup', async () => {
    const path = join(dir, 'lab.yaml')
    await writeFile(path, 'one')
    expect(await writeFileAtomically(path, 'two', { backup: true })).toEqual({ target: path, backup: `${path}~` })
    await writeFileAtomically(path, 'three', { backup: true })
    expect(await readFile(path, 'utf8')).toBe('three')
    expect(await readFile(`${path}~`, 'utf8')).toBe('two')
    expect((await readdir(dir)).sort()).toEqual(['lab.yaml', 'lab.yaml~'])
  })

  it('fails, changing nothing, when the previous version cannot be kept', async () => {
    const path = join(dir, 'lab.yaml')
    await writeFile(path, 'one')
    await mkdir(`${path}~`)
    await expect(writeFileAtomically(path, 'two', { backup: true })).rejects.toMatchObject({
      path,
      unchanged: true,
      message: expect.stringMatching(new RegExp(`^cannot write ${path}: the previous version could not be kept as lab\\.yaml~: `)),
    })
    expect(await readFile(path, 'utf8')).toBe('one')
    expect((await readdir(dir)).sort()).toEqual(['lab.yaml', 'lab.yaml~'])
  })

  it('makes no backup of a file that did not exist', async () => {
    const path = join(dir, 'new.yaml')
    expect(await writeFileAtomically(path, 'x', { backup: true })).toEqual({ target: path })
    expect(await readdir(dir)).toEqual(['new.yaml'])
  })

  it('keeps the mode, set-id bits included', async () => {
    const path = join(dir, 'lab.yaml')
    await writeFile(path, 'one')
    await chmod(path, 0o2640)
    await writeFileAtomically(path, 'two', { backup: true })
    expect((await stat(path)).mode & 0o7777).toBe(0o2640)
    expect((await stat(`${path}~`)).mode & 0o7777).toBe(0o2640)
  })

  it('writes through a symbolic link: the link stays, the file it names is replaced', async () => {
    await mkdir(join(dir, 'real'))
    const real = join(dir, 'real', 'lab.yaml')
    const link = join(dir, 'lab.yaml')
    await writeFile(real, 'one')
    await symlink('real/lab.yaml', link)
    expect(await writeFileAtomically(link, 'two', { backup: true })).toEqual({ target: real, backup: `${real}~` })
    expect((await lstat(link)).isSymbolicLink()).toBe(true)
    expect(await readlink(link)).toBe('real/lab.yaml')
    expect(await readFile(real, 'utf8')).toBe('two')
    expect(await readFile(`${real}~`, 'utf8')).toBe('one')
    expect(await readdir(dir)).toEqual(['lab.yaml', 'real'])
  })

  it('follows a chain of links, and creates the file a dangling link names', async () => {
    const end = join(dir, 'end.yaml')
    await symlink(end, join(dir, 'middle.yaml'))
    await symlink('middle.yaml', join(dir, 'start.yaml'))
    expect(await writeFileAtomically(join(dir, 'start.yaml'), 'x')).toEqual({ target: end })
    expect(await readFile(end, 'utf8')).toBe('x')
    expect((await lstat(join(dir, 'start.yaml'))).isSymbolicLink()).toBe(true)
  })

  it('refuses a link loop with a clear reason', async () => {
    await symlink('b', join(dir, 'a'))
    await symlink('a', join(dir, 'b'))
    await expect(writeFileAtomically(join(dir, 'a'), 'x')).rejects.toMatchObject({ code: 'ELOOP', message: expect.stringContaining('too many symbolic links') })
  })

  it('refuses a read-only file, even as root, and leaves it as it was', async () => {
    const path = join(dir, 'lab.yaml')
    await writeFile(path, 'one')
    await chmod(path, 0o444)
    const failure = await writeFileAtomically(path, 'two').catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(FileWriteError)
    expect(failure).toMatchObject({ code: 'EREADONLY', unchanged: true, message: `cannot write ${path}: it is read-only (its mode has no write permission)` })
    expect(await readFile(path, 'utf8')).toBe('one')
    expect(await readdir(dir)).toEqual(['lab.yaml'])
  })

  it('refuses to replace a folder', async () => {
    await mkdir(join(dir, 'lab.yaml'))
    await expect(writeFileAtomically(join(dir, 'lab.yaml'), 'x')).rejects.toMatchObject({ code: 'ENOTREGULAR' })
  })

  it('says the folder is missing, and leaves nothing behind', async () => {
    await expect(writeFileAtomically(join(dir, 'no-such-dir', 'x.yaml'), 'x')).rejects.toMatchObject({ code: 'ENOENT', message: expect.stringContaining('its folder does not exist (ENOENT)') })
    expect(await readdir(dir)).toEqual([])
  })

  it('keeps the owner and group when running as root', async (context) => {
    if (!isRoot) return context.skip('owner test skipped: only root can give a file to another user')
    const path = join(dir, 'lab.yaml')
    await writeFile(path, 'one')
    const { chown } = await import('node:fs/promises')
    await chown(path, 4321, 8765)
    await writeFileAtomically(path, 'two', { backup: true })
    expect(await stat(path)).toMatchObject({ uid: 4321, gid: 8765 })
    expect(await readFile(path, 'utf8')).toBe('two')
  })
})

describe('stale temporary files', () => {
  it("removes only this writer's own temporaries of the same file, and only old ones", async () => {
    const target = join(dir, 'lab.yaml')
    const old = temporaryPathFor(target)
    const fresh = temporaryPathFor(target)
    const otherFile = temporaryPathFor(join(dir, 'other.yaml'))
    const lookalike = join(dir, '.lab.yaml.notours.peerlab-tmp')
    const editorSwap = join(dir, '.lab.yaml.swp')
    for (const path of [old, fresh, otherFile, lookalike, editorSwap]) await writeFile(path, 'x')
    const longAgo = new Date(Date.now() - STALE_TEMPORARY_MS - 60_000)
    for (const path of [old, otherFile, lookalike, editorSwap]) await utimes(path, longAgo, longAgo)
    expect(await removeStaleTemporaries(target)).toEqual([old])
    expect((await readdir(dir)).sort()).toEqual([fresh, otherFile, lookalike, editorSwap].map((p) => p.slice(dir.length + 1)).sort())
  })

  it('are cleaned by the next write of the same file', async () => {
    const target = join(dir, 'lab.yaml')
    const crashed = temporaryPathFor(target)
    await writeFile(crashed, 'half a des')
    const longAgo = new Date(Date.now() - STALE_TEMPORARY_MS - 1)
    await utimes(crashed, longAgo, longAgo)
    await writeFileAtomically(target, 'whole')
    expect(await readdir(dir)).toEqual(['lab.yaml'])
  })

  it("fit a long file name within the file system's limit", async () => {
    const target = join(dir, `${'é'.repeat(120)}.yaml`)
    await writeFileAtomically(target, 'x')
    await writeFileAtomically(target, 'y', { backup: true })
    expect(await readFile(target, 'utf8')).toBe('y')
  })
})

describe('on real file systems', () => {
  let mounted: Mount | undefined
  afterEach(() => {
    mounted?.unmount()
    mounted = undefined
  })

  it('leaves the old file whole when the disk fills up mid-write', async (context) => {
    const result = await mountTinyTmpfs(join(dir, 'disk'))
    if (typeof result === 'string') return context.skip(`full-disk test skipped: ${result}`)
    mounted = result
    const path = join(result.path, 'lab.yaml')
    await writeFileAtomically(path, 'old design\n')
    const failure = await writeFileAtomically(path, 'x'.repeat(100 * 1024), { backup: true }).catch((error: unknown) => error)
    expect(failure).toMatchObject({ code: 'ENOSPC', unchanged: true, message: `cannot write ${path}: no space left on the device (ENOSPC)` })
    expect(await readFile(path, 'utf8')).toBe('old design\n')
    expect(await readdir(result.path)).toEqual(['lab.yaml'])
  })

  it('says the file system is read-only, and changes nothing', async (context) => {
    const folder = join(dir, 'ro')
    await mkdir(folder)
    await writeFile(join(folder, 'lab.yaml'), 'old')
    const result = await bindReadOnly(folder)
    if (typeof result === 'string') return context.skip(`read-only mount test skipped: ${result}`)
    mounted = result
    await expect(writeFileAtomically(join(folder, 'lab.yaml'), 'new')).rejects.toMatchObject({ code: 'EROFS', message: expect.stringContaining('the file system is read-only (EROFS)') })
    await expect(writeFileAtomically(join(folder, 'new.yaml'), 'new')).rejects.toMatchObject({ code: 'EROFS' })
    expect(await readFile(join(folder, 'lab.yaml'), 'utf8')).toBe('old')
    expect(await readdir(folder)).toEqual(['lab.yaml'])
  })
})
