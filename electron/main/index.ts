import { app, BrowserWindow, ipcMain, Menu, protocol, session } from 'electron'
import { join } from 'node:path'
import { CHANNELS, type MenuCommand } from '../../shared/ipc/contract'
import { handleAppProtocol, registerAppScheme } from './appProtocol'
import { AutosaveFile } from './autosaveFile'
import { installSecurityHeaders } from './contentSecurity'
import { DesignFiles } from './designFiles'
import { saveExport } from './exportFiles'
import { registerIpcHandlers } from './ipc'
import { buildMenuTemplate } from './menu'
import { denyAllPermissions } from './permissions'
import { RecentFiles } from './recentFiles'
import { createMainWindow, isTrustedUrl, type WindowOptions } from './window'

const mainDir = import.meta.dirname

function focusedOrFirstWindow(): BrowserWindow | undefined {
  return BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0]
}

/**
 * electron-vite's dev server, in development only. A packaged app never loads, or trusts, a page
 * an environment variable names: anyone who can set one could otherwise give it the bridge.
 */
export function devServerUrlOf(packaged: boolean, environment: string | undefined): string | undefined {
  return packaged || environment === undefined || environment === '' ? undefined : environment
}

let windowOptions: WindowOptions | undefined

/** Wires the app together once Electron is ready; exported so tests can drive it with a mocked `electron`. */
export function startApp(): void {
  const devServerUrl = devServerUrlOf(app.isPackaged, process.env.ELECTRON_RENDERER_URL)
  handleAppProtocol(protocol, join(mainDir, '../renderer'))
  installSecurityHeaders(session.defaultSession)
  denyAllPermissions(session.defaultSession)

  const send = (command: MenuCommand): void => {
    focusedOrFirstWindow()?.webContents.send(CHANNELS.menuCommand, command)
  }
  const recentMenu = {
    open: (path: string) => focusedOrFirstWindow()?.webContents.send(CHANNELS.menuOpenRecent, path),
    clear: () => void recent.clear(),
  }
  const installMenu = (paths: readonly string[]): void => {
    Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(send, process.platform === 'darwin', { ...recentMenu, paths }, { devTools: !app.isPackaged })))
  }
  const recent = new RecentFiles(join(app.getPath('userData'), 'recent-files.json'), installMenu)
  const files = new DesignFiles(focusedOrFirstWindow, recent)
  const autosave = new AutosaveFile(join(app.getPath('userData'), 'unsaved-work.json'), (path) => files.openRecent(path))
  registerIpcHandlers(ipcMain, {
    platform: () => ({ mode: 'desktop', appVersion: app.getVersion() }),
    openDesign: () => files.open(),
    saveDesign: (request) => files.save(request),
    recentFiles: () => recent.list(),
    openRecent: (path) => files.openRecent(path),
    clearRecentFiles: () => recent.clear(),
    readAutosave: () => autosave.read(),
    writeAutosave: (work) => autosave.write(work),
    clearAutosave: () => autosave.clear(),
    restoreAutosave: () => autosave.restore(),
    saveExport: (request) => saveExport(request, focusedOrFirstWindow()),
    isTrustedSender: (url) => isTrustedUrl(url, devServerUrl),
  })
  installMenu([])
  void recent.load()
  windowOptions = { packaged: app.isPackaged, devServerUrl, onDiscard: () => void autosave.clear() }
  createMainWindow(mainDir, windowOptions)
}

// Privileges of a scheme can only be given before the app is ready.
registerAppScheme(protocol)
app.enableSandbox()
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
app.on('activate', () => {
  if (windowOptions !== undefined && BrowserWindow.getAllWindows().length === 0) createMainWindow(mainDir, windowOptions)
})
void app.whenReady().then(startApp)
