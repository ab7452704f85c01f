// Prints how long the designer takes, in Chromium on the built renderer, to first draw designs of
// 100 to 10,000 hosts and to show an edit (an alias typed in the inspector), with Cytoscape's 2D
// canvas renderer and with its WebGL one, in the same run. Both times are taken inside the page, up
// to the moment Cytoscape has finished drawing the result (its renderer is wrapped to note when each
// draw ends): the first draw from the moment the app starts reading the chosen file, the edit from
// the input's change event. The sessions the worker works out after that are not included; the
// column after says when they were drawn. "Cytoscape alone" is the same label changed on the
// Cytoscape element directly, with no app in between: the part of an edit that is Cytoscape
// drawing the canvas again, which the app cannot make shorter. The renderer is forced with the page's `?renderer=`;
// "app's choice" is what the app picks by itself for that size on this machine's GL.
// Run with `npm run build && npm run bench:canvas [-- --renderer=canvas|webgl|both] [--sizes=5000,10000] [--runs=3]`.
// Targets: first drawn in under 1 s at 1,000 and 5,000 hosts and under 2 s at 10,000; an edit on
// screen within 50 ms at 1,000 and 5,000.
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { chooseRenderer, glSupportOf, type CanvasRendererName } from '../shared/topology/canvasRenderer'
import { findChromium, launchChromium } from '../test/e2e/browser'
import { serveDirectory } from '../test/e2e/staticServer'
import { canvasDesignText } from './canvasDesign'

const ALL_SIZES = [100, 1000, 5000, 10_000]
const EDITS = 5
const RENDERER = resolve(import.meta.dirname, '../out/renderer')
const FIRST_TARGET_MS: Record<number, number> = { 1000: 1000, 5000: 1000, 10_000: 2000 }
const EDIT_TARGET_MS: Record<number, number> = { 1000: 50, 5000: 50 }

function option(name: string): string | undefined {
  const prefix = `--${name}=`
  return process.argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length)
}

const rendererArg = option('renderer') ?? 'both'
if (!['canvas', 'webgl', 'both'].includes(rendererArg)) throw new Error(`--renderer=${rendererArg}: canvas, webgl or both`)
const RENDERERS: CanvasRendererName[] = rendererArg === 'both' ? ['canvas', 'webgl'] : [rendererArg as CanvasRendererName]
const SIZES = option('sizes')?.split(',').map(Number) ?? ALL_SIZES
if (SIZES.some((size) => !Number.isInteger(size) || size < 10)) throw new Error('--sizes= takes host counts of 10 or more, comma-separated')
const RUNS = Number(option('runs') ?? 1)
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error('--runs= takes a whole number of 1 or more')

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] as number
}

interface Run {
  readonly first: number
  readonly sessions: number
  readonly edits: readonly number[]
  /** The same change made to the Cytoscape element directly: from the change to its drawing. */
  readonly redraws: readonly number[]
}

/** Opens the design in a fresh page drawn by `renderer`, then types EDITS aliases. */
async function measure(page: Page, url: string, hosts: number, text: string, editCount = EDITS): Promise<Run> {
  // tsx compiles this file keeping function names, through a helper the page does not have.
  await page.addInitScript('window.__name = (fn) => fn')
  await page.goto(url)
  await page.waitForFunction(() => (window.peerlabCanvas?.nodes().length ?? 0) > 0)
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
  await page.waitForFunction(() => window.benchTimings?.sessions !== undefined, undefined, { timeout: 180_000 })
  const { chosen = 0, shown = 0, sessions = 0 } = await page.evaluate(() => window.benchTimings ?? {})
  await page.evaluate(() => {
    window.peerlabCanvas?.getElementById('node/node-7').select()
  })
  // A host opens in its panel; its properties hold the inspector's fields.
  await page.getByTestId('host-tab-properties').click()
  await page.locator('[data-field="alias"]').waitFor()
  const edits = await timeLabelChanges(page, editCount, 'inspector')
  const redraws = await timeLabelChanges(page, editCount, 'cytoscape')
  return { first: shown - chosen, sessions: sessions - chosen, edits, redraws }
}

/**
 * Changes node-7's label `count` times, typed as an alias in the inspector (the app's whole edit)
 * or set on its Cytoscape element directly, and times each from the change to the drawing that
 * shows it.
 */
