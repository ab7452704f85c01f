import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { findChromium } from './browser'
import { drag, openDesigner, openFile, pointOf, RESULTS, viewSettled, type DesignerSession } from './designerPage'

const chromiumPath = findChromium()
const SOON = { timeout: 20_000 }
const ROOT = resolve(import.meta.dirname, '../..')

/** The eBGP ToR fixture grown to six nodes in two racks: the design issue #14 was reported on. */
export function twoRackDesign(): string {
  const fixture = readFileSync(resolve(ROOT, 'test/fixtures/designs/ebgp-tor-v1alpha1.yaml'), 'utf8')
  const node = (name: string, rack: string, address: string, as: number): string =>
    `---\napiVersion: v1\nkind: Node\nmetadata:\n  name: ${name}\n  labels: {rack: ${rack}}\nstatus:\n  addresses: [{type: InternalIP, address: ${address}}]\n---\napiVersion: projectcalico.org/v3\nkind: Node\nmetadata:\n  name: ${name}\nspec:\n  bgp: {asNumber: ${as}}\n`
  return (
    fixture
      .replace('    - {address: 10.0.10.12, asNumber: 65102}\n', '    - {address: 10.0.10.12, asNumber: 65102}\n    - {address: 10.0.10.13, asNumber: 65103}\n')
      .replace('    - {address: 10.0.20.22, asNumber: 65202}\n', '    - {address: 10.0.20.22, asNumber: 65202}\n    - {address: 10.0.20.23, asNumber: 65203}\n') +
    node('r1n3', 'rack1', '10.0.10.13', 65103) +
    node('r2n3', 'rack2', '10.0.20.23', 65203)
  )
}

type Box = { id: string; x1: number; y1: number; x2: number; y2: number }

/** Every node's box with its label, in rendered (screen) pixels of the canvas, and the canvas size. */
function nodeBoxes(page: Page): Promise<{ boxes: Box[]; width: number; height: number }> {
  return page.evaluate(() => {
    const cy = window.peerlabCanvas
    if (!cy) throw new Error('no canvas')
    const boxes = cy.nodes().map((n) => {
      const b = n.renderedBoundingBox({ includeLabels: true, includeOverlays: false })
      return { id: n.id(), x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2 }
    })
    return { boxes, width: cy.width(), height: cy.height() }
  })
}

/** The drawn session labels' boxes in model coordinates; labels hidden to avoid an overlap are not drawn and not counted. */
function edgeLabelBoxes(page: Page): Promise<Box[]> {
  return page.evaluate(() => {
    const cy = window.peerlabCanvas
    if (!cy) throw new Error('no canvas')
    return cy
      .edges('[label != ""]')
      .filter((e) => !e.hasClass('label-hidden') && e.visible())
      .map((e) => {
        const b = e.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false })
        return { id: e.id(), x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2 }
      })
      .filter((b) => Number.isFinite(b.x1) && b.x2 > b.x1)
  })
}

/** Titles of segments (and rectangles) and hosts' boxes in model coordinates: what a session label must not cover. */
function titleBoxes(page: Page): Promise<Box[]> {
  return page.evaluate(() => {
    const cy = window.peerlabCanvas
    if (!cy) throw new Error('no canvas')
    return cy.nodes('[kind = "segment"]').map((n) => {
      const b = n.boundingBox({ includeNodes: false, includeLabels: true, includeOverlays: false })
      return { id: n.id(), x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2 }
    })
  })
}

const overlap = (a: Box, b: Box): boolean => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2

function overlapping(boxes: readonly Box[], others: readonly Box[] = boxes): string[] {
  const pairs: string[] = []
  for (const [i, a] of boxes.entries()) for (const [j, b] of others.entries()) if ((others !== boxes || j > i) && a.id !== b.id && overlap(a, b)) pairs.push(`${a.id} × ${b.id}`)
  return pairs
}

