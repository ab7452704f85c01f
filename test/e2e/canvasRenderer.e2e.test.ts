import { afterEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { canvasDesignText } from '../../bench/canvasDesign'
import { WEBGL_FROM_HOSTS } from '../../shared/topology/canvasRenderer'
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
    await page.evaluate(() => {
      window.peerlabCanvas?.getElementById('node/node-7').select()
    })
    await expect.poll(() => page.getByTestId('host-tab-properties').isVisible()).toBe(true)
  })

  it('switches to WebGL past the size threshold on a graphics card, and back to 2D for a small design', async () => {
    // Headless Chromium has only SwiftShader: the GL is made to name a graphics card.
    session = await openDesigner(chromiumPath as string, undefined, async (page) => {
      await page.addInitScript(() => {
        const named = (base: typeof WebGLRenderingContext | typeof WebGL2RenderingContext) => {
          const get = base.prototype.getParameter
          base.prototype.getParameter = function (this: WebGLRenderingContext, name: number) {
            return name === 0x9246 ? 'ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)' : get.call(this, name)
          }
        }
        named(WebGLRenderingContext)
        named(WebGL2RenderingContext)
      })
    })
    const { page } = session
    const webglLayers = page.locator('[data-testid="topology-canvas"] canvas[data-id$="-webgl"]')
    expect(await rendererOf(page)).toBe('canvas')
    await openFile(page, 'large.yaml', canvasDesignText(WEBGL_FROM_HOSTS))
    await expect.poll(() => rendererOf(page), { timeout: 60_000 }).toBe('webgl')
    await page.waitForFunction((count) => (window.peerlabCanvas?.nodes('[kind != "segment"]').length ?? 0) >= count, WEBGL_FROM_HOSTS)
    expect(await webglLayers.count()).toBe(1)
    expect(await workerPixels(page, 'webgl-chosen')).toBeGreaterThan(1000)
    await page.getByRole('button', { name: 'Open…' }).waitFor()
    await openFile(page, 'small.yaml', canvasDesignText(HOSTS))
    await expect.poll(() => rendererOf(page), { timeout: 60_000 }).toBe('canvas')
    await page.waitForFunction((count) => window.peerlabCanvas?.nodes('[kind != "segment"]').length === count, HOSTS)
    expect(await webglLayers.count()).toBe(0)
    expect(await workerPixels(page, 'canvas-after-webgl')).toBeGreaterThan(1000)
  })
})
