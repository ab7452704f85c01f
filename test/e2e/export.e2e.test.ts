import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { Download, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readExample } from '../exampleText'
import { findChromium } from './browser'
import { openDesigner, openFile, RESULTS, type DesignerSession } from './designerPage'

const chromiumPath = findChromium()
const HOSTS = ['bastion', 'control1', 'worker1', 'worker2']

async function downloaded(download: Download): Promise<Buffer> {
  const path = await download.path()
  return readFile(path)
}

async function chooseFormat(page: Page, format: string): Promise<void> {
  await page.getByTestId(`export-format-${format}`).check()
}

/** Saves with the dialog's Save… and returns the one download it starts. */
async function saveOne(page: Page): Promise<{ name: string; bytes: Buffer }> {
  const download = page.waitForEvent('download')
  await page.getByTestId('export-save').click()
  const d = await download
  return { name: d.suggestedFilename(), bytes: await downloaded(d) }
}

async function closeExport(page: Page): Promise<void> {
  await page.getByTestId('export-dialog').getByRole('button', { name: 'Close' }).click()
}

async function openExport(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Export…' }).click()
  await page.getByTestId('export-dialog').waitFor()
}

describe.runIf(chromiumPath !== undefined)('Export… in the app (browser mode)', () => {
  let session: DesignerSession
  let page: Page

  beforeAll(async () => {
    session = await openDesigner(chromiumPath as string)
    page = session.page
  })
  afterAll(async () => {
    await session?.close()
  })

  it('has its toolbar button within the toolbar at 1280 pixels', async () => {
    const fits = await page.evaluate(() => {
      const toolbar = document.querySelector('.toolbar') as HTMLElement
      const buttons = [...toolbar.querySelectorAll('button')].map((b) => b.getBoundingClientRect())
      return {
        overflow: toolbar.scrollWidth - toolbar.clientWidth,
        right: Math.max(...buttons.map((b) => b.right)),
        width: window.innerWidth,
        tops: [...new Set(buttons.map((b) => Math.round(b.top)))].length,
      }
    })
    expect(fits.overflow).toBeLessThanOrEqual(0)
    expect(fits.right).toBeLessThanOrEqual(fits.width)
    expect(fits.tops).toBe(1)
  })

  it('saves each text format as a download, matching its preview', async () => {
    await openExport(page)
    const expected: Record<string, [string, RegExp]> = {
      manifests: ['calico-lab-2.2.kubernetes.yaml', /^# Kubernetes resources of calico-lab-2\.2[\s\S]*kind: Namespace\n/],
      calicoctl: ['calico-lab-2.2.calico.yaml', /^# Calico resources of calico-lab-2\.2[\s\S]*kind: IPPool\n/],
      nodes: ['calico-lab-2.2.nodes.sh', /^#!\/bin\/sh\n/],
      design: ['calico-lab-2.2.yaml', /kind: Cluster\n/],
      mermaid: ['calico-lab-2.2.mmd', /^flowchart TB\n/],
      drawio: ['calico-lab-2.2.drawio', /^<mxfile host="Peerlab"/],
    }
    for (const [format, [name, shape]] of Object.entries(expected)) {
      await chooseFormat(page, format)
      const preview = await page.getByTestId('export-preview').textContent()
      const { name: saved, bytes } = await saveOne(page)
      expect(saved, format).toBe(name)
      expect(bytes.toString('utf8'), format).toMatch(shape)
      expect(bytes.toString('utf8'), format).toBe(preview)
      // The design bundle is Peerlab's own file; what goes to a tool carries none of its annotations.
      if (format !== 'design') expect(bytes.toString('utf8'), format).not.toContain('peerlab.dev/alias')
      await openExport(page)
    }
    await closeExport(page)
  })

  it('saves a BIRD config per host as a download each, or one host’s', async () => {
    await openExport(page)
    await chooseFormat(page, 'bird')
    const names: string[] = []
    const all = new Promise<void>((done) => {
      page.on('download', (d) => {
        names.push(d.suggestedFilename())
        if (names.length === 4) done()
      })
    })
    await page.getByRole('button', { name: 'Save 4 files…' }).click()
    await all
    page.removeAllListeners('download')
    expect(names.sort()).toEqual(['bastion.bird.conf', 'control1.bird.cfg', 'worker1.bird.cfg', 'worker2.bird.cfg'])
    await openExport(page)
    await chooseFormat(page, 'bird')
    await page.getByTestId('export-host').selectOption('bastion')
    const { name, bytes } = await saveOne(page)
    expect(name).toBe('bastion.bird.conf')
    expect(bytes.toString('utf8')).toContain('protocol bgp')
  })

  it('draws SVG with every host’s name, and PNG from the canvas at a real size', async () => {
    await openExport(page)
    await chooseFormat(page, 'svg')
    const svg = await saveOne(page)
    expect(svg.name).toBe('calico-lab-2.2.svg')
    for (const host of HOSTS) expect(svg.bytes.toString('utf8')).toContain(`>${host}</tspan>`)
    await openExport(page)
    await chooseFormat(page, 'png')
    await page.getByTestId('export-picture').waitFor()
    const png = await saveOne(page)
    expect(png.name).toBe('calico-lab-2.2.png')
    expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    // IHDR: width and height, big-endian, right after the signature and the chunk's length and type.
    const width = png.bytes.readUInt32BE(16)
    const height = png.bytes.readUInt32BE(20)
    expect(width).toBeGreaterThan(300)
    expect(height).toBeGreaterThan(60)
    expect(png.bytes.length).toBeGreaterThan(5000)
  })

  it('asks before exporting a design with errors for a tool, and exports it when told to', async () => {
    const broken = `${readExample('calico-lab-2.2')}---\napiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata:\n  name: stray\nspec:\n  cidr: 10.99.0.1/24\n  disabled: true\n`
    page.once('dialog', (d) => void d.accept())
    await openFile(page, 'broken.yaml', broken)
    await page.getByTestId('design-name').filter({ hasText: 'broken' }).waitFor()
    await openExport(page)
    await chooseFormat(page, 'calicoctl')
    const refused = page.getByTestId('export-refused')
    await refused.waitFor()
    expect(await refused.textContent()).toMatch(/broken has 1 error[\s\S]*Export anyway\?[\s\S]*ippool\.cidr-not-masked/)
    expect(await page.getByTestId('export-save').isDisabled()).toBe(true)
    await page.getByTestId('export-anyway').click()
    const { bytes } = await saveOne(page)
    expect(bytes.toString('utf8')).toContain('name: stray')
    // The design bundle and the pictures are not for a tool: no question.
    await openExport(page)
    await chooseFormat(page, 'mermaid')
    expect(await page.getByTestId('export-refused').count()).toBe(0)
    await closeExport(page)
  })

  it('looks right at 1440x900 and 1280x800, light and dark (screenshots in test-results/)', async () => {
    page.once('dialog', (d) => void d.accept())
    await page.getByRole('button', { name: 'New', exact: true }).click()
    page.once('dialog', (d) => void d.accept())
    await openFile(page, 'calico-lab-2.2.yaml', readExample('calico-lab-2.2'))
    await page.getByTestId('design-name').filter({ hasText: 'calico-lab-2.2' }).waitFor()
    for (const [width, height] of [
      [1440, 900],
      [1280, 800],
    ] as const) {
      await page.setViewportSize({ width, height })
      for (const theme of ['light', 'dark']) {
        const current = await page.evaluate(() => document.documentElement.dataset.theme)
        if (current !== theme) await page.getByRole('button', { name: theme === 'dark' ? 'Dark' : 'Light' }).click()
        await openExport(page)
        await chooseFormat(page, width === 1440 ? 'calicoctl' : 'svg')
        await page.screenshot({ path: resolve(RESULTS, `export-dialog-${width}x${height}-${theme}.png`) })
        await closeExport(page)
      }
    }
    expect(session.problems).toEqual([])
  })
})
