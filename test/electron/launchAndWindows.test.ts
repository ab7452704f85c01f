import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { MenuItemConstructorOptions } from 'electron'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CHANNELS } from '../../shared/ipc/contract'
import { APP_ENTRY_URL } from '../../electron/main/appProtocol'
import type { createElectronMock, FakeWindow } from './electronMock'

const electron = vi.hoisted(() => ({ current: undefined as unknown as ReturnType<typeof createElectronMock> }))
vi.mock('electron', async () => {
  const { createElectronMock } = await import('./electronMock')
  electron.current = createElectronMock()
  return electron.current.module
})

const { startApp } = await import('../../electron/main/index')

type Listener = (...args: unknown[]) => void
/** The app-level listener main registered for an event (second-instance, open-file, …). */
function appListener(name: string): Listener {
  const call = electron.current.module.app.on.mock.calls.find(([event]) => event === name)
  if (!call) throw new Error(`main registered no ${name} listener`)
  return call[1] as Listener
}
/** An IPC call as the page in `window` makes it. */
const invoke = (window: FakeWindow | undefined, channel: string, ...args: unknown[]) =>
  electron.current.handlers.get(channel)?.({ senderFrame: { url: APP_ENTRY_URL }, sender: { id: window?.webContents.id } }, ...args)
const fireWindow = (window: FakeWindow | undefined, name: string) => window?.windowHandlers.get(name)?.forEach((listener) => listener())
const fileMenu = () => {
  const template = electron.current.module.Menu.buildFromTemplate.mock.calls.at(-1)?.[0] as MenuItemConstructorOptions[]
  return template.find((m) => m.label === 'File')?.submenu as MenuItemConstructorOptions[]
}

const DESIGN = 'apiVersion: peerlab.dev/v1alpha1\nkind: Segment\nmetadata: {name: rack1}\nspec: {cidrs: [10.0.1.0/24]}\n'
let userData: string
beforeEach(async () => {
  userData = await mkdtemp(join(tmpdir(), 'peerlab-windows-'))
  electron.current.module.app.getPath.mockReturnValue(userData)
  electron.current.windows.length = 0
})
afterEach(async () => {
  vi.useRealTimers()
  await rm(userData, { recursive: true, force: true })
})

