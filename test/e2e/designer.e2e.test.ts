import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { findChromium } from './browser'
import { drag, emptySpotIn, openDesigner, openFile, pointOf, RESULTS, viewSettled, type DesignerSession } from './designerPage'
import { keptWork } from './persistentBrowser'

const chromiumPath = findChromium()
/** Sessions and problems are worked out just after an edit is painted: give them a moment on a busy machine. */
const SOON = { timeout: 20_000 }

/** The design as the store holds it, reduced to what a test compares. */
function state(page: Page) {
  return page.evaluate(() => {
    const current = window.peerlabDesign?.()
    if (!current) throw new Error('the app exposes no design')
    return {
      ids: current.design.entries.map((e) => e.id),
      resources: Object.fromEntries(current.design.entries.map((e) => [e.id, e.resource])) as Record<string, { spec?: Record<string, unknown>; status?: { addresses?: { address: string }[] } }>,
      codes: current.diagnostics.map((d) => `${d.code} ${d.subject ?? ''}`),
      isDirty: current.isDirty,
    }
  })
}

function edges(page: Page) {
  return page.evaluate(
    () =>
      window.peerlabCanvas
        ?.edges()
        .map((e) => ({ id: e.id(), source: e.data('source') as string, target: e.data('target') as string, kind: e.data('kind') as string, state: e.data('state') as string })) ?? [],
  )
}

