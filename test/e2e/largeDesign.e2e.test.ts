import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { canvasDesignText } from '../../bench/canvasDesign'
import { checkFieldEdit } from '../../shared/edit/fieldEdit'
import { loadDesign } from '../../shared/format/loadDesign'
import { saveDesign } from '../../shared/format/saveDesign'
import { hostPanelDesignText } from '../../bench/hostPanelDesign'
import { findChromium } from './browser'
import { drag, emptySpotIn, openDesigner, openFile, pointOf, type DesignerSession } from './designerPage'

const chromiumPath = findChromium()
const HOSTS = 400

function segmentOf(page: Page, id: string) {
  return page.evaluate((host) => window.peerlabCanvas?.getElementById(host).data('segment') as string | undefined, id)
}

describe.runIf(chromiumPath !== undefined)('a design too large for compound segments (browser mode)', () => {
  let session: DesignerSession
  let page: Page

  beforeAll(async () => {
    session = await openDesigner(chromiumPath as string)
    page = session.page
    await openFile(page, 'racks.yaml', canvasDesignText(HOSTS))
    await page.waitForFunction((count) => (window.peerlabCanvas?.nodes('[kind != "segment"]').length ?? 0) >= count, HOSTS)
  })
  afterAll(async () => session?.close())

  it('draws each segment as a plain box around its hosts, behind them', async () => {
    const layout = await page.evaluate(() => {
      const cy = window.peerlabCanvas
      if (!cy) throw new Error('no canvas')
      const rack = cy.getElementById('segment/rack-3')
      const box = rack.boundingBox({ includeLabels: false })
      const members = cy.nodes('[segment = "segment/rack-3"]')
      return {
        parents: cy.nodes(':parent').length,
        members: members.length,
        outside: members.filter((m) => {
          const b = m.boundingBox({ includeLabels: false })
          return b.x1 < box.x1 || b.x2 > box.x2 || b.y1 < box.y1 || b.y2 > box.y2
        }).length,
        behind: (rack.style('z-index') as number) < (members.first().style('z-index') as number),
      }
    })
    expect(layout).toEqual({ parents: 0, members: 40, outside: 0, behind: true })
  })

  it('labels hosts only where they can be read: zoomed in, in or near the view', async () => {
    const labelOf = (id: string) => page.evaluate((host) => window.peerlabCanvas?.getElementById(host).style('label') as string, id)
    expect(await labelOf('node/node-7')).toBe('')
    await page.evaluate(() => {
      const cy = window.peerlabCanvas
      cy?.zoom(1)
      cy?.center(cy.getElementById('node/node-7'))
    })
    await expect.poll(() => labelOf('node/node-7')).toMatch(/^node-7\n/)
    expect(await labelOf('node/node-390')).toBe('')
    await page.screenshot({ path: 'test-results/large-design-labels.png' })
  })

  it('attaches a host dropped on another segment, which then wraps it', async () => {
    expect(await segmentOf(page, 'node/node-0')).toBe('segment/rack-0')
    // Close enough to read, with node-0 and the rack below it in view.
    await page.evaluate(() => {
      const cy = window.peerlabCanvas
      const host = cy?.getElementById('node/node-0')
      if (!cy || !host) throw new Error('no node-0')
      cy.zoom(1)
      cy.center(host)
      cy.panBy({ x: 0, y: -130 })
    })
    const from = await pointOf(page, 'node/node-0')
    const to = await page.evaluate(() => {
      const cy = window.peerlabCanvas
      const box = cy?.getElementById('segment/rack-1').renderedBoundingBox({ includeLabels: false })
      const canvas = cy?.container()?.getBoundingClientRect()
      if (!box || !canvas) throw new Error('no rack-1')
      return { y: canvas.top + box.y2 - 8 }
    })
    await drag(page, from, { x: from.x, y: to.y })
    await expect.poll(() => segmentOf(page, 'node/node-0'), { timeout: 10_000 }).toBe('segment/rack-1')
    const address = await page.evaluate(() => {
      const entry = window.peerlabDesign?.().design.entries.find((e) => e.id === 'node/node-0')
      return (entry?.resource as { status?: { addresses?: { address: string }[] } } | undefined)?.status?.addresses?.[0]?.address
    })
    expect(address).toMatch(/^10\.0\.1\./)
    const inside = await page.evaluate(() => {
      const cy = window.peerlabCanvas
      const box = cy?.getElementById('segment/rack-1').boundingBox({ includeLabels: false })
      const at = cy?.getElementById('node/node-0').position()
      return !!box && !!at && at.x > box.x1 && at.x < box.x2 && at.y > box.y1 && at.y < box.y2
    })
    expect(inside).toBe(true)
  })

  it('moves a segment box with its hosts, as one edit', async () => {
    const positionOf = (id: string) => page.evaluate((host) => ({ ...(window.peerlabCanvas?.getElementById(host).position() ?? { x: NaN, y: NaN }) }), id)
    // The last rack: sessions run up from its hosts to the reflectors in rack-0, so its bottom strip is bare box.
    await page.evaluate(() => {
      const cy = window.peerlabCanvas
      cy?.zoom(1)
      cy?.center(cy.getElementById('segment/rack-9'))
    })
    const member = await positionOf('node/node-365')
    const other = await positionOf('node/node-125')
    const from = await emptySpotIn(page, 'segment/rack-9')
    await drag(page, from, { x: from.x + 100, y: from.y + 20 })
    // Where the design, not just the canvas, now has the hosts.
    const placed = (id: string) =>
      page.evaluate((host) => {
        const layout = window.peerlabDesign?.().design.entries.find((e) => e.resource.kind === 'Layout')?.resource as { spec?: { positions?: Record<string, { x: number; y: number }> } } | undefined
        return layout?.spec?.positions?.[host]
      }, id)
    await expect.poll(() => placed('node/node-365'), { timeout: 10_000 }).toBeDefined()
    const moved = (await placed('node/node-365')) as { x: number; y: number }
    expect(Math.abs(moved.x - member.x - 100)).toBeLessThanOrEqual(20)
    expect(Math.abs(moved.y - member.y - 20)).toBeLessThanOrEqual(20)
    expect(await placed('node/node-125')).toBeUndefined()
    expect(await positionOf('node/node-125')).toEqual(other)
  })

  it("draws a rack's sessions to each reflector as one line, opened up from the inspector and gathered back", async () => {
    const bundle = 'bundle/segment/rack-5|node/node-1|rr-client|up'
    await page.waitForFunction((id) => window.peerlabCanvas?.getElementById(id).nonempty(), bundle, { timeout: 30_000 })
    await page.evaluate(() => {
      window.peerlabCanvas?.fit()
    })
    const drawn = () =>
      page.evaluate(() => {
        const edges = window.peerlabCanvas?.edges().toArray() ?? []
        const bundles = edges.filter((e) => e.id().startsWith('bundle/'))
        return { bundles: bundles.length, single: edges.filter((e) => e.id().startsWith('session/')).length, inBundles: bundles.reduce((sum, e) => sum + (e.data('size') as number), 0) }
      })
    const before = await drawn()
    // Every client has three sessions, one to each reflector; racks without a reflector send one bundle to each.
    expect(before.single + before.inBundles).toBe(3 * HOSTS - 6)
    expect(before.bundles).toBeGreaterThanOrEqual(8 * 3)
    expect(await page.evaluate((id) => window.peerlabCanvas?.getElementById(id).data('label'), bundle)).toBe('40 RR client sessions Established · AS 64512')
    // Its label is given to Cytoscape, like a host's, only once it can be read there.
    const shownLabel = () => page.evaluate((id) => window.peerlabCanvas?.getElementById(id).style('label') as string, bundle)
    expect(await shownLabel()).toBe('')
    await page.evaluate((id) => {
      const cy = window.peerlabCanvas
      cy?.zoom(1)
      cy?.center(cy.getElementById(id))
    }, bundle)
    await expect.poll(shownLabel).toBe('40 RR client sessions Established · AS 64512')
    await page.evaluate(() => {
      window.peerlabCanvas?.fit()
    })

    const selectOnly = (id: string) =>
      page.evaluate((element) => {
        window.peerlabCanvas?.elements().unselect()
        window.peerlabCanvas?.getElementById(element).select()
      }, id)
    await selectOnly(bundle)
    await page.getByTestId('expand-bundle').click({ timeout: 10_000 })
    await expect.poll(drawn).toEqual({ bundles: before.bundles - 1, single: before.single + 40, inBundles: before.inBundles - 40 })
    await page.screenshot({ path: 'test-results/large-design-bundle-open.png' })

    await selectOnly('session/node/node-1|node/node-205')
    await page.getByTestId('fold-bundle').click({ timeout: 10_000 })
    await expect.poll(drawn).toEqual(before)
    // Double-clicking a bundle opens it too.
    await page.evaluate((id) => {
      window.peerlabCanvas?.getElementById(id).emit('dbltap')
    }, bundle)
    await expect.poll(drawn).toEqual({ bundles: before.bundles - 1, single: before.single + 40, inBundles: before.inBundles - 40 })
  })

  it('badges Calico nodes only where they can be read, and only those in view', async () => {
    // The edits above are unsaved: Open asks before it replaces them.
    page.once('dialog', (dialog) => void dialog.accept())
    await openFile(page, 'racks-with-pods.yaml', hostPanelDesignText(HOSTS))
    await page.waitForFunction(() => document.title.includes('racks-with-pods'))
    await page.waitForFunction(() => (window.peerlabCanvas?.edges().length ?? 0) > 0)
    const badges = () => page.getByTestId('node-badge').count()
    await page.evaluate(() => {
      window.peerlabCanvas?.fit()
    })
    await expect.poll(badges).toBe(0)
    await page.evaluate(() => {
      const cy = window.peerlabCanvas
      cy?.zoom(1)
      cy?.center(cy.getElementById('node/node-7'))
    })
    await expect.poll(badges).toBeGreaterThan(0)
    const shown = await badges()
    expect(shown).toBeLessThan(40)
    expect(await page.locator('[data-testid="node-badge"][data-host="node/node-7"] button').getAttribute('aria-label')).toBe('1 block, 1 pod')
    await page.screenshot({ path: 'test-results/large-design-badges.png' })
  })

  it('logged no errors or warnings', () => {
    expect(session.problems).toEqual([])
  })
})

