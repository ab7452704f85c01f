// Prints how long the designer takes, in Chromium on the built renderer, to first draw designs of
// 100, 1,000 and 5,000 hosts (from choosing the file to the start of the frame that paints them)
// and to show an edit (an alias typed in the inspector, to the start of the frame that paints the
// new label). The sessions and problems the app works out after that paint are not included; the
// last column says how long they followed. Run with `npm run build && npm run bench:canvas`.
// Targets: 1,000 hosts drawn in under 1 s, an edit on screen within 50 ms.
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { findChromium, launchChromium } from '../test/e2e/browser'
import { serveDirectory } from '../test/e2e/staticServer'
import { canvasDesignText } from './canvasDesign'

const SIZES = [100, 1000, 5000]
const EDITS = 5
const RENDERER = resolve(import.meta.dirname, '../out/renderer')

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] as number
}

async function main(): Promise<void> {
  const chromium = findChromium()
  if (!chromium) throw new Error('bench:canvas needs Chromium (apt-get install chromium, or set CHROMIUM_PATH)')
  if (!existsSync(resolve(RENDERER, 'index.html'))) throw new Error(`${RENDERER} is missing: run npm run build first`)
  const server = await serveDirectory(RENDERER)
  const browser = await launchChromium(chromium)
  console.log('hosts  elements  first render  edit (median of 5)  sessions drawn')
  try {
    for (const hosts of SIZES) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
      // tsx compiles this file keeping function names, through a helper the page does not have.
      await page.addInitScript('window.__name = (fn) => fn')
      await page.goto(server.url)
      await page.waitForFunction(() => (window.peerlabCanvas?.nodes().length ?? 0) > 0)
      const text = canvasDesignText(hosts)
      const chooser = page.waitForEvent('filechooser')
      await page.getByRole('button', { name: 'Open…' }).click()
      const file = await chooser
      const started = await page.evaluate(() => performance.now())
      await file.setFiles({ name: `bench-${hosts}.yaml`, mimeType: 'application/yaml', buffer: Buffer.from(text) })
      // Done when the canvas holds every host and a frame has been painted after it.
      const shown = await page.evaluate(
        (count) =>
          new Promise<number>((done) => {
            const check = (): void => {
              if ((window.peerlabCanvas?.nodes('[kind != "segment"]').length ?? 0) >= count) done(performance.now())
              else requestAnimationFrame(check)
            }
            check()
          }),
        hosts,
      )
      // Sessions follow the hosts: every node has three, to the route reflectors.
      const sessionsShown = await page.evaluate(
        (count) =>
          new Promise<number>((done) => {
            const check = (): void => {
              if ((window.peerlabCanvas?.edges().length ?? 0) >= count) done(performance.now())
              else requestAnimationFrame(check)
            }
            check()
          }),
        3 * hosts - 6,
      )
      const elements = await page.evaluate(() => window.peerlabCanvas?.elements().length ?? 0)
      await page.evaluate(() => {
        window.peerlabCanvas?.getElementById('node/node-7').select()
      })
      await page.locator('[data-field="alias"]').waitFor()
      const edits: number[] = []
      for (let i = 0; i < EDITS; i++) {
        edits.push(
          await page.evaluate(
            (alias) =>
              new Promise<number>((done) => {
                const input = document.querySelector<HTMLInputElement>('[data-field="alias"]')
                if (!input) throw new Error('no alias field in the inspector')
                const start = performance.now()
                input.value = alias
                input.dispatchEvent(new Event('change'))
                const check = (): void => {
                  if (String(window.peerlabCanvas?.getElementById('node/node-7').data('label')).startsWith(alias)) done(performance.now() - start)
                  else requestAnimationFrame(check)
                }
                check()
              }),
            `n7-${i}`,
          ),
        )
      }
      const columns = [String(hosts).padStart(5), String(elements).padStart(8), `${(shown - started).toFixed(0).padStart(9)} ms`, `${median(edits).toFixed(0).padStart(14)} ms`, `${(sessionsShown - started).toFixed(0).padStart(11)} ms`]
      console.log(columns.join('  '))
      await page.close()
    }
  } finally {
    await browser.close()
    await server.close()
  }
}

await main()
