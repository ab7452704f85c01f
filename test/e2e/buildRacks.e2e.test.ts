import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { findChromium } from './browser'
import { drag, emptySpotIn, openDesigner, openFile, pointOf, RESULTS, viewSettled, type DesignerSession } from './designerPage'

const chromiumPath = findChromium()
const SOON = { timeout: 20_000 }

/**
 * Every click, key entry and drag a user makes goes through here, so that the count printed is
 * what building the design costs a person. Checks and screenshots are not actions.
 */
class UserActions {
  count = 0
  constructor(private readonly page: Page) {}
  async click(name: string | RegExp, role: 'button' | 'menuitem' | 'checkbox' | 'radio' = 'button'): Promise<void> {
    this.count++
    await this.page.getByRole(role, typeof name === 'string' ? { name, exact: true } : { name }).click()
  }
  async clickTestId(id: string): Promise<void> {
    this.count++
    await this.page.getByTestId(id).click()
  }
  async key(key: string): Promise<void> {
    this.count++
    await this.page.keyboard.press(key)
  }
  async drag(from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
    this.count++
    await drag(this.page, from, to)
  }
}

interface Snapshot {
  readonly ids: readonly string[]
  readonly peers: readonly { name: string; spec: Record<string, unknown> }[]
  readonly errors: readonly string[]
  readonly sessions: readonly { id: string; state: string; kind: string }[]
}

function snapshot(page: Page): Promise<Snapshot> {
  return page.evaluate(() => {
    const current = window.peerlabDesign?.()
    if (!current) throw new Error('the app exposes no design')
    return {
      ids: current.design.entries.map((e) => e.id),
      peers: current.design.entries
        .filter((e) => e.resource.kind === 'BGPPeer')
        .map((e) => ({ name: e.resource.metadata.name, spec: (e.resource as unknown as { spec: Record<string, unknown> }).spec })),
      errors: current.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message),
      sessions: window.peerlabCanvas?.edges().map((e) => ({ id: e.id(), state: e.data('state') as string, kind: e.data('kind') as string })) ?? [],
    }
  })
}

/** The destinations of a host's routing table, as the host panel lists them. */
async function routesInPanel(page: Page, id: string): Promise<string[]> {
  await viewSettled(page)
  const at = await pointOf(page, id)
  await page.mouse.click(at.x, at.y)
  await page.getByTestId('host-panel').waitFor()
  await page.getByTestId('host-tab-routes').click()
  return page.getByTestId('route-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-destination') ?? ''))
}

/** The page at 1440x900 and 1280x800, light and dark (switched as a user does, so the canvas follows), fitted to the window. */
async function screenshots(page: Page, name: string, open?: () => Promise<void>): Promise<void> {
  for (const [width, height] of [
    [1440, 900],
    [1280, 800],
  ] as const) {
    await page.setViewportSize({ width, height })
    for (const theme of ['light', 'dark'] as const) {
      const current = (await page.evaluate(() => document.documentElement.getAttribute('data-theme'))) ?? 'light'
      if (current !== theme) await page.getByRole('button', { name: theme === 'dark' ? 'Dark' : 'Light', exact: true }).click({ force: true })
      await page.keyboard.press('f')
      await viewSettled(page)
      await open?.()
      await page.waitForTimeout(200)
      await page.screenshot({ path: resolve(RESULTS, `${name}-${width}-${theme}.png`) })
      if (open) await page.keyboard.press('Escape')
    }
  }
  if ((await page.evaluate(() => document.documentElement.getAttribute('data-theme'))) === 'dark') await page.getByRole('button', { name: 'Light', exact: true }).click({ force: true })
  await page.setViewportSize({ width: 1440, height: 900 })
}

