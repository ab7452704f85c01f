import { vi } from 'vitest'

/**
 * A stand-in for the `electron` module: the binary cannot run here, and main-process logic is
 * plain Node code around these few APIs. Each test file calls `vi.mock('electron', ...)` with it.
 */
export interface FakeWindow {
  readonly options: { webPreferences: Record<string, unknown> } & Record<string, unknown>
  readonly loadFile: ReturnType<typeof vi.fn>
  readonly loadURL: ReturnType<typeof vi.fn>
  readonly once: ReturnType<typeof vi.fn>
  readonly getTitle: ReturnType<typeof vi.fn>
  readonly maximize: ReturnType<typeof vi.fn>
  readonly focus: ReturnType<typeof vi.fn>
  readonly restore: ReturnType<typeof vi.fn>
  /** The window's own listeners (resize, move, close, closed), to be called as Electron would. */
  readonly windowHandlers: Map<string, ((...args: unknown[]) => void)[]>
  /** Where the window is; a test moves it by setting this and calling the `move` listeners. */
  bounds: { x: number; y: number; width: number; height: number }
  maximized: boolean
  /** The webContents' listeners by event name, to be called as Electron would. */
  readonly contentsHandlers: Map<string, (...args: unknown[]) => void>
  windowOpenHandler?: (details: { url: string }) => { action: string }
  readonly webContents: { send: ReturnType<typeof vi.fn>; id: number } & Record<string, unknown>
}

/** The default session's handlers, as main installs them once the app is ready. */
export interface FakeSession {
  headersListener?: (details: { responseHeaders?: Record<string, string[]> }, callback: (response: { responseHeaders: Record<string, string[]> }) => void) => void
  permissionRequest?: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void
  permissionCheck?: (contents: unknown, permission: string) => boolean
  devicePermission?: (details: unknown) => boolean
}

export function createElectronMock() {
  const windows: FakeWindow[] = []
  let nextContentsId = 1
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>()
  const defaultSession: FakeSession & Record<string, unknown> = {
    webRequest: { onHeadersReceived: vi.fn((listener: FakeSession['headersListener']) => (defaultSession.headersListener = listener)) },
    setPermissionRequestHandler: vi.fn((handler: FakeSession['permissionRequest']) => (defaultSession.permissionRequest = handler)),
    setPermissionCheckHandler: vi.fn((handler: FakeSession['permissionCheck']) => (defaultSession.permissionCheck = handler)),
    setDevicePermissionHandler: vi.fn((handler: FakeSession['devicePermission']) => (defaultSession.devicePermission = handler)),
  }
  class BrowserWindow {
    static getAllWindows = vi.fn(() => windows)
    static getFocusedWindow = vi.fn(() => windows[0])
    options: FakeWindow['options']
    loadFile = vi.fn(async () => undefined)
    loadURL = vi.fn(async () => undefined)
    once = vi.fn()
    getTitle = vi.fn(() => 'Peerlab')
    bounds: FakeWindow['bounds']
    maximized = false
    windowHandlers = new Map<string, ((...args: unknown[]) => void)[]>()
    maximize = vi.fn(() => (this.maximized = true))
    focus = vi.fn()
    restore = vi.fn()
    show = vi.fn()
    isMinimized = vi.fn(() => false)
    isFullScreen = vi.fn(() => false)
    isDestroyed = vi.fn(() => false)
    isMaximized = vi.fn(() => this.maximized)
    getNormalBounds = vi.fn(() => this.bounds)
    on = vi.fn((name: string, handler: (...args: unknown[]) => void) => this.windowHandlers.set(name, [...(this.windowHandlers.get(name) ?? []), handler]))
    contentsHandlers = new Map<string, (...args: unknown[]) => void>()
    windowOpenHandler?: FakeWindow['windowOpenHandler']
    webContents: FakeWindow['webContents']
    constructor(options: FakeWindow['options']) {
      this.options = options
      const { x = 0, y = 0, width = 0, height = 0 } = options as { x?: number; y?: number; width?: number; height?: number }
      this.bounds = { x, y, width, height }
      this.webContents = {
        id: nextContentsId++,
        on: (name: string, handler: (...args: unknown[]) => void) => this.contentsHandlers.set(name, handler),
        setWindowOpenHandler: (handler: FakeWindow['windowOpenHandler']) => (this.windowOpenHandler = handler),
        send: vi.fn(),
      }
      windows.push(this as unknown as FakeWindow)
    }
  }
  return {
    windows,
    handlers,
    defaultSession,
    module: {
      app: {
        whenReady: vi.fn(() => new Promise(() => undefined)),
        on: vi.fn(),
        quit: vi.fn(),
        enableSandbox: vi.fn(),
        isPackaged: false,
        getVersion: vi.fn(() => '0.1.0'),
        // Nowhere real: a test that lets main write its user data points this at a temporary folder.
        getPath: vi.fn((_name: string) => '/nonexistent/peerlab-user-data'),
        addRecentDocument: vi.fn(),
        requestSingleInstanceLock: vi.fn(() => true),
        clearRecentDocuments: vi.fn(),
      },
      BrowserWindow,
      ipcMain: { handle: vi.fn((channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) => handlers.set(channel, fn)) },
      Menu: { buildFromTemplate: vi.fn((template: unknown) => ({ template })), setApplicationMenu: vi.fn() },
      dialog: { showOpenDialog: vi.fn(), showSaveDialog: vi.fn(), showMessageBox: vi.fn(), showMessageBoxSync: vi.fn(() => 2) },
      shell: { openExternal: vi.fn(async () => undefined) },
      // One 1920×1080 display with a 40-pixel panel at the bottom, unless a test plugs in others.
      screen: {
        getPrimaryDisplay: vi.fn(() => ({ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } })),
        getAllDisplays: vi.fn(() => [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }]),
      },
      protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
      session: { defaultSession },
      contextBridge: { exposeInMainWorld: vi.fn() },
      ipcRenderer: { invoke: vi.fn(async () => undefined), on: vi.fn(), off: vi.fn() },
    },
  }
}
