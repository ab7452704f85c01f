import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BGP_PEER, EXTERNAL_NAMESPACE, EXTERNAL_POOL, labAfterAllSteps, NGINX } from '../labSteps'
import { findChromium } from './browser'
import { openDesigner, openFile, RESULTS, typeInConsole, type DesignerSession } from './designerPage'

const chromiumPath = findChromium()
const DUAL_STACK = readFileSync(resolve(import.meta.dirname, '../fixtures/designs/dual-stack-v1alpha1.yaml'), 'utf8')
const OVERLAPPING = `${labAfterAllSteps()}---
apiVersion: projectcalico.org/v3
kind: IPPool
metadata: {name: overlap-pool}
spec: {cidr: 10.48.2.0/25, blockSize: 29}
`

function range(page: Page, cidr: string): Locator {
  return page.locator(`[data-testid="map-range"][data-cidr="${cidr}"]`)
}

async function backgroundOf(locator: Locator): Promise<string> {
  return locator.evaluate((element) => getComputedStyle(element).backgroundColor)
}

async function boxOf(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await locator.boundingBox()
  if (!box) throw new Error('not on screen')
  return box
}

/** Shots of the map as it is, in both themes, at the size of the window now. */
async function screenshots(page: Page, name: string): Promise<void> {
  for (const theme of ['light', 'dark']) {
    const current = await page.evaluate(() => document.documentElement.dataset.theme)
    if (current !== theme) await page.getByRole('button', { name: theme === 'dark' ? 'Dark' : 'Light' }).click()
    await page.screenshot({ path: resolve(RESULTS, `address-map-${name}-${theme}.png`) })
  }
}

/**
 * An architect planning address space on the lab: where each node's blocks are, who uses the
 * nginx block, where a new pool fits, what overlaps, and the same for IPv6.
 */
