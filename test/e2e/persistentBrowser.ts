import { readdirSync, readFileSync } from 'node:fs'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { CHROMIUM_ARGS } from './browser'

/**
 * A Chromium with a profile of its own, which outlives the browser: what a user's browser is when
 * it crashes and is started again. Playwright gives no process handle for a persistent context,
 * so the browser is found by its profile folder and killed with SIGKILL, as the kernel's OOM
 * killer or a power cut would end it: no unload, no flush, no goodbye.
 */
export interface PersistentBrowser {
  readonly context: BrowserContext
  readonly page: Page
  /** Every console error or warning and page error, since launch. */
  readonly problems: string[]
  kill(): Promise<void>
  close(): Promise<void>
}

/** The browser process itself (not its renderers, GPU or zygote helpers) running on this profile. */
function browserPid(profile: string): number {
  const pids = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))
  for (const pid of pids) {
    let args: string[]
    try {
      args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')
    } catch {
      continue
    }
    if (args.includes(`--user-data-dir=${profile}`) && !args.some((arg) => arg.startsWith('--type='))) return Number(pid)
  }
  throw new Error(`no Chromium browser process runs on ${profile}`)
}

/** `beforeLoad` runs on the blank page, before the app is loaded: the moment to set up what the app will find. */
export async function launchPersistent(executablePath: string, profile: string, url: string, beforeLoad?: (page: Page) => Promise<void>): Promise<PersistentBrowser> {
  const context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1440, height: 900 } })
  const page = context.pages()[0] ?? (await context.newPage())
  await beforeLoad?.(page)
  const problems: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console.${message.type()}: ${message.text()}`)
  })
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  await page.goto(url)
  await page.waitForFunction(() => (window.peerlabCanvas?.nodes().length ?? 0) > 0)
  return {
    context,
    page,
    problems,
    async kill() {
      const closed = new Promise<void>((resolve) => context.once('close', () => resolve()))
      process.kill(browserPid(profile), 'SIGKILL')
      await closed
    },
    close: () => context.close(),
  }
}

/** The unsaved work the app keeps in this page's IndexedDB, read without creating the database if it is not there. */
export function keptWork(page: Page): Promise<{ file: { name: string; path?: string; text: string }; text: string; savedAt: string } | undefined> {
  return page.evaluate(async () => {
    if (!(await indexedDB.databases()).some((db) => db.name === 'peerlab')) return undefined
    return new Promise((resolve, reject) => {
      const request = indexedDB.open('peerlab')
      request.onerror = () => reject(request.error)
      request.onsuccess = () => {
        const db = request.result
        if (!db.objectStoreNames.contains('autosave')) {
          db.close()
          resolve(undefined)
          return
        }
        const get = db.transaction('autosave').objectStore('autosave').get('work')
        get.onsuccess = () => {
          db.close()
          resolve(get.result)
        }
        get.onerror = () => reject(get.error)
      }
    })
  })
}