describe.runIf(chromiumPath !== undefined)('building racks', () => {
  let session: DesignerSession
  let page: Page

  beforeAll(async () => {
    session = await openDesigner(chromiumPath as string, { width: 1440, height: 900 })
    page = session.page
  })
  afterAll(async () => session?.close())

  it('builds the 2-rack route-reflector design from an empty canvas in a handful of actions, and it routes', async () => {
    const user = new UserActions(page)
    await user.click('New')
    await user.clickTestId('add-rack')
    await page.getByTestId('add-rack-dialog').waitFor()
    await user.clickTestId('rack-reflectors')
    await user.click('Add rack')
    await user.clickTestId('add-rack')
    await user.click('Add rack')
    await user.click('Fit')
    console.log(`Built the 2-rack design (6 workers, 2 ToRs, 4 route reflectors) in ${user.count} user actions`)
    expect(user.count).toBeLessThan(25)

    await expect.poll(async () => (await snapshot(page)).sessions.length, SOON).toBeGreaterThan(0)
    const built = await snapshot(page)
    const workers = built.ids.filter((id) => id.startsWith('node/'))
    expect(workers).toHaveLength(6)
    expect(built.ids.filter((id) => id.startsWith('router/'))).toEqual(['router/rack-1-tor', 'router/rack-2-tor'])
    expect(built.errors).toEqual([])
    expect(built.sessions.filter((s) => s.state !== 'up')).toEqual([])
    expect(built.sessions.some((s) => s.kind === 'rr-client')).toBe(true)
    await expect.poll(() => page.getByTestId('problems').count()).toBe(0)
    await viewSettled(page)
    await screenshots(page, 'two-racks')

    // Every node has a route to each block of the other rack, as its host panel lists them.
    const tables = new Map<string, string[]>()
    for (const node of workers) tables.set(node, await routesInPanel(page, node))
    // Each table has all six blocks: its own node's as a blackhole, the five others' as routes.
    const blocks = new Set([...tables.values()].flatMap((routes) => routes.filter((r) => r.startsWith('192.168.'))))
    expect(blocks.size).toBe(6)
    for (const [node, routes] of tables)
      expect(
        [...blocks].filter((b) => !routes.includes(b)),
        `${node} lacks routes`,
      ).toEqual([])
    expect(session.problems).toEqual([])
  })

  it('shows the Add rack dialog readably in both themes and sizes', async () => {
    await screenshots(page, 'add-rack-dialog', async () => {
      await page.getByTestId('add-rack').click()
      await page.getByTestId('add-rack-dialog').waitFor()
    })
    await expect.poll(() => page.getByTestId('add-rack-dialog').count()).toBe(0)
  })
})

/** A subnet of three rack-a nodes and one of a rack-b node, and a router on the first with an AS but no peers yet. */
const TWO_SEGMENTS = `apiVersion: peerlab.dev/v1alpha1
kind: Segment
metadata: {name: rack-a}
spec: {cidrs: [10.1.0.0/24], gateways: [10.1.0.1]}
---
apiVersion: peerlab.dev/v1alpha1
kind: Segment
metadata: {name: rack-b}
spec: {cidrs: [10.2.0.0/24], gateways: [10.2.0.1]}
---
apiVersion: peerlab.dev/v1alpha1
kind: Router
metadata: {name: tor-a}
spec: {asNumber: 65010, interfaces: [{name: eth0, segment: rack-a, addresses: [10.1.0.1]}]}
${['a1 10.1.0.11 rack-a', 'a2 10.1.0.12 rack-a', 'a3 10.1.0.13 rack-a', 'b1 10.2.0.11 rack-b']
  .map((line) => line.split(' '))
  .map(
    ([name, address, rack]) =>
      `---\napiVersion: v1\nkind: Node\nmetadata: {name: ${name}, labels: {kubernetes.io/hostname: ${name}, kubernetes.io/os: linux, rack: ${rack}}}\nstatus: {addresses: [{type: InternalIP, address: ${address}}]}\n`,
  )
  .join('')}`

