import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { MenuItemConstructorOptions } from 'electron'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CHANNELS, type DesktopBridge } from '../../shared/ipc/contract'
import { buildMenuTemplate } from '../../electron/main/menu'
import { APP_ENTRY_URL } from '../../electron/main/appProtocol'
import { CONTENT_SECURITY_POLICY_HEADER } from '../../electron/main/contentSecurity'
import type { createElectronMock } from './electronMock'

const electron = vi.hoisted(() => ({ current: undefined as unknown as ReturnType<typeof createElectronMock> }))
vi.mock('electron', async () => {
  const { createElectronMock } = await import('./electronMock')
  electron.current = createElectronMock()
  return electron.current.module
})

const NO_RECENT = { paths: [], open: () => undefined, clear: () => undefined }

function openRecentItems(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  const file = template.find((m) => m.label === 'File')?.submenu as MenuItemConstructorOptions[]
  return file.find((i) => i.label === 'Open Recent')?.submenu as MenuItemConstructorOptions[]
}

describe('main entry', () => {
  it('turns on the sandbox for every renderer and waits for ready', async () => {
    await import('../../electron/main/index')
    expect(electron.current.module.app.enableSandbox).toHaveBeenCalled()
    expect(electron.current.module.app.whenReady).toHaveBeenCalled()
  })

  it('gives the app:// scheme its privileges before ready', async () => {
    await import('../../electron/main/index')
    expect(electron.current.module.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([expect.objectContaining({ scheme: 'app' })])
  })

  it('on ready registers the bridge, installs the menu and opens one window', async () => {
    const { startApp } = await import('../../electron/main/index')
    startApp()
    expect([...electron.current.handlers.keys()]).toEqual(
      expect.arrayContaining([CHANNELS.platform, CHANNELS.openDesign, CHANNELS.saveDesign, CHANNELS.recentFiles, CHANNELS.openRecent, CHANNELS.clearRecentFiles]),
    )
    expect(electron.current.module.Menu.setApplicationMenu).toHaveBeenCalled()
    expect(electron.current.windows).toHaveLength(1)
  })

  it('on ready serves app://, puts the policy on every response and refuses every permission', async () => {
    const { startApp } = await import('../../electron/main/index')
    startApp()
    expect(electron.current.module.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function))
    const session = electron.current.defaultSession
    const callback = vi.fn()
    session.headersListener?.({ responseHeaders: {} }, callback)
    expect(callback.mock.calls[0]?.[0].responseHeaders['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY_HEADER])
    const granted = vi.fn()
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'fullscreen', 'openExternal']) session.permissionRequest?.({}, permission, granted)
    expect(granted.mock.calls.every(([answer]) => answer === false)).toBe(true)
    expect(granted).toHaveBeenCalledTimes(6)
    expect(session.permissionCheck?.({}, 'clipboard-sanitized-write')).toBe(false)
    expect(session.devicePermission?.({ deviceType: 'usb' })).toBe(false)
  })
})

describe('the packaged app', () => {
  afterEach(() => {
    electron.current.module.app.isPackaged = false
    vi.unstubAllEnvs()
  })

  it('ignores ELECTRON_RENDERER_URL: it loads and trusts app:// only, and has no developer tools', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://127.0.0.1:6666/')
    electron.current.module.app.isPackaged = true
    electron.current.windows.length = 0
    const { startApp } = await import('../../electron/main/index')
    startApp()
    const [window] = electron.current.windows
    expect(window?.loadURL).toHaveBeenCalledWith('app://peerlab/index.html')
    expect(window?.options.webPreferences.devTools).toBe(false)
    const platform = electron.current.handlers.get(CHANNELS.platform)
    expect(() => platform?.({ senderFrame: { url: 'http://127.0.0.1:6666/' } })).toThrow(/untrusted/)
    expect(platform?.({ senderFrame: { url: APP_ENTRY_URL } })).toMatchObject({ mode: 'desktop' })
    const template = electron.current.module.Menu.buildFromTemplate.mock.calls.at(-1)?.[0] as MenuItemConstructorOptions[]
    expect(JSON.stringify(template)).not.toContain('toggleDevTools')
  })

  it('in development, loads and trusts the dev server electron-vite names', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5174/')
    electron.current.windows.length = 0
    const { startApp, devServerUrlOf } = await import('../../electron/main/index')
    startApp()
    expect(electron.current.windows[0]?.loadURL).toHaveBeenCalledWith('http://localhost:5174/')
    expect(electron.current.handlers.get(CHANNELS.platform)?.({ senderFrame: { url: 'http://localhost:5174/' } })).toMatchObject({ mode: 'desktop' })
    const template = electron.current.module.Menu.buildFromTemplate.mock.calls.at(-1)?.[0] as MenuItemConstructorOptions[]
    expect(JSON.stringify(template)).toContain('toggleDevTools')
    expect([devServerUrlOf(true, 'http://x/'), devServerUrlOf(false, ''), devServerUrlOf(false, undefined)]).toEqual([undefined, undefined, undefined])
  })
})

