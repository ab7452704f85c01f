import { existsSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { serveAppFile } from '../../electron/main/appProtocol'
import { CONTENT_SECURITY_POLICY_HEADER } from '../../electron/main/contentSecurity'
import { findChromium, launchChromium } from './browser'

const chromiumPath = findChromium()
const RENDERER_BUILD = resolve(import.meta.dirname, '../../out/renderer')

/**
 * The desktop app's protocol handler, answering over HTTP: Electron cannot run here, but what the
 * page gets from it (bytes, types, nosniff, the policy header) is all in this function, and
 * Chromium is the same engine.
 */
async function serveAsTheApp(): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const url = `app://peerlab${request.url ?? '/'}`
    void serveAppFile(RENDERER_BUILD, { url, method: request.method ?? 'GET' }).then(async (answer) => {
      response.writeHead(answer.status, Object.fromEntries(answer.headers))
      response.end(Buffer.from(await answer.arrayBuffer()))
    })
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/index.html` }
}

describe.runIf(chromiumPath !== undefined)('the renderer as the app:// handler serves it', () => {
  let browser: Browser
  let served: Awaited<ReturnType<typeof serveAsTheApp>>

  beforeAll(async () => {
    if (!existsSync(resolve(RENDERER_BUILD, 'index.html'))) throw new Error(`${RENDERER_BUILD} is missing: run \`npm run build\` first (npm test does).`)
    served = await serveAsTheApp()
    browser = await launchChromium(chromiumPath as string)
  })
  afterAll(async () => {
    await browser?.close()
    served?.server.close()
  })

  it('starts under the header policy with no violation, error or warning', async () => {
    const page = await browser.newPage()
    const problems: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`console.${message.type()}: ${message.text()}`)
    })
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
    const response = await page.goto(served.url)
    expect(response?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY_HEADER)
    await page.waitForFunction(() => (window.peerlabCanvas?.nodes().length ?? 0) > 0)
    expect(await page.getByTestId('design-name').textContent()).toBe('calico-lab-2.2')
    expect(problems).toEqual([])
    // The policy holds: a script the page did not ship is refused, and said to be.
    const refused = await page.evaluate(
      () =>
        new Promise<{ ran: boolean; directive: string }>((done) => {
          document.addEventListener('securitypolicyviolation', (event) => done({ ran: 'injected' in window, directive: event.effectiveDirective }), { once: true })
          const script = document.createElement('script')
          script.textContent = 'window.injected = true'
          document.body.append(script)
        }),
    )
    expect(refused).toEqual({ ran: false, directive: 'script-src-elem' })
    await page.close()
  })
})
