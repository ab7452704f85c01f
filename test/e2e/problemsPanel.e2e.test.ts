import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findChromium } from './browser'
import { openDesigner, openFile, RESULTS, type DesignerSession } from './designerPage'

const chromiumPath = findChromium()

/** One node, and 450 pods pinned to a node the design does not have: 450 errors, one per pod. */
function manyProblems(): string {
  const node = 'apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\nstatus:\n  addresses:\n    - type: InternalIP\n      address: 10.0.0.1\n'
  const pods = Array.from(
    { length: 450 },
    (_, i) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\n  namespace: default\nspec:\n  nodeName: ghost\n  containers:\n    - name: c\n      image: nginx\n`,
  )
  return [node, ...pods].join('---\n')
}

describe.runIf(chromiumPath !== undefined)('problems panel', () => {
  let session: DesignerSession

  beforeAll(async () => {
    session = await openDesigner(chromiumPath as string)
    session.page.on('dialog', (d) => void d.accept())
  })
  afterAll(async () => session?.close())

  it('draws problems a page at a time, counts them all, and shows the rest on asking', async () => {
    const { page } = session
    await openFile(page, 'many-problems.yaml', manyProblems())
    const problems = page.getByTestId('problems')
    const heading = problems.getByRole('heading')
    // Each pod's error, and what the analysis says of each after it.
    await expect.poll(async () => Number(/\((\d+)\)/.exec((await heading.textContent().catch(() => '')) ?? '')?.[1] ?? 0), { timeout: 30_000 }).toBeGreaterThanOrEqual(450)
    const total = Number(/\((\d+)\)/.exec((await heading.textContent()) ?? '')?.[1])
    const rows = problems.locator('li')
    const more = page.getByTestId('problems-more')
    await expect.poll(() => rows.count()).toBe(200)
    await page.screenshot({ path: resolve(RESULTS, 'problems-paged-1280x800.png') })
    for (let drawn = 200; drawn < total; drawn += 200) {
      await expect.poll(() => more.textContent().then((t) => t?.trim())).toBe(`Show ${Math.min(200, total - drawn)} more of ${total - drawn}`)
      await more.click()
      await expect.poll(() => rows.count()).toBe(Math.min(drawn + 200, total))
    }
    await expect.poll(() => more.count()).toBe(0)
    // Errors come first: every pod's error is among the first 450 rows.
    await expect(rows.nth(449).textContent()).resolves.toContain('is pinned to node "ghost"')
  })
})
