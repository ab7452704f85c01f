import type { DesktopBridge, OpenResult, SaveResult } from '../../../shared/ipc/contract'

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
function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }))
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.click()
  // The click starts the download synchronously; revoking on the next tick keeps the URL alive long enough.
  setTimeout(() => URL.revokeObjectURL(url), 0)
}

/** The desktop bridge as a web page can provide it: file picker in, download out, no native menu. */
export function createBrowserBridge(appVersion: string): DesktopBridge {
  return {
    platform: () => Promise.resolve({ mode: 'browser', appVersion }),
    async openDesign(): Promise<OpenResult> {
      const file = await pickFile()
      if (!file) return { status: 'cancelled' }
      try {
        return { status: 'opened', file: { name: file.name, text: await file.text() } }
      } catch (error) {
        return { status: 'failed', message: `Could not read ${file.name}: ${(error as Error).message}` }
      }
    },
    saveDesign(request): Promise<SaveResult> {
      download(request.suggestedName, request.text)
      return Promise.resolve({ status: 'saved', name: request.suggestedName })
    },
    onMenuCommand: () => () => undefined,
  }
}