describe.runIf(chromiumPath !== undefined)('rack blueprints, templates and selector peerings', () => {
  let session: DesignerSession
  let page: Page

  beforeAll(async () => {
    session = await openDesigner(chromiumPath as string, { width: 1440, height: 900 })
    page = session.page
    page.on('dialog', (d) => void d.accept())
  })
  afterAll(async () => session?.close())

  async function addRackWith(peering: 'eBGP' | 'iBGP', nodeAs: 'One per rack' | 'The cluster’s'): Promise<Snapshot> {
    await page.getByRole('button', { name: 'New', exact: true }).click()
    await page.getByTestId('add-rack').click()
    const dialog = page.getByTestId('add-rack-dialog')
    await dialog.getByRole('radio', { name: new RegExp(`^${peering}`) }).check()
    await dialog.getByRole('radio', { name: new RegExp(`^${nodeAs}`) }).check()
    await page.getByTestId('rack-reflectors').setChecked(false)
    await dialog.getByRole('button', { name: 'Add rack' }).click()
    await expect.poll(async () => (await snapshot(page)).sessions.length, SOON).toBeGreaterThan(0)
    return snapshot(page)
  }

  it('adds an eBGP rack: the ToR has its own AS and the rack its own', async () => {
    const rack = await addRackWith('eBGP', 'One per rack')
    // AS per rack: the mesh is off and the rack meshes within itself.
    expect(rack.peers).toEqual([
      { name: 'rack-1-mesh', spec: { nodeSelector: "rack == 'rack-1'", peerSelector: "rack == 'rack-1'" } },
      { name: 'rack-1-tor', spec: { nodeSelector: "rack == 'rack-1'", peerIP: '10.0.0.1', asNumber: 65000 } },
    ])
    expect(rack.ids).toContain('caliconode/rack-1-worker-1')
    expect(rack.errors).toEqual([])
    expect(rack.sessions.filter((s) => s.state !== 'up')).toEqual([])
    expect(rack.sessions.filter((s) => s.kind === 'ebgp')).toHaveLength(3)
  })

  it('adds an iBGP rack: the ToR shares the cluster’s AS', async () => {
    const rack = await addRackWith('iBGP', 'The cluster’s')
    expect(rack.peers).toEqual([{ name: 'rack-1-tor', spec: { nodeSelector: "rack == 'rack-1'", peerIP: '10.0.0.1', asNumber: 64512 } }])
    expect(rack.ids.filter((id) => id.startsWith('caliconode/'))).toEqual([])
    expect(rack.errors).toEqual([])
    expect(rack.sessions.filter((s) => s.state !== 'up')).toEqual([])
    expect(rack.sessions.filter((s) => s.kind === 'ebgp')).toEqual([])
  })

  for (const [title, routers, reflectorClients] of [
    ['Racks with ToRs', 2, false],
    ['Route reflectors, mesh off', 2, true],
    ['Small full mesh', 0, false],
  ] as const) {
    it(`creates a cluster from the template ${title} in two clicks, clean and Established`, async () => {
      const user = new UserActions(page)
      await user.clickTestId('new-from-template')
      await user.click(new RegExp(`^${title}`), 'menuitem')
      expect(user.count).toBe(2)
      if (title === 'Route reflectors, mesh off') {
        await page.getByTestId('new-from-template').click()
        await page.screenshot({ path: resolve(RESULTS, 'template-menu-1440-light.png') })
        await page.keyboard.press('Escape')
      }
      await expect.poll(async () => (await snapshot(page)).sessions.length, SOON).toBeGreaterThan(0)
      const built = await snapshot(page)
      expect(built.ids.filter((id) => id.startsWith('router/'))).toHaveLength(routers)
      expect(built.errors).toEqual([])
      expect(built.sessions.filter((s) => s.state !== 'up')).toEqual([])
      expect(built.sessions.some((s) => s.kind === 'rr-client')).toBe(reflectorClients)
      await expect.poll(() => page.getByTestId('problems').count()).toBe(0)
    })
  }

  it('draws a peering from a segment box to a router as exactly one BGPPeer with a nodeSelector', async () => {
    await openFile(page, 'two-segments.yaml', TWO_SEGMENTS)
    await expect.poll(async () => (await snapshot(page)).ids.length).toBe(7)
    await page.keyboard.press('Escape')
    await page.keyboard.press('f')
    await viewSettled(page)
    await page.keyboard.press('p')
    await drag(page, await emptySpotIn(page, 'segment/rack-a'), await pointOf(page, 'router/tor-a'))
    await expect.poll(async () => (await snapshot(page)).peers.length, SOON).toBe(1)
    const peered = await snapshot(page)
    expect(peered.peers).toEqual([{ name: 'rack-a-tor-a', spec: { nodeSelector: "rack == 'rack-a'", peerIP: '10.1.0.1', asNumber: 65010 } }])
    await expect.poll(async () => (await snapshot(page)).sessions.filter((s) => s.kind === 'ebgp' && s.state === 'up').length, SOON).toBe(3)
    expect((await snapshot(page)).errors).toEqual([])
    expect(await page.getByTestId('status').textContent()).toBe('Peered segment rack-a with tor-a')

    // One of its sessions selected, the inspector shows the BGPPeer's selector and edits it.
    await page.keyboard.press('p')
    await page.evaluate(() => {
      window.peerlabCanvas?.edges('[kind = "ebgp"]').first().select()
    })
    const selector = page.getByTestId('inspector').locator('[data-field="nodeSelector"]')
    await expect.poll(() => selector.inputValue()).toBe("rack == 'rack-a'")
    await selector.fill("rack == 'rack-a' && kubernetes.io/hostname != 'a3'")
    await selector.press('Enter')
    await expect.poll(async () => (await snapshot(page)).sessions.filter((s) => s.kind === 'ebgp' && s.state === 'up').length, SOON).toBe(2)
    await page.screenshot({ path: resolve(RESULTS, 'selector-peering-inspector-1440-light.png') })
  })
})
