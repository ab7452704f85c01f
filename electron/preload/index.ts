import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { CHANNELS, isMenuCommand, type DesktopBridge, type MenuCommand } from '../../shared/ipc/contract'

/**
 * One function per channel, never `ipcRenderer` itself: the page can ask for exactly these
 * operations and nothing else (Electron context-isolation guide).
 */
export const desktopBridge: DesktopBridge = {
  platform: () => ipcRenderer.invoke(CHANNELS.platform),
  openDesign: () => ipcRenderer.invoke(CHANNELS.openDesign),
  saveDesign: (request) => ipcRenderer.invoke(CHANNELS.saveDesign, request),
  onMenuCommand: (listener: (command: MenuCommand) => void) => {
    const forward = (_event: IpcRendererEvent, command: unknown): void => {
      if (isMenuCommand(command)) listener(command)
    }
    ipcRenderer.on(CHANNELS.menuCommand, forward)
    return () => {
      ipcRenderer.off(CHANNELS.menuCommand, forward)
    }
  },
}

contextBridge.exposeInMainWorld('desktop', desktopBridge)
