import { resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findChromium } from './browser'
import { openDesigner, openFile, RESULTS, type DesignerSession } from './designerPage'

const chromiumPath = findChromium()

/** A design whose third document breaks off mid-map, as a half-edited or truncated file does. */
const BROKEN = `apiVersion: peerlab.dev/v1alpha1
kind: Segment
metadata: {name: rack1}
spec: {cidrs: [10.0.1.0/24], gateways: [10.0.1.1]}
---
apiVersion: v1
kind: Node
metadata: {name: node-a}
---
apiVersion: projectcalico.org/v3
kind: IPPool
metadata: {name: [pods
spec: {cidr: 10.48.0.0/24}
`
const RACK = `apiVersion: peerlab.dev/v1alpha1
kind: Segment
metadata: {name: rack1}
spec: {cidrs: [10.0.1.0/24], gateways: [10.0.1.1]}
`

function current(page: Page) {
  return page.evaluate(() => {
    const state = window.peerlabDesign?.()
    if (!state) throw new Error('the app exposes no design')
    return { name: state.design.name, ids: state.design.entries.map((e) => e.id), isDirty: state.isDirty }
  })
}

describe.runIf(chromiumPath !== undefined)('Open reads the file before it replaces anything (browser mode)', () => {
  let session: DesignerSession
  let page: Page
  /** Every confirm the page raised: a broken file must never get as far as asking. */
  const asked: string[] = []
  const refused = () => page.getByTestId('refused-file')

  beforeAll(async () => {
    session = await openDesigner(chromiumPath as string, { width: 1440, height: 900 })
    page = session.page
    page.on('dialog', (dialog) => {
      asked.push(dialog.message())
      void dialog.accept()
    })
  })
  afterAll(async () => session?.close())

  it('keeps the open design, unsaved work and all, when the chosen file is broken, and says where it is broken', async () => {
    await page.getByRole('button', { name: '+ Worker' }).click()
    const before = await current(page)
    expect(before).toMatchObject({ name: 'calico-lab-2.2', isDirty: true })
    expect(before.ids).toContain('node/worker-1')

    await openFile(page, 'broken.yaml', BROKEN)
    await expect.poll(() => refused().isVisible()).toBe(true)
    const text = await refused().textContent()
    expect(text).toContain('broken.yaml was not opened')
    expect(text).toContain('calico-lab-2.2 is still open, unchanged')
    // File, line and document of the break (the parser notices it where the unclosed flow ends).
    expect(text).toMatch(/broken\.yaml:1[23]:\d+: error format\.yaml-syntax: YAML syntax error: .* \(document 3\)/)
    expect(await current(page)).toEqual(before)
    expect(await page.getByTestId('status').textContent()).toBe('broken.yaml was not opened')
    expect(asked).toEqual([])
    expect(await page.getByTestId('undo').isEnabled()).toBe(true)

    await page.screenshot({ path: resolve(RESULTS, 'open-refused-light.png') })
    await page.getByRole('button', { name: 'Dark' }).click()
    await page.screenshot({ path: resolve(RESULTS, 'open-refused-dark.png') })
    await page.getByRole('button', { name: 'Light' }).click()
  })

  it('refuses a file with nothing in it, and names the missing field of a document that is not a resource', async () => {
    await openFile(page, 'empty.yaml', '# nothing yet\n')
    await expect.poll(() => refused().textContent()).toContain('empty.yaml: error format.no-resources')
    await openFile(page, 'nameless.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata: {}\n')
    await expect.poll(() => refused().textContent()).toContain('nameless.yaml:3:11: error format.missing-field: metadata.name is required (a string) (document 1, field metadata.name)')
    expect((await current(page)).name).toBe('calico-lab-2.2')
    await refused().getByRole('button', { name: 'Close' }).click()
    expect(await refused().count()).toBe(0)
  })

  it('refuses a broken file from Open Recent the same way', async () => {
    await page.getByRole('button', { name: 'Open Recent' }).click()
    await page
      .getByRole('menu', { name: 'Recent files' })
      .getByRole('menuitem', { name: /broken\.yaml/ })
      .click()
    await expect.poll(() => refused().textContent()).toContain('broken.yaml was not opened')
    expect((await current(page)).ids).toContain('node/worker-1')
    expect(asked).toEqual([])
  })

  it('asks before a sound file replaces unsaved work, and Undo brings the work back', async () => {
    const lab = await current(page)
    await openFile(page, 'rack.yaml', RACK)
    await expect.poll(() => page.getByTestId('design-name').textContent()).toBe('rack')
    expect(asked).toEqual(['Discard the unsaved changes to calico-lab-2.2 and open rack.yaml? Undo brings them back until Peerlab is closed.'])
    expect(await refused().count()).toBe(0)
    expect(await current(page)).toEqual({ name: 'rack', ids: ['segment/rack1'], isDirty: false })

    await page.getByTestId('undo').click()
    expect(await current(page)).toEqual(lab)
    expect(await page.getByTestId('status').textContent()).toBe('Undid Open rack.yaml')
    await expect.poll(() => page.evaluate(() => window.peerlabCanvas?.getElementById('node/worker-1').nonempty())).toBe(true)
    await page.keyboard.press('Control+Shift+Z')
    expect((await current(page)).name).toBe('rack')
    await page.keyboard.press('Control+z')
    expect(await current(page)).toEqual(lab)
  })

  it('logged no errors or warnings', () => {
    expect(session.problems).toEqual([])
  })
})