describe('recent files in the app', () => {
  it('keeps them in user data, lists them in File › Open Recent, and opens only those', async () => {
    const userData = await mkdtemp(join(tmpdir(), 'peerlab-user-data-'))
    const design = join(userData, 'lab.yaml')
    await writeFile(design, 'kind: Cluster\n')
    await writeFile(join(userData, 'recent-files.json'), JSON.stringify({ version: 1, paths: [design] }))
    electron.current.module.app.getPath.mockReturnValue(userData)
    const { startApp } = await import('../../electron/main/index')
    startApp()
    expect(electron.current.module.app.getPath).toHaveBeenCalledWith('userData')
    const page = { senderFrame: { url: APP_ENTRY_URL } }
    const invoke = (channel: string, ...args: unknown[]) => electron.current.handlers.get(channel)?.(page, ...args)

    expect(await invoke(CHANNELS.recentFiles)).toEqual([{ id: design, name: 'lab.yaml', path: design }])
    const menu = () => openRecentItems((electron.current.module.Menu.buildFromTemplate.mock.calls.at(-1)?.[0] ?? []) as MenuItemConstructorOptions[])
    expect(menu().map((i) => i.label ?? i.type)).toEqual([design, 'separator', 'Clear Recently Opened'])
    // Choosing an entry goes to the renderer, which opens it as it opens any file (asking about unsaved work first).
    menu()[0]?.click?.({} as never, undefined, {} as never)
    expect(electron.current.windows[0]?.webContents.send).toHaveBeenCalledWith(CHANNELS.menuOpenRecent, design)

    expect(await invoke(CHANNELS.openRecent, '/etc/passwd')).toEqual({ status: 'failed', message: 'Refusing to open /etc/passwd: it is not in the recent files' })
    expect(await invoke(CHANNELS.openRecent, design)).toEqual({ status: 'opened', file: { name: 'lab.yaml', path: design, text: 'kind: Cluster\n' } })

    menu()
      .find((i) => i.label === 'Clear Recently Opened')
      ?.click?.({} as never, undefined, {} as never)
    await expect.poll(() => invoke(CHANNELS.recentFiles)).toEqual([])
    expect(menu().map((i) => [i.label ?? i.type, i.enabled])).toEqual([
      ['No Recent Files', false],
      ['separator', undefined],
      ['Clear Recently Opened', false],
    ])
    expect(electron.current.module.app.clearRecentDocuments).toHaveBeenCalled()
    // The list is written after it changes in memory: removing the folder mid-write would race the writer.
    await expect.poll(async () => (JSON.parse(await readFile(join(userData, 'recent-files.json'), 'utf8')) as { paths: string[] }).paths).toEqual([])
    await rm(userData, { recursive: true, force: true })
  })
})