describe.runIf(chromiumPath !== undefined)('sessions on a large canvas after an edit (browser mode)', () => {
  let session: DesignerSession
  let page: Page
  const text = canvasDesignText(HOSTS)

  beforeAll(async () => {
    session = await openDesigner(chromiumPath as string)
    page = session.page
  })
  afterAll(async () => session?.close())

  const drawnSessions = (on = page) =>
    on.evaluate(() =>
      (window.peerlabCanvas?.edges().toArray() ?? []).map((e) => [e.id(), e.source().id(), e.target().id(), e.data('kind'), e.data('state'), e.data('label'), e.data('size') ?? 1].join(' ')).sort(),
    )

  it('draws, after an AS number typed on one host (its sessions sent as a change to those before), what opening the edited design draws', async () => {
    await openFile(page, 'racks.yaml', text)
    const bundle = 'bundle/segment/rack-5|node/node-1|rr-client|up'
    await page.waitForFunction((id) => window.peerlabCanvas?.getElementById(id).nonempty(), bundle, { timeout: 30_000 })
    const before = await drawnSessions()
    await page.evaluate(() => {
      window.peerlabCanvas?.getElementById('node/node-7').select()
    })
    await page.getByTestId('host-tab-properties').click()
    await page.evaluate(() => {
      const input = document.querySelector<HTMLInputElement>('[data-field="asNumber"]')
      if (!input) throw new Error('no AS number field in the inspector')
      input.value = '65001'
      input.dispatchEvent(new Event('change'))
    })
    // The edit's sessions arrive in one message, drawn in one patch: once they differ, they are the edit's.
    await expect.poll(() => drawnSessions(), { timeout: 30_000 }).not.toEqual(before)
    const afterEdit = await drawnSessions()
    expect(afterEdit.filter((line) => line.includes('node/node-7')).length).toBeGreaterThan(0)

    // The same design opened in a fresh window, whose worker sends every session in full.
    const edit = checkFieldEdit(loadDesign(text).design, 'node/node-7', 'asNumber', '65001')
    expect(edit.problems).toEqual([])
    const fresh = await openDesigner(chromiumPath as string)
    try {
      await openFile(fresh.page, 'racks-edited.yaml', saveDesign(edit.design, text))
      await expect.poll(() => drawnSessions(fresh.page), { timeout: 30_000 }).toEqual(afterEdit)
      expect(fresh.problems).toEqual([])
    } finally {
      await fresh.close()
    }
  })

  it('logged no errors or warnings', () => {
    expect(session.problems).toEqual([])
  })
})
