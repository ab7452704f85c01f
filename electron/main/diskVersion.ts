import { createHash } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'

/** What a design file was when main last read or wrote it. */
export interface DiskVersion {
  readonly size: number
  readonly mtimeMs: number
  readonly sha256: string
}

export function versionOf(bytes: Uint8Array, mtimeMs: number): DiskVersion {
  return { size: bytes.byteLength, mtimeMs, sha256: createHash('sha256').update(bytes).digest('hex') }
}

/**
 * The file's modification time when it is no longer the version main knows, or undefined when it
 * still is (or is gone: a deleted file holds nothing a save could destroy). The content decides,
 * not the time: a one-second clock (FAT, some network shares) hides a quick rewrite of the same
 * size, and a file only touched has lost nothing. The size spares reading a file that clearly changed.
 */
export async function changedSince(path: string, known: DiskVersion): Promise<{ readonly mtimeMs: number } | undefined> {
  let info
  try {
    info = await stat(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  if (info.size !== known.size) return { mtimeMs: info.mtimeMs }
  const now = versionOf(await readFile(path), info.mtimeMs)
  return now.sha256 === known.sha256 ? undefined : { mtimeMs: info.mtimeMs }
}
