import type { DesktopBridge, ExportSaveResult, OpenResult, SaveResult } from '../../../shared/ipc/contract'
import { createBrowserAutosave } from './browserAutosave'
import { createBrowserRecentFiles } from './browserRecentFiles'

/** Lets the user pick a file with the browser's own dialog. */
function pickFile(): Promise<File | undefined> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = '.yaml,.yml,application/yaml,text/yaml'
    input.addEventListener('change', () => resolve(input.files?.[0]), { once: true })
    input.addEventListener('cancel', () => resolve(undefined), { once: true })
    input.click()
  })
}

/** Saving in a browser is a download: the user's browser decides where it lands. */
function download(name: string, data: BlobPart, type = 'application/yaml'): void {
  const url = URL.createObjectURL(new Blob([data], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.click()
  // The click starts the download synchronously; revoking on the next tick keeps the URL alive long enough.
  setTimeout(() => URL.revokeObjectURL(url), 0)
}

/**
 * The desktop bridge as a web page can provide it: file picker in, download out, recent files in
 * local storage, unsaved work in IndexedDB, no native menu.
 */
export function createBrowserBridge(appVersion: string): DesktopBridge {
  const recent = createBrowserRecentFiles(() => localStorage)
  const autosave = createBrowserAutosave(() => indexedDB)
  return {
    platform: () => Promise.resolve({ mode: 'browser', appVersion }),
    async openDesign(): Promise<OpenResult> {
      const file = await pickFile()
      if (!file) return { status: 'cancelled' }
      try {
        const opened = { name: file.name, text: await file.text() }
        recent.remember(opened)
        return { status: 'opened', file: opened }
      } catch (error) {
        return { status: 'failed', message: `Could not read ${file.name}: ${(error as Error).message}` }
      }
    },
    saveDesign(request): Promise<SaveResult> {
      download(request.suggestedName, request.text)
      recent.remember({ name: request.suggestedName, text: request.text })
      return Promise.resolve({ status: 'saved', name: request.suggestedName })
    },
    recentFiles: () => Promise.resolve(recent.list()),
    openRecent(name): Promise<OpenResult> {
      const file = recent.open(name)
      return Promise.resolve(file ? { status: 'opened', file } : { status: 'failed', message: `${name} is no longer among the recent files kept in this browser` })
    },
    clearRecentFiles: () => Promise.resolve(recent.clear()),
    readAutosave: () => autosave.read(),
    writeAutosave: (work) => autosave.write(work),
    clearAutosave: () => autosave.clear(),
    // A browser has no paths to grant: Save is a download either way.
    restoreAutosave: () => autosave.read(),
    // No system hands a web page a file to open: it starts on the built-in example.
    launchDesign: () => Promise.resolve(undefined),
    // A browser has no folder to write into: each file of an export (a BIRD config per host) is a download of its own.
    saveExport(request): Promise<ExportSaveResult> {
      for (const file of request.files) {
        if (file.encoding === 'base64')
          download(
            file.name,
            Uint8Array.from(atob(file.data), (c) => c.charCodeAt(0)),
            'application/octet-stream',
          )
        else download(file.name, file.data, 'text/plain')
      }
      return Promise.resolve({ status: 'saved', where: request.files.length === 1 ? (request.files[0]?.name ?? '') : `${request.files.length} downloads` })
    },
    onMenuCommand: () => () => undefined,
    onMenuOpenRecent: () => () => undefined,
  }
}