describe.runIf(chromiumPath !== undefined)('the address map', () => {
  let session: DesignerSession
  let page: Page

  beforeAll(async () => {
    session = await openDesigner(chromiumPath as string, { width: 1440, height: 900 })
    page = session.page
    await page.getByTestId('toggle-console').click()
    for (const step of [EXTERNAL_POOL, BGP_PEER, EXTERNAL_NAMESPACE, NGINX]) await typeInConsole(page, `kubectl apply -f -<<EOF\n${step}EOF`)
    await page.getByTestId('toggle-console').click()
  })
  afterAll(async () => session?.close())

  it("opens from the address plan, with the nginx block under external-pool in worker2's colour", async () => {
    await page.getByTestId('open-address-map').click()
    await page.getByTestId('address-map').waitFor()
    const block = range(page, '10.48.2.216/29')
    await block.waitFor()
    const swatch = page.locator('[data-testid="map-legend-entry"][data-node="worker2"] .swatch')
    expect(await backgroundOf(block)).toBe(await backgroundOf(swatch))
    expect(await backgroundOf(block)).not.toBe(await backgroundOf(page.locator('[data-testid="map-legend-entry"][data-node="worker1"] .swatch')))
    // Under external-pool: in the row below it, within its span on the ruler.
    const pool = await boxOf(range(page, '10.48.2.0/24'))
    const inside = await boxOf(block)
    expect(inside.y).toBeGreaterThan(pool.y + pool.height - 1)
    expect(inside.x).toBeGreaterThanOrEqual(pool.x - 0.5)
    expect(inside.x + inside.width).toBeLessThanOrEqual(pool.x + pool.width + 0.5)
  })

  it('shows the node and the pods of a block when it is clicked', async () => {
    await range(page, '10.48.2.216/29').click()
    expect(await page.getByTestId('map-block-node').textContent()).toContain('worker2')
    expect(await page.getByTestId('map-block-pods').textContent()).toMatch(/10\.48\.2\.216\s*external-ns\/nginx-/)
    await screenshots(page, '1440')
    await page.setViewportSize({ width: 1280, height: 800 })
    await screenshots(page, '1280')
    await page.getByTestId('map-tab-utilisation').click()
    await screenshots(page, 'utilisation-1280')
    await page.setViewportSize({ width: 1440, height: 900 })
    await screenshots(page, 'utilisation-1440')
    await page.getByRole('button', { name: 'Light' }).click()
  })

  it('shows utilisation per pool, node and block, and the table as calicoctl ipam show --show-blocks prints it', async () => {
    expect(await page.getByTestId('utilisation-pools').textContent()).toContain('external-pool')
    expect(await page.locator('[data-testid="utilisation-nodes"] [data-name="worker2"]').textContent()).toContain('4 / 72')
    const table = await page.getByTestId('ipam-show').textContent()
    expect(table).toContain('| IP Pool  | 10.48.2.0/24   |       256 | 1 (0%)     | 255 (100%) |')
    expect(table).toContain('| Block    | 10.48.2.216/29 |         8 | 1 (12%)    | 7 (88%)    |')
    await page.getByTestId('map-tab-map').click()
  })

  it('creates a pool sized to fit in free space of the pod network, as one undo step', async () => {
    await page.locator('[data-testid="map-free"][data-cidr="10.48.1.0/24"]').click()
    const create = page.getByTestId('map-create')
    // The map is the analysis worker's answer, and may still be on its way.
    await expect.poll(() => create.textContent()).toContain('Create IP pool 10.48.1.0/24')
    await create.click()
    await range(page, '10.48.1.0/24').waitFor()
    expect(await page.evaluate(() => window.peerlabDesign?.().design.entries.some((e) => e.id === 'ippool/pool-1'))).toBe(true)
    await page.getByTestId('map-close').click()
    await page.getByTestId('undo').click()
    await page.keyboard.press('a')
    await page.getByTestId('address-map').waitFor()
    await page.locator('[data-testid="map-free"][data-cidr="10.48.1.0/24"]').waitFor()
    await expect.poll(() => range(page, '10.48.1.0/24').count()).toBe(0)
    expect(await page.evaluate(() => window.peerlabDesign?.().design.entries.some((e) => e.id === 'ippool/pool-1'))).toBe(false)
  })

  it('marks overlapping pools in red, each naming the other', async () => {
    page.once('dialog', (d) => void d.accept())
    await openFile(page, 'overlap.yaml', OVERLAPPING)
    const overlap = range(page, '10.48.2.0/25')
    await overlap.waitFor()
    expect(await overlap.getAttribute('class')).toContain('conflict')
    expect(await overlap.getAttribute('title')).toContain('overlaps IPPool external-pool 10.48.2.0/24')
    expect(await range(page, '10.48.2.0/24').getAttribute('title')).toContain('overlaps IPPool overlap-pool 10.48.2.0/25')
    await overlap.click()
    expect(await page.getByTestId('map-overlaps').textContent()).toContain('Overlaps IPPool external-pool 10.48.2.0/24')
    const red = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--error').trim())
    expect(await overlap.evaluate((element) => getComputedStyle(element).borderTopColor)).toBe(red === '#b91c1c' ? 'rgb(185, 28, 28)' : red)
    await screenshots(page, 'overlap-1440')
    await page.getByRole('button', { name: 'Light' }).click()
  })

  it('switches to IPv6 on a dual-stack design, with blocks in their node colour', async () => {
    await openFile(page, 'dual-stack.yaml', DUAL_STACK)
    await page.locator('[data-testid="map-section"][data-cidr="10.48.0.0/16"]').waitFor()
    // The map of the design before stays until the worker's answer for this one arrives.
    await expect.poll(() => page.getByTestId('map-family-6').isDisabled()).toBe(false)
    await page.getByTestId('map-family-6').click()
    await page.locator('[data-testid="map-section"][data-cidr="fd00:48::/56"]').waitFor()
    expect(await page.locator('[data-testid="map-section"]').evaluateAll((sections) => sections.map((s) => s.getAttribute('data-cidr')))).toEqual([
      'fd00:1::/64',
      'fd00:48::/56',
      'fd00:49::/108',
      'fc00::/7',
    ])
    const block = page.locator('[data-testid="map-range"][data-kind="block"]').first()
    expect(await block.getAttribute('data-cidr')).toMatch(/^fd00:48::.*\/122$/)
    expect(await backgroundOf(block)).toBe(await backgroundOf(page.locator('[data-testid="map-legend-entry"][data-node="node-a"] .swatch')))
    await screenshots(page, 'ipv6-1440')
    await page.getByRole('button', { name: 'Light' }).click()
  })

  it('logged no errors or warnings', () => {
    expect(session.problems).toEqual([])
  })
})
