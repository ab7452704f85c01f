import { execFileSync } from 'node:child_process'
import { closeSync, openSync, writeSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'

/**
 * Real mounts for the data-safety tests: a full disk and a read-only file system cannot be faked
 * convincingly. Each helper returns why it could not mount instead of throwing, so a test skips
 * with that reason (CI runs as root; a developer's machine may not).
 */
export interface Mount {
  readonly path: string
  unmount(): void
}

function mount(args: readonly string[], path: string): Mount | string {
  if (process.getuid?.() !== 0) return 'needs root to mount file systems'
  try {
    execFileSync('mount', args, { stdio: 'pipe' })
  } catch (error) {
    return `mount ${args.join(' ')} failed: ${String((error as { stderr?: Buffer }).stderr ?? (error as Error).message).trim()}`
  }
  return {
    path,
    unmount: () => {
      // Lazy as a last resort, so a leaked handle in a failing test cannot leave the mount behind.
      try {
        execFileSync('umount', [path], { stdio: 'pipe' })
      } catch {
        execFileSync('umount', ['-l', path], { stdio: 'pipe' })
      }
    },
  }
}

/** A tmpfs of `size` (64k by default) at `path`: a disk that fills up after a few designs. */
export async function mountTinyTmpfs(path: string, size = '64k'): Promise<Mount | string> {
  await mkdir(path, { recursive: true })
  return mount(['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', path], path)
}

/** `path` mounted over itself read-only: its files stay readable, nothing in it can change. */
export async function bindReadOnly(path: string): Promise<Mount | string> {
  const mounted = mount(['--bind', path, path], path)
  if (typeof mounted === 'string') return mounted
  try {
    execFileSync('mount', ['-o', 'remount,bind,ro', path], { stdio: 'pipe' })
  } catch (error) {
    mounted.unmount()
    return `remounting ${path} read-only failed: ${String((error as { stderr?: Buffer }).stderr ?? (error as Error).message).trim()}`
  }
  return mounted
}

/** Fills the file system that holds `directory` to the last page, so the next write that needs room fails with ENOSPC. */
export function fillUp(directory: string): void {
  const chunk = Buffer.alloc(4096)
  const fd = openSync(join(directory, 'filler'), 'w')
  try {
    for (;;) writeSync(fd, chunk)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error
  } finally {
    closeSync(fd)
  }
}
