import { app, BrowserWindow, ipcMain, Menu } from 'electron'
import { CHANNELS } from '../../shared/ipc/contract'
import { DesignFiles } from './designFiles'
import { registerIpcHandlers } from './ipc'
import { buildMenuTemplate } from './menu'
import { createMainWindow, isTrustedUrl } from './window'

const mainDir = import.meta.dirname

function focusedOrFirstWindow(): BrowserWindow | undefined {
  return BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0]
}

/** Wires the app together once Electron is ready; exported so tests can drive it with a mocked `electron`. */
export function startApp(): void {
  const files = new DesignFiles(focusedOrFirstWindow)
  registerIpcHandlers(ipcMain, {
    platform: () => ({ mode: 'desktop', appVersion: app.getVersion() }),
    openDesign: () => files.open(),
    saveDesign: (request) => files.save(request),
    isTrustedSender: (url) => isTrustedUrl(url, mainDir, process.env.ELECTRON_RENDERER_URL),
  })
  const send = (command: Parameters<Parameters<typeof buildMenuTemplate>[0]>[0]): void => {
    focusedOrFirstWindow()?.webContents.send(CHANNELS.menuCommand, command)
  }
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(send, process.platform === 'darwin')))
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
