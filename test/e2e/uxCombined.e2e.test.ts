import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findChromium } from './browser'
import { openDesigner, openFile, pointOf, RESULTS, viewSettled, type DesignerSession } from './designerPage'

/**
 * Invariants of the app as a whole, where features built apart meet: the toolbar's one row at
 * 1280 pixels, which thing Escape closes first, dialogs that keep the keyboard and sit above every
 * panel, and text that stays readable in the dark theme.
 */
const chromiumPath = findChromium()
const ROOT = resolve(import.meta.dirname, '../..')
const CONTROL1 = 'node/ip-10-0-1-20.eu-west-1.compute.internal'
const SEGMENT = 'segment/lab-subnet'
const SOON = { timeout: 20_000 }
/** WCAG 2's AA threshold for body text. */
const READABLE = 4.5

function selected(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      window.peerlabCanvas
        ?.$(':selected')
        .map((e) => e.id())
        .sort() ?? [],
  )
}

async function clickElement(page: Page, id: string): Promise<void> {
  await viewSettled(page)
  const at = await pointOf(page, id)
  await page.mouse.click(at.x, at.y)
}

async function useTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  if ((await page.evaluate(() => document.documentElement.dataset.theme)) !== theme) await page.getByRole('button', { name: theme === 'dark' ? 'Dark' : 'Light', exact: true }).click()
}

/** Text against what is drawn behind it, by the WCAG 2 formula: the nearest ancestor with an opaque background counts. */
function contrastOf(page: Page, selector: string, index = 0): Promise<number> {
  return page.evaluate(
    ([wanted, nth]) => {
      const element = document.querySelectorAll(wanted)[nth]
      if (!element) throw new Error(`nothing matches ${wanted}`)
      const rgba = (css: string): number[] => (css.match(/[\d.]+/g) ?? []).map(Number)
      const luminance = ([r, g, b]: number[]): number => {
        const channel = (v: number): number => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
        return 0.2126 * channel(r ?? 0) + 0.7152 * channel(g ?? 0) + 0.0722 * channel(b ?? 0)
      }
      let background: number[] | undefined
      for (let at: Element | null = element; at && !background; at = at.parentElement) {
        const colour = rgba(getComputedStyle(at).backgroundColor)
        if (colour.length === 3 || (colour[3] ?? 0) === 1) background = colour
      }
      const text = luminance(rgba(getComputedStyle(element).color))
      const behind = luminance(background ?? [255, 255, 255])
      return (Math.max(text, behind) + 0.05) / (Math.min(text, behind) + 0.05)
    },
    [selector, index] as const,
  )
}

/** Whether the top-most element at each corner and at the middle of `selector`'s box is inside it: nothing covers it. */
function uncovered(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((wanted) => {
    const element = document.querySelector(wanted)
    if (!element) throw new Error(`nothing matches ${wanted}`)
    const box = element.getBoundingClientRect()
    const points = [
      [box.left + 4, box.top + 4],
      [box.right - 4, box.top + 4],
      [box.left + 4, box.bottom - 4],
      [box.right - 4, box.bottom - 4],
      [(box.left + box.right) / 2, (box.top + box.bottom) / 2],
    ] as const
    return points.every(([x, y]) => element.contains(document.elementFromPoint(x, y)))
  }, selector)
}