describe('menu', () => {
  it('lists recent files under File › Open Recent and clears them from there', () => {
    const recent = { paths: ['/designs/lab.yaml', '/designs/R&D/rack.yaml'], open: vi.fn(), clear: vi.fn() }
    const items = openRecentItems(buildMenuTemplate(vi.fn(), false, recent))
    // Windows and Linux would read a single & as an access key and hide it.
    expect(items.map((i) => i.label ?? i.type)).toEqual(['/designs/lab.yaml', '/designs/R&&D/rack.yaml', 'separator', 'Clear Recently Opened'])
    expect(openRecentItems(buildMenuTemplate(vi.fn(), true, recent))[1]?.label).toBe('/designs/R&D/rack.yaml')
    items.forEach((i) => i.click?.({} as never, undefined, {} as never))
    expect(recent.open.mock.calls).toEqual([['/designs/lab.yaml'], ['/designs/R&D/rack.yaml']])
    expect(recent.clear).toHaveBeenCalledOnce()
  })

  it('forwards design commands to the renderer', () => {
    const send = vi.fn()
    const template = buildMenuTemplate(send, false, NO_RECENT)
    const file = template.find((m) => m.label === 'File')
    const items = (file?.submenu as { label?: string; click?: () => void; accelerator?: string }[]).filter((i) => i.click)
    expect(items.map((i) => [i.label, i.accelerator])).toEqual([
      ['New', 'CmdOrCtrl+N'],
      ['Open…', 'CmdOrCtrl+O'],
      ['Save', 'CmdOrCtrl+S'],
      ['Save As…', 'CmdOrCtrl+Shift+S'],
      ['Export…', 'CmdOrCtrl+E'],
    ])
    items.forEach((i) => i.click?.())
    expect(send.mock.calls.map((c) => c[0])).toEqual(['file.new', 'file.open', 'file.save', 'file.saveAs', 'file.export'])
    expect(buildMenuTemplate(send, true, NO_RECENT)[0]).toEqual({ role: 'appMenu' })
  })

  it("sends undo and redo to the renderer, whose history they are, and keeps the system's text editing", () => {
    const send = vi.fn()
    const edit = buildMenuTemplate(send, false, NO_RECENT).find((m) => m.label === 'Edit')
    const items = edit?.submenu as { label?: string; role?: string; click?: () => void; accelerator?: string }[]
    expect(items.filter((i) => i.click).map((i) => [i.label, i.accelerator])).toEqual([
      ['Undo', 'CmdOrCtrl+Z'],
      ['Redo', 'CmdOrCtrl+Shift+Z'],
    ])
    items.forEach((i) => i.click?.())
    expect(send.mock.calls.map((c) => c[0])).toEqual(['edit.undo', 'edit.redo'])
    expect(items.flatMap((i) => (i.role !== undefined ? [i.role] : []))).toEqual(['cut', 'copy', 'paste', 'selectAll'])
  })

  it('opens the lab console, shows the overview and fits the diagram from the View menu', () => {
    const send = vi.fn()
    const view = buildMenuTemplate(send, false, NO_RECENT).find((m) => m.label === 'View')
    const items = (view?.submenu as { label?: string; click?: () => void; accelerator?: string; registerAccelerator?: boolean }[]).filter((i) => i.click)
    expect(items.map((i) => [i.label, i.accelerator, i.registerAccelerator ?? true])).toEqual([
      ['Fit to Window', 'CmdOrCtrl+0', true],
      ['Lab Console', 'Ctrl+`', true],
      // M alone must still type an m in a field: the menu only shows it.
      ['Overview', 'M', false],
    ])
    items.forEach((i) => i.click?.())
    expect(send.mock.calls.map((c) => c[0])).toEqual(['view.fit', 'view.console', 'view.overview'])
  })
})

