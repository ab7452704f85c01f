import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findChromium } from './browser'
import { openDesigner, openFile, pointOf, RESULTS, viewSettled, type DesignerSession } from './designerPage'

const chromiumPath = findChromium()
const MULTIHOP = readFileSync(resolve(import.meta.dirname, '../fixtures/designs/multihop-v1alpha1.yaml'), 'utf8')

async function openBgpTab(page: Page, id: string): Promise<string[]> {
  await viewSettled(page)
  const at = await pointOf(page, id)
  await page.mouse.click(at.x, at.y)
  await page.getByTestId('host-panel').waitFor()
  await page.getByTestId('host-tab-bgp').click()
  // The sessions come from the analysis worker: both hosts asked about have a down session with a reason.
  await page.getByTestId('bgp-session-reason').first().waitFor()
  return page.getByTestId('bgp-session-reason').evaluateAll((cells) => cells.map((c) => (c as HTMLElement).innerText.trim()))
}

/** A session that stays down because its peer is off the router's subnets says so in the host panel, as BIRD would show it. */
describe.runIf(chromiumPath !== undefined)('why a BGP session is down, in the host panel', () => {
  let session: DesignerSession
  let page: Page

  beforeAll(async () => {
    session = await openDesigner(chromiumPath as string, { width: 1440, height: 900 })
    page = session.page
    await openFile(page, 'multihop.yaml', MULTIHOP)
    await page
      .getByTestId('host-panel')
      .waitFor({ state: 'detached' })
      .catch(() => undefined)
    await viewSettled(page)
  })

  afterAll(async () => session?.close())

  it("gives spine's Idle neighbor and the node it turns away their reasons, in both themes and at 1280×800", async () => {
    expect(await openBgpTab(page, 'router/spine')).toEqual([
      'Idle — 10.0.10.11 is not directly connected and the session has no multihop: BIRD waits for it to become a neighbor on a connected subnet (set multihop)',
    ])
    await page.screenshot({ path: resolve(RESULTS, 'session-down-bgp-light.png') })
    await page.getByRole('button', { name: 'Dark' }).click()
    await page.screenshot({ path: resolve(RESULTS, 'session-down-bgp-dark.png') })
    await page.keyboard.press('Escape')
    await page.setViewportSize({ width: 1280, height: 800 })
    expect(await openBgpTab(page, 'node/n1')).toEqual([
      'Active Socket: Connection reset by peer — spine refuses the connection: its neighbor 10.0.10.11 is not directly connected and the session has no multihop, so that session waits in Idle',
    ])
    await page.screenshot({ path: resolve(RESULTS, 'session-down-bgp-dark-1280.png') })
    await page.getByRole('button', { name: 'Light' }).click()
    await page.screenshot({ path: resolve(RESULTS, 'session-down-bgp-light-1280.png') })
  })
})
