import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, sep } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { appFileOf, APP_ENTRY_URL, handleAppProtocol, isAppUrl, registerAppScheme, serveAppFile } from '../../electron/main/appProtocol'
import { CONTENT_SECURITY_POLICY_HEADER } from '../../electron/main/contentSecurity'

let root: string
let outside: string
beforeAll(async () => {
  const base = await mkdtemp(join(tmpdir(), 'peerlab-protocol-'))
  root = join(base, 'renderer')
  outside = join(base, 'secret.txt')
  await mkdir(join(root, 'assets'), { recursive: true })
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Peerlab</title>')
  await writeFile(join(root, 'assets', 'index-abc.js'), 'export {}')
  await writeFile(outside, 'not for the page')
})
afterAll(async () => {
  await rm(join(root, '..'), { recursive: true, force: true })
})

const get = (url: string, method = 'GET') => serveAppFile(root, { url, method })

describe('the app:// protocol', () => {
  it('is registered before ready as standard and secure, and served from the renderer build', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() }
    registerAppScheme(protocol)
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }])
    handleAppProtocol(protocol, root)
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function))
  })

  it('serves the page and its assets with their types and the security headers', async () => {
    const page = await get(APP_ENTRY_URL)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY_HEADER)
    expect(page.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await page.text()).toContain('<title>Peerlab</title>')
    const script = await get('app://peerlab/assets/index-abc.js')
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect((await get('app://peerlab/')).status).toBe(200)
    expect((await get('app://peerlab/assets/missing.js')).status).toBe(404)
    expect(await (await get(APP_ENTRY_URL, 'HEAD')).text()).toBe('')
    expect((await get(APP_ENTRY_URL, 'POST')).status).toBe(405)
  })

  it.each([
    // The URL parser already folds these dot segments away: they stay inside the build, and are not found there.
    'app://peerlab/../secret.txt',
    'app://peerlab/%2e%2e/secret.txt',
    `app://peerlab/${encodeURIComponent('/etc/passwd')}`,
    // These get past the parser, and are refused.
    'app://peerlab/assets/..%2f..%2fsecret.txt',
    'app://peerlab/..%5csecret.txt',
    'app://peerlab/%00index.html',
    'app://evil/index.html',
    'app://peerlab.evil/index.html',
    'file:///etc/passwd',
    'not a url',
  ])('never serves a file outside the renderer build, or for another host: %s', async (url) => {
    const file = appFileOf(root, url)
    expect(file === undefined || file.startsWith(root + sep)).toBe(true)
    const response = await get(url)
    expect([403, 404]).toContain(response.status)
    expect(await response.text()).toBe('')
  })

  it('refuses outright what would leave the build once decoded', () => {
    for (const url of ['app://peerlab/assets/..%2f..%2fsecret.txt', 'app://peerlab/..%5csecret.txt', 'app://peerlab/%00index.html', 'app://peerlab/%2e%2e%2fsecret.txt']) {
      expect(appFileOf(root, url), url).toBeUndefined()
    }
    expect(appFileOf(root, 'app://peerlab/assets/../index.html')).toBe(join(root, 'index.html'))
  })

  it('knows its own pages', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true)
    expect(isAppUrl('app://peerlab.evil/')).toBe(false)
    expect(isAppUrl('https://peerlab/')).toBe(false)
  })
})
