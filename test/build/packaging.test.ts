import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type * as ElectronFuses from '@electron/fuses'

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

  it('flips the fuses that harden the packaged binary, as electron-builder writes them into it', async () => {
    const { getConfig } = require('app-builder-lib/out/util/config/config') as { getConfig(dir: string, file: string, extra: null): Promise<{ electronFuses?: Record<string, boolean> }> }
    const { PlatformPackager } = require('app-builder-lib') as { PlatformPackager: { prototype: { generateFuseConfig(fuses: unknown): Promise<Record<string, unknown>> } } }
    const { flipFuses, getCurrentFuseWire, FuseV1Options } = require('@electron/fuses') as typeof ElectronFuses
    const config = await getConfig(ROOT, 'build/electron-builder.yml', null)
    // The step electron-builder runs after packing: its own translation of the config, applied to a
    // binary. This one is a stand-in with Electron's fuse wire (sentinel, version 1, eight fuses, all on).
    const fuses = await PlatformPackager.prototype.generateFuseConfig.call(undefined, config.electronFuses)
    const dir = await mkdtemp(join(tmpdir(), 'peerlab-fuses-'))
    const binary = join(dir, 'peerlab')
    await writeFile(binary, Buffer.concat([Buffer.from('ELF…dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, 8]), Buffer.from('11111111'), Buffer.from('…')]))
    await flipFuses(binary, fuses as Parameters<typeof flipFuses>[1])
    const wire = await getCurrentFuseWire(binary)
    const on = (fuse: number) => String.fromCharCode(wire[fuse as keyof typeof wire] as number)
    expect({
      runAsNode: on(FuseV1Options.RunAsNode),
      nodeOptions: on(FuseV1Options.EnableNodeOptionsEnvironmentVariable),
      inspect: on(FuseV1Options.EnableNodeCliInspectArguments),
      cookieEncryption: on(FuseV1Options.EnableCookieEncryption),
      asarIntegrity: on(FuseV1Options.EnableEmbeddedAsarIntegrityValidation),
      onlyAsar: on(FuseV1Options.OnlyLoadAppFromAsar),
      fileProtocolPrivileges: on(FuseV1Options.GrantFileProtocolExtraPrivileges),
    }).toEqual({ runAsNode: '0', nodeOptions: '0', inspect: '0', cookieEncryption: '1', asarIntegrity: '1', onlyAsar: '1', fileProtocolPrivileges: '0' })
    await rm(dir, { recursive: true, force: true })
  })

  it('associates design files with the app, and the Windows installer can write that association', async () => {
    const { getConfig } = require('app-builder-lib/out/util/config/config') as {
      getConfig(dir: string, file: string, extra: null): Promise<{ fileAssociations?: { ext: string | string[]; mimeType?: string; rank?: string }[]; nsis?: { perMachine?: boolean } }>
    }
    const config = await getConfig(ROOT, 'build/electron-builder.yml', null)
    const design = config.fileAssociations?.find((a) => a.ext === 'peerlab.yaml')
    expect(design).toMatchObject({ mimeType: 'application/x-peerlab+yaml', rank: 'Owner' })
    // Plain YAML is anyone's: Peerlab is offered, never made the default.
    expect(config.fileAssociations?.find((a) => Array.isArray(a.ext) && a.ext.includes('yaml'))?.rank).toBe('Alternate')
    expect(config.nsis?.perMachine).toBe(true)
  })

  it('packages only the build output, and renderer libraries stay out of the asar', () => {
    const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { main: string; dependencies: Record<string, string> }
    expect(pkg.main).toBe('out/main/index.js')
    // Vite bundles these into the renderer; as runtime dependencies they would be copied into app.asar again.
    for (const bundled of ['vue', 'pinia', 'cytoscape']) expect(pkg.dependencies).not.toHaveProperty(bundled)
    expect(existsSync(resolve(ROOT, 'build/icon.png'))).toBe(true)
  })
})
