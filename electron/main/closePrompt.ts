import { dialog, type BrowserWindow } from 'electron'
import { CHANNELS, type MenuCommand } from '../../shared/ipc/contract'

export const CLOSE_BUTTONS = ['Save', "Don't Save", 'Cancel'] as const
const SAVE = 0
const DONT_SAVE = 1
const CANCEL = 2

/** The design's name from the window title the renderer sets (`● name — Peerlab`), for the question. */
export function designNameOf(title: string): string | undefined {
  return /^(?:● )?(.+) — Peerlab$/.exec(title)?.[1]
}

/**
 * Asks before a window with unsaved changes closes. The page says it has some the web's way, by
 * cancelling `beforeunload`; Electron then cancels the close silently, unless main decides
 * otherwise in `will-prevent-unload`. So main asks, natively: Don't Save closes anyway (and
 * forgets the autosaved copy, as the user chose), Cancel keeps the window, and Save asks the page
 * to save, which closes the window once the design is on disk.
 */
export function guardUnsavedClose(window: BrowserWindow, onDiscard: () => void, ask: typeof dialog.showMessageBoxSync = dialog.showMessageBoxSync): void {
  window.webContents.on('will-prevent-unload', (event) => {
    const name = designNameOf(window.getTitle())
    const choice = ask(window, {
      type: 'warning',
      buttons: [...CLOSE_BUTTONS],
      defaultId: SAVE,
      cancelId: CANCEL,
      noLink: true,
      title: 'Unsaved changes',
      message: name !== undefined ? `Save the changes to ${name} before closing?` : 'Save the changes to the design before closing?',
      detail: "If you don't save, your changes will be lost.",
    })
    if (choice === DONT_SAVE) {
      onDiscard()
      event.preventDefault()
    } else if (choice === SAVE) {
      const command: MenuCommand = 'file.saveAndClose'
      window.webContents.send(CHANNELS.menuCommand, command)
    }
  })
}
