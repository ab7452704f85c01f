import { afterEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { canvasDesignText } from '../../bench/canvasDesign'
import { findChromium } from './browser'
import { openDesigner, openFile, RESULTS, type DesignerSession } from './designerPage'

const chromiumPath = findChromium()
const HOSTS = 400

/**
 * Pixels of the canvas as shown on screen in the green of a worker host's border, read back from a
 * screenshot: what either renderer drew. Zoomed out, the 2D renderer draws from textures it scaled
 * down, which pale the colour, so any clearly green pixel counts.
 */
async function workerPixels(page: Page, name: string): Promise<number> {
  const shot = await page.getByTestId('topology-canvas').screenshot({ path: `${RESULTS}/canvas-renderer-${name}.png` })
  return page.evaluate(async (png) => {
    const bytes = Uint8Array.from(atob(png), (c) => c.charCodeAt(0))
    const image = await createImageBitmap(new Blob([bytes], { type: 'image/png' }))
    const canvas = new OffscreenCanvas(image.width, image.height)
    const context = canvas.getContext('2d')
    if (!context) throw new Error('no 2D context')
    context.drawImage(image, 0, 0)
    const { data } = context.getImageData(0, 0, image.width, image.height)
    let count = 0
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b] = [data[i] as number, data[i + 1] as number, data[i + 2] as number]
      if (g > r + 24 && g > b + 8) count++
    }
    return count
  }, shot.toString('base64'))
}

async function openLarge(page: Page): Promise<void> {
  await openFile(page, 'racks.yaml', canvasDesignText(HOSTS))
  await page.waitForFunction((count) => (window.peerlabCanvas?.nodes('[kind != "segment"]').length ?? 0) >= count, HOSTS)
  // Two frames: Cytoscape draws in the one after the elements arrive.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))))
}

const rendererOf = (page: Page) => page.getByTestId('topology-canvas').getAttribute('data-renderer')

describe.runIf(chromiumPath !== undefined)('the canvas renderer (browser mode)', () => {
  let session: DesignerSession | undefined
  afterEach(async () => {
    expect(session?.problems.filter((p) => !p.includes('WebGL') && !p.includes('GPU'))).toEqual([])
    await session?.close()
    session = undefined
  })

  it('stays on the 2D canvas where WebGL is drawn by the CPU, however large the design', async () => {
    session = await openDesigner(chromiumPath as string)
    const { page } = session
    expect(await rendererOf(page)).toBe('canvas')
    await openLarge(page)
    expect(await rendererOf(page)).toBe('canvas')
    expect(await page.locator('[data-testid="topology-canvas"] canvas[data-id$="-webgl"]').count()).toBe(0)
    expect(await workerPixels(page, 'canvas')).toBeGreaterThan(1000)
  })

  it('draws with WebGL when the address asks for it, and the design is still drawn and selectable', async () => {
    session = await openDesigner(chromiumPath as string)
    const { page } = session
    await page.goto(`${page.url().split('?')[0]}?renderer=webgl`)
    await page.waitForFunction(() => (window.peerlabCanvas?.nodes().length ?? 0) > 0)
    expect(await rendererOf(page)).toBe('webgl')
    await openLarge(page)
    expect(await rendererOf(page)).toBe('webgl')
    expect(await page.locator('[data-testid="topology-canvas"] canvas[data-id$="-webgl"]').count()).toBe(1)
    expect(await workerPixels(page, 'webgl')).toBeGreaterThan(1000)
    await page.evaluate(() => window.peerlabCanvas?.getElementById('node/node-7').select())
    await expect.poll(() => page.getByTestId('host-tab-properties').isVisible()).toBe(true)
  })
})
