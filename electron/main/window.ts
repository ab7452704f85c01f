import { BrowserWindow, shell, type WebContents } from 'electron'
import { join } from 'node:path'
import { APP_ENTRY_URL, isAppUrl } from './appProtocol'
import { guardUnsavedClose } from './closePrompt'
import { openExternalIfAllowed } from './externalLinks'
import { DEFAULT_SIZE, MINIMUM_SIZE, type Bounds } from './windowState'

/**
 * Only the app's own page may talk to main and be navigated to: `app://peerlab/`, and in
 * development (never in a packaged app: the caller decides) electron-vite's dev server.
 */
export function isTrustedUrl(url: string, devServerUrl: string | undefined): boolean {
  if (isAppUrl(url)) return true
  if (devServerUrl === undefined) return false
  try {
    const origin = new URL(devServerUrl).origin
    return origin !== 'null' && new URL(url).origin === origin
  } catch {
    return false
  }
}

/** Nothing leaves the app's page: no navigation, redirect or frame elsewhere, no webview, no new window. */
export function lockDown(contents: WebContents, devServerUrl: string | undefined): void {
  const trusted = (url: string): boolean => isTrustedUrl(url, devServerUrl)
  contents.on('will-navigate', (details) => {
    if (!trusted(details.url)) details.preventDefault()
  })
  contents.on('will-redirect', (details) => {
    if (!trusted(details.url)) details.preventDefault()
  })
  // The app has no frames (its policy says frame-src 'none'); the main frame stays on the app.
  contents.on('will-frame-navigate', (details) => {
    if (!details.isMainFrame || !trusted(details.url)) details.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    // A link to documentation opens in the user's browser; nothing opens in an app window.
    openExternalIfAllowed(shell, url)
    return { action: 'deny' }
  })
}

export interface WindowOptions {
  /** Packaged apps get no developer tools. */
  readonly packaged: boolean
  /** electron-vite's dev server, in development only. */
  readonly devServerUrl: string | undefined
  /** What Don't Save in the close prompt also throws away: the autosaved copy. */
  readonly onDiscard: () => void
  /** Where to open; the system places a window without. */
  readonly bounds?: Bounds
}

export function createMainWindow(mainDir: string, options: WindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    ...(options.bounds ?? DEFAULT_SIZE),
    minWidth: MINIMUM_SIZE.width,
    minHeight: MINIMUM_SIZE.height,
    title: 'Peerlab',
    show: false,
    backgroundColor: '#f6f7f9',
    // Written out here rather than spread from a constant, so that electronegativity can read them
    // (Electron security checklist items 2–4, 8, 13, 14). Middle clicks open nothing either.
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
      devTools: !options.packaged,
      preload: join(mainDir, '../preload/index.cjs'),
    },
  })
  lockDown(window.webContents, options.devServerUrl)
  guardUnsavedClose(window, options.onDiscard)
  window.once('ready-to-show', () => window.show())
  void window.loadURL(options.devServerUrl ?? APP_ENTRY_URL)
  return window
}
