import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AutosavedWork, DesktopBridge, MenuCommand, SaveRequest } from '../../shared/ipc/contract'
import { findChromium } from './browser'
import { openDesigner, type DesignerSession } from './designerPage'

const chromiumPath = findChromium()

/** What the stand-in for the preload's bridge saw, and how the test drives it. */
interface FakeDesktop {
  saves: SaveRequest[]
  saveAnswer: 'saved' | 'cancelled'
  closed: number
  menu?: (command: MenuCommand) => void
}
declare global {
  interface Window {
    fakeDesktop?: FakeDesktop
  }
}

const KEPT: AutosavedWork = {
  file: { name: 'rack.yaml', path: '/designs/rack.yaml', text: 'apiVersion: peerlab.dev/v1alpha1\nkind: Segment\nmetadata: {name: rack1}\nspec: {cidrs: [10.0.1.0/24], gateways: [10.0.1.1]}\n' },
  text: 'apiVersion: peerlab.dev/v1alpha1\nkind: Segment\nmetadata: {name: rack1}\nspec: {cidrs: [10.0.1.0/24], gateways: [10.0.1.1]}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: team-a}\n',
  savedAt: '2026-01-02T03:04:05.000Z',
}

/**
 * The renderer as the desktop app runs it, with the preload's bridge played by a stand-in: main
 * found the kept work's file changed since (so it comes back without a path), and Save answers
 * as the test says. window.close is recorded, since a page Playwright opened may not close itself.
 */
function installFakeDesktop(kept: AutosavedWork): void {
  const fake: FakeDesktop = { saves: [], saveAnswer: 'saved', closed: 0 }
  window.fakeDesktop = fake
  window.close = () => {
    fake.closed += 1
  }
  const bridge: DesktopBridge = {
    platform: async () => ({ mode: 'desktop', appVersion: 'test' }),
    openDesign: async () => ({ status: 'cancelled' }),
    saveDesign: async (request) => {
      fake.saves.push(request)
      return fake.saveAnswer === 'saved' ? { status: 'saved', name: request.suggestedName, path: request.path ?? `/chosen/${request.suggestedName}` } : { status: 'cancelled' }
    },
    recentFiles: async () => [],
    saveExport: async () => ({ status: 'cancelled' }),
    openRecent: async () => ({ status: 'failed', message: 'no recent files here' }),
    clearRecentFiles: async () => undefined,
    readAutosave: async () => kept,
    writeAutosave: async () => ({ status: 'kept' }),
    clearAutosave: async () => undefined,
    restoreAutosave: async () => ({ ...kept, file: { name: kept.file.name, text: kept.file.text } }),
    launchDesign: async () => undefined,
    onMenuCommand: (listener) => {
      fake.menu = listener
      return () => undefined
    },
    onMenuOpenRecent: () => () => undefined,
  }
  Object.defineProperty(window, 'desktop', { value: bridge })
}

describe.runIf(chromiumPath !== undefined)('the renderer in the desktop app (bridge played by a stand-in)', () => {
  let session: DesignerSession
  let page: Page
  const fake = () => page.evaluate(() => ({ saves: window.fakeDesktop?.saves ?? [], closed: window.fakeDesktop?.closed ?? 0 }))
  const menu = (command: MenuCommand) => page.evaluate((c) => window.fakeDesktop?.menu?.(c), command)

  beforeAll(async () => {
    session = await openDesigner(chromiumPath as string, { width: 1440, height: 900 }, async (p) => void (await p.addInitScript(installFakeDesktop, KEPT)))
    page = session.page
  })
  afterAll(async () => session?.close())

  it('restores work whose file changed since, and Save then asks where instead of overwriting it', async () => {
    await page.getByTestId('autosave-offer').getByRole('button', { name: 'Restore' }).click()
    await expect.poll(() => page.getByTestId('design-name').textContent()).toBe('rack')
    expect(await page.getByTestId('status').textContent()).toBe('Restored unsaved work on rack.yaml (the file changed or moved since: Save asks where)')
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await expect.poll(async () => (await fake()).saves.length).toBe(1)
    expect((await fake()).saves[0]).toEqual({ text: expect.stringContaining('team-a'), suggestedName: 'rack.yaml' })
  })

  it('Save in the close prompt saves to the file, then closes the window', async () => {
    await page.getByRole('button', { name: '+ Worker' }).click()
    await menu('file.saveAndClose')
    await expect.poll(async () => (await fake()).closed).toBe(1)
    const { saves } = await fake()
    expect(saves.at(-1)).toMatchObject({ path: '/chosen/rack.yaml', text: expect.stringContaining('worker-1') })
  })

  it('keeps the window when that save is cancelled', async () => {
    await page.getByRole('button', { name: '+ Worker' }).click()
    await page.evaluate(() => {
      if (window.fakeDesktop) window.fakeDesktop.saveAnswer = 'cancelled'
    })
    await menu('file.saveAndClose')
    await expect.poll(async () => (await fake()).saves.length).toBe(3)
    await page.waitForTimeout(200)
    expect((await fake()).closed).toBe(1)
    expect(await page.getByTestId('dirty').count()).toBe(1)
  })

  it('logged no errors or warnings', () => {
    expect(session.problems).toEqual([])
  })
})