/** Where the floating panels are over the canvas, in the canvas's pixels. */
function panelBoxes(page: Page): Promise<Box[]> {
  return page.evaluate(() => {
    const canvas = document.querySelector('[data-testid="topology-canvas"]')?.getBoundingClientRect()
    if (!canvas) throw new Error('no canvas')
    return [...document.querySelectorAll('[data-canvas-cover]')].map((element, i) => {
      const r = element.getBoundingClientRect()
      return { id: `panel ${i} ${element.getAttribute('data-testid') ?? element.className}`, x1: r.left - canvas.left, y1: r.top - canvas.top, x2: r.right - canvas.left, y2: r.bottom - canvas.top }
    })
  })
}

/** What the engine worked out, reduced to what an annotation must never change. */
function network(page: Page) {
  return page.evaluate(() => {
    const current = window.peerlabDesign?.()
    if (!current) throw new Error('no design')
    const edges = window.peerlabCanvas?.edges().map((e) => `${e.id()} ${String(e.data('kind'))} ${String(e.data('state'))}`) ?? []
    return { diagnostics: current.diagnostics.map((d) => `${d.code} ${d.subject ?? ''}`).sort(), edges: edges.sort() }
  })
}

async function expectFittedAndApart(page: Page, label: string): Promise<void> {
  await viewSettled(page)
  const { boxes, width, height } = await nodeBoxes(page)
  // Fitted: all of it in view, and not a speck in a corner.
  for (const b of boxes) {
    expect(b.x1, `${label}: ${b.id} left`).toBeGreaterThanOrEqual(0)
    expect(b.y1, `${label}: ${b.id} top`).toBeGreaterThanOrEqual(0)
    expect(b.x2, `${label}: ${b.id} right`).toBeLessThanOrEqual(width)
    expect(b.y2, `${label}: ${b.id} bottom`).toBeLessThanOrEqual(height)
  }
  const spanX = Math.max(...boxes.map((b) => b.x2)) - Math.min(...boxes.map((b) => b.x1))
  const spanY = Math.max(...boxes.map((b) => b.y2)) - Math.min(...boxes.map((b) => b.y1))
  expect(Math.max(spanX / width, spanY / height), `${label}: fills the view`).toBeGreaterThan(0.4)
  // Segment boxes (compound nodes) never overlap one another, nor does anything sit on a panel.
  const segments = boxes.filter((b) => b.id.startsWith('segment/'))
  expect(overlapping(segments), `${label}: segment boxes`).toEqual([])
  expect(overlapping(boxes, await panelBoxes(page)), `${label}: under a panel`).toEqual([])
}