describe('preload', () => {
  beforeEach(() => vi.resetModules())

  it('exposes exactly the bridge functions, never ipcRenderer', async () => {
    await import('../../electron/preload/index')
    const [name, api] = electron.current.module.contextBridge.exposeInMainWorld.mock.calls.at(-1) as [string, DesktopBridge]
    expect(name).toBe('desktop')
    expect(Object.keys(api).sort()).toEqual([
      'clearAutosave',
      'clearRecentFiles',
      'launchDesign',
      'onMenuCommand',
      'onMenuOpenRecent',
      'openDesign',
      'openRecent',
      'platform',
      'readAutosave',
      'recentFiles',
      'restoreAutosave',
      'saveDesign',
      'saveExport',
      'writeAutosave',
    ])
    await api.saveDesign({ text: 't', suggestedName: 'a.yaml' })
    expect(electron.current.module.ipcRenderer.invoke).toHaveBeenCalledWith(CHANNELS.saveDesign, { text: 't', suggestedName: 'a.yaml' })
  })

  it.each([
    ['saved', { status: 'saved', name: 'lab.yaml', path: '/d/lab.yaml' }],
    ['reloaded after a change on disk', { status: 'reloaded', file: { name: 'lab.yaml', path: '/d/lab.yaml', text: 'kind: Cluster\n' } }],
    ['cancelled', { status: 'cancelled' }],
    ['failed', { status: 'failed', message: 'Could not save lab.yaml: no space left on the device (ENOSPC).' }],
  ])('passes on a save reply of a known shape: %s', async (_, reply) => {
    await import('../../electron/preload/index')
    const [, api] = electron.current.module.contextBridge.exposeInMainWorld.mock.calls.at(-1) as [string, DesktopBridge]
    electron.current.module.ipcRenderer.invoke.mockResolvedValueOnce(reply as never)
    expect(await api.saveDesign({ text: 't', suggestedName: 'a.yaml' })).toEqual(reply)
  })

  it.each([
    ['nothing', undefined],
    ['an unknown status', { status: 'deleted' }],
    ['a reload without a file', { status: 'reloaded' }],
    ['a reload whose text is not text', { status: 'reloaded', file: { name: 'lab.yaml', text: { toString: 'x' } } }],
    ['a reload of an oversized file', { status: 'reloaded', file: { name: 'lab.yaml', text: 'x'.repeat(32 * 1024 * 1024 + 1) } }],
    ['a saved reply without a name', { status: 'saved' }],
  ])('turns a malformed save reply into a failure the page can show: %s', async (_, reply) => {
    await import('../../electron/preload/index')
    const [, api] = electron.current.module.contextBridge.exposeInMainWorld.mock.calls.at(-1) as [string, DesktopBridge]
    electron.current.module.ipcRenderer.invoke.mockResolvedValueOnce(reply as never)
    expect(await api.saveDesign({ text: 't', suggestedName: 'a.yaml' })).toEqual({ status: 'failed', message: expect.stringContaining('may not have been saved') })
  })

  it('passes on only known menu commands and can stop listening', async () => {
    await import('../../electron/preload/index')
    const [, api] = electron.current.module.contextBridge.exposeInMainWorld.mock.calls.at(-1) as [string, DesktopBridge]
    const listener = vi.fn()
    const stop = api.onMenuCommand(listener)
    const forward = electron.current.module.ipcRenderer.on.mock.calls.at(-1)?.[1] as (event: unknown, command: unknown) => void
    forward({}, 'file.open')
    forward({}, 'shell.exec')
    expect(listener.mock.calls).toEqual([['file.open']])
    stop()
    expect(electron.current.module.ipcRenderer.off).toHaveBeenCalledWith(CHANNELS.menuCommand, forward)
  })

  it('asks main for the recent files and passes on only well-formed Open Recent choices', async () => {
    await import('../../electron/preload/index')
    const [, api] = electron.current.module.contextBridge.exposeInMainWorld.mock.calls.at(-1) as [string, DesktopBridge]
    await api.recentFiles()
    await api.openRecent('/d/lab.yaml')
    await api.clearRecentFiles()
    expect(electron.current.module.ipcRenderer.invoke.mock.calls.slice(-3)).toEqual([[CHANNELS.recentFiles], [CHANNELS.openRecent, '/d/lab.yaml'], [CHANNELS.clearRecentFiles]])
    const listener = vi.fn()
    const stop = api.onMenuOpenRecent(listener)
    const forward = electron.current.module.ipcRenderer.on.mock.calls.at(-1)?.[1] as (event: unknown, id: unknown) => void
    expect(electron.current.module.ipcRenderer.on.mock.calls.at(-1)?.[0]).toBe(CHANNELS.menuOpenRecent)
    forward({}, '/d/lab.yaml')
    forward({}, { path: '/etc/passwd' })
    forward({}, '')
    expect(listener.mock.calls).toEqual([['/d/lab.yaml']])
    stop()
    expect(electron.current.module.ipcRenderer.off).toHaveBeenCalledWith(CHANNELS.menuOpenRecent, forward)
  })
})
