import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findChromium } from './browser'
import { openDesigner, type DesignerSession } from './designerPage'

const chromiumPath = findChromium()

describe.runIf(chromiumPath !== undefined)('the theme', () => {
  let session: DesignerSession

  beforeAll(async () => {
    session = await openDesigner(chromiumPath as string)
  })
  afterAll(async () => session?.close())

  it('is remembered across a reload, whichever was chosen last', async () => {
    const { page } = session
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme)
    await page.getByRole('button', { name: 'Dark' }).click()
    await page.reload()
    await page.waitForFunction(() => (window.peerlabCanvas?.nodes().length ?? 0) > 0)
    expect(await theme()).toBe('dark')
    await page.getByRole('button', { name: 'Light' }).click()
    await page.reload()
    await page.waitForFunction(() => (window.peerlabCanvas?.nodes().length ?? 0) > 0)
    expect(await theme()).toBe('light')
    expect(session.problems).toEqual([])
  })
})
