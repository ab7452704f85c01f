import { resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findChromium } from './browser'
import { drag, emptySpotIn, openDesigner, pointOf, RESULTS, viewSettled, type DesignerSession } from './designerPage'

const chromiumPath = findChromium()
const CONTROL1 = 'node/ip-10-0-1-20.eu-west-1.compute.internal'
const WORKER1 = 'node/ip-10-0-1-30.eu-west-1.compute.internal'
const WORKER2 = 'node/ip-10-0-1-31.eu-west-1.compute.internal'
const NODES = [CONTROL1, WORKER1, WORKER2]
const SOON = { timeout: 20_000 }

function selected(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      window.peerlabCanvas
        ?.$(':selected')
        .map((e) => e.id())
        .sort() ?? [],
  )
}

/** Where each element is drawn (model coordinates), as the canvas has it. */
function positions(page: Page, ids: readonly string[]): Promise<Record<string, { x: number; y: number }>> {
  return page.evaluate((wanted) => Object.fromEntries(wanted.map((id) => [id, { ...(window.peerlabCanvas?.getElementById(id).position() ?? { x: NaN, y: NaN }) }])), ids)
}

function resources(page: Page) {
  return page.evaluate(() => {
    const current = window.peerlabDesign?.()
    if (!current) throw new Error('the app exposes no design')
    return Object.fromEntries(current.design.entries.map((e) => [e.id, e.resource])) as Record<
      string,
      { metadata: { annotations?: Record<string, string> }; spec?: { cidrs?: string[]; bgp?: { asNumber?: number } }; status?: { addresses?: { type: string; address: string }[] } }
    >
  })
}

/** Whether the canvas shows the point: the host panel docked beside it may have narrowed it past a host. */
function inView(page: Page, at: { x: number; y: number }): Promise<boolean> {
  return page.evaluate(({ x, y }) => {
    const box = window.peerlabCanvas?.container()?.getBoundingClientRect()
    return box !== undefined && x > box.left + 40 && x < box.right - 40 && y > box.top + 40 && y < box.bottom - 40
  }, at)
}

async function click(page: Page, id: string, modifier?: 'Control' | 'Shift'): Promise<void> {
  await viewSettled(page)
  if (!(await inView(page, await pointOf(page, id)))) {
    await page.keyboard.press('f')
    await viewSettled(page)
  }
  const at = await pointOf(page, id)
  if (modifier) await page.keyboard.down(modifier)
  await page.mouse.click(at.x, at.y)
  if (modifier) await page.keyboard.up(modifier)
}

/** Selects exactly `ids` as a user would: a click, then Ctrl+clicks. */
async function selectHosts(page: Page, ids: readonly string[]): Promise<void> {
  await page.keyboard.press('Escape')
  for (const [i, id] of ids.entries()) await click(page, id, i === 0 ? undefined : 'Control')
  await expect.poll(() => selected(page)).toEqual([...ids].sort())
}

/** The rectangle around the lab's segment, a little outside it, in page pixels. */
async function aroundSegment(page: Page): Promise<{ from: { x: number; y: number }; to: { x: number; y: number } }> {
  return page.evaluate(() => {
    const cy = window.peerlabCanvas
    const box = cy?.getElementById('segment/lab-subnet').renderedBoundingBox({ includeLabels: true })
    const at = cy?.container()?.getBoundingClientRect()
    if (!box || !at) throw new Error('no segment on the canvas')
    return { from: { x: at.left + box.x1 - 24, y: at.top + box.y1 - 24 }, to: { x: at.left + box.x2 + 24, y: at.top + box.y2 + 24 } }
  })
}