async function timeLabelChanges(page: Page, count: number, through: 'inspector' | 'cytoscape'): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < count; i++) {
    // Lets the sessions and problems that follow the previous change settle first.
    await page.waitForTimeout(1000)
    times.push(
      await page.evaluate(
        ({ label, directly }) =>
          new Promise<number>((done) => {
            const timings = window.benchTimings
            const shown = (): string => String(window.peerlabCanvas?.getElementById('node/node-7').data('label'))
            if (!timings || !window.peerlabCanvas) throw new Error('the page was not prepared')
            timings.drawn = (at) => {
              if (shown().startsWith(label)) done(at - start)
            }
            const start = performance.now()
            if (directly) return void window.peerlabCanvas.getElementById('node/node-7').data('label', label)
            const input = document.querySelector<HTMLInputElement>('[data-field="alias"]')
            if (!input) throw new Error('no alias field in the inspector')
            input.value = label
            input.dispatchEvent(new Event('change'))
          }),
        { label: `${through}-${i}`, directly: through === 'cytoscape' },
      ),
    )
  }
  return times
}

function verdict(value: number, target: number | undefined): [string, string] {
  if (target === undefined) return ['—', '']
  return [`< ${target} ms`, value < target ? 'met' : 'missed']
}

async function main(): Promise<void> {
  const chromium = findChromium()
  if (!chromium) throw new Error('bench:canvas needs Chromium (apt-get install chromium, or set CHROMIUM_PATH)')
  if (!existsSync(resolve(RENDERER, 'index.html'))) throw new Error(`${RENDERER} is missing: run npm run build first`)
  const server = await serveDirectory(RENDERER)
  const browser = await launchChromium(chromium)
  try {
    const probe = await browser.newPage()
    const glName = await probe.evaluate(() => {
      const gl = document.createElement('canvas').getContext('webgl2')
      const info = gl?.getExtension('WEBGL_debug_renderer_info')
      return gl && info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : undefined
    })
    await probe.close()
    const gl = glSupportOf(glName)
    console.log(`GL: ${glName ?? 'none'} (${gl}); first render: median and best of ${RUNS} run(s); edit and Cytoscape alone: median (and best) of ${EDITS * RUNS}; met or missed by the median`)
    const header = ['hosts', 'renderer', 'first render', 'best', 'target', '', 'edit', 'best', 'target', '', 'Cytoscape alone', 'sessions drawn', "app's choice"]
    const widths = [6, 8, 12, 8, 9, 6, 8, 7, 7, 6, 15, 14, 12]
    // Chromium keeps the app's compiled code once a script has been loaded a few times, as it does
    // for a user's app: a design is opened with each renderer first, so no row pays for compiling.
    for (const renderer of RENDERERS) {
      for (let i = 0; i < 2; i++) {
        const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
        await measure(page, `${server.url}?renderer=${renderer}`, 100, canvasDesignText(100), 1).finally(() => page.close())
      }
    }
    const line = (cells: readonly string[]): string => cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ')
    console.log(line(header))
    for (const hosts of SIZES) {
      const text = canvasDesignText(hosts)
      for (const renderer of RENDERERS) {
        const runs: Run[] = []
        for (let run = 0; run < RUNS; run++) {
          const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
          try {
            runs.push(await measure(page, `${server.url}?renderer=${renderer}`, hosts, text))
          } finally {
            await page.close()
          }
        }
        const first = median(runs.map((r) => r.first))
        const firstBest = Math.min(...runs.map((r) => r.first))
        const edit = median(runs.flatMap((r) => r.edits))
        const editBest = Math.min(...runs.flatMap((r) => r.edits))
        const sessions = median(runs.map((r) => r.sessions))
        const redraw = median(runs.flatMap((r) => r.redraws))
        console.log(
          line([
            String(hosts),
            renderer,
            `${first.toFixed(0)} ms`,
            `${firstBest.toFixed(0)} ms`,
            ...verdict(first, FIRST_TARGET_MS[hosts]),
            `${edit.toFixed(0)} ms`,
            `${editBest.toFixed(0)} ms`,
            ...verdict(edit, EDIT_TARGET_MS[hosts]),
            `${redraw.toFixed(0)} ms`,
            `${sessions.toFixed(0)} ms`,
            chooseRenderer(hosts, gl) === renderer ? 'yes' : '',
          ]),
        )
      }
    }
  } finally {
    await browser.close()
    await server.close()
  }
}

await main()
