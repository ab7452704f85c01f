import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DesktopBridge, DesignFile } from '../../shared/ipc/contract'
import { findChromium } from './browser'
import { openDesigner, type DesignerSession } from './designerPage'

const chromiumPath = findChromium()

const RACK: DesignFile = {
  name: 'rack.peerlab.yaml',
  path: '/designs/rack.peerlab.yaml',
  text: 'apiVersion: peerlab.dev/v1alpha1\nkind: Segment\nmetadata: {name: rack1}\nspec: {cidrs: [10.0.1.0/24], gateways: [10.0.1.1]}\n',
}

/** The preload's bridge played by a stand-in: main opened this window for a file the system handed it. */
function installLaunchingDesktop(file: DesignFile): void {
  let launched = false
  const bridge: DesktopBridge = {
    platform: async () => ({ mode: 'desktop', appVersion: 'test' }),
    openDesign: async () => ({ status: 'cancelled' }),
    saveDesign: async (request) => ({ status: 'saved', name: request.suggestedName, ...(request.path !== undefined ? { path: request.path } : {}) }),
    recentFiles: async () => [],
    openRecent: async () => ({ status: 'cancelled' }),
    clearRecentFiles: async () => undefined,
    readAutosave: async () => undefined,
    writeAutosave: async () => ({ status: 'kept' }),
    clearAutosave: async () => undefined,
    restoreAutosave: async () => undefined,
    launchDesign: async () => {
      if (launched) return undefined
      launched = true
      return { status: 'opened', file }
    },
    saveExport: async () => ({ status: 'cancelled' }),
    onMenuCommand: () => () => undefined,
    onMenuOpenRecent: () => () => undefined,
  }
  Object.defineProperty(window, 'desktop', { value: bridge })
}

describe.runIf(chromiumPath !== undefined)('a window the desktop opened for a file', () => {
  let session: DesignerSession

  beforeAll(async () => {
    session = await openDesigner(chromiumPath as string, { width: 1280, height: 800 }, async (p) => void (await p.addInitScript(installLaunchingDesktop, RACK)))
  })
  afterAll(async () => session?.close())

  it('shows that file, not the built-in example, unchanged and saved to where it came from', async () => {
    const { page } = session
    await expect.poll(() => page.getByTestId('design-name').textContent()).toBe('rack')
    expect(await page.getByTestId('status').textContent()).toBe('Opened rack.peerlab.yaml')
    expect(await page.getByTestId('dirty').count()).toBe(0)
    const file = await page.evaluate(() => window.peerlabDesign?.().design.name)
    expect(file).toBe('rack')
  })

  it('logged no errors or warnings', () => {
    expect(session.problems).toEqual([])
  })
})
