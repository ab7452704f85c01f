import { constants, type Stats } from 'node:fs'
import { access, lstat, readlink, stat } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { FileWriteError } from './fileWriteError'

/** Linux's own limit on links followed in one lookup. */
const MAX_LINK_HOPS = 40

/**
 * The file a write to `path` must replace. A symbolic link is followed to the end of its chain
 * (dangling ends included, so saving creates the file the link names), and that file is what gets
 * replaced: renaming over the link itself would turn it into a plain file and cut it off from
 * wherever the user keeps the real one.
 */
export async function resolveWriteTarget(path: string): Promise<string> {
  let current = resolve(path)
  for (let hops = 0; hops <= MAX_LINK_HOPS; hops++) {
    let info: Stats
    try {
      info = await lstat(current)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return current
      throw FileWriteError.from(path, error)
    }
    if (!info.isSymbolicLink()) return current
    current = resolve(dirname(current), await readlink(current))
  }
  throw FileWriteError.from(path, Object.assign(new Error('too many symbolic links'), { code: 'ELOOP' }))
}

/** The file as it is now, or undefined when there is none yet. */
export async function existingFile(target: string, path: string): Promise<Stats | undefined> {
  try {
    const info = await stat(target)
    if (!info.isFile()) throw FileWriteError.refused(path, 'ENOTREGULAR')
    return info
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw FileWriteError.from(path, error)
  }
}

/**
 * Refuses to replace a file its owner marked read-only. A rename needs only the folder to be
 * writable, and root may write anything, so without this check `chmod a-w` would protect nothing.
 */
export async function assertWritable(target: string, path: string, info: Stats): Promise<void> {
  if ((info.mode & 0o222) === 0) throw FileWriteError.refused(path, 'EREADONLY')
  try {
    await access(target, constants.W_OK)
  } catch (error) {
    throw FileWriteError.from(path, error)
  }
}

/**
 * Fails as a write to `path` would before writing anything (read-only, not a file, a link loop),
 * so a caller can refuse early, before asking the user anything else about the save.
 */
export async function assertReplaceable(path: string): Promise<void> {
  const target = await resolveWriteTarget(path)
  const existing = await existingFile(target, path)
  if (existing) await assertWritable(target, path, existing)
}
