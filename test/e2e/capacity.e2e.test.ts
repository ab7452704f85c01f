import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { labAfterAllSteps } from '../labSteps'
import { findChromium } from './browser'
import { openDesigner, openFile, RESULTS, type DesignerSession } from './designerPage'

const chromiumPath = findChromium()

/** The finished lab with a second pool laid over external-pool, as a slip of the keyboard would. */
const OVERLAPPING = `${labAfterAllSteps()}---
apiVersion: projectcalico.org/v3
kind: IPPool
metadata:
  name: extra-pool
spec:
  cidr: 10.48.2.0/25
  blockSize: 29
  ipipMode: Never
  natOutgoing: true
`

describe.runIf(chromiumPath !== undefined)('capacity and one-click fixes', () => {
  let session: DesignerSession

  beforeAll(async () => {
    session = await openDesigner(chromiumPath as string)
  })
  afterAll(async () => session?.close())

  it('shows the overlap, moves the pool with Apply fix in one undo step, and the problem goes', async () => {
    const { page } = session
    await openFile(page, 'overlap.yaml', OVERLAPPING)
    const problems = page.getByTestId('problems')
    const overlap = problems.locator('li', { hasText: 'ippool.overlap' })
    await overlap.waitFor()
    await expect(overlap.textContent()).resolves.toContain('IPPool(extra-pool) CIDR overlaps with IPPool(external-pool) CIDR 10.48.2.0/24')
    await page.screenshot({ path: resolve(RESULTS, 'capacity-apply-fix-1280x800.png') })
    await overlap.getByTestId('apply-fix').click()
    await overlap.waitFor({ state: 'detached' })
    await expect(page.getByTestId('problems').locator('li', { hasText: 'ippool.overlap' }).count()).resolves.toBe(0)
    // Undo brings the overlap back in one step: the fix was one edit.
    await page.keyboard.press('Control+z')
    await problems.locator('li', { hasText: 'ippool.overlap' }).waitFor()
    await page.keyboard.press('Control+Shift+z')
    await problems.locator('li', { hasText: 'ippool.overlap' }).waitFor({ state: 'detached' })
    expect(session.problems).toEqual([])
  })

  it('shows pods that fit per pool and node, and forecasts when they stop fitting', async () => {
    const { page } = session
    // The fix left unsaved changes: the app asks before opening another file.
    page.once('dialog', (dialog) => void dialog.accept())
    await openFile(page, 'lab.yaml', labAfterAllSteps())
    await expect.poll(() => page.getByTestId('design-name').textContent()).toBe('lab')
    await page.getByTestId('open-address-map').click()
    await page.getByTestId('map-tab-capacity').click()
    const panel = page.getByTestId('capacity-panel')
    await panel.waitFor()
    // The same figure as `peerlab ipam --plan --json` for this design (test/cli/statusIpamJson.test.ts).
    await expect(page.getByTestId('capacity-total').textContent()).resolves.toBe('214')
    await expect(page.getByTestId('capacity-node-worker1').textContent()).resolves.toContain('107 fit')
    await expect(page.getByTestId('capacity-node-control1').textContent()).resolves.toContain('taint')
    await page.getByTestId('forecast-pods').fill('40')
    await page.getByTestId('forecast-pods').press('Tab')
    await page.getByTestId('forecast-weeks').fill('8')
    await page.getByTestId('forecast-weeks').press('Enter')
    await expect.poll(() => page.getByTestId('forecast-stop').textContent()).toContain('Pods stop fitting in week 6')
    for (const [width, height] of [
      [1440, 900],
      [1280, 800],
    ] as const) {
      await page.setViewportSize({ width, height })
      for (const theme of ['light', 'dark']) {
        if ((await page.evaluate(() => document.documentElement.dataset.theme)) !== theme) await page.getByRole('button', { name: theme === 'dark' ? 'Dark' : 'Light' }).click()
        await page.screenshot({ path: resolve(RESULTS, `capacity-panel-${width}x${height}-${theme}.png`) })
        // The forecast may sit below the fold: its end too.
        await page.getByTestId('forecast-stop').scrollIntoViewIfNeeded()
        await page.screenshot({ path: resolve(RESULTS, `capacity-forecast-${width}x${height}-${theme}.png`) })
      }
    }
    // The panel fits the window at 1280×800: nothing of it runs off the right edge.
    const box = await panel.boundingBox()
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(1280)
    expect(session.problems).toEqual([])
  })
})
