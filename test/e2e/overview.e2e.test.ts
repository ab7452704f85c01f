import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { canvasDesignText } from '../../bench/canvasDesign'
import { findChromium } from './browser'
import { openDesigner, openFile, RESULTS, viewSettled, type DesignerSession } from './designerPage'

const chromiumPath = findChromium()

interface Box {
  x1: number
  y1: number
  x2: number
  y2: number
}

/** The viewport frame in overview pixels, the overview's own box on the page, and the main view's extent. */
function frames(page: Page) {
  return page.evaluate(() => {
    const overview = document.querySelector('[data-testid="overview-content"]')?.getBoundingClientRect()
    const frame = document.querySelector<HTMLElement>('[data-testid="overview-viewport"]')
    const cy = window.peerlabCanvas
    if (!overview || !frame || !cy) throw new Error('no overview or canvas')
    const r = frame.getBoundingClientRect()
    const extent = cy.extent()
    return {
      overview: { left: overview.left, top: overview.top, width: overview.width, height: overview.height },
      frame: { x1: r.left - overview.left, y1: r.top - overview.top, x2: r.right - overview.left, y2: r.bottom - overview.top },
      hidden: frame.hidden,
      extent: { x1: extent.x1, y1: extent.y1, x2: extent.x2, y2: extent.y2 },
      zoom: cy.zoom(),
    }
  })
}

/** How many of the overview's pixels are close to a colour: proof that something was painted in it. */
function pixelsNear(page: Page, rgb: readonly [number, number, number]) {
  return page.evaluate((colour) => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="overview-content"]')
    if (!canvas) throw new Error('no overview canvas')
    // Read from a copy: reading the overview's own pixels would slow its drawing, and Chromium warns of it.
    const copy = document.createElement('canvas')
    copy.width = canvas.width
    copy.height = canvas.height
    const context = copy.getContext('2d', { willReadFrequently: true })
    context?.drawImage(canvas, 0, 0)
    const data = context?.getImageData(0, 0, copy.width, copy.height).data
    if (!data) throw new Error('cannot read the overview')
    let count = 0
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs((data[i] as number) - colour[0]) + Math.abs((data[i + 1] as number) - colour[1]) + Math.abs((data[i + 2] as number) - colour[2]) < 30) count++
    }
    return count
  }, rgb)
}

const WORKER_GREEN = [5, 150, 105] as const
const ROUTER_AMBER = [217, 119, 6] as const