describe.runIf(chromiumPath !== undefined)('drawing a network in the designer (browser mode)', () => {
  let session: DesignerSession
  let page: Page

  beforeAll(async () => {
    session = await openDesigner(chromiumPath as string)
    page = session.page
  })
  afterAll(async () => session?.close())

  it('starts a new design and adds two nodes, a router and a segment from the palette', async () => {
    await page.getByRole('button', { name: 'New', exact: true }).click()
    await expect.poll(() => page.getByTestId('design-name').textContent()).toBe('untitled')
    for (const name of ['+ Worker', '+ Worker', '+ Router', '+ Segment']) await page.getByRole('button', { name }).click()
    const { ids, isDirty } = await state(page)
    expect(ids).toEqual(['cluster/untitled', 'node/worker-1', 'layout/layout', 'node/worker-2', 'router/router-1', 'segment/segment-1'])
    expect(isDirty).toBe(true)
    expect(await page.title()).toBe('● untitled — Peerlab')
    expect(
      await page.evaluate(() =>
        window.peerlabCanvas
          ?.nodes()
          .map((n) => n.id())
          .sort(),
      ),
    ).toEqual(['node/worker-1', 'node/worker-2', 'router/router-1', 'segment/segment-1'])
  })

  it('attaches each host to the segment by dropping it there, with an address from the segment', async () => {
    for (const host of ['node/worker-1', 'node/worker-2', 'router/router-1']) {
      // Nothing selected, so the inspector does not cover the canvas; then everything in view.
      await page.keyboard.press('Escape')
      await page.getByRole('button', { name: 'Fit' }).click()
      await viewSettled(page)
      await drag(page, await pointOf(page, host), await emptySpotIn(page, 'segment/segment-1'))
      await expect.poll(async () => page.evaluate((id) => window.peerlabCanvas?.getElementById(id).parent().first().id(), host)).toBe('segment/segment-1')
    }
    const { resources } = await state(page)
    expect(resources['node/worker-1']?.status?.addresses?.map((a) => a.address)).toEqual(['10.0.0.2'])
    expect(resources['node/worker-2']?.status?.addresses?.map((a) => a.address)).toEqual(['10.0.0.3'])
    expect(resources['router/router-1']?.spec?.interfaces).toEqual([{ name: 'eth0', segment: 'segment-1', addresses: ['10.0.0.4'] }])
    // The two nodes are a mesh of two, with one Established session.
    await expect.poll(() => edges(page), SOON).toEqual([{ id: 'session/node/worker-1|node/worker-2', source: 'node/worker-1', target: 'node/worker-2', kind: 'mesh', state: 'up' }])
    await page.screenshot({ path: resolve(RESULTS, 'designer-attached.png') })
  })

  it('draws a peering from a node to the router: a node-specific BGPPeer with the router AS, drawn as an Established eBGP session', async () => {
    await page.getByRole('button', { name: 'Draw peering' }).click()
    await drag(page, await pointOf(page, 'node/worker-1'), await pointOf(page, 'router/router-1'))
    await page.keyboard.press('Escape')
    const { resources } = await state(page)
    expect(resources['bgppeer/worker-1-router-1']?.spec).toEqual({ node: 'worker-1', peerIP: '10.0.0.4', asNumber: 65000 })
    expect(resources['router/router-1']?.spec?.neighbors).toEqual([{ address: '10.0.0.2', asNumber: 64512 }])
    await expect.poll(() => edges(page), SOON).toContainEqual({ id: 'session/node/worker-1|router/router-1', source: 'node/worker-1', target: 'router/router-1', kind: 'ebgp', state: 'up' })
  })

  it('edits in the inspector: a refused value stays in the field with the engine diagnostic and is not applied', async () => {
    await page.evaluate(() => {
      window.peerlabCanvas?.getElementById('node/worker-2').select()
    })
    const addresses = page.locator('[data-field="addresses"]')
    await addresses.fill('10.0.0.2')
    await addresses.press('Enter')
    await expect.poll(() => page.getByTestId('field-problem').first().textContent()).toContain('address.duplicate')
    expect((await state(page)).resources['node/worker-2']?.status?.addresses?.map((a) => a.address)).toEqual(['10.0.0.3'])
    await page.screenshot({ path: resolve(RESULTS, 'designer-inspector-refused.png') })
    await page.locator('[data-field="alias"]').fill('w2')
    await page.locator('[data-field="alias"]').press('Enter')
    await expect.poll(async () => page.evaluate(() => window.peerlabCanvas?.getElementById('node/worker-2').data('label') as string)).toContain('w2')
  })

  it('shows a problem when the router AS changes, focuses the session from the Problems list, and clears it once the peer is fixed', async () => {
    await page.evaluate(() => {
      window.peerlabCanvas?.elements(':selected').unselect()
      window.peerlabCanvas?.getElementById('router/router-1').select()
    })
    await page.locator('[data-field="asNumber"]').fill('65010')
    await page.locator('[data-field="asNumber"]').press('Enter')
    await expect.poll(async () => (await state(page)).codes, SOON).toContain('bgp.session-down bgppeer/worker-1-router-1')
    await expect.poll(() => edges(page), SOON).toContainEqual(expect.objectContaining({ id: 'session/node/worker-1|router/router-1', state: 'down' }))
    await page
      .getByTestId('problems')
      .getByRole('button', { name: /Bad peer AS/ })
      .first()
      .click()
    await expect.poll(() => page.evaluate(() => window.peerlabCanvas?.$(':selected').map((e) => e.id())), SOON).toEqual(['session/node/worker-1|router/router-1'])
    await expect.poll(() => page.getByTestId('inspector').locator('h2').textContent()).toBe('BGPPeer worker-1-router-1')
    expect(await page.getByTestId('inspector').locator('h2').getAttribute('title')).toBe('bgppeer/worker-1-router-1')
    await page.screenshot({ path: resolve(RESULTS, 'designer-problem.png') })
    await page.locator('[data-field="asNumber"]').fill('65010')
    await page.locator('[data-field="asNumber"]').press('Enter')
    await expect.poll(async () => (await state(page)).codes.filter((c) => c.startsWith('bgp.session-down')), SOON).toEqual([])
    await expect.poll(() => edges(page), SOON).toContainEqual(expect.objectContaining({ id: 'session/node/worker-1|router/router-1', state: 'up' }))
  })

  it('undoes and redoes with the keyboard, one step per edit', async () => {
    await page.keyboard.press('Escape')
    await page.keyboard.press('Control+z')
    await expect.poll(async () => (await state(page)).resources['bgppeer/worker-1-router-1']?.spec?.asNumber).toBe(65000)
    await page.keyboard.press('Control+z')
    await expect.poll(async () => (await state(page)).resources['router/router-1']?.spec?.asNumber).toBe(65000)
    await page.keyboard.press('Control+Shift+z')
    await expect.poll(async () => (await state(page)).resources['router/router-1']?.spec?.asNumber).toBe(65010)
    await page.keyboard.press('Control+Shift+z')
    await expect.poll(async () => (await state(page)).resources['bgppeer/worker-1-router-1']?.spec?.asNumber).toBe(65010)
  })

  it('adds an IP pool from the Resources panel, shows its capacity, and edits its block size', async () => {
    await page.keyboard.press('Escape')
    await page.getByRole('button', { name: 'Resources' }).click()
    await page.getByRole('button', { name: '+ Pool' }).click()
    await expect.poll(async () => (await state(page)).resources['ippool/pool-1']?.spec?.cidr).toBe('192.168.0.0/24')
    const detail = page.locator('[data-id="ippool/pool-1"] [data-testid="resource-detail"]')
    await expect.poll(() => detail.textContent(), SOON).toBe('0/4 blocks of /26 (64 addresses) · 2 nodes · 256 free · 220 more pods fit here')
    await page.locator('[data-field="blockSize"]').fill('28')
    await page.locator('[data-field="blockSize"]').press('Enter')
    await expect.poll(() => detail.textContent(), SOON).toBe('0/16 blocks of /28 (16 addresses) · 2 nodes · 256 free · 220 more pods fit here')
    await page.screenshot({ path: resolve(RESULTS, 'designer-pool.png') })
    await page.keyboard.press('Escape')
    await page.getByRole('button', { name: 'Resources' }).click()
  })

  it('asks before New throws unsaved work away, and keeps it when told to', async () => {
    page.once('dialog', (dialog) => void dialog.dismiss())
    await page.getByRole('button', { name: 'New', exact: true }).click()
    expect((await state(page)).ids).toContain('ippool/pool-1')
    expect((await state(page)).isDirty).toBe(true)
  })

  it('saves the design as a file and opens it again unchanged', async () => {
    const before = await state(page)
    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Save As…' }).click()
    const path = await (await download).path()
    await expect.poll(async () => (await state(page)).isDirty).toBe(false)
    expect(await page.title()).toBe('untitled — Peerlab')
    const text = readFileSync(path, 'utf8')
    expect(text).toContain('kind: BGPPeer')
    await openFile(page, 'drawn.yaml', text)
    await expect.poll(() => page.getByTestId('design-name').textContent()).toBe('drawn')
    const after = await state(page)
    expect([...after.ids].sort()).toEqual([...before.ids].sort())
    expect(after.resources).toEqual(before.resources)
    expect(after.isDirty).toBe(false)
  })

  it('keeps unsaved work across a reload and offers it back', async () => {
    await page.getByRole('button', { name: '+ Worker' }).click()
    await expect.poll(async () => (await state(page)).ids).toContain('node/worker-3')
    // Autosave keeps the work within a second; wait for it to hold the new worker.
    await expect.poll(async () => (await keptWork(page))?.text ?? '', { timeout: 10_000 }).toContain('worker-3')
    page.once('dialog', (dialog) => void dialog.accept())
    await page.reload()
    await page.waitForFunction(() => (window.peerlabCanvas?.nodes().length ?? 0) > 0)
    expect((await state(page)).ids).not.toContain('node/worker-3')
    await page.getByTestId('autosave-offer').getByRole('button', { name: 'Restore' }).click()
    await expect.poll(async () => (await state(page)).ids).toContain('node/worker-3')
    expect((await state(page)).isDirty).toBe(true)
    expect(await page.getByTestId('design-name').textContent()).toBe('drawn')
    await page.screenshot({ path: resolve(RESULTS, 'designer-restored.png') })
  })

  it('deletes a selected session with the keyboard by removing its BGPPeer, and undo brings it back', async () => {
    await page.evaluate(() => {
      window.peerlabCanvas?.getElementById('session/node/worker-1|router/router-1').select()
    })
    await page.keyboard.press('Delete')
    await expect.poll(async () => (await state(page)).ids, SOON).not.toContain('bgppeer/worker-1-router-1')
    await page.keyboard.press('Control+z')
    await expect.poll(async () => (await state(page)).ids).toContain('bgppeer/worker-1-router-1')
  })

  it('lists the keyboard shortcuts and switches to the dark theme', async () => {
    await page.keyboard.press('?')
    await expect.poll(() => page.getByTestId('help').textContent()).toContain('Draw peering')
    await page.keyboard.press('Escape')
    expect(await page.getByTestId('help').count()).toBe(0)
    await page.getByRole('button', { name: 'Dark' }).click()
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    expect(await page.evaluate(() => window.peerlabCanvas?.nodes('[kind = "worker"]').first().style('background-color'))).toBe('rgb(31,41,55)')
    await page.screenshot({ path: resolve(RESULTS, 'designer-dark.png') })
  })

  it('stays legible on a 4K screen', async () => {
    const large = await session.browser.newPage({ viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 2 })
    await large.goto(page.url())
    await large.waitForFunction(() => (window.peerlabCanvas?.nodes().length ?? 0) > 0)
    // The lab's four hosts fill the view at a zoom where their 13px labels stay at least that large.
    expect(await large.evaluate(() => window.peerlabCanvas?.zoom())).toBeGreaterThanOrEqual(1)
    await large.screenshot({ path: resolve(RESULTS, 'designer-4k.png') })
    await large.close()
  })

  it('folds the lab mesh into one element once a fourth node joins, and expands it on a double click', async () => {
    const lab = await session.browser.newPage({ viewport: { width: 1280, height: 800 } })
    lab.on('pageerror', (error) => session.problems.push(`page error: ${error.message}`))
    await lab.goto(page.url())
    await lab.waitForFunction(() => (window.peerlabCanvas?.nodes().length ?? 0) > 0)
    await lab.getByRole('button', { name: '+ Worker' }).click()
    await lab.keyboard.press('Escape')
    await viewSettled(lab)
    await drag(lab, await pointOf(lab, 'node/worker-1'), await emptySpotIn(lab, 'segment/lab-subnet'))
    await expect.poll(() => lab.evaluate(() => window.peerlabCanvas?.getElementById('node/worker-1').parent().first().id()), SOON).toBe('segment/lab-subnet')
    await lab.getByRole('button', { name: 'Fit' }).click()
    const meshEdges = () => lab.evaluate(() => window.peerlabCanvas?.edges('[kind = "mesh"]').length)
    try {
      await expect
        .poll(() => lab.evaluate(() => window.peerlabCanvas?.getElementById('mesh/node-to-node').data('label') as string | undefined), SOON)
        .toBe('node-to-node mesh\n4 nodes · 6/6 Established')
    } catch (error) {
      // What the canvas held when the mesh did not fold, for whoever reads the failure.
      console.error('canvas elements:', await lab.evaluate(() => window.peerlabCanvas?.elements().map((e) => e.id())))
      await lab.screenshot({ path: resolve(RESULTS, 'designer-mesh-failed.png') })
      throw error
    }
    await expect.poll(meshEdges, SOON).toBe(4)
    await lab.screenshot({ path: resolve(RESULTS, 'designer-mesh-folded.png') })
    // A spoke has no BGPPeer behind it, yet the inspector still says what it is.
    await lab.evaluate(() => {
      window.peerlabCanvas?.elements().unselect()
      window.peerlabCanvas?.edges('[kind = "mesh"]').first().select()
    })
    await expect.poll(() => lab.getByTestId('inspector-session').textContent(), SOON).toContain('mesh session')
    await lab.evaluate(() => {
      window.peerlabCanvas?.elements().unselect()
    })
    const hub = await pointOf(lab, 'mesh/node-to-node')
    await lab.mouse.dblclick(hub.x, hub.y)
    await expect.poll(meshEdges, SOON).toBe(6)
    expect(await lab.evaluate(() => window.peerlabCanvas?.getElementById('mesh/node-to-node').length)).toBe(0)
    // Layout by rack places every host again, in one row for the lab's one (rackless) segment.
    await lab.getByRole('button', { name: 'Layout by rack' }).click()
    const ys = await lab.evaluate(() => window.peerlabCanvas?.nodes('[kind != "segment"]').map((n) => n.position('y')))
    expect(new Set(ys)).toEqual(new Set([0]))
    // Layout by AS: the lab's one AS (bastion's 64512 is the cluster's) is one row too, every host in it.
    await lab.getByRole('button', { name: 'Layout by AS' }).click()
    const byAs = await lab.evaluate(() => window.peerlabCanvas?.nodes('[kind != "segment"]').map((n) => [n.position('x'), n.position('y')]))
    expect(new Set(byAs?.map(([, y]) => y))).toEqual(new Set([0]))
    expect(new Set(byAs?.map(([x]) => x)).size).toBe(byAs?.length)
    await lab.close()
  })

  it('logged no errors or warnings', () => {
    expect(session.problems).toEqual([])
  })
})
