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
  readonly contentsHandlers: Map<string, (...args: unknown[]) => void>
  windowOpenHandler?: (details: { url: string }) => { action: string }
  permissionHandler?: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void
  readonly webContents: Record<string, unknown>
}

export function createElectronMock() {
  const windows: FakeWindow[] = []
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>()
  class BrowserWindow {
    static getAllWindows = vi.fn(() => windows)
    static getFocusedWindow = vi.fn(() => windows[0])
    options: FakeWindow['options']
    loadFile = vi.fn(async () => undefined)
    loadURL = vi.fn(async () => undefined)
    once = vi.fn()
    contentsHandlers = new Map<string, (...args: unknown[]) => void>()
    windowOpenHandler?: FakeWindow['windowOpenHandler']
    permissionHandler?: FakeWindow['permissionHandler']
    webContents: Record<string, unknown>
    constructor(options: FakeWindow['options']) {
      this.options = options
      this.webContents = {
        on: (name: string, handler: (...args: unknown[]) => void) => this.contentsHandlers.set(name, handler),
        setWindowOpenHandler: (handler: FakeWindow['windowOpenHandler']) => (this.windowOpenHandler = handler),
        session: { setPermissionRequestHandler: (handler: FakeWindow['permissionHandler']) => (this.permissionHandler = handler) },
        send: vi.fn(),
      }
      windows.push(this as unknown as FakeWindow)
    }
  }
  return {
    windows,
    handlers,
    module: {
      app: {
        whenReady: vi.fn(() => new Promise(() => undefined)),
        on: vi.fn(),
        quit: vi.fn(),
        enableSandbox: vi.fn(),
        getVersion: vi.fn(() => '0.1.0'),
        // Nowhere real: a test that lets main write its user data points this at a temporary folder.
        getPath: vi.fn((_name: string) => '/nonexistent/peerlab-user-data'),
        addRecentDocument: vi.fn(),
        clearRecentDocuments: vi.fn(),
      },
      BrowserWindow,
      ipcMain: { handle: vi.fn((channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) => handlers.set(channel, fn)) },
      Menu: { buildFromTemplate: vi.fn((template: unknown) => ({ template })), setApplicationMenu: vi.fn() },
      dialog: { showOpenDialog: vi.fn(), showSaveDialog: vi.fn(), showMessageBox: vi.fn() },
      shell: { openExternal: vi.fn(async () => undefined) },
      contextBridge: { exposeInMainWorld: vi.fn() },
      ipcRenderer: { invoke: vi.fn(async () => undefined), on: vi.fn(), off: vi.fn() },
    },
  }
}
