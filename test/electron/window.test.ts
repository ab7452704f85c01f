import { join, resolve } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { CHANNELS } from '../../shared/ipc/contract'
import type { createElectronMock, FakeWindow } from './electronMock'

const electron = vi.hoisted(() => ({ current: undefined as unknown as ReturnType<typeof createElectronMock> }))
vi.mock('electron', async () => {
  const { createElectronMock } = await import('./electronMock')
  electron.current = createElectronMock()
  return electron.current.module
})

const { createMainWindow, isTrustedUrl } = await import('../../electron/main/window')
const { APP_ENTRY_URL } = await import('../../electron/main/appProtocol')
const mainDir = resolve('/opt/peerlab/out/main')
const PACKAGED = { packaged: true, devServerUrl: undefined, onDiscard: () => undefined }

/** Calls a webContents listener as Electron does, with an event that records whether it was cancelled. */
function fire(window: FakeWindow | undefined, name: string, details: Record<string, unknown> = {}): boolean {
  const event = { ...details, preventDefault: vi.fn() }
  const listener = window?.contentsHandlers.get(name)
  if (!listener) throw new Error(`no ${name} listener`)
  listener(event, details.url)
  return event.preventDefault.mock.calls.length > 0
}

describe('the main window', () => {
  beforeEach(() => {
    electron.current.windows.length = 0
    vi.clearAllMocks()
  })

  it('is sandboxed, context-isolated, without Node, with the CommonJS preload, and loads the app from app://', () => {
    createMainWindow(mainDir, PACKAGED)
    const [window] = electron.current.windows
    expect(window?.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false })
    expect(window?.options.webPreferences.preload).toBe(join(mainDir, '../preload/index.cjs'))
    expect(window?.loadURL).toHaveBeenCalledWith('app://peerlab/index.html')
    expect(window?.loadFile).not.toHaveBeenCalled()
  })

  it('has developer tools in development only', () => {
    createMainWindow(mainDir, PACKAGED)
    createMainWindow(mainDir, { ...PACKAGED, packaged: false })
    expect(electron.current.windows.map((w) => w.options.webPreferences.devTools)).toEqual([false, true])
  })

  it('loads the dev server when development provides one', () => {
    createMainWindow(mainDir, { packaged: false, devServerUrl: 'http://localhost:5174/', onDiscard: () => undefined })
    expect(electron.current.windows[0]?.loadURL).toHaveBeenCalledWith('http://localhost:5174/')
  })

  it('stays on the app: navigation, redirects and frames elsewhere, and webviews, are refused', () => {
    createMainWindow(mainDir, PACKAGED)
    const window = electron.current.windows[0]
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'app://evil/index.html', 'http://localhost:5174/']) {
      expect(fire(window, 'will-navigate', { url }), url).toBe(true)
      expect(fire(window, 'will-redirect', { url }), url).toBe(true)
      expect(fire(window, 'will-frame-navigate', { url, isMainFrame: true }), url).toBe(true)
    }
    expect(fire(window, 'will-navigate', { url: `${APP_ENTRY_URL}#design` })).toBe(false)
    expect(fire(window, 'will-frame-navigate', { url: APP_ENTRY_URL, isMainFrame: true })).toBe(false)
    // Not even the app itself inside a frame: the page has no frames.
    expect(fire(window, 'will-frame-navigate', { url: APP_ENTRY_URL, isMainFrame: false })).toBe(true)
    expect(fire(window, 'will-attach-webview')).toBe(true)
  })

  it('opens no window, and sends only allowlisted documentation links to the browser', () => {
    createMainWindow(mainDir, PACKAGED)
    const window = electron.current.windows[0]
    for (const url of [
      'https://docs.tigera.io/calico/latest/networking/',
      'https://evil.example/',
      'file:///etc/passwd',
      'http://docs.tigera.io/',
      'ms-msdt:/id',
      'https://docs.tigera.io.evil.example/',
    ]) {
      expect(window?.windowOpenHandler?.({ url })).toEqual({ action: 'deny' })
    }
    expect(electron.current.module.shell.openExternal.mock.calls).toEqual([['https://docs.tigera.io/calico/latest/networking/']])
  })
})

describe('closing a window with unsaved changes', () => {
  beforeEach(() => {
    electron.current.windows.length = 0
    vi.clearAllMocks()
  })

  function open(title = '● rack — Peerlab') {
    const onDiscard = vi.fn()
    createMainWindow(mainDir, { ...PACKAGED, onDiscard })
    const window = electron.current.windows[0]
    window?.getTitle.mockReturnValue(title)
    return { window, onDiscard, ask: electron.current.module.dialog.showMessageBoxSync }
  }

  it('asks natively, naming the design: Save, Don’t Save or Cancel', () => {
    const { window, ask } = open()
    fire(window, 'will-prevent-unload')
    expect(ask).toHaveBeenCalledWith(window, expect.objectContaining({ buttons: ['Save', "Don't Save", 'Cancel'], defaultId: 0, cancelId: 2, message: 'Save the changes to rack before closing?' }))
  })

  it('Cancel keeps the window open and changes nothing', () => {
    const { window, onDiscard, ask } = open()
    ask.mockReturnValue(2)
    expect(fire(window, 'will-prevent-unload')).toBe(false)
    expect(window?.webContents.send).not.toHaveBeenCalled()
    expect(onDiscard).not.toHaveBeenCalled()
  })

  it("Don't Save closes anyway and forgets the autosaved copy", () => {
    const { window, onDiscard, ask } = open()
    ask.mockReturnValue(1)
    expect(fire(window, 'will-prevent-unload')).toBe(true)
    expect(onDiscard).toHaveBeenCalledOnce()
  })

  it('Save keeps the window until the page has saved, then the page closes it', () => {
    const { window, ask } = open('Peerlab')
    ask.mockReturnValue(0)
    expect(fire(window, 'will-prevent-unload')).toBe(false)
    expect(window?.webContents.send).toHaveBeenCalledWith(CHANNELS.menuCommand, 'file.saveAndClose')
    expect(ask).toHaveBeenCalledWith(window, expect.objectContaining({ message: 'Save the changes to the design before closing?' }))
  })
})

describe('isTrustedUrl', () => {
  it('trusts only the app page, or the dev server origin when development gives one', () => {
    expect(isTrustedUrl(APP_ENTRY_URL, undefined)).toBe(true)
    expect(isTrustedUrl('app://peerlab/assets/index.js', undefined)).toBe(true)
    expect(isTrustedUrl('app://evil/index.html', undefined)).toBe(false)
    expect(isTrustedUrl('app://user:pw@peerlab/index.html', undefined)).toBe(false)
    expect(isTrustedUrl('file:///opt/peerlab/out/renderer/index.html', undefined)).toBe(false)
    expect(isTrustedUrl('https://example.com/', undefined)).toBe(false)
    expect(isTrustedUrl('http://localhost:5174/', undefined)).toBe(false)
    expect(isTrustedUrl('http://localhost:5174/src/App.vue', 'http://localhost:5174/')).toBe(true)
    expect(isTrustedUrl('http://localhost:9999/', 'http://localhost:5174/')).toBe(false)
    expect(isTrustedUrl('not a url', 'http://localhost:5174/')).toBe(false)
    // A dev server URL without an origin of its own trusts nothing more.
    expect(isTrustedUrl('file:///tmp/x.html', 'file:///tmp/y.html')).toBe(false)
  })
})
