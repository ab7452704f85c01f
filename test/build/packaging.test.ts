import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../..')
const require = createRequire(import.meta.url)

describe('electron-builder configuration', () => {
  it('passes electron-builder’s own schema (the check it runs before packaging)', async () => {
    // Deep import: app-builder-lib has no exports map; this is the validator `electron-builder` itself calls.
    const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      getConfig(dir: string, file: string, extra: null): Promise<unknown>
      validateConfiguration(config: unknown, log: unknown): Promise<void>
    }
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown }
    const config = await getConfig(ROOT, 'build/electron-builder.yml', null)
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
  })

  it('packages only the build output, and renderer libraries stay out of the asar', () => {
    const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { main: string; dependencies: Record<string, string> }
    expect(pkg.main).toBe('out/main/index.js')
    // Vite bundles these into the renderer; as runtime dependencies they would be copied into app.asar again.
    for (const bundled of ['vue', 'pinia', 'cytoscape']) expect(pkg.dependencies).not.toHaveProperty(bundled)
    expect(existsSync(resolve(ROOT, 'build/icon.png'))).toBe(true)
  })
})
