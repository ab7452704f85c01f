import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { findChromium } from './browser'
import { openDesigner, RESULTS, typeInConsole, type DesignerSession } from './designerPage'

const chromiumPath = findChromium()
/** Sessions are worked out just after an edit is painted: give them a moment on a busy machine. */
const SOON = { timeout: 20_000 }
const SEGMENT = 'segment/lab-subnet'
/** bastion's BIRD names a neighbor's protocol after its address; its line once the session is up. */
const PEER_UP = (address: string): RegExp => new RegExp(`_${address.replaceAll('.', '_')}\\s+BGP\\s+master\\s+up\\s+\\S+\\s+Established`)

const BGP_PEER = `apiVersion: projectcalico.org/v3
kind: BGPPeer
metadata:
  name: bgppeer-global-64512
spec:
  peerIP: 10.0.1.10
  asNumber: 64512
`

/** Each host's addresses, by the name people use. */
function addresses(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(() => {
    const current = window.peerlabDesign?.()
    if (!current) throw new Error('the app exposes no design')
    const out: Record<string, string[]> = {}
    for (const entry of current.design.entries) {
      const r = entry.resource as {
        kind: string
        metadata: { name: string; annotations?: Record<string, string> }
        spec?: { interfaces?: { addresses: string[] }[] }
        status?: { addresses?: { type: string; address: string }[] }
      }
      const name = r.metadata.annotations?.['peerlab.dev/alias'] ?? r.metadata.name
      if (r.kind === 'Router') out[name] = (r.spec?.interfaces ?? []).flatMap((i) => i.addresses)
      if (r.kind === 'Node' && r.status) out[name] = (r.status.addresses ?? []).filter((a) => a.type === 'InternalIP').map((a) => a.address)
    }
    return out
  })
}

function selectSegment(page: Page): Promise<void> {
  return page.evaluate((id) => {
    window.peerlabCanvas?.elements(':selected').unselect()
    window.peerlabCanvas?.getElementById(id).select()
  }, SEGMENT)
}

async function typeField(page: Page, field: string, text: string): Promise<void> {
  const input = page.locator(`[data-field="${field}"]`)
  await input.fill(text)
  await input.press('Enter')
}

