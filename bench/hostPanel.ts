// Prints how long the host panel takes to open on a host of a 1,000- and a 5,000-node design (racks
// behind three route reflectors, a pod and so a block on every node, so every table holds a route
// per node): first the engine's answers alone (Node), then in Chromium on the built renderer, from
// the click that selects the host to the end of the next frame after the panel's tab is drawn.
// Run with `npm run build && npm run bench:host-panel`. Target: under 100 ms for every tab.
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { hostAddressesOf } from '../shared/explain/hostAddresses'
import { explainAbsence } from '../shared/explain/routeAbsence'
import { explainRoute } from '../shared/explain/routeProvenance'
import { sessionRoutesOf } from '../shared/explain/sessionRoutes'
import { loadDesign } from '../shared/format/loadDesign'
import { hostsOf } from '../shared/model/query'
import { kernelRoutes } from '../shared/routing/kernelRoutes'
import { computeNetwork } from '../shared/routing/network'
import { findChromium, launchChromium } from '../test/e2e/browser'
import { serveDirectory } from '../test/e2e/staticServer'
import { hostPanelDesignText } from './hostPanelDesign'

const SIZES = [1000, 5000]
/** A rack's node (three sessions), and a route reflector (a session per node). */
const HOSTS = [
  { id: 'node/node-7', role: 'worker' },
  { id: 'node/node-0', role: 'reflector' },
] as const
const TABS = ['routes', 'why-not', 'bgp', 'addresses'] as const
const TARGET_MS = 100
const RUNS = 5
const RENDERER = resolve(import.meta.dirname, '../out/renderer')

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] as number
}

function timed<T>(work: () => T): number {
  const start = performance.now()
  work()
  return performance.now() - start
}

const ms = (value: number): string => `${value.toFixed(1).padStart(7)} ms`

/** The engine's part: what each tab asks of shared/explain, on a network already analysed. */
function engineFigures(): void {
  console.log('engine (Node): answers per tab, on the analysed network')
  console.log('hosts  host        routes   table  provenance  sessions+counts  addresses  why not')
  for (const size of SIZES) {
    const design = loadDesign(hostPanelDesignText(size)).design
    const network = computeNetwork(design)
    for (const { id, role } of HOSTS) {
      // The network keeps the tables it was asked for: the table is timed as first worked out.
      const host = hostsOf(design).find((h) => h.id === id)
      const speaker = network.speakers.find((s) => s.id === id)
      if (!host) throw new Error(`no ${id} in the bench design`)
      const routes = network.routesOf(id)
      const table = median(Array.from({ length: RUNS }, () => timed(() => kernelRoutes(design, host, speaker, network.ipam, network.bgp))))
      const last = routes.at(-1)
      const provenance = last ? median(Array.from({ length: RUNS }, () => timed(() => explainRoute(design, network, id, last)))) : 0
      // The BGP tab reads the counts of the sessions it draws: the first 50.
      const sessions = median(
        Array.from({ length: RUNS }, () =>
          timed(() =>
            sessionRoutesOf(design, network, id)
              .slice(0, 50)
              .forEach((s) => s.counts),
          ),
        ),
      )
      const addresses = median(Array.from({ length: RUNS }, () => timed(() => hostAddressesOf(design, network, id))))
      const whyNot = median(Array.from({ length: RUNS }, () => timed(() => explainAbsence(design, network, id, '10.64.0.0/10'))))
      console.log(
        [String(size).padStart(5), role.padEnd(10), String(routes.length).padStart(7), ms(table), ms(provenance), ms(sessions).padStart(16), ms(addresses).padStart(10), ms(whyNot)].join('  '),
      )
    }
  }
}

/** The app's part: select the host, and wait for the panel's tab drawn and the frame after it. */
async function browserFigures(): Promise<void> {
  const chromium = findChromium()
  if (!chromium) throw new Error('bench:host-panel needs Chromium (apt-get install chromium, or set CHROMIUM_PATH)')
  if (!existsSync(resolve(RENDERER, 'index.html'))) throw new Error(`${RENDERER} is missing: run npm run build first`)
  const server = await serveDirectory(RENDERER)
  const browser = await launchChromium(chromium)
  console.log(`\napp (Chromium, 1440×900): from selecting the host to the frame after its tab is drawn, median of ${RUNS}; target ${TARGET_MS} ms`)
  console.log(`hosts  host        ${TABS.map((t) => t.padStart(10)).join('')}`)
  let worst = 0
  try {
    for (const size of SIZES) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
      await page.addInitScript('window.__name = (fn) => fn')
      await page.goto(server.url)
      await page.waitForFunction(() => (window.peerlabCanvas?.nodes().length ?? 0) > 0)
      const chooser = page.waitForEvent('filechooser')
      await page.getByRole('button', { name: 'Open…' }).click()
      await (await chooser).setFiles({ name: `host-panel-${size}.yaml`, mimeType: 'application/yaml', buffer: Buffer.from(hostPanelDesignText(size)) })
      await page.waitForFunction((n) => (window.peerlabCanvas?.edges().length ?? 0) > 0 && (window.peerlabCanvas?.nodes('[kind != "segment"]').length ?? 0) >= n, size, { timeout: 180_000 })
      await page.waitForTimeout(1500)
      for (const { id, role } of HOSTS) {
        const figures: number[] = []
        for (const tab of TABS) {
          const runs: number[] = []
          for (let run = 0; run < RUNS; run++) {
            // Off the host first, so that each run opens the panel anew and asks the engine again.
            await page.evaluate(() => {
              window.peerlabCanvas?.$(':selected').unselect()
            })
            await page.waitForFunction(() => !document.querySelector('[data-testid="host-panel"]'))
            if (run === 0) {
              await page.evaluate((host) => {
                window.peerlabCanvas?.getElementById(host).select()
              }, id)
              await page.getByTestId(`host-tab-${tab}`).click()
              await page.evaluate(() => {
                window.peerlabCanvas?.$(':selected').unselect()
              })
              await page.waitForFunction(() => !document.querySelector('[data-testid="host-panel"]'))
            }
            runs.push(
              await page.evaluate(
                ({ host, tab: shown }) =>
                  new Promise<number>((done) => {
                    const start = performance.now()
                    const drawn = (): boolean => document.querySelector(`[data-testid="host-${shown}"]`) !== null
                    const observer = new MutationObserver(() => {
                      if (!drawn()) return
                      observer.disconnect()
                      requestAnimationFrame(() => setTimeout(() => done(performance.now() - start), 0))
                    })
                    observer.observe(document.body, { childList: true, subtree: true })
                    window.peerlabCanvas?.getElementById(host).select()
                  }),
                { host: id, tab },
              ),
            )
          }
          figures.push(median(runs))
        }
        worst = Math.max(worst, ...figures)
        console.log([String(size).padStart(5), role.padEnd(10), ...figures.map((f) => `${f.toFixed(0).padStart(7)} ms`)].join('  '))
      }
      await page.close()
    }
  } finally {
    await browser.close()
    await server.close()
  }
  console.log(`worst: ${worst.toFixed(0)} ms (target ${TARGET_MS} ms): ${worst <= TARGET_MS ? 'met' : 'NOT met'}`)
}

engineFigures()
await browserFigures()
