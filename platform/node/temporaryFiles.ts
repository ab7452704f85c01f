import { randomBytes } from 'node:crypto'
import { lstat, readdir, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

const SUFFIX = '.peerlab-tmp'
/** A save takes well under a second; a temporary file this old was left by a process that died mid-write. */
export const STALE_TEMPORARY_MS = 10 * 60 * 1000
/** Room for the dot, the random part and the suffix within the usual 255-byte name limit. */
const STEM_BYTES = 200

/** The file's name cut to a whole number of characters within STEM_BYTES, so a long name still leaves room. */
function stem(name: string): string {
  let kept = ''
  for (const character of name) {
    if (Buffer.byteLength(kept + character) > STEM_BYTES) break
    kept += character
  }
  return kept
}

/** A fresh, hidden name next to `target`: same directory, so the final rename cannot cross file systems. */
export function temporaryPathFor(target: string): string {
  return join(dirname(target), `.${stem(basename(target))}.${randomBytes(6).toString('hex')}${SUFFIX}`)
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * Removes what earlier writes of `target` left behind when their process died between creating the
 * temporary file and renaming it. Only names this writer makes for this very file are touched,
 * only regular files, and only old ones, so a write in flight elsewhere is never disturbed.
 * Best effort: a cleanup that fails never fails the write that asked for it.
 */
export async function removeStaleTemporaries(target: string, now = Date.now()): Promise<string[]> {
  const ours = new RegExp(`^\\.${escapeRegExp(stem(basename(target)))}\\.[0-9a-f]{12}${escapeRegExp(SUFFIX)}$`)
  const directory = dirname(target)
  const removed: string[] = []
  const names = await readdir(directory).catch(() => [] as string[])
  for (const name of names.filter((n) => ours.test(n))) {
    const path = join(directory, name)
    try {
      const info = await lstat(path)
      if (!info.isFile() || now - info.mtimeMs < STALE_TEMPORARY_MS) continue
      await unlink(path)
      removed.push(path)
    } catch {
      // Gone already, or not ours to remove: either way nothing to do.
    }
  }
  return removed
}
