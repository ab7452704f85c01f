import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findChromium } from './browser'
import { openDesigner, openFile, RESULTS, type DesignerSession } from './designerPage'

const chromiumPath = findChromium()
const fixture = (name: string): string => readFileSync(resolve(import.meta.dirname, '../fixtures/designs', name), 'utf8')

/**
 * The open design as the store holds it: name, entries and whether it has unsaved changes. Entries
 * are sorted by id: a saved file lists them in its own order, which is not the order they were added in.
 */
function design(page: Page) {
  return page.evaluate(() => {
    const current = window.peerlabDesign?.()
    if (!current) throw new Error('the app exposes no design')
    const entries = current.design.entries.map((e) => ({ id: e.id, resource: e.resource })).sort((a, b) => a.id.localeCompare(b.id))
    return { name: current.design.name, entries, isDirty: current.isDirty }
  })
}

describe.runIf(chromiumPath !== undefined)('Open Recent (browser mode)', () => {
  let session: DesignerSession
  let page: Page
  let ecmp: Awaited<ReturnType<typeof design>>

  const recentButton = () => page.getByRole('button', { name: 'Open Recent' })
  const menu = () => page.getByRole('menu', { name: 'Recent files' })
  /** The menu's entries as shown: each file's name, then where it is. */
  const entries = () =>
    menu()
      .getByRole('menuitem')
      .evaluateAll((items) => items.map((item) => [item.querySelector('.name')?.textContent ?? item.textContent?.trim(), item.getAttribute('title')]))

  async function openFromPicker(name: string, text: string): Promise<void> {
    await openFile(page, name, text)
    await expect.poll(() => page.getByTestId('design-name').textContent()).toBe(name.replace(/\.yaml$/, ''))
  }

  beforeAll(async () => {
    session = await openDesigner(chromiumPath as string)
    page = session.page
  })
  afterAll(async () => session?.close())

  it('says there are no recent files before any was opened, and Escape closes the menu', async () => {
    await recentButton().click()
    expect(await recentButton().getAttribute('aria-expanded')).toBe('true')
    expect(await entries()).toEqual([['No recent files', null]])
    await page.keyboard.press('Escape')
    expect(await menu().count()).toBe(0)
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('open-recent')
  })

  it('lists every opened file, most recent first, as stored in this browser', async () => {
    await openFromPicker('ecmp-lab.yaml', fixture('ecmp-v1alpha1.yaml'))
    ecmp = await design(page)
    await openFromPicker('rr-lab.yaml', fixture('route-reflector-v1alpha1.yaml'))
    await recentButton().click()
    expect(await entries()).toEqual([
      ['rr-lab.yaml', 'stored in this browser'],
      ['ecmp-lab.yaml', 'stored in this browser'],
      ['Clear Recent Files', null],
    ])
    await page.screenshot({ path: resolve(RESULTS, 'recent-files-menu.png') })
  })

  it('reopens the first file with the text it had, and moves it to the top', async () => {
    await menu()
      .getByRole('menuitem', { name: /ecmp-lab\.yaml/ })
      .click()
    await expect.poll(() => page.getByTestId('design-name').textContent()).toBe('ecmp-lab')
    expect(await design(page)).toEqual(ecmp)
    expect(await page.getByTestId('status').textContent()).toBe('Opened ecmp-lab.yaml')
    await recentButton().click()
    expect((await entries()).map(([name]) => name)).toEqual(['ecmp-lab.yaml', 'rr-lab.yaml', 'Clear Recent Files'])
    await page.keyboard.press('Escape')
  })

  it('asks before a recent file replaces unsaved work, and keeps the work when told to', async () => {
    await page.getByRole('button', { name: '+ Worker' }).click()
    await expect.poll(async () => (await design(page)).isDirty).toBe(true)
    page.once('dialog', (dialog) => void dialog.dismiss())
    await recentButton().click()
    await menu()
      .getByRole('menuitem', { name: /rr-lab\.yaml/ })
      .click()
    expect((await design(page)).name).toBe('ecmp-lab')
    expect((await design(page)).isDirty).toBe(true)
    page.once('dialog', (dialog) => void dialog.accept())
    await recentButton().click()
    await menu()
      .getByRole('menuitem', { name: /rr-lab\.yaml/ })
      .click()
    await expect.poll(() => page.getByTestId('design-name').textContent()).toBe('rr-lab')
    expect((await design(page)).isDirty).toBe(false)
  })

  it('works from the keyboard: Down opens the menu, the arrows move, Enter opens', async () => {
    await recentButton().focus()
    await page.keyboard.press('ArrowDown')
    expect(await page.evaluate(() => document.activeElement?.getAttribute('title'))).toBe('stored in this browser')
    expect(await page.evaluate(() => document.activeElement?.querySelector('.name')?.textContent)).toBe('rr-lab.yaml')
    await page.keyboard.press('ArrowDown')
    await page.screenshot({ path: resolve(RESULTS, 'recent-files-keyboard.png') })
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByTestId('design-name').textContent()).toBe('ecmp-lab')
    expect(await design(page)).toEqual(ecmp)
  })

  it('remembers a design saved as a download, with the text saved', async () => {
    await page.getByRole('button', { name: 'New', exact: true }).click()
    await page.getByRole('button', { name: '+ Worker' }).click()
    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Save As…' }).click()
    expect((await download).suggestedFilename()).toBe('untitled.peerlab.yaml')
    await expect.poll(async () => (await design(page)).isDirty).toBe(false)
    const saved = await design(page)
    await openFromPicker('rr-lab.yaml', fixture('route-reflector-v1alpha1.yaml'))
    await recentButton().click()
    expect((await entries()).map(([name]) => name)).toEqual(['rr-lab.yaml', 'untitled.peerlab.yaml', 'ecmp-lab.yaml', 'Clear Recent Files'])
    await menu()
      .getByRole('menuitem', { name: /untitled\.peerlab\.yaml/ })
      .click()
    await expect.poll(() => page.getByTestId('design-name').textContent()).toBe('untitled')
    expect(await design(page)).toEqual(saved)
    expect(saved.entries.map((e) => e.id)).toContain('node/worker-1')
  })

  it('keeps the list across a reload', async () => {
    await page.reload()
    await page.waitForFunction(() => (window.peerlabCanvas?.nodes().length ?? 0) > 0)
    await recentButton().click()
    expect((await entries()).map(([name]) => name)).toEqual(['untitled.peerlab.yaml', 'rr-lab.yaml', 'ecmp-lab.yaml', 'Clear Recent Files'])
    await menu()
      .getByRole('menuitem', { name: /ecmp-lab\.yaml/ })
      .click()
    await expect.poll(() => page.getByTestId('design-name').textContent()).toBe('ecmp-lab')
    expect(await design(page)).toEqual(ecmp)
  })

  it('clears the list, for good', async () => {
    await recentButton().click()
    await menu().getByRole('menuitem', { name: 'Clear Recent Files' }).click()
    expect(await page.getByTestId('status').textContent()).toBe('Cleared the recent files')
    await page.reload()
    await page.waitForFunction(() => (window.peerlabCanvas?.nodes().length ?? 0) > 0)
    await recentButton().click()
    expect(await entries()).toEqual([['No recent files', null]])
    await page.screenshot({ path: resolve(RESULTS, 'recent-files-empty.png') })
  })

  it('logged no errors or warnings', () => {
    expect(session.problems).toEqual([])
  })
})
