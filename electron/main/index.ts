import { app, BrowserWindow, ipcMain, Menu, protocol, session } from 'electron'
import { join } from 'node:path'
import { CHANNELS, type MenuCommand } from '../../shared/ipc/contract'
import { handleAppProtocol, registerAppScheme } from './appProtocol'
import { AutosaveSlots } from './autosaveSlots'
import { installSecurityHeaders } from './contentSecurity'
import { DesignFiles } from './designFiles'
import { DesignWindows } from './designWindows'
import { saveExport } from './exportFiles'
import { registerIpcHandlers } from './ipc'
import { designPathsIn, isDesignPath } from './launchArguments'
import { buildMenuTemplate } from './menu'
import { denyAllPermissions } from './permissions'
import { RecentFiles } from './recentFiles'
import { isTrustedUrl } from './window'
import { WindowStateFile } from './windowState'

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

let windows: DesignWindows | undefined
/** Files the system handed the app before it was ready to open windows. */
const waitingFiles: string[] = []

/**
 * A file from the system (a double click, "Open with", the command line, a second launch), each
 * in a window of its own: the design already open, and its unsaved changes, stay as they are.
 */
function openFromSystem(paths: readonly string[]): void {
  if (windows === undefined) {
    waitingFiles.push(...paths)
    return
  }
  for (const path of paths) windows.open({ launch: path })
}

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
    const options = { devTools: !app.isPackaged, newWindow: () => void designWindows.open() }
    Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(send, process.platform === 'darwin', { ...recentMenu, paths }, options)))
  }
  const userData = app.getPath('userData')
  const recent = new RecentFiles(join(userData, 'recent-files.json'), installMenu)
  const files = new DesignFiles(focusedOrFirstWindow, recent)
  const autosave = new AutosaveSlots(userData, (path) => files.openRecent(path))
  const designWindows = new DesignWindows(mainDir, { packaged: app.isPackaged, devServerUrl }, autosave, new WindowStateFile(join(userData, 'window-state.json')))
  registerIpcHandlers(ipcMain, {
    platform: () => ({ mode: 'desktop', appVersion: app.getVersion() }),
    openDesign: () => files.open(),
    saveDesign: (request) => files.save(request),
    recentFiles: () => recent.list(),
    openRecent: (path) => files.openRecent(path),
    clearRecentFiles: () => recent.clear(),
    readAutosave: (window) => designWindows.autosaveOf(window).read(),
    writeAutosave: (work, window) => designWindows.autosaveOf(window).write(work),
    clearAutosave: (window) => designWindows.autosaveOf(window).clear(),
    restoreAutosave: (window) => designWindows.autosaveOf(window).restore(),
    // The system named this file, on the user's behalf: it is read, and may be saved to, as one picked in Open.
    launchDesign: async (window) => {
      const path = designWindows.takeLaunch(window)
      return path === undefined ? undefined : files.read(path)
    },
    saveExport: (request) => saveExport(request, focusedOrFirstWindow()),
    isTrustedSender: (url) => isTrustedUrl(url, devServerUrl),
  })
  installMenu([])
  void recent.load()
  windows = designWindows
  designWindows.open({ ...(waitingFiles[0] !== undefined ? { launch: waitingFiles[0] } : {}) })
  openFromSystem(waitingFiles.splice(0).slice(1))
  // Work another window kept before a crash gets its window back, to be offered again there.
  void autosave.slotsWithWork().then((slots) => {
    for (const slot of slots) if (slot !== 1) designWindows.open({ slot })
  })
}

// Privileges of a scheme can only be given before the app is ready.
registerAppScheme(protocol)
app.enableSandbox()
// One Peerlab at a time: a second launch hands its files to the first and quits, so a design is
// never open, and saved, from two processes that know nothing of each other.
if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  waitingFiles.push(...designPathsIn(process.argv, process.cwd(), app.isPackaged))
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const paths = designPathsIn(argv, workingDirectory, app.isPackaged)
    if (paths.length > 0) openFromSystem(paths)
    else windows?.focus(focusedOrFirstWindow())
  })
  // macOS hands files to a running app (and to one starting up) this way rather than on the command line.
  app.on('open-file', (event, path) => {
    event.preventDefault()
    if (isDesignPath(path)) openFromSystem([path])
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('activate', () => {
    if (windows !== undefined && BrowserWindow.getAllWindows().length === 0) windows.open()
  })
  void app.whenReady().then(startApp)
}
