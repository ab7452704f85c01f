import { chmod, chown, lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bindReadOnly, fillUp, mountTinyTmpfs, type Mount } from '../platform/node/realFileSystems'
import { run } from './cliHarness'

/**
 * Every command that writes a file (export -o, import -o, exec --save, replay --save), on real file
 * systems: a full disk, a read-only mount, a read-only file, links, modes and owners. The old file
 * must survive every failure whole, and the exit code must say the write failed.
 */
const OLD = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: old-design}\n'
const DUMP = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: imported}\n'

let dir: string
let mounted: Mount | undefined
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'peerlab-cli-writes-'))
})
afterEach(async () => {
  mounted?.unmount()
  mounted = undefined
  await rm(dir, { recursive: true, force: true })
})

/** Each writing command, aimed at `out`. */
const WRITERS: readonly [string, (out: string) => Promise<string[]>, string?][] = [
  ['export -o', async (out) => ['export', 'example:calico-lab-2.2', '-o', out]],
  ['export --format design -o', async (out) => ['export', 'example:calico-lab-2.2', '--format', 'design', '-o', out]],
  ['import -o', async (out) => ['import', await placed('dump.yaml', DUMP), '-o', out]],
  ['exec --save', async (out) => ['exec', 'example:calico-lab-2.2', '--save', out, '--', 'hostname']],
  ['replay --save', async (out) => ['replay', 'example:calico-lab-2.2', '-', '--save', out], 'hostname\n'],
]

async function placed(name: string, text: string): Promise<string> {
  const path = join(dir, name)
  await writeFile(path, text)
  return path
}

describe.each(WRITERS)('%s', (_, argv, stdin) => {
  it('leaves the old file whole when the disk is full, and exits 2 saying so', async (context) => {
    const disk = await mountTinyTmpfs(join(dir, 'disk'))
    if (typeof disk === 'string') return context.skip(`full-disk test skipped: ${disk}`)
    mounted = disk
    const out = join(disk.path, 'design.yaml')
    await writeFile(out, OLD)
    fillUp(disk.path)
    const result = await run(await argv(out), stdin)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(`peerlab: cannot write ${out}: no space left on the device (ENOSPC); nothing was written: ${out} is as it was\n`)
    expect(result.stderr).not.toMatch(/\n\s+at /)
    expect(await readFile(out, 'utf8')).toBe(OLD)
    expect((await readdir(disk.path)).sort()).toEqual(['design.yaml', 'filler'])
  })

  it('says the file system is read-only, and changes nothing', async (context) => {
    const folder = join(dir, 'ro')
    await mkdir(folder)
    const out = join(folder, 'design.yaml')
    await writeFile(out, OLD)
    const args = await argv(out)
    const readOnly = await bindReadOnly(folder)
    if (typeof readOnly === 'string') return context.skip(`read-only mount test skipped: ${readOnly}`)
    mounted = readOnly
    const result = await run(args, stdin)
    expect(result).toMatchObject({ code: 2, stderr: expect.stringContaining(`peerlab: cannot write ${out}: the file system is read-only (EROFS)`) })
    expect(await readFile(out, 'utf8')).toBe(OLD)
  })

  it('refuses a read-only file, even as root', async () => {
    const out = await placed('design.yaml', OLD)
    await chmod(out, 0o444)
    const result = await run(await argv(out), stdin)
    expect(result).toMatchObject({ code: 2, stderr: expect.stringContaining(`peerlab: cannot write ${out}: it is read-only (its mode has no write permission); nothing was written`) })
    expect(await readFile(out, 'utf8')).toBe(OLD)
  })

  it('writes through a symbolic link, keeping the link, and makes no backup', async () => {
    await mkdir(join(dir, 'real'))
    const real = join(dir, 'real', 'design.yaml')
    await writeFile(real, OLD)
    const link = join(dir, 'design.yaml')
    await symlink(real, link)
    expect((await run(await argv(link), stdin)).code).toBeLessThan(2)
    expect((await lstat(link)).isSymbolicLink()).toBe(true)
    expect(await readlink(link)).toBe(real)
    expect(await readFile(real, 'utf8')).not.toBe(OLD)
    expect(await readdir(join(dir, 'real'))).toEqual(['design.yaml'])
  })

  it('keeps the mode, and the owner and group', async (context) => {
    const out = await placed('design.yaml', OLD)
    await chmod(out, 0o640)
    const asRoot = process.getuid?.() === 0
    if (asRoot) await chown(out, 4321, 8765)
    expect((await run(await argv(out), stdin)).code).toBeLessThan(2)
    expect((await stat(out)).mode & 0o777).toBe(0o640)
    if (!asRoot) return context.skip('owner part skipped: only root can give a file to another user (the mode was checked)')
    expect(await stat(out)).toMatchObject({ uid: 4321, gid: 8765 })
  })
})

describe('two CLI writes of the same file at once', () => {
  it('leave one whole output, never a mix or a truncated file', async () => {
    const out = join(dir, 'out.yaml')
    const [manifests, design] = await Promise.all([run(['export', 'example:calico-lab-2.2', '-o', out]), run(['export', 'example:calico-lab-2.2', '--format', 'design', '-o', out])])
    expect([manifests.code, design.code]).toEqual([0, 0])
    const written = await readFile(out, 'utf8')
    const wholes = [(await run(['export', 'example:calico-lab-2.2'])).stdout, (await run(['export', 'example:calico-lab-2.2', '--format', 'design'])).stdout]
    expect(wholes).toContain(written)
    expect(await readdir(dir)).toEqual(['out.yaml'])
  })
})
