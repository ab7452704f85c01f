import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { launchChromium } from './browser'
import { serveDirectory } from './staticServer'

const ROOT = resolve(import.meta.dirname, '../..')
const RENDERER_BUILD = resolve(ROOT, 'out/renderer')
export const RESULTS = resolve(ROOT, 'test-results')

/** One browser, one page on the built renderer, and every console error or warning the page logs. */
export interface DesignerSession {
  readonly browser: Browser
  readonly page: Page
  readonly problems: string[]
  close(): Promise<void>
}

/** `prepare` runs on the new page before the app loads, e.g. to add an init script. */
export async function openDesigner(chromiumPath: string, viewport = { width: 1280, height: 800 }, prepare?: (page: Page) => Promise<void>): Promise<DesignerSession> {
  if (!existsSync(resolve(RENDERER_BUILD, 'index.html'))) throw new Error(`${RENDERER_BUILD} is missing: run \`npm run build\` first (npm test does).`)
  await mkdir(RESULTS, { recursive: true })
  const server = await serveDirectory(RENDERER_BUILD)
  const browser = await launchChromium(chromiumPath)
  const page = await browser.newPage({ viewport })
  const problems: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console.${message.type()}: ${message.text()}`)
  })
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  await prepare?.(page)
  await page.goto(server.url)
  await page.waitForFunction(() => (window.peerlabCanvas?.nodes().length ?? 0) > 0)
  return {
    browser,
    page,
    problems,
    close: async () => {
      await browser.close()
      await server.close()
    },
  }
}

/** Opens a design through Open… and the browser's file picker, as a user would; the caller waits for what it expects. */
export async function openFile(page: Page, name: string, text: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser')
  await page.getByRole('button', { name: 'Open…' }).click()
  await (await chooser).setFiles({ name, mimeType: 'application/yaml', buffer: Buffer.from(text) })
}

/** Where an element of the canvas is on the page, in CSS pixels. */
export async function pointOf(page: Page, id: string): Promise<{ x: number; y: number }> {
  return page.evaluate((elementId) => {
    const cy = window.peerlabCanvas
    const element = cy?.getElementById(elementId)
    if (!cy || !element || element.empty()) throw new Error(`no element ${elementId} on the canvas`)
    const box = cy.container()?.getBoundingClientRect()
    const at = element.renderedPosition()
    return { x: (box?.left ?? 0) + at.x, y: (box?.top ?? 0) + at.y }
  }, id)
}

/**
 * Waits until the view holds still: an edit can move it (a fit, the sessions arriving after the
 * paint), and a drag computed from a moving view lands somewhere else.
 */
export async function viewSettled(page: Page): Promise<void> {
  let last = ''
  for (let tries = 0; tries < 50; tries++) {
    const now = await page.evaluate(() => {
      const cy = window.peerlabCanvas
      return JSON.stringify([cy?.pan(), cy?.zoom(), cy?.nodes().map((n) => n.renderedPosition())])
    })
    if (now === last) return
    last = now
    await page.waitForTimeout(150)
  }
  throw new Error('the canvas view kept moving for 7 s')
}

/** A point inside a segment's box clear of its members: just above its bottom edge, in the middle. */
export async function emptySpotIn(page: Page, segmentId: string): Promise<{ x: number; y: number }> {
  return page.evaluate((elementId) => {
    const cy = window.peerlabCanvas
    const segment = cy?.getElementById(elementId)
    if (!cy || !segment || segment.empty()) throw new Error(`no segment ${elementId} on the canvas`)
    const box = cy.container()?.getBoundingClientRect()
    const bounds = segment.renderedBoundingBox({ includeLabels: false })
    // Hosts with their labels, and sessions (their line, bent or not, and their label) take clicks:
    // the spot is the first point of a grid inside the box, bottom first, clear of all of them.
    const hosts = segment.children().map((n) => n.renderedBoundingBox({ includeLabels: true }))
    const lines = cy.edges(':visible').map((e) => {
      const label = e.renderedBoundingBox({ includeLabels: true, includeNodes: false, includeEdges: false })
      const points = [e.source().renderedPosition(), e.renderedMidpoint(), e.target().renderedPosition()]
      return { label, points }
    })
    const near = (x: number, y: number, a: { x: number; y: number }, b: { x: number; y: number }): boolean => {
      const dx = b.x - a.x
      const dy = b.y - a.y
      const t = Math.max(0, Math.min(1, ((x - a.x) * dx + (y - a.y) * dy) / (dx * dx + dy * dy || 1)))
      return Math.hypot(x - (a.x + t * dx), y - (a.y + t * dy)) < 14
    }
    const inside = (x: number, y: number, b: { x1: number; x2: number; y1: number; y2: number }, pad: number): boolean => x > b.x1 - pad && x < b.x2 + pad && y > b.y1 - pad && y < b.y2 + pad
    // Nearest the bottom centre first, on the canvas itself (not under a panel or off screen).
    const centre = (bounds.x1 + bounds.x2) / 2
    const xs: number[] = []
    for (let d = 0; centre - d > bounds.x1 + 16; d += 8) xs.push(...(d === 0 ? [centre] : [centre - d, centre + d]))
    const onCanvas = (x: number, y: number): boolean => {
      const hit = document.elementFromPoint((box?.left ?? 0) + x, (box?.top ?? 0) + y)
      return hit !== null && (cy.container()?.contains(hit) ?? false)
    }
    for (let y = bounds.y2 - 12; y > bounds.y1 + 12; y -= 8) {
      for (const x of xs) {
        if (!onCanvas(x, y)) continue
        if (hosts.some((h) => inside(x, y, h, 8))) continue
        if (lines.some(({ label, points }) => inside(x, y, label, 4) || near(x, y, points[0]!, points[1]!) || near(x, y, points[1]!, points[2]!))) continue
        return { x: (box?.left ?? 0) + x, y: (box?.top ?? 0) + y }
      }
    }
    throw new Error(`no empty spot in ${elementId}`)
  }, segmentId)
}

/** A mouse drag from one point to another in small steps, as a hand does. */
export async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  await page.mouse.move(to.x, to.y, { steps: 12 })
  await page.mouse.up()
}

/** Types a command into the console panel (here-documents included), presses Enter, and returns what it printed. */
export async function typeInConsole(page: Page, command: string): Promise<string> {
  const before = await page.getByTestId('console-output').locator('.entry').count()
  await page.getByTestId('console-input').fill(command)
  await page.getByTestId('console-input').press('Enter')
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="console-output"] .entry').length > n, before)
  return (await page.getByTestId('console-output').locator('.entry').last().locator('.output').allTextContents()).join('')
}
