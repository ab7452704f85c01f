import { app, BrowserWindow, ipcMain, Menu } from 'electron'
import { join } from 'node:path'
import { CHANNELS, type MenuCommand } from '../../shared/ipc/contract'
import { AutosaveFile } from './autosaveFile'
import { DesignFiles } from './designFiles'
import { registerIpcHandlers } from './ipc'
import { buildMenuTemplate } from './menu'
import { RecentFiles } from './recentFiles'
import { createMainWindow, isTrustedUrl } from './window'

const mainDir = import.meta.dirname

function focusedOrFirstWindow(): BrowserWindow | undefined {
  return BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0]
}

/** Wires the app together once Electron is ready; exported so tests can drive it with a mocked `electron`. */
export function startApp(): void {
  const send = (command: MenuCommand): void => {
    focusedOrFirstWindow()?.webContents.send(CHANNELS.menuCommand, command)
  }
  const recentMenu = {
    open: (path: string) => focusedOrFirstWindow()?.webContents.send(CHANNELS.menuOpenRecent, path),
    clear: () => void recent.clear(),
  }
  const installMenu = (paths: readonly string[]): void => {
    Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(send, process.platform === 'darwin', { ...recentMenu, paths })))
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
    isTrustedSender: (url) => isTrustedUrl(url, mainDir, process.env.ELECTRON_RENDERER_URL),
  })
  installMenu([])
  void recent.load()
  createMainWindow(mainDir)
}

app.enableSandbox()
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
app.on('activate', () => {
  if (BrowserWindow.getAllWindows().length === 0) createMainWindow(mainDir)
})
void app.whenReady().then(startApp)
