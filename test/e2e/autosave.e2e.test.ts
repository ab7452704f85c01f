import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { CDPSession, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findChromium } from './browser'
import { openFile, RESULTS } from './designerPage'
import { keptWork, launchPersistent, type PersistentBrowser } from './persistentBrowser'
import { serveDirectory } from './staticServer'

const chromiumPath = findChromium()
const RENDERER_BUILD = resolve(import.meta.dirname, '../../out/renderer')
const example = readFileSync(resolve(import.meta.dirname, '../../examples/calico-lab-2.2.yaml'), 'utf8')
/**
 * A design file of 6.4 million characters that draws as the example: a large ConfigMap fills it,
 * so there are not thousands of hosts to draw. Autosave keeps text, whatever fills it. Random,
 * because Chromium compresses what it stores in IndexedDB, and a quota is about what is stored.
 */
const largeDesign = `${example}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: blob, namespace: default}\ndata: {blob: ${randomBytes(1_600_000).toString('hex')}}\n`

function current(page: Page) {
  return page.evaluate(() => {
    const state = window.peerlabDesign?.()
    if (!state) throw new Error('the app exposes no design')
    return { name: state.design.name, ids: state.design.entries.map((e) => e.id), isDirty: state.isDirty }
  })
}

describe.runIf(chromiumPath !== undefined)('autosave survives a killed browser (browser mode, IndexedDB)', () => {
  let server: Awaited<ReturnType<typeof serveDirectory>>
  let profile: string
  const profiles: string[] = []
  const newProfile = async (): Promise<string> => {
    profiles.push(await mkdtemp(join(tmpdir(), 'peerlab-profile-')))
    return profiles.at(-1) as string
  }
  let browser: PersistentBrowser
  const problems: string[] = []
  const page = (): Page => browser.page
  const offer = () => page().getByTestId('autosave-offer')
  const status = () => page().getByTestId('status')

  beforeAll(async () => {
    if (!existsSync(resolve(RENDERER_BUILD, 'index.html'))) throw new Error(`${RENDERER_BUILD} is missing: run \`npm run build\` first (npm test does).`)
    await mkdir(RESULTS, { recursive: true })
    // One server for every launch: IndexedDB belongs to an origin, and a new port would be a new one.
    server = await serveDirectory(RENDERER_BUILD)
    profile = await newProfile()
    browser = await launchPersistent(chromiumPath as string, profile, server.url)
  })
  afterAll(async () => {
    await browser?.close().catch(() => undefined)
    await server?.close()
    for (const folder of profiles) await rm(folder, { recursive: true, force: true })
  })

  it('offers an edit back after SIGKILL 1.5 s later, and restores it', async () => {
    await page().getByRole('button', { name: '+ Worker' }).click()
    expect((await current(page())).ids).toContain('node/worker-1')
    await page().waitForTimeout(1500)
    problems.push(...browser.problems)
    await browser.kill()

    browser = await launchPersistent(chromiumPath as string, profile, server.url)
    await expect.poll(() => offer().isVisible()).toBe(true)
    expect(await offer().textContent()).toContain('Unsaved work on calico-lab-2.2.yaml from')
    // The app starts on its example, as ever, until the user chooses.
    expect((await current(page())).ids).not.toContain('node/worker-1')
    await page().screenshot({ path: resolve(RESULTS, 'autosave-offer-light.png') })
    await page().getByRole('button', { name: 'Dark' }).click()
    await page().screenshot({ path: resolve(RESULTS, 'autosave-offer-dark.png') })
    await page().getByRole('button', { name: 'Light' }).click()

    await offer().getByRole('button', { name: 'Restore' }).click()
    await expect.poll(async () => (await current(page())).ids).toContain('node/worker-1')
    expect(await current(page())).toMatchObject({ name: 'calico-lab-2.2', isDirty: true })
    expect(await status().textContent()).toBe('Restored unsaved work on calico-lab-2.2.yaml')
    expect(await offer().count()).toBe(0)
  })

  it('saves restored work, and then keeps nothing more to offer', async () => {
    const download = page().waitForEvent('download')
    await page().getByRole('button', { name: 'Save', exact: true }).click()
    const file = await download
    expect(file.suggestedFilename()).toBe('calico-lab-2.2.yaml')
    expect(readFileSync(await file.path(), 'utf8')).toContain('name: worker-1')
    await expect.poll(async () => (await current(page())).isDirty).toBe(false)
    await expect.poll(() => keptWork(page())).toBeUndefined()
  })

  it('keeps a design of more than three million characters', async () => {
    await openFile(page(), 'large.yaml', largeDesign)
    await expect.poll(() => page().getByTestId('design-name').textContent()).toBe('large')
    await page().getByRole('button', { name: '+ Worker' }).click()
    const edited = Date.now()
    await expect.poll(async () => (await keptWork(page()))?.text.length ?? 0, { timeout: 10_000, interval: 100 }).toBeGreaterThan(3_200_000)
    const kept = await keptWork(page())
    expect(kept?.text).toContain('name: worker-1')
    expect(kept?.file.name).toBe('large.yaml')
    // Bounded, not whenever the browser happens to be idle (the poll itself reads 6 MB each time).
    expect(Date.now() - edited).toBeLessThan(5000)
  })

  it('says so when storage refuses the work, and again once it is kept after all', async () => {
    problems.push(...browser.problems)
    await browser.close()
    // Chromium applies a quota when a site's storage is first opened: set it before the app loads, in a fresh profile.
    const origin = new URL(server.url).origin
    let cdp: CDPSession | undefined
    browser = await launchPersistent(chromiumPath as string, await newProfile(), server.url, async (blank) => {
      cdp = await blank.context().newCDPSession(blank)
      await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1_000_000 })
    })
    await openFile(page(), 'large.yaml', largeDesign)
    await expect.poll(() => page().getByTestId('design-name').textContent()).toBe('large')
    await page().getByRole('button', { name: '+ Worker' }).click()
    await expect.poll(() => status().textContent(), { timeout: 10_000 }).toMatch(/^Not autosaved: browser storage is full \(6\.\d MB to keep\)\. Save to keep this work\.$/)
    expect(await keptWork(page())).toBeUndefined()
    // The message gives way to the next one; the mark in the toolbar stays while autosave fails.
    expect(await page().getByTestId('not-autosaved').getAttribute('title')).toBe(await status().textContent())
    await page().screenshot({ path: resolve(RESULTS, 'autosave-storage-full.png') })

    await cdp?.send('Storage.overrideQuotaForOrigin', { origin })
    await page().getByRole('button', { name: '+ Worker' }).click()
    await expect.poll(() => status().textContent(), { timeout: 10_000 }).toBe('Autosaved again')
    expect(await page().getByTestId('not-autosaved').count()).toBe(0)
    expect((await keptWork(page()))?.text).toContain('name: worker-2')
  })

  it('logged no errors or warnings', () => {
    expect([...problems, ...browser.problems]).toEqual([])
  })
})
