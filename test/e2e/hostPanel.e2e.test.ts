import { resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BGP_PEER, EXTERNAL_NAMESPACE, EXTERNAL_POOL, NGINX } from '../labSteps'
import { findChromium } from './browser'
import { openDesigner, typeInConsole, pointOf, RESULTS, viewSettled, type DesignerSession } from './designerPage'

const chromiumPath = findChromium()
const WORKER1 = 'node/ip-10-0-1-30.eu-west-1.compute.internal'
const WORKER2 = 'node/ip-10-0-1-31.eu-west-1.compute.internal'

/** Ids of the canvas elements lit with a tone, sorted. */
async function lit(page: Page, tone: 'path' | 'stop'): Promise<string[]> {
  return page.evaluate(
    (cls) =>
      window.peerlabCanvas
        ?.$(`.lit-${cls}`)
        .map((e) => e.id())
        .sort() ?? [],
    tone,
  )
}

async function clickHost(page: Page, id: string): Promise<void> {
  await viewSettled(page)
  const at = await pointOf(page, id)
  await page.mouse.click(at.x, at.y)
  await page.getByTestId('host-panel').waitFor()
}

/**
 * A trainer answering, with clicks alone, "how did worker2's nginx block reach bastion?" and
 * "why has bastion no route to the default pool?", after applying the lab's steps in the console.
 */
