import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The folder that holds Peerlab's package.json and examples/. It is looked up from this module
 * rather than written as a fixed `../`, because the module sits at another depth once bundled:
 * cli/packageRoot.ts from source (tsx, Vitest), out/cli/peerlab.mjs when built and installed.
 */
export const PACKAGE_ROOT = nearestPackageRoot(dirname(fileURLToPath(import.meta.url)))

/** The version in package.json, which `peerlab --version` prints. */
export const VERSION = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version

function nearestPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir
    if (dirname(dir) === dir) throw new Error(`no package.json in ${from} or above it`)
  }
}