describe('one instance, files from the system, a window per design', () => {
  it('takes the single-instance lock before anything else starts', () => {
    expect(electron.current.module.app.requestSingleInstanceLock).toHaveBeenCalledOnce()
    expect(electron.current.module.app.quit).not.toHaveBeenCalled()
  })

  it('opens a file a second launch passes on in a window of its own, read once and saveable', async () => {
    const design = join(userData, 'rack.peerlab.yaml')
    await writeFile(design, DESIGN)
    startApp()
    const [first] = electron.current.windows
    expect(await invoke(first, CHANNELS.launchDesign)).toBeUndefined()
    appListener('second-instance')({}, ['/opt/Peerlab/peerlab', '--enable-features=x', 'rack.peerlab.yaml'], userData)
    expect(electron.current.windows).toHaveLength(2)
    const second = electron.current.windows[1]
    expect(await invoke(second, CHANNELS.launchDesign)).toEqual({ status: 'opened', file: { name: 'rack.peerlab.yaml', path: design, text: DESIGN } })
    expect(await invoke(second, CHANNELS.launchDesign)).toBeUndefined()
    // The system named the file on the user's behalf: it may be saved to, and it is a recent file now.
    expect(await invoke(second, CHANNELS.saveDesign, { text: `${DESIGN}# edited\n`, path: design, suggestedName: 'rack.peerlab.yaml' })).toMatchObject({ status: 'saved' })
    expect(await readFile(design, 'utf8')).toContain('# edited')
    expect(electron.current.module.app.addRecentDocument).toHaveBeenCalledWith(design)
  })

  it('brings the window forward when a second launch names no file', () => {
    startApp()
    appListener('second-instance')({}, ['/opt/Peerlab/peerlab'], userData)
    expect(electron.current.windows).toHaveLength(1)
    expect(electron.current.windows[0]?.focus).toHaveBeenCalled()
  })

  it('says plainly when a file the system handed over cannot be read', async () => {
    startApp()
    appListener('open-file')({ preventDefault: vi.fn() }, join(userData, 'gone.yaml'))
    expect(await invoke(electron.current.windows[1], CHANNELS.launchDesign)).toMatchObject({ status: 'failed', message: expect.stringContaining('gone.yaml') })
  })

  it('ignores files that are not designs', () => {
    startApp()
    appListener('open-file')({ preventDefault: vi.fn() }, join(userData, 'notes.txt'))
    appListener('second-instance')({}, ['/opt/Peerlab/peerlab', 'notes.txt'], userData)
    expect(electron.current.windows).toHaveLength(1)
  })

  it('opens File › New Window cascaded from the first, each window keeping its own unsaved work', async () => {
    startApp()
    fileMenu()
      .find((item) => item.label === 'New Window')
      ?.click?.({} as never, undefined, {} as never)
    const [first, second] = electron.current.windows
    expect(second).toBeDefined()
    expect(second?.bounds.x).toBe((first?.bounds.x ?? 0) + 28)
    const work = (text: string) => ({ file: { name: 'a.yaml', text: 'x: 1\n' }, text, savedAt: new Date().toISOString() })
    await invoke(first, CHANNELS.writeAutosave, work('first: 1\n'))
    await invoke(second, CHANNELS.writeAutosave, work('second: 1\n'))
    expect((await invoke(first, CHANNELS.readAutosave)) as { text: string }).toMatchObject({ text: 'first: 1\n' })
    expect((await invoke(second, CHANNELS.readAutosave)) as { text: string }).toMatchObject({ text: 'second: 1\n' })
    expect(JSON.parse(await readFile(join(userData, 'unsaved-work-2.json'), 'utf8')).work.text).toBe('second: 1\n')
  })

  it('after a crash, gives each window that kept unsaved work a window again', async () => {
    const kept = { version: 1, work: { file: { name: 'b.yaml', text: 'b: 1\n' }, text: 'b: 2\n', savedAt: new Date().toISOString() } }
    await writeFile(join(userData, 'unsaved-work-2.json'), JSON.stringify(kept))
    startApp()
    await vi.waitFor(() => expect(electron.current.windows).toHaveLength(2))
    expect(await invoke(electron.current.windows[0], CHANNELS.readAutosave)).toBeUndefined()
    expect(await invoke(electron.current.windows[1], CHANNELS.readAutosave)).toEqual(kept.work)
  })
})

describe('the window is where the user left it', () => {
  it('opens at the size and place of last time, maximised if it was', async () => {
    await writeFile(join(userData, 'window-state.json'), JSON.stringify({ version: 1, bounds: { x: 100, y: 80, width: 1500, height: 900 }, maximized: true }))
    startApp()
    const [window] = electron.current.windows
    expect(window?.options).toMatchObject({ x: 100, y: 80, width: 1500, height: 900 })
    expect(window?.maximize).toHaveBeenCalled()
  })

  it('remembers where the window was moved when it closes', async () => {
    startApp()
    const [window] = electron.current.windows
    if (!window) throw new Error('no window')
    window.bounds = { x: 300, y: 200, width: 1000, height: 700 }
    fireWindow(window, 'move')
    fireWindow(window, 'close')
    await vi.waitFor(async () =>
      expect(JSON.parse(await readFile(join(userData, 'window-state.json'), 'utf8'))).toEqual({ version: 1, bounds: { x: 300, y: 200, width: 1000, height: 700 }, maximized: false }),
    )
  })

  it('opens centred at the default size when the remembered place is on a display that is gone', async () => {
    await writeFile(join(userData, 'window-state.json'), JSON.stringify({ version: 1, bounds: { x: 4000, y: 100, width: 1200, height: 800 }, maximized: false }))
    startApp()
    expect(electron.current.windows[0]?.options).toMatchObject({ x: 360, y: 120, width: 1200, height: 800 })
  })
})
