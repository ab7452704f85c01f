import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LabConsole } from '../../shared/console/labConsole'
import { loadDesign } from '../../shared/format/loadDesign'
import { readExample } from '../exampleText'
import { BGP_PEER, EXTERNAL_NAMESPACE, EXTERNAL_POOL, NGINX } from '../labSteps'
import { findChromium } from './browser'
import { openDesigner, typeInConsole, RESULTS, type DesignerSession } from './designerPage'

const ROOT = resolve(import.meta.dirname, '../..')
const chromiumPath = findChromium()

const BASTION_BEFORE =
  'default via 10.0.1.1 dev ens5 proto dhcp src 10.0.1.10 metric 100 \n10.0.1.0/24 dev ens5 proto kernel scope link src 10.0.1.10 \n10.0.1.1 dev ens5 proto dhcp scope link src 10.0.1.10 metric 100 \n'
const NGINX_ROUTE = '10.48.2.216/29 via 10.0.1.31 dev ens5 proto bird \n'

/** The seed lab typed into the app's console panel, as a trainer would: outputs, hosts, and undo. */
describe.runIf(chromiumPath !== undefined)('the lab console panel', () => {
  let session: DesignerSession
  let page: Page

  const type = (command: string): Promise<string> => typeInConsole(page, command)

  beforeAll(async () => {
    session = await openDesigner(chromiumPath as string)
    page = session.page
    await page.getByTestId('toggle-console').click()
  })

  afterAll(async () => session?.close())

  it("opens on bastion and shows its table as the lab's first ip route does", async () => {
    await expect(page.getByTestId('console-prompt').textContent()).resolves.toBe('ubuntu@bastion:~$ ')
    expect(await type('ip route')).toBe(BASTION_BEFORE)
  })

  it("applies the lab's manifests from here-documents, and the design and bastion's table follow", async () => {
    expect(await type(`kubectl apply -f -<<EOF\n${EXTERNAL_POOL}EOF`)).toBe('ippool.projectcalico.org/external-pool created\n')
    expect(await type(`kubectl apply -f -<<EOF\n${BGP_PEER}EOF`)).toBe('bgppeer.projectcalico.org/bgppeer-global-64512 created\n')
    expect(await type(`kubectl apply -f -<<EOF\n${EXTERNAL_NAMESPACE}EOF`)).toBe('namespace/external-ns created\n')
    expect(await type(`kubectl apply -f -<<EOF\n${NGINX}EOF`)).toBe('deployment.apps/nginx created\nnetworkpolicy.networking.k8s.io/nginx created\n')
    const ids = await page.evaluate(() => window.peerlabDesign?.().design.entries.map((e) => e.id) ?? [])
    expect(ids).toEqual(expect.arrayContaining(['ippool/external-pool', 'bgppeer/bgppeer-global-64512', 'namespace/external-ns', 'deployment/external-ns/nginx', 'networkpolicy/external-ns/nginx']))
    expect(await type('ip route')).toBe(BASTION_BEFORE + NGINX_ROUTE)
    expect(await type('curl 10.48.2.216')).toContain('<h1>Welcome to nginx!</h1>')
    // The diagram stays whole above the console: bastion in view.
    const inView = await page.evaluate(() => {
      const cy = window.peerlabCanvas
      const extent = cy?.extent()
      const b = cy?.getElementById('router/bastion').boundingBox()
      return extent !== undefined && b !== undefined && b.x1 >= extent.x1 && b.x2 <= extent.x2 && b.y1 >= extent.y1 && b.y2 <= extent.y2
    })
    expect(inView).toBe(true)
    await type('ip route')
    await page.screenshot({ path: resolve(RESULTS, 'lab-console-bastion.png') })
  })

  it('moves between hosts with ssh and exit, and the prompt follows', async () => {
    await type('ssh worker1')
    await expect(page.getByTestId('console-prompt').textContent()).resolves.toBe('ubuntu@worker1:~$ ')
    expect(await type('sudo calicoctl node status')).toMatch(/\| 10\.0\.1\.10 +\| global +\| up +\| \d\d:\d\d:\d\d \| Established \|/)
    await type('exit')
    await expect(page.getByTestId('console-prompt').textContent()).resolves.toBe('ubuntu@bastion:~$ ')
  })

  it('undoes a console apply like any edit: the nginx route is gone, and redo brings it back', async () => {
    await page.getByTestId('undo').click()
    expect(await page.evaluate(() => window.peerlabDesign?.().design.entries.some((e) => e.id === 'deployment/external-ns/nginx'))).toBe(false)
    expect(await type('ip route')).toBe(BASTION_BEFORE)
    await page.getByTestId('redo').click()
    expect(await type('ip route')).toBe(BASTION_BEFORE + NGINX_ROUTE)
    await page.screenshot({ path: resolve(RESULTS, 'lab-console.png') })
  })

  it('answers unknown commands as a shell does, and printed no console errors', async () => {
    expect(await type('ifconfig')).toMatch(/^ifconfig: command not found\n/)
    expect(session.problems).toEqual([])
  })

  it('replays the whole handout pasted at once, each command with the output the CLI gives', async () => {
    await page.reload()
    await page.waitForFunction(() => (window.peerlabCanvas?.nodes().length ?? 0) > 0)
    await page.getByTestId('toggle-console').click()
    const script = readFileSync(resolve(ROOT, 'examples/calico-lab-2.2.lab.txt'), 'utf8')
    await page.getByTestId('console-input').fill(script.trimEnd())
    await page.getByTestId('console-input').press('Enter')
    const expected = new LabConsole(loadDesign(readExample('calico-lab-2.2')).design).run(script)
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="console-output"] .entry').length === n, expected.length)
    const shown = await page
      .getByTestId('console-output')
      .locator('.entry')
      .evaluateAll((entries) => entries.map((e) => ({ typed: e.querySelector('.typed')?.textContent ?? '', output: e.querySelector('.output')?.textContent ?? '' })))
    expect(shown).toEqual(expected.map((e) => ({ typed: `ubuntu@${e.host}:~$ ${e.command}`, output: e.output })))
    await page.screenshot({ path: resolve(RESULTS, 'lab-console-handout.png') })
  })
})