describe.runIf(chromiumPath !== undefined)('renumbering the lab segment in the inspector', () => {
  let session: DesignerSession
  let page: Page

  beforeAll(async () => {
    session = await openDesigner(chromiumPath as string)
    page = session.page
    await page.getByTestId('toggle-console').click()
  })
  afterAll(async () => session?.close())

  it("peers bastion with the nodes, as the lab's BGPPeer does", async () => {
    // So that there are sessions across the segment to keep up.
    expect(await typeInConsole(page, `kubectl apply -f -<<EOF\n${BGP_PEER}EOF`)).toBe('bgppeer.projectcalico.org/bgppeer-global-64512 created\n')
    await expect.poll(() => typeInConsole(page, 'sudo birdc show protocols'), SOON).toMatch(PEER_UP('10.0.1.31'))
  })

  it('moves bastion and the nodes with the CIDR, keeping offsets, and the BGP sessions stay Established', async () => {
    await selectSegment(page)
    await expect.poll(() => page.locator('[data-field="cidrs"]').inputValue()).toBe('10.0.1.0/24')
    await typeField(page, 'cidrs', '10.0.2.0/24')
    await expect.poll(() => addresses(page)).toEqual({ bastion: ['10.0.2.10'], control1: ['10.0.2.20'], worker1: ['10.0.2.30'], worker2: ['10.0.2.31'] })
    expect(await page.locator('[data-field="gateways"]').inputValue()).toBe('10.0.2.1')
    expect(await page.getByTestId('field-problem').count()).toBe(0)
    const protocols = await typeInConsole(page, 'sudo birdc show protocols')
    for (const address of ['10.0.2.20', '10.0.2.30', '10.0.2.31']) expect(protocols).toMatch(PEER_UP(address))
    expect(protocols).not.toContain('10_0_1_')
  })

  it('undoes the renumbering in one step', async () => {
    await page.keyboard.press('Escape')
    await page.locator('body').click({ position: { x: 5, y: 400 } })
    await page.keyboard.press('Control+z')
    await expect.poll(() => addresses(page)).toEqual({ bastion: ['10.0.1.10'], control1: ['10.0.1.20'], worker1: ['10.0.1.30'], worker2: ['10.0.1.31'] })
    const segment = await page.evaluate((id) => (window.peerlabDesign?.().design.entries.find((e) => e.id === id)?.resource as { spec: unknown }).spec, SEGMENT)
    expect(segment).toMatchObject({ cidrs: ['10.0.1.0/24'], gateways: ['10.0.1.1'] })
  })

  it('refuses a range too small for the hosts, proposes one that holds them, and applies it in one click', async () => {
    await selectSegment(page)
    await typeField(page, 'cidrs', '10.0.2.0/28')
    await expect.poll(() => page.getByTestId('field-problem').first().textContent()).toContain('control1 (10.0.1.20), worker1 (10.0.1.30) and worker2 (10.0.1.31) do not fit')
    const apply = page.getByTestId('apply-proposal')
    expect(await apply.textContent()).toContain('Renumber segment lab-subnet to 10.0.2.0/26')
    expect((await addresses(page)).worker2).toEqual(['10.0.1.31'])
    for (const [theme, button] of [
      ['light', undefined],
      ['dark', 'Dark'],
    ] as const) {
      if (button) await page.getByRole('button', { name: button }).click()
      await page.getByTestId('inspector').screenshot({ path: resolve(RESULTS, `renumber-proposal-${theme}.png`) })
      await page.screenshot({ path: resolve(RESULTS, `renumber-proposal-page-${theme}.png`) })
    }
    await page.getByRole('button', { name: 'Light' }).click()
    await apply.click()
    await expect.poll(() => addresses(page)).toEqual({ bastion: ['10.0.2.10'], control1: ['10.0.2.20'], worker1: ['10.0.2.30'], worker2: ['10.0.2.31'] })
    expect(await page.locator('[data-field="cidrs"]').inputValue()).toBe('10.0.2.0/26')
    expect(await page.getByTestId('apply-proposal').count()).toBe(0)
  })

  it('a gateway typed outside the segment proposes renumbering the segment, which the button does', async () => {
    await typeField(page, 'gateways', '10.0.3.1')
    await expect
      .poll(() => page.getByTestId('field-problem').first().textContent())
      .toContain("gateway 10.0.3.1 lies outside 10.0.2.0/26; change the segment's CIDR to renumber it and its hosts together")
    await page.getByTestId('apply-proposal').click()
    await expect.poll(() => addresses(page)).toEqual({ bastion: ['10.0.3.10'], control1: ['10.0.3.20'], worker1: ['10.0.3.30'], worker2: ['10.0.3.31'] })
    await expect.poll(() => page.locator('[data-field="gateways"]').inputValue()).toBe('10.0.3.1')
    expect(session.problems).toEqual([])
  })
})

describe.runIf(chromiumPath !== undefined)('design warnings in the Problems list', () => {
  let session: DesignerSession
  let page: Page

  beforeAll(async () => {
    session = await openDesigner(chromiumPath as string)
    page = session.page
    await page.getByTestId('toggle-console').click()
  })
  afterAll(async () => session?.close())

  const listed = (): Promise<string[]> => page.getByTestId('problems').locator('li').allTextContents()

  it('lists every node no BGP session reaches once the mesh is off, and the pool that gives pods no address', async () => {
    const meshOff = 'apiVersion: projectcalico.org/v3\nkind: BGPConfiguration\nmetadata:\n  name: default\nspec:\n  nodeToNodeMeshEnabled: false\n'
    expect(await typeInConsole(page, `kubectl apply -f -<<EOF\n${meshOff}EOF`)).toContain('created')
    await expect.poll(async () => (await listed()).filter((text) => text.includes('bgp.node-isolated')).length, SOON).toBe(3)
    expect((await listed()).join('\n')).toContain('worker2 has no BGP session: the node-to-node mesh is off and no BGPPeer selects it')
    const disabled =
      'apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata:\n  name: default-ipv4-ippool\nspec:\n  cidr: 10.48.0.0/24\n  blockSize: 26\n  ipipMode: Always\n  natOutgoing: true\n  disabled: true\n'
    expect(await typeInConsole(page, `kubectl apply -f -<<EOF\n${disabled}EOF`)).toContain('configured')
    await expect.poll(async () => (await listed()).join('\n'), SOON).toContain('warning ipam.no-pool-for-workloads: no enabled IP pool gives IPv4 addresses to pods: default-ipv4-ippool is disabled')
    await page.getByTestId('problems').screenshot({ path: resolve(RESULTS, 'renumber-problems-warnings.png') })
  })
})
