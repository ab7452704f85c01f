import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

/**
 * The layer boundaries are enforced by the lint configuration; these cases prove that each
 * forbidden import actually fails `npm run lint`, by linting source text as if it lived at the
 * given path.
 */
const eslint = new ESLint({ cwd: process.cwd() })

async function importErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-properties').map((m) => m.message)
}

describe('shared/ is the pure engine', () => {
  it.each([
    ["import { app } from 'electron'\nexport const a = app", 'electron'],
    ["import fs from 'node:fs'\nexport const f = fs", 'Node built-ins'],
    ["import { readFileSync } from 'fs'\nexport const r = readFileSync", 'Node built-ins'],
    ["import { ref } from 'vue'\nexport const r = ref", 'renderer/'],
    ["import { defineStore } from 'pinia'\nexport const d = defineStore", 'stores'],
    ["import cytoscape from 'cytoscape'\nexport const c = cytoscape", 'drawing'],
    ["import { useDesignStore } from '../../renderer/src/stores/design'\nexport const u = useDesignStore", 'one way'],
    ["import { startApp } from '../electron/main/index'\nexport const s = startApp", 'one way'],
    ["import { main } from '../../cli/main'\nexport const m = main", 'one way'],
    ["import { writeFileAtomically } from '../../platform/node/writeFileAtomically'\nexport const w = writeFileAtomically", 'platform/node/ is Node I/O'],
  ])('rejects %s', async (code, reason) => {
    const errors = await importErrors('shared/format/fixture.ts', code)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toContain(reason)
  })

  it('rejects reading the clock or a random source', async () => {
    const errors = await importErrors('shared/format/fixture.ts', 'export const t = Date.now() + Math.random()')
    expect(errors).toHaveLength(2)
  })

  it('accepts imports inside the engine and pure libraries', async () => {
    const code = "import { parseDocument } from 'yaml'\nimport type { Design } from '../model/design'\nexport type D = Design\nexport const p = parseDocument"
    expect(await importErrors('shared/format/fixture.ts', code)).toEqual([])
  })
})

describe('renderer/ is a web page', () => {
  it.each([
    ["import { ipcRenderer } from 'electron'\nexport const i = ipcRenderer", 'desktop bridge'],
    ["import path from 'node:path'\nexport const p = path", 'Node built-ins'],
    ["import { join } from 'path'\nexport const j = join", 'Node built-ins'],
    ["import { DesignFiles } from '../../../electron/main/designFiles'\nexport const d = DesignFiles", 'shared/ only'],
    ["import { writeFileAtomically } from '../../../platform/node/writeFileAtomically'\nexport const w = writeFileAtomically", 'shared/ only'],
  ])('rejects %s', async (code, reason) => {
    const errors = await importErrors('renderer/src/stores/fixture.ts', code)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toContain(reason)
  })

  it('rejects Node built-ins in single-file components too', async () => {
    const code = '<script setup lang="ts">\nimport fs from \'node:fs\'\nconsole.log(fs)\n</script>\n<template><div></div></template>\n'
    expect(await importErrors('renderer/src/components/TheFixture.vue', code)).toHaveLength(1)
  })

  it('accepts the engine and the bridge contract', async () => {
    const code =
      "import type { DesktopBridge } from '../../../shared/ipc/contract'\nimport { loadDesign } from '../../../shared/format/loadDesign'\nexport type B = DesktopBridge\nexport const l = loadDesign"
    expect(await importErrors('renderer/src/stores/fixture.ts', code)).toEqual([])
  })
})

describe('the preload forwards IPC only', () => {
  it('may import the IPC contract but nothing else from shared/', async () => {
    expect(await importErrors('electron/preload/index.ts', "import { CHANNELS } from '../../shared/ipc/contract'\nexport const c = CHANNELS")).toEqual([])
    expect(await importErrors('electron/preload/index.ts', "import { loadDesign } from '../../shared/format/loadDesign'\nexport const l = loadDesign")).toHaveLength(1)
    expect(await importErrors('electron/preload/index.ts', "import { decodeUtf8 } from '../../platform/node/decodeUtf8'\nexport const d = decodeUtf8")).toHaveLength(1)
  })
})

describe('the CLI and Electron main share platform/node/ and nothing else', () => {
  const writer =
    "import { writeFileAtomically } from '../../platform/node/writeFileAtomically'\nimport { loadDesign } from '../../shared/format/loadDesign'\nexport const w = [writeFileAtomically, loadDesign]"

  it('lets both import the engine and the Node layer', async () => {
    expect(await importErrors('cli/commands/fixture.ts', writer)).toEqual([])
    expect(await importErrors('electron/main/fixture.ts', writer)).toEqual([])
  })

  it.each([
    ['cli/commands/fixture.ts', "import { app } from 'electron'\nexport const a = app", 'without Electron'],
    ['cli/commands/fixture.ts', "import { DesignFiles } from '../../electron/main/designFiles'\nexport const d = DesignFiles", 'cli/ may import'],
    ['cli/fixture.ts', "import { useDesignStore } from '../renderer/src/stores/design'\nexport const u = useDesignStore", 'cli/ may import'],
    ['electron/main/fixture.ts', "import { runCli } from '../../cli/main'\nexport const r = runCli", 'electron/main may import'],
    ['electron/main/fixture.ts', "import { useDesignStore } from '../../renderer/src/stores/design'\nexport const u = useDesignStore", 'electron/main may import'],
    ['platform/node/fixture.ts', "import { app } from 'electron'\nexport const a = app", 'runs without Electron'],
    ['platform/node/fixture.ts', "import { loadDesign } from '../../shared/format/loadDesign'\nexport const l = loadDesign", 'bottom Node layer'],
    ['platform/node/fixture.ts', "import { runCli } from '../../cli/main'\nexport const r = runCli", 'bottom Node layer'],
  ])('%s rejects %s', async (filePath, code, reason) => {
    const errors = await importErrors(filePath, code)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toContain(reason)
  })

  it('lets platform/node/ use Node built-ins', async () => {
    expect(await importErrors('platform/node/fixture.ts', "import { rename } from 'node:fs/promises'\nexport const r = rename")).toEqual([])
  })
})
