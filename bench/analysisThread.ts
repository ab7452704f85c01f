// Prints how long the UI thread is blocked while a 5,000-host design is analysed, in Chromium on
// the built renderer: the page records every long task (PerformanceObserver 'longtask', any task
// over 50 ms) and the bench prints the longest after opening the design and after a few edits
// (an alias typed in the inspector, which leaves the sessions as they were, and an AS number,
// which changes them), until the page has been quiet for a while: apart, the edit's own tasks,
// those that handle the worker's messages, any other after the first result, and the frames that
// draw the results. A long task here is anything the UI thread did in one go: the analysis when it
// runs there, reading what arrives, and drawing the canvas. How much of a task was a frame's
// drawing (its animation-frame callbacks, Cytoscape's among them, then style, layout, paint and
// commit) the page's Long Animation Frame entries say, each with when its rendering began; that
// part is printed as drawing, the rest of the task as reading the results or other work.
// Run with `npm run build && npm run bench:ui-thread`; give another built renderer's folder as the
// argument to measure it the same way (the app before the analysis moved to its worker, say).
// Target: no task over 50 ms handling the analysis of an edit, or after its results, at 5,000
// hosts, other than the frames that draw them; those are printed beside it.
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { findChromium, launchChromium } from '../test/e2e/browser'
import { serveDirectory } from '../test/e2e/staticServer'
import { syntheticText } from './bgpDesign'
import { canvasDesignText } from './canvasDesign'

const TARGET_MS = 50
/** Edits typed into the selected host's inspector: an alias leaves the sessions as they were, an AS number changes the host's. */
const EDITS = [
  { name: 'an alias typed', field: 'alias', value: (i: number) => `bench-${i}`, times: 5 },
  { name: 'an AS number typed', field: 'asNumber', value: (i: number) => String(65001 + i), times: 3 },
] as const
/** The page counts as settled once no long task has started for this long. */
const QUIET_MS = 2500
const RENDERER = resolve(process.argv[2] ?? resolve(import.meta.dirname, '../out/renderer'))
const DESIGNS = [
  { name: '5,000 hosts, 3 route reflectors', hosts: 5000, text: () => canvasDesignText(5000), node: 'node/node-7' },
  { name: '1,000 nodes, full mesh', hosts: 1000, text: () => syntheticText(1000, false), node: 'node/node-7' },
] as const

declare global {
  interface Window {
    benchLongTasks?: { start: number; duration: number }[]
    /** When each message from a worker began to be handled, and whether it held a result (rather than the name of a stage begun). */
    benchMessages?: { at: number; result: boolean }[]
    /** When each animation frame's callbacks began: the canvas draws in them. */
    benchFrames?: number[]
    /** The rendering part of each long animation frame (its callbacks, style, layout, paint and commit), from start to end. */
    benchRendering?: { start: number; end: number }[]
  }
}

/**
 * The longest tasks after `since`: the edit's own (the task it ran in, any other before the first
 * result arrived, and the first frame after the edit: the canvas drawing the change, even when a
 * result that changes nothing on it came in first), those that began with a message from the
 * analysis worker, and any other after the first result; the last two without the drawing of a
 * frame in them, which is `drawing`.
 */
interface Longest {
  readonly edit: number
  readonly fromWorker: number
  readonly other: number
  /** The drawing of a frame in a task after the edit's own, whose other parts count as `fromWorker` or `other`. */
  readonly drawing: number
}

/** The version of the last design whose analysis has finished. */
const lastDone = (page: Page): Promise<number> => page.evaluate(() => Math.max(0, ...(window.peerlabAnalysis?.().stages ?? []).filter((s) => s.stage === 'done').map((s) => s.version)))

/** Waits until an analysis newer than `doneBefore` has finished and no long task has started for QUIET_MS, then sorts the long tasks since `since`. */
async function longestSince(page: Page, since: number, doneBefore: number, timeout = 180_000): Promise<Longest> {
  const started = Date.now()
  for (;;) {
    if ((await lastDone(page)) <= doneBefore) {
      if (Date.now() - started > timeout) throw new Error('the analysis never finished')
      await page.waitForTimeout(250)
      continue
    }
    const { now, tasks, messages, frames, rendering } = await page.evaluate(() => ({
      now: performance.now(),
      tasks: window.benchLongTasks ?? [],
      messages: window.benchMessages ?? [],
      frames: window.benchFrames ?? [],
      rendering: window.benchRendering ?? [],
    }))
    const last = tasks.at(-1)
    const quietSince = Math.max(since, last ? last.start + last.duration : since)
    if (now - quietSince >= QUIET_MS) {
      const longest = { edit: 0, fromWorker: 0, other: 0, drawing: 0 }
      for (const t of tasks) {
        if (t.start + t.duration < since) continue
        // A message handler or a frame starts within a millisecond or two of the task it runs in.
        const begins = (at: number): boolean => at >= t.start && at - t.start < 3
        const handles = messages.some((m) => begins(m.at))
        const firstResult = messages.find((m) => m.result && m.at > since)?.at ?? Infinity
        const firstFrame = frames.find((at) => at > since)
        const drawn = rendering.reduce((sum, r) => sum + Math.max(0, Math.min(r.end, t.start + t.duration) - Math.max(r.start, t.start)), 0)
        const kind = t.start <= since ? 'edit' : handles ? 'fromWorker' : t.start < firstResult || (firstFrame !== undefined && begins(firstFrame)) ? 'edit' : 'other'
        if (kind === 'edit') longest.edit = Math.max(longest.edit, t.duration)
        else {
          // Chromium may read a message and draw the frame after it in one long task: the two are counted apart.
          longest[kind] = Math.max(longest[kind], t.duration - drawn)
          longest.drawing = Math.max(longest.drawing, drawn)
        }
      }
      return longest
    }
    if (Date.now() - started > timeout) throw new Error('the page never settled')
    await page.waitForTimeout(250)
  }
}