describe.runIf(chromiumPath !== undefined)('placement, layouts, labels and annotations (browser mode)', () => {
  let session: DesignerSession
  let page: Page

  beforeAll(async () => {
    session = await openDesigner(chromiumPath as string, { width: 1440, height: 900 })
    page = session.page
    // Replacing unsaved work asks first: these tests mean to replace it.
    page.on('dialog', (d) => void d.accept())
  })
  afterAll(async () => session?.close())

  it("draws the lab's session labels apart from each other and from the subnet's title", async () => {
    await expect.poll(async () => (await edgeLabelBoxes(page)).length, SOON).toBeGreaterThan(0)
    await viewSettled(page)
    const labels = await edgeLabelBoxes(page)
    expect(overlapping(labels)).toEqual([])
    expect(overlapping(labels, await titleBoxes(page))).toEqual([])
    // All three of bastion's global peerings keep a readable label.
    expect(labels.length).toBe(3)
  })

  it('puts three segments and three workers from the palette in free space, in view, on nothing else', async () => {
    await page.getByRole('button', { name: 'New', exact: true }).click()
    await expect.poll(() => page.getByTestId('design-name').textContent()).toBe('untitled')
    for (const name of ['+ Segment', '+ Segment', '+ Segment', '+ Worker', '+ Worker', '+ Worker']) {
      await page.getByRole('button', { name, exact: true }).click()
      await viewSettled(page)
      // Where it lands, with the host panel or inspector it opens: on nothing, under no panel.
      const { boxes } = await nodeBoxes(page)
      const added = boxes.filter((b) => b.id === boxes.at(-1)?.id)
      expect(overlapping(added, boxes), name).toEqual([])
      expect(overlapping(added, await panelBoxes(page)), name).toEqual([])
      await page.keyboard.press('Escape')
      await page.keyboard.press('Escape')
    }
    await viewSettled(page)
    await page.screenshot({ path: resolve(RESULTS, 'placement-palette-1440.png') })
    const { boxes, width, height } = await nodeBoxes(page)
    expect(boxes.map((b) => b.id).sort()).toEqual(['node/worker-1', 'node/worker-2', 'node/worker-3', 'segment/segment-1', 'segment/segment-2', 'segment/segment-3'])
    expect(overlapping(boxes)).toEqual([])
    for (const b of boxes) expect(b.x1 >= 0 && b.y1 >= 0 && b.x2 <= width && b.y2 <= height, `${b.id} in view`).toBe(true)
  })

  it('ends every layout fitted, with no two segment boxes overlapping, on the two-rack design', async () => {
    await openFile(page, 'two-racks.yaml', twoRackDesign())
    await expect.poll(() => page.getByTestId('design-name').textContent()).toBe('two-racks')
    await expect.poll(async () => (await network(page)).edges.length, SOON).toBeGreaterThan(5)
    for (const layout of ['Layout by rack', 'Layout by AS', 'Layout by segment']) {
      // Zoomed and panned away first, so only the layout's own fit can bring it back.
      await page.evaluate(() => {
        window.peerlabCanvas?.viewport({ zoom: 0.3, pan: { x: 900, y: 700 } })
      })
      await page.getByRole('button', { name: layout }).click()
      await expectFittedAndApart(page, layout)
      await page.screenshot({ path: resolve(RESULTS, `placement-${layout.replaceAll(' ', '-').toLowerCase()}-1440.png`) })
    }
  })

  it("draws the two-rack design's session labels apart from each other and from the titles", async () => {
    await page.getByRole('button', { name: 'Layout by rack' }).click()
    await viewSettled(page)
    const labels = await edgeLabelBoxes(page)
    expect(labels.length).toBeGreaterThan(4)
    expect(overlapping(labels)).toEqual([])
    expect(overlapping(labels, await titleBoxes(page))).toEqual([])
  })

  it('adds a note and a rectangle that are saved, come back on reload, and change nothing in the network', async () => {
    const before = await network(page)
    await page.getByRole('button', { name: '+ Note' }).click()
    await page.getByTestId('annotation-text').fill('Rack 1 and rack 2: eBGP to each ToR')
    await page.getByTestId('annotation-text').press('Tab')
    await page.getByRole('button', { name: '+ Box' }).click()
    await page.getByTestId('annotation-text').fill('Core')
    await page.getByTestId('annotation-width').fill('520')
    await page.getByTestId('annotation-width').press('Tab')
    await page.keyboard.press('Escape')
    await page.keyboard.press('Escape')
    await expect
      .poll(() => page.evaluate(() => window.peerlabCanvas?.nodes('[kind = "note"], [kind = "rectangle"]').map((n) => `${n.id()} ${String(n.data('label'))}`)))
      .toEqual(['annotation/note-1 Rack 1 and rack 2: eBGP to each ToR', 'annotation/rectangle-1 Core'])
    // Placed clear of everything drawn before them.
    const { boxes } = await nodeBoxes(page)
    const added = boxes.filter((b) => b.id.startsWith('annotation/'))
    expect(
      overlapping(
        added,
        boxes.filter((b) => !b.id.startsWith('annotation/')),
      ),
    ).toEqual([])
    await page.screenshot({ path: resolve(RESULTS, 'placement-annotations-1440.png') })

    // Saved as the browser saves: a download of the design's text.
    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    const saved = readFileSync((await (await download).path()) as string, 'utf8')
    expect(saved).toContain('annotations:')
    expect(saved).toContain('Rack 1 and rack 2: eBGP to each ToR')

    // Opened again after a new design: they are back, and the network is what it was.
    await page.getByRole('button', { name: 'New', exact: true }).click()
    await openFile(page, 'two-racks-annotated.yaml', saved)
    await expect
      .poll(() => page.evaluate(() => window.peerlabCanvas?.nodes('[kind = "note"], [kind = "rectangle"]').map((n) => `${n.id()} ${String(n.data('label'))} ${String(n.data('width'))}`)))
      .toEqual([expect.stringMatching(/^annotation\/note-1 Rack 1 and rack 2: eBGP to each ToR \d+$/), 'annotation/rectangle-1 Core 520'])
    await expect.poll(() => network(page), SOON).toEqual(before)
  })

  it('moves, deletes and undoes an annotation', async () => {
    const annotation = (id: string) =>
      page.evaluate((wanted) => {
        const layout = window.peerlabDesign?.().design.entries.find((e) => e.resource.kind === 'Layout')?.resource as
          { spec?: { annotations?: { id: string; x: number; y: number; width?: number }[] } } | undefined
        return layout?.spec?.annotations?.find((a) => a.id === wanted)
      }, id)
    await page.keyboard.press('Escape')
    await viewSettled(page)
    const before = await annotation('note-1')
    const from = await pointOf(page, 'annotation/note-1')
    await drag(page, from, { x: from.x + 120, y: from.y + 60 })
    await expect.poll(async () => (await annotation('note-1'))?.x).not.toBe(before?.x)
    expect((await annotation('note-1'))?.y).toBeGreaterThan(before?.y ?? Infinity)

    // A rectangle grows from its corner handle; its top-left corner stays put.
    await page.keyboard.press('Escape')
    await page.evaluate(() => {
      window.peerlabCanvas?.getElementById('annotation/rectangle-1').select()
    })
    const handle = await page.getByTestId('resize-handle').boundingBox()
    if (!handle) throw new Error('no resize handle')
    const rectangle = await annotation('rectangle-1')
    await drag(page, { x: handle.x + handle.width / 2, y: handle.y + handle.height / 2 }, { x: handle.x + 100, y: handle.y + 50 })
    await expect.poll(async () => (await annotation('rectangle-1'))?.width).toBeGreaterThan(rectangle?.width ?? Infinity)
    const grown = await annotation('rectangle-1')
    expect((grown?.x ?? 0) - (grown?.width ?? 0) / 2).toBeCloseTo((rectangle?.x ?? 0) - (rectangle?.width ?? 0) / 2)
    await page.keyboard.press('Escape')

    await page.evaluate(() => {
      window.peerlabCanvas?.getElementById('annotation/note-1').select()
    })
    await page.keyboard.press('Delete')
    await expect.poll(() => page.evaluate(() => window.peerlabCanvas?.getElementById('annotation/note-1').length)).toBe(0)
    await page.getByTestId('undo').click()
    await expect.poll(() => page.evaluate(() => window.peerlabCanvas?.getElementById('annotation/note-1').length)).toBe(1)
  })

  it('takes screenshots of the lab and the two-rack design, light and dark, at 1440x900 and 1280x800', async () => {
    for (const viewport of [
      { width: 1440, height: 900 },
      { width: 1280, height: 800 },
    ]) {
      await page.setViewportSize(viewport)
      for (const theme of ['light', 'dark']) {
        if ((await page.evaluate(() => document.documentElement.dataset.theme)) !== theme) await page.getByRole('button', { name: theme === 'dark' ? 'Dark' : 'Light', exact: true }).click()
        await page.getByRole('button', { name: 'Fit', exact: true }).click()
        await viewSettled(page)
        await page.screenshot({ path: resolve(RESULTS, `placement-two-racks-${viewport.width}-${theme}.png`) })
      }
    }
    await page.getByRole('button', { name: 'New', exact: true }).click()
    await openFile(page, 'calico-lab-2.2.yaml', readFileSync(resolve(ROOT, 'examples/calico-lab-2.2.yaml'), 'utf8'))
    await expect.poll(() => page.getByTestId('design-name').textContent()).toBe('calico-lab-2.2')
    for (const viewport of [
      { width: 1440, height: 900 },
      { width: 1280, height: 800 },
    ]) {
      await page.setViewportSize(viewport)
      for (const theme of ['light', 'dark']) {
        if ((await page.evaluate(() => document.documentElement.dataset.theme)) !== theme) await page.getByRole('button', { name: theme === 'dark' ? 'Dark' : 'Light', exact: true }).click()
        await page.getByRole('button', { name: 'Fit', exact: true }).click()
        await viewSettled(page)
        await page.screenshot({ path: resolve(RESULTS, `placement-lab-${viewport.width}-${theme}.png`) })
      }
    }
    expect(session.problems).toEqual([])
  })
})
