import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { createElectronMock } from './electronMock'

const electron = vi.hoisted(() => ({ current: undefined as unknown as ReturnType<typeof createElectronMock> }))
vi.mock('electron', async () => {
  const { createElectronMock } = await import('./electronMock')
  electron.current = createElectronMock()
  return electron.current.module
})

const { createMainWindow, isTrustedUrl, rendererEntry } = await import('../../electron/main/window')
const mainDir = resolve('/opt/peerlab/out/main')

describe('the main window', () => {
  beforeEach(() => {
    electron.current.windows.length = 0
  })

  it('is sandboxed, context-isolated, without Node, with the CommonJS preload', () => {
    createMainWindow(mainDir, undefined)
    const [window] = electron.current.windows
    expect(window?.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false })
    expect(window?.options.webPreferences.preload).toBe(join(mainDir, '../preload/index.cjs'))
    expect(window?.loadFile).toHaveBeenCalledWith(join(mainDir, '../renderer/index.html'))
  })

  it('loads the dev server when electron-vite provides one', () => {
    createMainWindow(mainDir, 'http://localhost:5174/')
    expect(electron.current.windows[0]?.loadURL).toHaveBeenCalledWith('http://localhost:5174/')
  })

  it('refuses to navigate away and to open new windows, and denies permission requests', () => {
    createMainWindow(mainDir, undefined)
    const window = electron.current.windows[0]
    const preventDefault = vi.fn()
    window?.contentsHandlers.get('will-navigate')?.({ preventDefault }, 'https://example.com/')
    expect(preventDefault).toHaveBeenCalled()
    expect(window?.windowOpenHandler?.({ url: 'https://docs.tigera.io/' })).toEqual({ action: 'deny' })
    expect(electron.current.module.shell.openExternal).toHaveBeenCalledWith('https://docs.tigera.io/')
    expect(window?.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' })
    expect(electron.current.module.shell.openExternal).toHaveBeenCalledTimes(1)
    const callback = vi.fn()
    window?.permissionHandler?.({}, 'media', callback)
    expect(callback).toHaveBeenCalledWith(false)
  })
})

describe('isTrustedUrl', () => {
  const entry = pathToFileURL(rendererEntry(mainDir)).href
  it('trusts only the app page, or the dev server origin in development', () => {
    expect(isTrustedUrl(entry, mainDir, undefined)).toBe(true)
    expect(isTrustedUrl(`${entry}#/design`, mainDir, undefined)).toBe(true)
    expect(isTrustedUrl('file:///tmp/evil.html', mainDir, undefined)).toBe(false)
    expect(isTrustedUrl('https://example.com/', mainDir, undefined)).toBe(false)
    expect(isTrustedUrl('http://localhost:5174/src/App.vue', mainDir, 'http://localhost:5174/')).toBe(true)
    expect(isTrustedUrl('http://localhost:9999/', mainDir, 'http://localhost:5174/')).toBe(false)
    expect(isTrustedUrl('not a url', mainDir, 'http://localhost:5174/')).toBe(false)
  })
})
