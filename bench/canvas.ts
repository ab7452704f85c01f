// Prints how long the designer takes, in Chromium on the built renderer, to first draw designs of
// 100, 1,000 and 5,000 hosts and to show an edit (an alias typed in the inspector). Both are timed
// inside the page, up to the moment Cytoscape has finished drawing the result on its canvas (its
// renderer is wrapped to note when each draw ends): the first draw from the moment the app starts
// reading the chosen file, the edit from the input's change event. The sessions and problems the
// app works out after that are not included; the last column says when the sessions were drawn.
// Run with `npm run build && npm run bench:canvas`.
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
      // Watches from inside the page, so the time the test driver takes to hand over the file and to
      // get its next command in is not counted.
      await page.evaluate((count) => {
        const timings: NonNullable<Window['benchTimings']> = {}
        window.benchTimings = timings
        const read = File.prototype.text
        File.prototype.text = function (this: File) {
          timings.chosen ??= performance.now()
          return read.call(this)
        }
        const canvas = window.peerlabCanvas
        if (!canvas) throw new Error('no canvas')
        // Cytoscape draws in its own animation frame callback; this notes when each drawing is done.
        const renderer = (canvas as unknown as { renderer(): { render(options?: unknown): unknown } }).renderer()
        const draw = renderer.render.bind(renderer)
        renderer.render = (options) => {
          const result = draw(options)
          const now = performance.now()
          if (timings.chosen === undefined) return result
          if (timings.shown === undefined && canvas.nodes('[kind != "segment"]').length >= count) timings.shown = now
          else if (timings.shown !== undefined && timings.sessions === undefined && canvas.edges().length > 0) timings.sessions = now
          timings.drawn?.(now)
          return result
        }
      }, hosts)
      const chooser = page.waitForEvent('filechooser')
      await page.getByRole('button', { name: 'Open…' }).click()
      const file = await chooser
      await file.setFiles({ name: `bench-${hosts}.yaml`, mimeType: 'application/yaml', buffer: Buffer.from(text) })
      await page.waitForFunction(() => window.benchTimings?.sessions !== undefined, undefined, { timeout: 120_000 })
      const { chosen = 0, shown = 0, sessions: sessionsShown = 0 } = await page.evaluate(() => window.benchTimings ?? {})
      const elements = await page.evaluate(() => window.peerlabCanvas?.elements().length ?? 0)
      await page.evaluate(() => {
        window.peerlabCanvas?.getElementById('node/node-7').select()
      })
      await page.locator('[data-field="alias"]').waitFor()
      const edits: number[] = []
      for (let i = 0; i < EDITS; i++) {
        // Lets the sessions and problems that follow the previous edit settle first.
        await page.waitForTimeout(1000)
        edits.push(
          await page.evaluate(
            (alias) =>
              new Promise<number>((done) => {
                const input = document.querySelector<HTMLInputElement>('[data-field="alias"]')
                if (!input) throw new Error('no alias field in the inspector')
                const timings = window.benchTimings
                if (!timings) throw new Error('the page was not prepared')
                timings.drawn = (at) => {
                  if (String(window.peerlabCanvas?.getElementById('node/node-7').data('label')).startsWith(alias)) done(at - start)
                }
                const start = performance.now()
                input.value = alias
                input.dispatchEvent(new Event('change'))
              }),
            `n7-${i}`,
          ),
        )
      }
      const columns = [
        String(hosts).padStart(5),
        String(elements).padStart(8),
        `${(shown - chosen).toFixed(0).padStart(9)} ms`,
        `${median(edits).toFixed(0).padStart(14)} ms`,
        `${(sessionsShown - chosen).toFixed(0).padStart(11)} ms`,
      ]
      console.log(columns.join('  '))
      await page.close()
    }
  } finally {
    await browser.close()
    await server.close()
  }
}

await main()
