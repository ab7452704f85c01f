import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { CHANNELS, isExportSaveResult, isMenuCommand, isRecentFileId, isSaveResult, type DesktopBridge, type ExportSaveResult, type MenuCommand, type SaveResult } from '../../shared/ipc/contract'

/**
 * One function per channel, never `ipcRenderer` itself: the page can ask for exactly these
 * operations and nothing else (Electron context-isolation guide).
 */
export const desktopBridge: DesktopBridge = {
  platform: () => ipcRenderer.invoke(CHANNELS.platform),
  openDesign: () => ipcRenderer.invoke(CHANNELS.openDesign),
  saveDesign: async (request): Promise<SaveResult> => {
    // A reload hands the page a file to show: only a reply of a known shape gets that far.
    const result: unknown = await ipcRenderer.invoke(CHANNELS.saveDesign, request)
    return isSaveResult(result) ? result : { status: 'failed', message: 'The save returned a reply the app does not understand; the design may not have been saved.' }
  },
  recentFiles: () => ipcRenderer.invoke(CHANNELS.recentFiles),
  openRecent: (id) => ipcRenderer.invoke(CHANNELS.openRecent, id),
  clearRecentFiles: () => ipcRenderer.invoke(CHANNELS.clearRecentFiles),
  readAutosave: () => ipcRenderer.invoke(CHANNELS.readAutosave),
  writeAutosave: (work) => ipcRenderer.invoke(CHANNELS.writeAutosave, work),
  clearAutosave: () => ipcRenderer.invoke(CHANNELS.clearAutosave),
  restoreAutosave: () => ipcRenderer.invoke(CHANNELS.restoreAutosave),
  launchDesign: () => ipcRenderer.invoke(CHANNELS.launchDesign),
  saveExport: async (request): Promise<ExportSaveResult> => {
    const result: unknown = await ipcRenderer.invoke(CHANNELS.saveExport, request)
    return isExportSaveResult(result) ? result : { status: 'failed', message: 'The export returned a reply the app does not understand; it may not have been written.' }
  },
  onMenuCommand: (listener: (command: MenuCommand) => void) => {
    const forward = (_event: IpcRendererEvent, command: unknown): void => {
      if (isMenuCommand(command)) listener(command)
    }
    ipcRenderer.on(CHANNELS.menuCommand, forward)
    return () => {
      ipcRenderer.off(CHANNELS.menuCommand, forward)
    }
  },
  onMenuOpenRecent: (listener: (id: string) => void) => {
    const forward = (_event: IpcRendererEvent, id: unknown): void => {
      if (isRecentFileId(id)) listener(id)
    }
    ipcRenderer.on(CHANNELS.menuOpenRecent, forward)
    return () => {
      ipcRenderer.off(CHANNELS.menuOpenRecent, forward)
    }
  },
}

contextBridge.exposeInMainWorld('desktop', desktopBridge)