const ms = (value: number): string => `${value.toFixed(0).padStart(6)} ms`

async function main(): Promise<void> {
  const chromium = findChromium()
  if (!chromium) throw new Error('bench:ui-thread needs Chromium (apt-get install chromium, or set CHROMIUM_PATH)')
  if (!existsSync(resolve(RENDERER, 'index.html'))) throw new Error(`${RENDERER} is missing: run npm run build first`)
  const server = await serveDirectory(RENDERER)
  const browser = await launchChromium(chromium)
  console.log(`renderer: ${RENDERER}`)
  console.log(`longest task on the UI thread; target ${TARGET_MS} ms for every task after the edit's own (the analysis and its results) but the frames that draw them`)
  console.log(`${'design'.padEnd(32)}  ${'what is done'.padEnd(30)}  ${"edit's own".padStart(9)}  ${'from worker'.padStart(9)}  ${'other after'.padStart(9)}  target  ${'drawing after'.padStart(13)}`)
  try {
    for (const design of DESIGNS) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
      await page.addInitScript('window.__name = (fn) => fn')
      await page.addInitScript(() => {
        window.benchLongTasks = []
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) window.benchLongTasks?.push({ start: entry.startTime, duration: entry.duration })
        }).observe({ type: 'longtask', buffered: true })
        window.benchRendering = []
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & { renderStart: number })[])
            if (entry.renderStart > 0) window.benchRendering?.push({ start: entry.renderStart, end: entry.startTime + entry.duration })
        }).observe({ type: 'long-animation-frame', buffered: true })
        window.benchMessages = []
        window.benchFrames = []
        const requestFrame = window.requestAnimationFrame.bind(window)
        window.requestAnimationFrame = (callback) =>
          requestFrame((time) => {
            window.benchFrames?.push(performance.now())
            callback(time)
          })
        // The first listener on each worker: it notes when the task that handles a message began.
        const Original = window.Worker
        window.Worker = class extends Original {
          constructor(url: string | URL, options?: WorkerOptions) {
            super(url, options)
            this.addEventListener('message', (event: MessageEvent<{ kind?: string }>) => window.benchMessages?.push({ at: performance.now(), result: event.data.kind !== 'stage' }))
          }
        }
      })
      await page.goto(server.url)
      await page.waitForFunction(() => (window.peerlabCanvas?.nodes().length ?? 0) > 0)
      await page.waitForTimeout(QUIET_MS)
      const doneBeforeOpening = await lastDone(page)
      const opened = await page.evaluate(() => performance.now())
      const chooser = page.waitForEvent('filechooser')
      await page.getByRole('button', { name: 'Open…' }).click()
      await (await chooser).setFiles({ name: `bench-${design.hosts}.yaml`, mimeType: 'application/yaml', buffer: Buffer.from(design.text()) })
      await page.waitForFunction((n) => (window.peerlabCanvas?.nodes('[kind != "segment"]').length ?? 0) >= n, design.hosts, { timeout: 180_000 })
      const open = await longestSince(page, opened, doneBeforeOpening)
      await page.evaluate((id) => {
        window.peerlabCanvas?.getElementById(id).select()
      }, design.node)
      // A host opens in its panel; its properties hold the inspector's fields.
      await page.getByTestId('host-tab-properties').click()
      await page.locator('[data-field="alias"]').waitFor()
      await longestSince(page, await page.evaluate(() => performance.now()), (await lastDone(page)) - 1)
      const row = (what: string, longest: Longest): void =>
        console.log(
          `${design.name.padEnd(32)}  ${what.padEnd(30)}  ${ms(longest.edit)}  ${ms(longest.fromWorker)}  ${ms(longest.other)}  ${(Math.max(longest.fromWorker, longest.other) <= TARGET_MS ? 'met' : 'missed').padEnd(6)}  ${ms(longest.drawing).padStart(13)}`,
        )
      row('opening the file', open)
      for (const edit of EDITS) {
        const longest: Longest[] = []
        for (let i = 0; i < edit.times; i++) {
          const doneBefore = await lastDone(page)
          const since = await page.evaluate(
            ({ field, value }) => {
              const input = document.querySelector<HTMLInputElement>(`[data-field="${field}"]`)
              if (!input) throw new Error(`no ${field} field in the inspector`)
              const start = performance.now()
              input.value = value
              input.dispatchEvent(new Event('change'))
              return start
            },
            { field: edit.field, value: edit.value(i) },
          )
          longest.push(await longestSince(page, since, doneBefore))
        }
        const worst = (kind: keyof Longest): number => Math.max(...longest.map((e) => e[kind]))
        row(`${edit.name}, worst of ${edit.times}`, { edit: worst('edit'), fromWorker: worst('fromWorker'), other: worst('other'), drawing: worst('drawing') })
      }
      await page.close()
    }
  } finally {
    await browser.close()
    await server.close()
  }
}

await main()
