import type { Stats } from 'node:fs'
import { copyFile, link, open, rename, unlink, type FileHandle } from 'node:fs/promises'
import { basename, dirname } from 'node:path'
import { FileWriteError } from './fileWriteError'
import { removeStaleTemporaries, temporaryPathFor } from './temporaryFiles'
import { assertWritable, existingFile, resolveWriteTarget } from './writeTarget'

export interface AtomicWriteOptions {
  /** Keep the version being replaced as `FILE~` beside it, as Emacs and Vim do. */
  readonly backup?: boolean
}

export interface AtomicWriteResult {
  /** The file replaced: the path itself, or the end of its chain of symbolic links. */
  readonly target: string
  /** Where the previous version now is, when there was one and a backup was asked for. */
  readonly backup?: string
}

/** The suffix of the previous version's copy, the one Emacs and Vim use. */
export const BACKUP_SUFFIX = '~'

/**
 * The one way Peerlab writes a file, in the CLI and in the desktop app: into a temporary file beside
 * the target, flushed to disk, then renamed over it, then the folder flushed so the rename itself
 * survives a power cut. A failure at any point before the rename (a full disk, a read-only file
 * system) leaves the old file exactly as it was and no temporary file behind. The replacement keeps
 * the old file's mode, and its owner and group where the process may set them (as root, or as
 * the owner); a symbolic link stays a link and the file it points to is replaced.
 */
export async function writeFileAtomically(path: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<AtomicWriteResult> {
  const target = await resolveWriteTarget(path)
  const existing = await existingFile(target, path)
  if (existing) await assertWritable(target, path, existing)
  await removeStaleTemporaries(target)
  const temporary = temporaryPathFor(target)
  let backup: string | undefined
  try {
    await writeTemporary(temporary, data, existing)
    if (options.backup && existing) backup = await keepBackup(target, path)
    await rename(temporary, target)
  } catch (error) {
    await unlink(temporary).catch(() => undefined)
    throw FileWriteError.from(path, error)
  }
  try {
    await syncDirectory(dirname(target))
  } catch (error) {
    throw FileWriteError.from(path, error, false)
  }
  return { target, ...(backup !== undefined ? { backup } : {}) }
}

async function writeTemporary(temporary: string, data: string | Uint8Array, existing: Stats | undefined): Promise<void> {
  // Private until the old file's mode is applied: a design is not shown to others the old one hid it from.
  const handle = await open(temporary, 'wx', existing ? 0o600 : 0o666)
  try {
    if (existing) await keepOwnerAndMode(handle, existing)
    await handle.writeFile(data)
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** chown before chmod: changing the owner clears set-id bits, which the mode then restores. */
async function keepOwnerAndMode(handle: FileHandle, existing: Stats): Promise<void> {
  const created = await handle.stat()
  if (created.uid !== existing.uid || created.gid !== existing.gid) {
    // Only root may give a file away; anyone may keep a group they belong to.
    await handle.chown(existing.uid, existing.gid).catch(() => handle.chown(-1, existing.gid).catch(() => undefined))
  }
  await handle.chmod(existing.mode & 0o7777)
}

/**
 * Points `FILE~` at the current version before the rename replaces it. A hard link costs no space
 * (it still works on a full disk) and is the old file itself, mode and owner included; where links
 * are not supported a copy is made. It goes through a temporary name so an older backup is
 * replaced in one step too.
 */
async function keepBackup(target: string, path: string): Promise<string> {
  const backup = `${target}${BACKUP_SUFFIX}`
  const staging = temporaryPathFor(target)
  try {
    await link(target, staging).catch(async (error: NodeJS.ErrnoException) => {
      if (!['EPERM', 'EXDEV', 'ENOTSUP', 'EOPNOTSUPP', 'EMLINK', 'ENOSYS'].includes(error.code ?? '')) throw error
      await copyFile(target, staging)
      const copy = await open(staging, 'r+')
      await copy.sync().finally(() => copy.close())
    })
    await rename(staging, backup)
    return backup
  } catch (error) {
    await unlink(staging).catch(() => undefined)
    const cause = FileWriteError.from(backup, error)
    throw new FileWriteError(path, cause.code, `the previous version could not be kept as ${basename(backup)}: ${cause.reason}`, true)
  }
}

/** Without this the rename may be lost in a power cut even though the data was flushed. */
async function syncDirectory(directory: string): Promise<void> {
  let handle: FileHandle
  try {
    handle = await open(directory, 'r')
  } catch (error) {
    // Windows cannot open a folder for flushing; its renames are journaled by NTFS instead.
    if (process.platform === 'win32') return
    throw error
  }
  try {
    await handle.sync()
  } catch (error) {
    // Some file systems (some network mounts) cannot flush a folder; the data itself is flushed.
    if (!['EINVAL', 'ENOTSUP', 'EOPNOTSUPP'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error
  } finally {
    await handle.close()
  }
}