describe.runIf(chromiumPath !== undefined)('the overview of the canvas (browser mode)', () => {
  let session: DesignerSession
  let page: Page

  beforeAll(async () => {
    session = await openDesigner(chromiumPath as string)
    page = session.page
    await viewSettled(page)
  })
  afterAll(async () => session?.close())

  it('shows the built-in example in miniature, hosts in their role colours', async () => {
    expect(await page.getByTestId('overview').isVisible()).toBe(true)
    await expect.poll(() => pixelsNear(page, WORKER_GREEN)).toBeGreaterThan(50)
    expect(await pixelsNear(page, ROUTER_AMBER)).toBeGreaterThan(20)
    await page.screenshot({ path: resolve(RESULTS, 'overview-light.png') })
  })

  it('frames what the main view shows, and follows a zoom in', async () => {
    const before = await frames(page)
    await page.evaluate(() => {
      const cy = window.peerlabCanvas
      cy?.zoom({ level: cy.zoom() * 2.5, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } })
    })
    const after = await frames(page)
    expect(after.hidden).toBe(false)
    const width = (b: Box) => b.x2 - b.x1
    const height = (b: Box) => b.y2 - b.y1
    // In proportion to the main view, which is now 2.5 times smaller, and inside the overview.
    expect(width(after.frame) / width(after.extent)).toBeCloseTo(height(after.frame) / height(after.extent), 2)
    expect(width(after.extent) / width(before.extent)).toBeCloseTo(1 / 2.5, 3)
    expect(after.frame.x1).toBeGreaterThan(0)
    expect(after.frame.y1).toBeGreaterThan(0)
    expect(after.frame.x2).toBeLessThan(after.overview.width)
    expect(after.frame.y2).toBeLessThan(after.overview.height)
    // Its centre is the main view's centre mapped by the same scale and offset as its corners.
    const scale = width(after.frame) / width(after.extent)
    const offset = { x: after.frame.x1 - scale * after.extent.x1, y: after.frame.y1 - scale * after.extent.y1 }
    expect(offset.x + (scale * (after.extent.x1 + after.extent.x2)) / 2).toBeCloseTo((after.frame.x1 + after.frame.x2) / 2, 1)
    await page.screenshot({ path: resolve(RESULTS, 'overview-zoomed.png') })
  })

  it('keeps an edge of the frame in sight when the main view is panned off the design', async () => {
    await page.evaluate(() => {
      window.peerlabCanvas?.panBy({ x: -100_000, y: 0 })
    })
    await expect.poll(async () => Math.round((await frames(page)).frame.x1)).toBe(Math.round((await frames(page)).overview.width - 6))
    expect((await frames(page)).hidden).toBe(false)
    await page.evaluate(() => {
      window.peerlabCanvas?.panBy({ x: 100_000, y: 0 })
    })
  })

  it('moves the main view with the arrow keys and zooms it with + and - once focused', async () => {
    const view = () =>
      page.evaluate(() => ({ pan: { ...(window.peerlabCanvas?.pan() ?? { x: NaN, y: NaN }) }, zoom: window.peerlabCanvas?.zoom() ?? NaN, width: window.peerlabCanvas?.width() ?? NaN }))
    const before = await view()
    await page.getByTestId('overview').focus()
    await page.keyboard.press('ArrowRight')
    const moved = await view()
    expect(moved.pan.x).toBeCloseTo(before.pan.x - before.width / 4, 3)
    expect(moved.pan.y).toBeCloseTo(before.pan.y, 3)
    await page.keyboard.press('+')
    expect((await view()).zoom).toBeCloseTo(before.zoom * 1.25, 6)
    await page.keyboard.press('-')
    await page.keyboard.press('ArrowLeft')
    expect((await view()).zoom).toBeCloseTo(before.zoom, 6)
  })

  it('moves the main view, at the same zoom, to a host clicked in the overview', async () => {
    const { overview, frame, extent, zoom } = await frames(page)
    const scale = (frame.x2 - frame.x1) / (extent.x2 - extent.x1)
    const offset = { x: frame.x1 - scale * extent.x1, y: frame.y1 - scale * extent.y1 }
    // The last host of the row (worker2), outside the frame zoomed in on the middle.
    const target = await page.evaluate(() => {
      const hosts = window.peerlabCanvas?.nodes('[kind != "segment"]').map((n) => n.position()) ?? []
      return hosts.reduce((right, p) => (p.x > right.x ? { ...p } : right), { x: -Infinity, y: NaN })
    })
    const at = { x: offset.x + scale * target.x, y: offset.y + scale * target.y }
    expect(at.x).toBeGreaterThan(frame.x2)
    const panBefore = await page.evaluate(() => ({ ...(window.peerlabCanvas?.pan() ?? { x: NaN, y: NaN }) }))
    await page.mouse.click(overview.left + at.x, overview.top + at.y)
    const after = await frames(page)
    const panAfter = await page.evaluate(() => ({ ...(window.peerlabCanvas?.pan() ?? { x: NaN, y: NaN }) }))
    expect(panAfter.x).toBeLessThan(panBefore.x)
    expect(after.zoom).toBe(zoom)
    // One overview pixel is 1 / scale model pixels: the view centre lands within that of the host.
    const tolerance = 1 / scale
    expect(Math.abs((after.extent.x1 + after.extent.x2) / 2 - target.x)).toBeLessThanOrEqual(tolerance)
    expect(Math.abs((after.extent.y1 + after.extent.y2) / 2 - target.y)).toBeLessThanOrEqual(tolerance)
  })

  it('drags the frame it is grabbed by without a jump, and zooms the main view with the wheel', async () => {
    const { overview, frame, extent } = await frames(page)
    const from = { x: overview.left + (frame.x1 + frame.x2) / 2 + 3, y: overview.top + (frame.y1 + frame.y2) / 2 }
    const scale = (frame.x2 - frame.x1) / (extent.x2 - extent.x1)
    await page.mouse.move(from.x, from.y)
    await page.mouse.down()
    // Pressing inside the frame does not move the view; dragging it 20 pixels left moves the view 20 / scale.
    expect((await frames(page)).extent.x1).toBeCloseTo(extent.x1, 6)
    await page.mouse.move(from.x - 20, from.y, { steps: 5 })
    await page.mouse.up()
    expect((await frames(page)).extent.x1).toBeCloseTo(extent.x1 - 20 / scale, 0)
    const zoom = (await frames(page)).zoom
    await page.mouse.move(from.x, from.y)
    await page.mouse.wheel(0, -200)
    await expect.poll(async () => (await frames(page)).zoom).toBeGreaterThan(zoom)
  })

  it('is hidden and shown again with M and with the toolbar button', async () => {
    await page.keyboard.press('m')
    expect(await page.getByTestId('overview').count()).toBe(0)
    await page.getByTestId('toggle-overview').click()
    expect(await page.getByTestId('overview').isVisible()).toBe(true)
    await expect.poll(() => pixelsNear(page, WORKER_GREEN)).toBeGreaterThan(50)
  })

  it('stays clear of the host panel and is drawn in the dark theme', async () => {
    await page.getByRole('button', { name: 'Fit' }).click()
    await page.evaluate(() => {
      window.peerlabCanvas?.nodes('[kind = "worker"]').first().select()
    })
    await page.getByTestId('host-panel').waitFor()
    const [overview, inspector] = await Promise.all([page.getByTestId('overview').boundingBox(), page.getByTestId('host-panel').boundingBox()])
    expect(overview && inspector && overview.x + overview.width <= inspector.x).toBe(true)
    await page.getByRole('button', { name: 'Dark' }).click()
    await expect.poll(() => pixelsNear(page, [17, 24, 39])).toBeGreaterThan(100)
    await page.screenshot({ path: resolve(RESULTS, 'overview-dark.png') })
    await page.keyboard.press('Escape')
  })

  it('draws a design of 400 hosts, and repaints after an edit to it', async () => {
    await openFile(page, 'racks.yaml', canvasDesignText(400))
    await page.waitForFunction(() => (window.peerlabCanvas?.nodes('[kind != "segment"]').length ?? 0) >= 400)
    await viewSettled(page)
    await expect.poll(() => pixelsNear(page, WORKER_GREEN)).toBeGreaterThan(200)
    await page.screenshot({ path: resolve(RESULTS, 'overview-400-dark.png') })
    const painted = () => page.evaluate(() => document.querySelector<HTMLCanvasElement>('[data-testid="overview-content"]')?.toDataURL())
    const before = await painted()
    // The last host ends the last row: without it, the overview shows bare segment there.
    await page.evaluate(() => {
      window.peerlabCanvas?.getElementById('node/node-399').select()
    })
    await page.keyboard.press('Delete')
    await expect.poll(() => page.evaluate(() => window.peerlabCanvas?.getElementById('node/node-399').length)).toBe(0)
    await expect.poll(painted).not.toBe(before)
    await page.getByRole('button', { name: 'Light' }).click()
    await page.screenshot({ path: resolve(RESULTS, 'overview-400-light.png') })
  })

  it('logged no errors or warnings', () => {
    expect(session.problems).toEqual([])
  })
})
