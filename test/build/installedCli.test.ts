import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { builtinModules } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// What a user gets: `npm pack`, then `npm install --global` of the tarball into a fresh prefix,
// then the `peerlab` that npm put on that prefix's PATH, run outside the checkout, so nothing of
// the checkout's node_modules (tsx, TypeScript, devDependencies) can help it.

const ROOT = resolve(import.meta.dirname, '../..')
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string> }
/** Each step's bound: a pack builds the bundle, an install fetches `dependencies` from the registry. */
const STEP_TIMEOUT_MS = 90_000

interface Outcome {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** Runs a program to its end, bounded in time; a non-zero exit is an outcome, not a throw. */
function runProgram(file: string, args: readonly string[], cwd: string): Promise<Outcome> {
  // Vitest's NODE_ENV=test would reach vite's build in the prepack script.
  const env = { ...process.env, NODE_ENV: undefined }
  return new Promise((done) => {
    execFile(file, args, { cwd, env, timeout: STEP_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1
      done({ code, stdout, stderr: error !== null && error.killed ? `${stderr}\n(killed after ${STEP_TIMEOUT_MS} ms)` : stderr })
    })
  })
}

const work = { dir: '', tarball: '', registry: '' }

beforeAll(async () => {
  work.dir = await mkdtemp(join(tmpdir(), 'peerlab-install-'))
  // No retries: an unreachable registry is told within seconds, not after npm's minute of back-off.
  const ping = await runProgram('npm', ['ping', '--fetch-retries=0', '--fetch-timeout=20000'], work.dir)
  const reason = ping.stderr.match(/request to \S+ failed, reason: [^\n]*/)?.[0] ?? ping.stderr.match(/npm error code \S+/)?.[0] ?? `npm ping exited ${ping.code}`
  work.registry = ping.code === 0 ? '' : `the npm registry cannot be reached (${reason})`
  const packed = await runProgram('npm', ['pack', '--pack-destination', work.dir], ROOT)
  expect(packed, packed.stderr).toMatchObject({ code: 0 })
  const [tarball] = (await readdir(work.dir)).filter((name) => name.endsWith('.tgz'))
  work.tarball = join(work.dir, tarball as string)
}, 2 * STEP_TIMEOUT_MS)

afterAll(async () => {
  if (work.dir !== '') await rm(work.dir, { recursive: true, force: true })
})

describe('the npm package', () => {
  it('ships the CLI bundle, the examples, the README and the LICENSE; no sources, tests or renderer', async () => {
    const listed = await runProgram('tar', ['-tzf', work.tarball], work.dir)
    const files = listed.stdout
      .trim()
      .split('\n')
      .map((path) => path.replace(/^package\//, ''))
      .sort()
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json', 'out/cli/peerlab.mjs', 'examples/calico-lab-2.2.yaml', 'examples/calico-lab-2.2.lab.txt']))
    // npm always packs the file `main` names: Electron's entry, useless but harmless without Electron.
    const allowed = /^(LICENSE|README\.md|package\.json|out\/cli\/peerlab\.mjs|out\/main\/index\.js|examples\/[^/]+)$/
    expect(files.filter((path) => !allowed.test(path))).toEqual([])
  })

  it('has a bundle that imports only Node built-ins and the package’s own dependencies', () => {
    const bundle = readFileSync(join(ROOT, 'out/cli/peerlab.mjs'), 'utf8')
    expect(bundle.startsWith('#!/usr/bin/env node\n')).toBe(true)
    const imported = [...bundle.matchAll(/^import\s[^'"]*?["']([^"']+)["']/gm), ...bundle.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1] as string)
    expect(imported.length).toBeGreaterThan(0)
    const runtime = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`), ...Object.keys(PACKAGE.dependencies)])
    expect(imported.filter((name) => !runtime.has(name))).toEqual([])
  })

  it(
    'installs into a fresh prefix, and its peerlab runs: --version, and validate on the built-in example',
    async (context) => {
      if (work.registry !== '') return context.skip(`installing the packed CLI skipped: ${work.registry}`)
      const prefix = join(work.dir, 'prefix')
      const installed = await runProgram('npm', ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', work.tarball], work.dir)
      expect(installed, installed.stderr).toMatchObject({ code: 0 })
      // Only `dependencies` came with it: the TypeScript runner the sources need is not there.
      expect(existsSync(join(prefix, 'lib/node_modules/peerlab/node_modules/tsx'))).toBe(false)
      const peerlab = join(prefix, 'bin', 'peerlab')
      expect(await runProgram(peerlab, ['--version'], work.dir)).toEqual({ code: 0, stdout: `${PACKAGE.version}\n`, stderr: '' })
      expect(await runProgram(peerlab, ['validate', 'example:calico-lab-2.2'], work.dir)).toEqual({ code: 0, stdout: 'example:calico-lab-2.2: 0 errors, 0 warnings\n', stderr: '' })
      const bird = await runProgram(peerlab, ['export', 'example:calico-lab-2.2', '--format=bird', '--host=bastion'], work.dir)
      expect(bird).toMatchObject({ code: 0, stderr: '', stdout: expect.stringContaining('protocol bgp') })
    },
    3 * STEP_TIMEOUT_MS,
  )
})
