import { beforeEach, describe, expect, it, vi } from 'vitest'
import { CHANNELS, type DesktopBridge } from '../../shared/ipc/contract'
import { buildMenuTemplate } from '../../electron/main/menu'
import type { createElectronMock } from './electronMock'

const electron = vi.hoisted(() => ({ current: undefined as unknown as ReturnType<typeof createElectronMock> }))
vi.mock('electron', async () => {
  const { createElectronMock } = await import('./electronMock')
  electron.current = createElectronMock()
  return electron.current.module
})

describe('main entry', () => {
  it('turns on the sandbox for every renderer and waits for ready', async () => {
    await import('../../electron/main/index')
    expect(electron.current.module.app.enableSandbox).toHaveBeenCalled()
    expect(electron.current.module.app.whenReady).toHaveBeenCalled()
  })

  it('on ready registers the bridge, installs the menu and opens one window', async () => {
    const { startApp } = await import('../../electron/main/index')
    startApp()
    expect([...electron.current.handlers.keys()]).toEqual(expect.arrayContaining([CHANNELS.platform, CHANNELS.openDesign, CHANNELS.saveDesign]))
    expect(electron.current.module.Menu.setApplicationMenu).toHaveBeenCalled()
    expect(electron.current.windows).toHaveLength(1)
  })
})

describe('menu', () => {
  it('forwards design commands to the renderer', () => {
    const send = vi.fn()
    const template = buildMenuTemplate(send, false)
    const file = template.find((m) => m.label === 'File')
    const items = (file?.submenu as { label?: string; click?: () => void; accelerator?: string }[]).filter((i) => i.click)
    expect(items.map((i) => [i.label, i.accelerator])).toEqual([
      ['New', 'CmdOrCtrl+N'],
      ['Open…', 'CmdOrCtrl+O'],
      ['Save', 'CmdOrCtrl+S'],
      ['Save As…', 'CmdOrCtrl+Shift+S'],
    ])
    items.forEach((i) => i.click?.())
    expect(send.mock.calls.map((c) => c[0])).toEqual(['file.new', 'file.open', 'file.save', 'file.saveAs'])
    expect(buildMenuTemplate(send, true)[0]).toEqual({ role: 'appMenu' })
  })

  it("sends undo and redo to the renderer, whose history they are, and keeps the system's text editing", () => {
    const send = vi.fn()
    const edit = buildMenuTemplate(send, false).find((m) => m.label === 'Edit')
    const items = edit?.submenu as { label?: string; role?: string; click?: () => void; accelerator?: string }[]
    expect(items.filter((i) => i.click).map((i) => [i.label, i.accelerator])).toEqual([
      ['Undo', 'CmdOrCtrl+Z'],
      ['Redo', 'CmdOrCtrl+Shift+Z'],
    ])
    items.forEach((i) => i.click?.())
    expect(send.mock.calls.map((c) => c[0])).toEqual(['edit.undo', 'edit.redo'])
    expect(items.flatMap((i) => (i.role !== undefined ? [i.role] : []))).toEqual(['cut', 'copy', 'paste', 'selectAll'])
  })

  it('opens the lab console and fits the diagram from the View menu', () => {
    const send = vi.fn()
    const view = buildMenuTemplate(send, false).find((m) => m.label === 'View')
    const items = (view?.submenu as { label?: string; click?: () => void; accelerator?: string }[]).filter((i) => i.click)
    expect(items.map((i) => [i.label, i.accelerator])).toEqual([
      ['Fit to Window', 'CmdOrCtrl+0'],
      ['Lab Console', 'Ctrl+`'],
    ])
    items.forEach((i) => i.click?.())
    expect(send.mock.calls.map((c) => c[0])).toEqual(['view.fit', 'view.console'])
  })
})

describe('preload', () => {
  beforeEach(() => vi.resetModules())

  it('exposes exactly the bridge functions, never ipcRenderer', async () => {
    await import('../../electron/preload/index')
    const [name, api] = electron.current.module.contextBridge.exposeInMainWorld.mock.calls.at(-1) as [string, DesktopBridge]
    expect(name).toBe('desktop')
    expect(Object.keys(api).sort()).toEqual(['onMenuCommand', 'openDesign', 'platform', 'saveDesign'])
    await api.saveDesign({ text: 't', suggestedName: 'a.yaml' })
    expect(electron.current.module.ipcRenderer.invoke).toHaveBeenCalledWith(CHANNELS.saveDesign, { text: 't', suggestedName: 'a.yaml' })
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
})
