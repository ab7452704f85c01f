/** Why a write failed, in words a person can act on; the errno code stays in brackets for searching. */
const REASONS: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exceeded',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOENT: 'its folder does not exist',
  ENOTDIR: 'a part of its path is not a folder',
  EISDIR: 'it is a folder',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EIO: 'an input/output error on the device',
  EREADONLY: 'it is read-only (its mode has no write permission)',
  ENOTREGULAR: 'it is not a regular file',
}

/**
 * A write that did not happen, or did not fully happen. `unchanged` says whether the file at the
 * path is still exactly what it was, which is what a user needs to know after a failed save.
 */
export class FileWriteError extends Error {
  constructor(
    readonly path: string,
    readonly code: string,
    readonly reason: string,
    readonly unchanged: boolean,
  ) {
    super(`cannot write ${path}: ${reason}`)
    this.name = 'FileWriteError'
  }

  static from(path: string, error: unknown, unchanged = true): FileWriteError {
    if (error instanceof FileWriteError) return error
    const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'EUNKNOWN'
    const reason = REASONS[code] ?? (error instanceof Error ? error.message : String(error))
    return new FileWriteError(path, code, code in REASONS ? `${reason} (${code})` : reason, unchanged)
  }

  static refused(path: string, code: 'EREADONLY' | 'ENOTREGULAR'): FileWriteError {
    return new FileWriteError(path, code, REASONS[code] ?? code, true)
  }
}
