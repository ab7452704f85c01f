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
  ])('rejects %s', async (code, reason) => {
    const errors = await importErrors('renderer/src/stores/fixture.ts', code)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toContain(reason)
  })

  it('rejects Node built-ins in single-file components too', async () => {
    const code = "<script setup lang=\"ts\">\nimport fs from 'node:fs'\nconsole.log(fs)\n</script>\n<template><div></div></template>\n"
    expect(await importErrors('renderer/src/components/TheFixture.vue', code)).toHaveLength(1)
  })

  it('accepts the engine and the bridge contract', async () => {
    const code = "import type { DesktopBridge } from '../../../shared/ipc/contract'\nimport { loadDesign } from '../../../shared/format/loadDesign'\nexport type B = DesktopBridge\nexport const l = loadDesign"
    expect(await importErrors('renderer/src/stores/fixture.ts', code)).toEqual([])
  })
})

describe('the preload forwards IPC only', () => {
  it('may import the IPC contract but nothing else from shared/', async () => {
    expect(await importErrors('electron/preload/index.ts', "import { CHANNELS } from '../../shared/ipc/contract'\nexport const c = CHANNELS")).toEqual([])
    expect(await importErrors('electron/preload/index.ts', "import { loadDesign } from '../../shared/format/loadDesign'\nexport const l = loadDesign")).toHaveLength(1)
  })
})