describe.runIf(chromiumPath !== undefined)('the combined app at 1280×800', () => {
  let session: DesignerSession
  let page: Page

  beforeAll(async () => {
    session = await openDesigner(chromiumPath as string, { width: 1280, height: 800 })
    page = session.page
  })
  afterAll(async () => session?.close())

  it('keeps every toolbar button on one row and in the window, with a long design name and unsaved changes', async () => {
    await openFile(page, 'production-datacenter-east-region-rack-topology-v2.yaml', readFileSync(resolve(ROOT, 'examples/calico-lab-2.2.yaml'), 'utf8'))
    await expect.poll(() => page.getByTestId('design-name').textContent()).toBe('production-datacenter-east-region-rack-topology-v2')
    await page.getByRole('button', { name: '+ Note' }).click()
    await expect.poll(() => page.getByTestId('dirty').count()).toBe(1)
    for (const theme of ['light', 'dark'] as const) {
      await useTheme(page, theme)
      const bar = await page.evaluate(() => {
        const toolbar = document.querySelector('.toolbar') as HTMLElement
        const buttons = [...toolbar.querySelectorAll('button')].map((b) => {
          const box = b.getBoundingClientRect()
          return { label: b.textContent?.trim() ?? '', left: box.left, right: box.right, top: Math.round(box.top) }
        })
        return { overflow: toolbar.scrollWidth - toolbar.clientWidth, buttons, width: window.innerWidth }
      })
      expect(bar.overflow).toBeLessThanOrEqual(0)
      expect(new Set(bar.buttons.map((b) => b.top)).size).toBe(1)
      for (const button of bar.buttons) expect(button.right, button.label).toBeLessThanOrEqual(bar.width)
      expect(bar.buttons.map((b) => b.label)).toEqual(
        expect.arrayContaining(['New', 'Open…', 'Save', 'Save As…', 'Export…', 'Undo', 'Redo', 'Resources', 'Fit', 'Overview', 'Console', '?', theme === 'dark' ? 'Light' : 'Dark']),
      )
      await page.screenshot({ path: resolve(RESULTS, `ux-toolbar-1280-${theme}.png`) })
    }
    await useTheme(page, 'light')
    // Back to the built-in lab, whose hosts the rest of the file uses.
    await page.keyboard.press('Control+z')
    await page.keyboard.press('Control+z')
    await expect.poll(() => page.getByTestId('design-name').textContent()).toBe('calico-lab-2.2')
    await page.keyboard.press('Escape')
    await page.keyboard.press('f')
  })

  it('shows the whole list of shortcuts at 1280×800 without scrolling, and closes it with Escape, ? or F1', async () => {
    await page.keyboard.press('?')
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
    await expect.poll(() => help.count()).toBe(1)
    const fits = await help.evaluate((e) => ({ scrolls: e.scrollHeight > e.clientHeight + 1, bottom: e.getBoundingClientRect().bottom }))
    expect(fits.scrolls).toBe(false)
    expect(fits.bottom).toBeLessThanOrEqual(800)
    await page.screenshot({ path: resolve(RESULTS, 'ux-help-1280.png') })
    // Every single-key shortcut the app answers to is listed.
    const text = (await help.textContent()) ?? ''
    for (const keys of ['Ctrl+A', 'Ctrl+C', 'Ctrl+D', 'Ctrl+E', 'Ctrl+O', 'Ctrl+S', 'Ctrl+Z', 'Ctrl+`', 'Delete', 'Escape', 'F1']) expect(text).toContain(keys)
    for (const key of ['A', 'F', 'M', 'P', 'R']) expect(await help.locator('dt', { hasText: new RegExp(`^${key}$`) }).count(), key).toBe(1)
    // Focus is in the dialog; a shortcut pressed there does nothing behind it.
    expect(await page.evaluate(() => document.querySelector('[role="dialog"][aria-modal="true"]')?.contains(document.activeElement))).toBe(true)
    await page.keyboard.press('a')
    expect(await page.getByTestId('address-map').count()).toBe(0)
    await page.keyboard.press('?')
    await expect.poll(() => help.count()).toBe(0)
    await page.keyboard.press('F1')
    await expect.poll(() => help.count()).toBe(1)
    await page.keyboard.press('Escape')
    await expect.poll(() => help.count()).toBe(0)
  })

  it('closes the top-most thing first on Escape: help, then the address map, then the selection', async () => {
    await clickElement(page, CONTROL1)
    await expect.poll(() => selected(page)).toEqual([CONTROL1])
    await page.keyboard.press('a')
    await expect.poll(() => page.getByTestId('address-map').count()).toBe(1)
    await page.keyboard.press('?')
    await expect.poll(() => page.getByTestId('help').count()).toBe(1)
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByTestId('help').count()).toBe(0)
    expect(await page.getByTestId('address-map').count()).toBe(1)
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByTestId('address-map').count()).toBe(0)
    expect(await selected(page)).toEqual([CONTROL1])
    await page.keyboard.press('Escape')
    await expect.poll(() => selected(page)).toEqual([])
  })

  it('leaves a selection hidden under the address map alone: Delete and Ctrl+A wait until it closes', async () => {
    await clickElement(page, CONTROL1)
    await expect.poll(() => selected(page)).toEqual([CONTROL1])
    await page.keyboard.press('a')
    await expect.poll(() => page.getByTestId('address-map').count()).toBe(1)
    await page.keyboard.press('Delete')
    await page.keyboard.press('Control+a')
    expect(await page.evaluate((id) => window.peerlabDesign?.().design.entries.some((e) => e.id === id), CONTROL1)).toBe(true)
    expect(await selected(page)).toEqual([CONTROL1])
    // A is the map's key, Ctrl+A the canvas's: they do not answer for each other.
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByTestId('address-map').count()).toBe(0)
    await page.keyboard.press('Control+a')
    await expect.poll(async () => (await selected(page)).length).toBeGreaterThan(1)
    expect(await page.getByTestId('address-map').count()).toBe(0)
    await page.keyboard.press('Escape')
  })

  it('the Export dialog keeps the keyboard wherever focus is, sits above the host panel and the map, and gives focus back', async () => {
    await clickElement(page, CONTROL1)
    await expect.poll(() => page.getByTestId('host-panel').count()).toBe(1)
    await page.keyboard.press('a')
    await page.getByTestId('open-export').click()
    await expect.poll(() => page.getByTestId('export-dialog').count()).toBe(1)
    expect(await uncovered(page, '[data-testid="export-dialog"]')).toBe(true)
    // A click on the dialog's own text leaves focus on no field: Delete still must not reach the canvas.
    await page.getByRole('heading', { name: 'Export' }).click()
    await page.keyboard.press('Delete')
    expect(await page.evaluate((id) => window.peerlabDesign?.().design.entries.some((e) => e.id === id), CONTROL1)).toBe(true)
    for (let i = 0; i < 30; i++) await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.querySelector('[data-testid="export-dialog"]')?.contains(document.activeElement))).toBe(true)
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByTestId('export-dialog').count()).toBe(0)
    // Only the dialog closed: the map and the selection under it stay.
    expect(await page.getByTestId('address-map').count()).toBe(1)
    expect(await selected(page)).toEqual([CONTROL1])
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('open-export')
    await page.keyboard.press('Escape')
    await page.keyboard.press('Escape')
    await expect.poll(() => selected(page)).toEqual([])
  })

  it('the Add rack dialog traps Tab, closes on Escape with nothing added, and is above the resources panel', async () => {
    await page.keyboard.press('r')
    const hosts = await page.evaluate(() => window.peerlabCanvas?.nodes().length)
    await page.getByTestId('add-rack').click()
    await expect.poll(() => page.getByTestId('add-rack-dialog').count()).toBe(1)
    expect(await uncovered(page, '[data-testid="add-rack-dialog"]')).toBe(true)
    for (let i = 0; i < 20; i++) await page.keyboard.press(i % 2 === 0 ? 'Tab' : 'Shift+Tab')
    for (let i = 0; i < 12; i++) await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.querySelector('[data-testid="add-rack-dialog"]')?.contains(document.activeElement))).toBe(true)
    await page.getByRole('heading', { name: 'Add rack' }).click()
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByTestId('add-rack-dialog').count()).toBe(0)
    expect(await page.evaluate(() => window.peerlabCanvas?.nodes().length)).toBe(hosts)
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('add-rack')
    await page.keyboard.press('r')
  })

  it('puts out the route a row lit once the host panel closes, and the session tip once the pointer leaves the canvas', async () => {
    await clickElement(page, CONTROL1)
    await page.getByTestId('host-tab-routes').click()
    await page.getByTestId('route-row').filter({ hasText: 'tunl0' }).first().click()
    await expect.poll(() => page.evaluate(() => window.peerlabCanvas?.$('.lit-path').length ?? 0)).toBeGreaterThan(0)
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByTestId('host-panel').count()).toBe(0)
    await page.waitForTimeout(200)
    expect(await page.evaluate(() => window.peerlabCanvas?.$('.lit-path, .lit-stop').length)).toBe(0)

    await page.keyboard.press('f')
    await viewSettled(page)
    const edge = await page.evaluate(() => {
      const cy = window.peerlabCanvas
      const session = cy?.edges('[target = "router/bastion"], [source = "router/bastion"]').first()
      const box = cy?.container()?.getBoundingClientRect()
      const middle = session?.renderedMidpoint()
      return { x: (box?.left ?? 0) + (middle?.x ?? 0), y: (box?.top ?? 0) + (middle?.y ?? 0) }
    })
    await page.mouse.move(edge.x, edge.y)
    await expect.poll(() => page.getByTestId('session-tip').count(), SOON).toBe(1)
    const palette = await page.getByTestId('palette').boundingBox()
    await page.mouse.move((palette?.x ?? 0) + 20, (palette?.y ?? 0) + 20)
    await expect.poll(() => page.getByTestId('session-tip').count()).toBe(0)
  })

  it('does not draw the address plan under the side panel', async () => {
    await page.getByRole('button', { name: '+ Note' }).click()
    await expect.poll(() => page.locator('aside.side').count()).toBe(1)
    expect(await page.getByTestId('address-plan').count()).toBe(0)
    // The first Escape leaves the note's text field, the second the selection.
    await page.keyboard.press('Escape')
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByTestId('address-plan').count()).toBe(1)
    await page.keyboard.press('Control+z')
  })

  it('keeps accent text and buttons readable in the dark theme (4.5:1)', async () => {
    await useTheme(page, 'dark')
    // The renumber proposal a refused CIDR offers, in the inspector.
    await clickElement(page, SEGMENT)
    await page.locator('[data-field="cidrs"]').fill('10.0.2.0/28')
    await page.locator('[data-field="cidrs"]').press('Enter')
    await expect.poll(() => page.getByTestId('apply-proposal').count()).toBe(1)
    expect(await contrastOf(page, '[data-testid="apply-proposal"]')).toBeGreaterThanOrEqual(READABLE)
    await page.screenshot({ path: resolve(RESULTS, 'ux-proposal-dark.png') })
    await page.locator('[data-field="cidrs"]').press('Escape')
    await page.keyboard.press('Escape')
    // The filled buttons: white text on the accent.
    await page.getByTestId('open-export').click()
    expect(await contrastOf(page, '[data-testid="export-save"]')).toBeGreaterThanOrEqual(READABLE)
    await page.keyboard.press('Escape')
    await page.getByTestId('add-rack').click()
    expect(await contrastOf(page, '[data-testid="add-rack-dialog"] button[type="submit"]')).toBeGreaterThanOrEqual(READABLE)
    await page.keyboard.press('Escape')
    const enabled = '.toolbar button:not(:disabled)'
    const count = await page.locator(enabled).count()
    for (let i = 0; i < count; i++) expect(await contrastOf(page, enabled, i), (await page.locator(enabled).nth(i).textContent()) ?? '').toBeGreaterThanOrEqual(READABLE)
    await useTheme(page, 'light')
    expect(session.problems).toEqual([])
  })
})
