import { BrowserWindow, shell, type WebContents } from 'electron'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

/** The renderer's entry, next to this file in the build output (`out/main` → `out/renderer`). */
export function rendererEntry(mainDir: string): string {
  return join(mainDir, '../renderer/index.html')
}

/**
 * Only the app's own page may talk to main. In development the page comes from electron-vite's
 * dev server, whose origin is given in `ELECTRON_RENDERER_URL`.
 */
export function isTrustedUrl(url: string, mainDir: string, devServerUrl: string | undefined): boolean {
  if (devServerUrl !== undefined && devServerUrl !== '') {
    try {
      return new URL(url).origin === new URL(devServerUrl).origin
    } catch {
      return false
    }
  }
  const entry = pathToFileURL(rendererEntry(mainDir)).href
  return url === entry || url.startsWith(`${entry}#`) || url.startsWith(`${entry}?`)
}

/** The security settings every window gets (Electron security checklist items 2–4, 13, 14). */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
} as const

function lockDown(contents: WebContents, mainDir: string, devServerUrl: string | undefined): void {
  contents.on('will-navigate', (event, url) => {
    if (!isTrustedUrl(url, mainDir, devServerUrl)) event.preventDefault()
  })
  contents.setWindowOpenHandler(({ url }) => {
    // Links in help text open in the user's browser, never in an app window.
    if (url.startsWith('https://')) void shell.openExternal(url)
    return { action: 'deny' }
  })
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
}

export function createMainWindow(mainDir: string, devServerUrl = process.env.ELECTRON_RENDERER_URL): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 500,
    title: 'Peerlab',
    show: false,
    backgroundColor: '#f6f7f9',
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: join(mainDir, '../preload/index.cjs') },
  })
  lockDown(window.webContents, mainDir, devServerUrl)
  window.once('ready-to-show', () => window.show())
  if (devServerUrl !== undefined && devServerUrl !== '') void window.loadURL(devServerUrl)
  else void window.loadFile(rendererEntry(mainDir))
  return window
}