describe.runIf(chromiumPath !== undefined)('the host panel', () => {
  let session: DesignerSession
  let page: Page

  const type = (command: string): Promise<string> => typeInConsole(page, command)

  beforeAll(async () => {
    session = await openDesigner(chromiumPath as string, { width: 1440, height: 900 })
    page = session.page
    await page.getByTestId('toggle-console').click()
    for (const step of [EXTERNAL_POOL, BGP_PEER, EXTERNAL_NAMESPACE, NGINX]) await type(`kubectl apply -f -<<EOF\n${step}EOF`)
    await page.getByTestId('toggle-console').click()
  })

  afterAll(async () => session?.close())

  it("shows bastion's routing table, with the nginx block as ip route prints it", async () => {
    await clickHost(page, 'router/bastion')
    await expect(page.getByTestId('host-panel-title').textContent()).resolves.toBe('bastion')
    // The table comes from the analysis worker a moment after the panel opens.
    await page.getByTestId('route-row').first().waitFor()
    const destinations = await page.getByTestId('route-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-destination')))
    expect(destinations).toEqual(['default', '10.0.1.0/24', '10.0.1.1/32', '10.48.2.216/29'])
    await page.getByTestId('route-text-toggle').click()
    expect(await page.getByTestId('route-text').textContent()).toContain('10.48.2.216/29 via 10.0.1.31 dev ens5 proto bird \n')
    await page.getByTestId('route-text-toggle').click()
  })

  it('opens the route into its provenance and lights its way on the canvas', async () => {
    await page.locator('[data-testid="route-row"][data-destination="10.48.2.216/29"]').click()
    const provenance = await page.getByTestId('route-provenance').textContent()
    expect(provenance).toContain('block 10.48.2.216/29 of pool external-pool, affine to worker2')
    expect(provenance).toContain('advertised by worker2 over the global BGPPeer bgppeer-global-64512 (iBGP, AS 64512)')
    expect(provenance).toContain("accepted by bastion's import filter peer_import (rule 1: accept 10.48.2.0/24+)")
    expect(provenance).toContain('installed by BIRD (proto bird)')
    expect(await lit(page, 'path')).toEqual([WORKER2, 'router/bastion', `session/${WORKER2}|router/bastion`].sort())
    // The view moves to show the whole way, worker2 included.
    await viewSettled(page)
    const whole = await page.evaluate((id) => {
      const cy = window.peerlabCanvas
      const box = cy?.getElementById(id).renderedBoundingBox()
      return box !== undefined && cy !== undefined && box.x1 >= 0 && box.x2 <= cy.width()
    }, WORKER2)
    expect(whole).toBe(true)
    await page.screenshot({ path: resolve(RESULTS, 'host-panel-routes-light.png') })
  })

  it("answers why bastion has no route to 10.48.0.5 with bastion's import filter, marked on the canvas", async () => {
    await page.getByTestId('host-tab-why-not').click()
    await page.getByTestId('why-not-input').fill('10.48.0.5')
    await page.getByTestId('why-not-ask').click()
    expect(await page.getByTestId('why-not-summary').textContent()).toBe("bastion has no route to 10.48.0.0/26: from worker2: bastion's import filter peer_import refuses it (rule 2: reject)")
    expect(await page.getByTestId('why-not-route-get').textContent()).toBe('10.48.0.5 via 10.0.1.1 dev ens5 src 10.0.1.10 uid 0 \n    cache \n')
    expect(await lit(page, 'stop')).toContain('router/bastion')
    await page.getByTestId('why-not-stop').first().click()
    expect(await lit(page, 'stop')).toEqual(['router/bastion', WORKER2, `session/${WORKER2}|router/bastion`].sort())
    await viewSettled(page)
    await page.screenshot({ path: resolve(RESULTS, 'host-panel-why-not-light.png') })
  })

  it("shows worker1's sessions as calicoctl node status prints them, with routes each way", async () => {
    await page.getByTestId('toggle-console').click()
    await type('ssh worker1')
    const status = await type('sudo calicoctl node status')
    await type('exit')
    await page.getByTestId('toggle-console').click()
    await clickHost(page, WORKER1)
    await page.getByTestId('host-tab-bgp').click()
    expect(await page.getByTestId('bgp-tool-status').textContent()).toBe(status)
    const rows = await page.getByTestId('bgp-session').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td as HTMLElement).innerText.replace(/\s+/g, ' ').trim())))
    expect(rows).toEqual([
      ['control1 10.0.1.20', 'the node-to-node mesh (iBGP, AS 64512) Mesh_10_0_1_20', 'Established', '1', '1'],
      ['worker2 10.0.1.31', 'the node-to-node mesh (iBGP, AS 64512) Mesh_10_0_1_31', 'Established', '1', '2'],
      ['bastion 10.0.1.10', 'the global BGPPeer bgppeer-global-64512 (iBGP, AS 64512) Global_10_0_1_10', 'Established', '1', '0'],
    ])
    await page.screenshot({ path: resolve(RESULTS, 'host-panel-bgp-light.png') })
  })

  it("lists worker2's blocks, pods and badge, and follows undo", async () => {
    await clickHost(page, WORKER2)
    await page.getByTestId('host-tab-addresses').click()
    expect(await page.getByTestId('host-blocks').textContent()).toContain('10.48.2.216/29')
    expect(await page.getByTestId('host-pods').textContent()).toMatch(/external-ns\s*nginx-\S+\s*10\.48\.2\.216\s*external-pool/)
    // Undo the nginx deployment: the panel follows the design.
    await page.getByTestId('undo').click()
    await page.waitForFunction(() => !document.querySelector('[data-testid="host-pods"]')?.textContent?.includes('nginx'))
    await page.getByTestId('redo').click()
    await page.waitForFunction(() => document.querySelector('[data-testid="host-pods"]')?.textContent?.includes('nginx'))
    const badge = page.locator(`[data-testid="node-badge"][data-host="${WORKER2}"]`)
    await expect.poll(() => badge.locator('button').getAttribute('aria-label')).toBe('2 blocks, 3 pods')
    await badge.locator('button').click()
    expect(await badge.getByTestId('node-badge-blocks').textContent()).toContain('10.48.2.216/29')
    await page.screenshot({ path: resolve(RESULTS, 'host-panel-addresses-light.png') })
    // A click elsewhere on the canvas folds it away again.
    await clickHost(page, 'router/bastion')
    await expect(badge.getByTestId('node-badge-blocks').count()).resolves.toBe(0)
  })

  it('keeps the selected host in view beside the panel, in both themes and at 1280×800', async () => {
    await clickHost(page, 'router/bastion')
    await page.getByTestId('host-tab-routes').click()
    await page.locator('[data-testid="route-row"][data-destination="10.48.2.216/29"]').click()
    const inView = async (): Promise<boolean> =>
      page.evaluate(() => {
        const cy = window.peerlabCanvas
        const b = cy?.getElementById('router/bastion').renderedBoundingBox()
        return b !== undefined && cy !== undefined && b.x1 >= 0 && b.x2 <= cy.width() && b.y1 >= 0 && b.y2 <= cy.height()
      })
    expect(await inView()).toBe(true)
    await page.getByRole('button', { name: 'Dark' }).click()
    await page.screenshot({ path: resolve(RESULTS, 'host-panel-routes-dark.png') })
    await page.setViewportSize({ width: 1280, height: 800 })
    await viewSettled(page)
    expect(await inView()).toBe(true)
    await page.screenshot({ path: resolve(RESULTS, 'host-panel-routes-dark-1280.png') })
    await page.getByTestId('host-tab-why-not').click()
    await page.screenshot({ path: resolve(RESULTS, 'host-panel-why-not-dark-1280.png') })
    await page.getByRole('button', { name: 'Light' }).click()
    await page.getByTestId('host-tab-bgp').click()
    await page.screenshot({ path: resolve(RESULTS, 'host-panel-bgp-light-1280.png') })
    await page.keyboard.press('Escape')
    await expect(page.getByTestId('host-panel').count()).resolves.toBe(0)
    expect(await lit(page, 'path')).toEqual([])
    expect(session.problems).toEqual([])
  })
})
