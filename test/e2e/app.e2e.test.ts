import { existsSync, readFileSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findChromium, launchChromium, MISSING_BROWSER_MESSAGE } from './browser'
import { serveDirectory } from './staticServer'
import { openFile } from './designerPage'

const ROOT = resolve(import.meta.dirname, '../..')
const RENDERER_BUILD = resolve(ROOT, 'out/renderer')
const RESULTS = resolve(ROOT, 'test-results')
const chromiumPath = findChromium()

describe('browser availability', () => {
  // Under CI a missing browser is a failure, never a silent pass; elsewhere the browser tests report themselves skipped.
  it('finds Chromium', (context) => {
    if (chromiumPath === undefined && process.env.CI !== 'true') context.skip(MISSING_BROWSER_MESSAGE)
    expect(chromiumPath, MISSING_BROWSER_MESSAGE).toBeDefined()
  })
})

describe.runIf(chromiumPath !== undefined)('the app in browser mode', () => {
  let browser: Browser
  let page: Page
  let server: Awaited<ReturnType<typeof serveDirectory>>
  const problems: string[] = []

  beforeAll(async () => {
    if (!existsSync(resolve(RENDERER_BUILD, 'index.html'))) throw new Error(`${RENDERER_BUILD} is missing: run \`npm run build\` first (npm test does).`)
    server = await serveDirectory(RENDERER_BUILD)
    browser = await launchChromium(chromiumPath as string)
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`console.${message.type()}: ${message.text()}`)
    })
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`))
    await page.goto(server.url)
    await page.waitForFunction(() => (window.peerlabCanvas?.nodes().length ?? 0) > 0)
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('opens on the built-in example: four hosts inside the lab subnet', async () => {
    const nodes = await page.evaluate(() =>
      window.peerlabCanvas?.nodes().map((n) => ({ id: n.id(), kind: n.data('kind') as string, parent: n.isChild() ? n.parent().first().id() : null, label: n.data('label') as string })),
    )
    expect(nodes).toEqual([
      { id: 'segment/lab-subnet', kind: 'segment', parent: null, label: 'lab-subnet  10.0.1.0/24 on ens5 · gateway 10.0.1.1' },
      { id: 'router/bastion', kind: 'router', parent: 'segment/lab-subnet', label: 'bastion\n10.0.1.10\nrouter · AS 64512 · bird' },
      { id: 'node/ip-10-0-1-20.eu-west-1.compute.internal', kind: 'control-plane', parent: 'segment/lab-subnet', label: 'control1\n10.0.1.20\ncontrol plane' },
      { id: 'node/ip-10-0-1-30.eu-west-1.compute.internal', kind: 'worker', parent: 'segment/lab-subnet', label: 'worker1\n10.0.1.30\nworker' },
      { id: 'node/ip-10-0-1-31.eu-west-1.compute.internal', kind: 'worker', parent: 'segment/lab-subnet', label: 'worker2\n10.0.1.31\nworker' },
    ])
    await expect(page.getByTestId('design-name').textContent()).resolves.toBe('calico-lab-2.2')
    await mkdir(RESULTS, { recursive: true })
    await page.screenshot({ path: resolve(RESULTS, 'app-calico-lab.png') })
  })

  it('lays the hosts out so that none overlaps another and all are on screen', async () => {
    const boxes = await page.evaluate(() => {
      const cy = window.peerlabCanvas
      const extent = cy?.extent()
      return {
        inView: cy?.nodes().every((n) => {
          const b = n.boundingBox()
          return extent !== undefined && b.x1 >= extent.x1 && b.x2 <= extent.x2 && b.y1 >= extent.y1 && b.y2 <= extent.y2
        }),
        hosts: cy?.nodes('[kind != "segment"]').map((n) => n.boundingBox()) ?? [],
        zoom: cy?.zoom() ?? 0,
      }
    })
    expect(boxes.inView).toBe(true)
    for (const [i, a] of boxes.hosts.entries()) {
      for (const b of boxes.hosts.slice(i + 1)) expect(a.x2 <= b.x1 || b.x2 <= a.x1 || a.y2 <= b.y1 || b.y2 <= a.y1).toBe(true)
    }
    // Labels stay legible: the fit must not shrink the four hosts below readable size at 1280×800.
    expect(boxes.zoom).toBeGreaterThanOrEqual(0.9)
  })

  it('opens a design from a file through the browser bridge and lists its problems', async () => {
    const design = `apiVersion: peerlab.dev/v1alpha1
kind: Segment
metadata: {name: rack1}
spec: {cidrs: [10.0.1.0/24], gateways: [10.0.1.1]}
---
apiVersion: v1
kind: Node
metadata: {name: node-a}
status: {addresses: [{type: InternalIP, address: 10.0.1.20}]}
---
apiVersion: projectcalico.org/v3
kind: IPPool
metadata: {name: pods}
spec: {cidr: 10.48.0.5/24}
`
    await openFile(page, 'rack.yaml', design)
    await expect.poll(() => page.getByTestId('design-name').textContent()).toBe('rack')
    const problems = page.getByTestId('problems')
    await expect.poll(() => problems.textContent()).toContain('rack.yaml:14:14: error ippool.cidr-not-masked')
    // In either order: Cytoscape's own follows what was added and removed before, sessions and all.
    expect(await page.evaluate(() => window.peerlabCanvas?.nodes().map((n) => n.id()))).toEqual(expect.arrayContaining(['segment/rack1', 'node/node-a']))
    expect(await page.evaluate(() => window.peerlabCanvas?.nodes().length)).toBe(2)
    // A one-host design is centred at a readable size, not blown up to fill the window.
    expect(await page.evaluate(() => window.peerlabCanvas?.zoom())).toBeLessThanOrEqual(1.4)
    await page.screenshot({ path: resolve(RESULTS, 'app-problems.png') })
  })

  it('saves through the browser bridge as a download of the design text', async () => {
    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Save As…' }).click()
    const file = await download
    expect(file.suggestedFilename()).toBe('rack.yaml')
    const path = await file.path()
    expect(readFileSync(path, 'utf8')).toContain('cidr: 10.48.0.5/24')
  })

  it('logged no errors or warnings, and left screenshots', () => {
    expect(existsSync(resolve(RESULTS, 'app-calico-lab.png'))).toBe(true)
    expect(existsSync(resolve(RESULTS, 'app-problems.png'))).toBe(true)
    expect(problems).toEqual([])
  })
})
