import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canvasDesignText } from '../../bench/canvasDesign'
import { findChromium } from './browser'
import { openDesigner, openFile, type DesignerSession } from './designerPage'

const chromiumPath = findChromium()

declare global {
  interface Window {
    /** Each time the progress indication appeared: its role and the stage it named. */
    progressSeen?: { role: string | null; stage: string | null; text: string }[]
  }
}

/** The stages of the newest analysis that finished, in the order they arrived. */
async function lastAnalysis(page: Page): Promise<string[]> {
  await page.waitForFunction(() => window.peerlabAnalysis?.().stages.at(-1)?.stage === 'done', undefined, { timeout: 120_000 })
  return page.evaluate(() => {
    const stages = window.peerlabAnalysis?.().stages ?? []
    const version = stages.at(-1)?.version
    return stages.filter((s) => s.version === version).map((s) => s.stage)
  })
}

describe.runIf(chromiumPath !== undefined)('the analysis worker', () => {
  let session: DesignerSession
  let page: Page

  beforeAll(async () => {
    session = await openDesigner(chromiumPath as string, { width: 1280, height: 800 }, async (p) => {
      await p.addInitScript(() => {
        window.progressSeen = []
        new MutationObserver(() => {
          const shown = document.querySelector('[data-testid="analysis-progress"]')
          const last = window.progressSeen?.at(-1)
          if (shown && (shown.textContent ?? '').trim() !== last?.text)
            window.progressSeen?.push({ role: shown.getAttribute('role'), stage: shown.getAttribute('data-stage'), text: (shown.textContent ?? '').trim() })
        }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true })
      })
    })
    page = session.page
  })

  afterAll(async () => session?.close())

  it('runs in a worker, and sends sessions, then routes, then the problems', async () => {
    expect(
      page
        .workers()
        .map((w) => w.url())
        .some((url) => /analysis\.worker/.test(url)),
    ).toBe(true)
    expect(await page.evaluate(() => window.peerlabAnalysis?.().thread)).toBe('worker')
    expect(await lastAnalysis(page)).toEqual(['sessions', 'routes', 'diagnostics', 'done'])
    // What arrived is what the app shows: sessions on the canvas, the problems in the store.
    expect(await page.evaluate(() => window.peerlabCanvas?.edges().length ?? 0)).toBeGreaterThan(0)
    expect(session.problems).toEqual([])
  })

  it('says which stage a long analysis is in while it runs, and nothing once it is done', async () => {
    await openFile(page, 'big.yaml', canvasDesignText(5000))
    await page.waitForFunction(() => (window.peerlabCanvas?.nodes('[kind != "segment"]').length ?? 0) >= 5000, undefined, { timeout: 120_000 })
    expect(await lastAnalysis(page)).toEqual(['sessions', 'routes', 'diagnostics', 'done'])
    const seen = await page.evaluate(() => window.progressSeen ?? [])
    expect(seen.length).toBeGreaterThan(0)
    for (const shown of seen) {
      expect(shown.role).toBe('status')
      expect(['sessions', 'routes', 'diagnostics']).toContain(shown.stage)
      expect(shown.text).toMatch(/^Analysing: (working out BGP sessions|working out routes|checking the design)…$/)
    }
    await expect.poll(() => page.getByTestId('analysis-progress').count()).toBe(0)
  })

  it('asks the worker for a host’s table, and shows the one of the host selected', async () => {
    await page.evaluate(() => {
      window.peerlabCanvas?.$(':selected').unselect()
      window.peerlabCanvas?.getElementById('node/node-7').select()
    })
    await page.getByTestId('host-panel').waitFor()
    await page.getByTestId('route-row').first().waitFor()
    const routes = await page.getByTestId('route-row').count()
    expect(routes).toBeGreaterThan(0)
    await page.getByTestId('route-text-toggle').click()
    expect(await page.getByTestId('route-text').textContent()).toContain('dev ')
    await page.getByTestId('route-text-toggle').click()
  })
})