describe.runIf(chromiumPath !== undefined)('selecting and editing several elements (browser mode)', () => {
  let session: DesignerSession
  let page: Page

  beforeAll(async () => {
    session = await openDesigner(chromiumPath as string, { width: 1440, height: 900 })
    page = session.page
  })
  afterAll(async () => session?.close())

  it('selects one element with a click; Ctrl+click adds one and takes it out again', async () => {
    await click(page, WORKER1)
    expect(await selected(page)).toEqual([WORKER1])
    await page.getByTestId('host-panel').waitFor()
    await click(page, WORKER2, 'Control')
    await expect.poll(() => selected(page)).toEqual([WORKER1, WORKER2])
    // Two hosts: the host panel (one host's network) gives way to what they have in common.
    await expect.poll(() => page.getByTestId('selection-title').textContent()).toBe('2 nodes selected')
    expect(await page.getByTestId('host-panel').count()).toBe(0)
    await click(page, WORKER2, 'Control')
    await expect.poll(() => selected(page)).toEqual([WORKER1])
    await page.getByTestId('host-panel').waitFor()
  })

  it('clears the selection with Escape', async () => {
    await page.keyboard.press('Escape')
    await expect.poll(() => selected(page)).toEqual([])
    expect(await page.getByTestId('host-panel').count()).toBe(0)
  })

  it('selects what a box drawn on the empty canvas holds, but not with the peering tool', async () => {
    await page.getByRole('button', { name: 'Fit' }).click()
    await viewSettled(page)
    const { from, to } = await aroundSegment(page)
    await drag(page, from, to)
    await expect.poll(() => selected(page)).toEqual([CONTROL1, WORKER1, WORKER2, 'router/bastion', 'segment/lab-subnet'].sort())
    expect(await page.getByTestId('selection-title').textContent()).toBe('3 nodes, 1 router, 1 segment selected')
    await page.keyboard.press('Escape')
    await page.keyboard.press('p')
    await drag(page, from, to)
    expect(await selected(page)).toEqual([])
    await page.keyboard.press('Escape')
  })

  it('edits a field the selected nodes share for all of them, as one undo step', async () => {
    await selectHosts(page, NODES)
    const asNumber = page.getByTestId('selection-inspector').locator('[data-field="asNumber"]')
    expect(await page.getByTestId('selection-inspector').locator('[data-field="alias"]').getAttribute('placeholder')).toBe('— (they differ)')
    await asNumber.fill('65010')
    await asNumber.press('Enter')
    await expect
      .poll(async () => {
        const all = await resources(page)
        return NODES.map((id) => all[`caliconode/${id.slice('node/'.length)}`]?.spec?.bgp?.asNumber)
      })
      .toEqual([65010, 65010, 65010])
    await page.keyboard.press('Escape')
    await page.keyboard.press('Control+z')
    await expect
      .poll(async () => {
        const all = await resources(page)
        return NODES.map((id) => all[`caliconode/${id.slice('node/'.length)}`]?.spec?.bgp?.asNumber)
      })
      .toEqual([undefined, undefined, undefined])
  })

  it('moves every selected host with one drag, as one undo step', async () => {
    await selectHosts(page, [WORKER1, WORKER2])
    const before = await positions(page, [WORKER1, WORKER2, CONTROL1])
    const from = await pointOf(page, WORKER1)
    await drag(page, from, { x: from.x, y: from.y + 90 })
    // The canvas moves them while dragging; the design, once the drag is over.
    await expect
      .poll(async () => ((await resources(page))['layout/layout'] as { spec?: { positions?: Record<string, { y: number }> } } | undefined)?.spec?.positions?.[WORKER2]?.y)
      .toBeGreaterThan((before[WORKER2]?.y ?? 0) + 40)
    const after = await positions(page, [WORKER1, WORKER2, CONTROL1])
    expect((after[WORKER1]?.y ?? 0) - (before[WORKER1]?.y ?? 0)).toBe((after[WORKER2]?.y ?? 0) - (before[WORKER2]?.y ?? 0))
    expect(after[CONTROL1]).toEqual(before[CONTROL1])
    await page.keyboard.press('Control+z')
    await expect.poll(() => positions(page, [WORKER1, WORKER2])).toEqual({ [WORKER1]: before[WORKER1], [WORKER2]: before[WORKER2] })
  })

  it('aligns the selected hosts to the left from the inspector', async () => {
    await selectHosts(page, NODES)
    await page.locator('[data-align="left"]').click()
    const left = Math.min(...Object.values(await positions(page, NODES)).map((p) => p.x))
    await expect.poll(async () => Object.values(await positions(page, NODES)).map((p) => p.x)).toEqual([left, left, left])
    await page.screenshot({ path: resolve(RESULTS, 'selection-aligned.png') })
    await page.keyboard.press('Control+z')
  })

  it('copies a worker and pastes it with a fresh name, alias and address on the same segment; not while typing', async () => {
    await selectHosts(page, [WORKER2])
    await page.getByTestId('host-tab-properties').click()
    // Shortcuts typed in a field are the field's.
    await page.locator('[data-field="alias"]').focus()
    await page.keyboard.press('Control+d')
    expect(Object.keys(await resources(page)).filter((id) => id.startsWith('node/'))).toHaveLength(3)
    await page.keyboard.press('Escape')
    await page.keyboard.press('Control+c')
    await page.keyboard.press('Control+v')
    const copy = 'node/ip-10-0-1-2.eu-west-1.compute.internal'
    await expect.poll(() => selected(page)).toEqual([copy])
    const pasted = (await resources(page))[copy]
    expect(pasted?.metadata.annotations?.['peerlab.dev/alias']).toBe('worker3')
    expect(pasted?.status?.addresses?.filter((a) => a.type === 'InternalIP').map((a) => a.address)).toEqual(['10.0.1.2'])
    await expect.poll(() => page.evaluate((id) => window.peerlabCanvas?.getElementById(id).parent().first().id(), copy)).toBe('segment/lab-subnet')
    await expect.poll(() => page.getByTestId('status').textContent()).toBe('Pasted worker3 10.0.1.2')
  })

  it('duplicates a segment from the canvas menu on a fresh subnet', async () => {
    await page.keyboard.press('Escape')
    await page.getByRole('button', { name: 'Fit' }).click()
    await viewSettled(page)
    const inside = await emptySpotIn(page, 'segment/lab-subnet')
    await page.mouse.click(inside.x, inside.y, { button: 'right' })
    await page.getByTestId('canvas-menu').waitFor()
    expect(await selected(page)).toEqual(['segment/lab-subnet'])
    await page
      .getByTestId('canvas-menu')
      .getByRole('menuitem', { name: /^Duplicate/ })
      .click()
    await expect.poll(() => selected(page), SOON).toEqual(['segment/lab-subnet-1'])
    expect((await resources(page))['segment/lab-subnet-1']?.spec?.cidrs).toEqual(['10.0.0.0/24'])
    await expect.poll(() => page.getByTestId('status').textContent()).toBe('Duplicated segment lab-subnet-1 10.0.0.0/24')
    expect(await page.getByTestId('canvas-menu').count()).toBe(0)
  })

  it('shows the multi-selection inspector legibly at 1440×900 and 1280×800, light and dark', async () => {
    await page.getByRole('button', { name: 'Fit' }).click()
    await selectHosts(page, [...NODES, 'router/bastion'])
    for (const theme of ['light', 'dark'] as const) {
      if ((await page.evaluate(() => document.documentElement.dataset.theme)) !== theme) await page.getByRole('button', { name: theme === 'dark' ? 'Dark' : 'Light' }).click()
      for (const size of [
        { width: 1440, height: 900 },
        { width: 1280, height: 800 },
      ]) {
        await page.setViewportSize(size)
        await viewSettled(page)
        await page.screenshot({ path: resolve(RESULTS, `selection-inspector-${size.width}-${theme}.png`) })
      }
    }
    // The toolbar still fits on one row at 1280 pixels.
    const toolbar = await page.locator('.toolbar').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }))
    expect(toolbar.scroll).toBeLessThanOrEqual(toolbar.client)
    await viewSettled(page)
    const at = await pointOf(page, WORKER1)
    await page.mouse.click(at.x, at.y, { button: 'right' })
    await page.getByTestId('canvas-menu').waitFor()
    await page.screenshot({ path: resolve(RESULTS, 'selection-menu-1280-dark.png') })
    await page.keyboard.press('Escape')
    expect(await page.getByTestId('canvas-menu').count()).toBe(0)
  })

  it('logged no errors or warnings', () => {
    expect(session.problems).toEqual([])
  })
})
