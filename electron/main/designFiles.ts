import { dialog, type BrowserWindow } from 'electron'
import { readFile, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { MAX_DESIGN_BYTES, type OpenResult, type SaveRequest, type SaveResult } from '../../shared/ipc/contract'
import type { RecentFiles } from './recentFiles'
import { writeFileAtomically } from '../../platform/node/writeFileAtomically'

const FILTERS = [
  { name: 'Peerlab designs', extensions: ['yaml', 'yml'] },
  { name: 'All files', extensions: ['*'] },
]

/**
 * File access for designs. The renderer never names a path it was not given: main remembers
 * every path the user picked in a dialog (now, or earlier for a recent file) and reads and writes
 * only those, so a compromised page cannot read or overwrite arbitrary files.
 */
export class DesignFiles {
  private readonly granted = new Set<string>()

  constructor(
    private readonly window: () => BrowserWindow | undefined,
    private readonly recent: RecentFiles,
  ) {}

  async open(): Promise<OpenResult> {
    const owner = this.window()
    const options = { title: 'Open design', filters: FILTERS, properties: ['openFile' as const] }
    const choice = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options)
    const path = choice.filePaths[0]
    if (choice.canceled || path === undefined) return { status: 'cancelled' }
    return this.read(path)
  }

  /** Opens an entry of the recent list, and only such an entry; one that is gone leaves the list. */
  async openRecent(path: string): Promise<OpenResult> {
    if (!(await this.recent.has(path))) return { status: 'failed', message: `Refusing to open ${path}: it is not in the recent files` }
    if (await isGone(path)) {
      await this.recent.remove(path)
      return { status: 'failed', message: `${basename(path)} was moved or deleted (${path}); it is no longer listed in Open Recent` }
    }
    return this.read(path)
  }

  async read(path: string): Promise<OpenResult> {
    try {
      const info = await stat(path)
      if (!info.isFile()) return { status: 'failed', message: `${path} is not a file` }
      if (info.size > MAX_DESIGN_BYTES) return { status: 'failed', message: `${path} is ${info.size} bytes; designs are limited to ${MAX_DESIGN_BYTES}` }
      const text = await readFile(path, 'utf8')
      this.granted.add(path)
      await this.recent.add(path)
      return { status: 'opened', file: { name: basename(path), path, text } }
    } catch (error) {
      return { status: 'failed', message: `Could not read ${path}: ${(error as Error).message}` }
    }
  }

  async save(request: SaveRequest): Promise<SaveResult> {
    let path = request.path
    if (path !== undefined && !this.granted.has(path)) {
      return { status: 'failed', message: `Refusing to write ${path}: it was not chosen in a file dialog` }
    }
    if (path === undefined) {
      const owner = this.window()
      const options = { title: 'Save design', defaultPath: request.suggestedName, filters: FILTERS }
      const choice = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options)
      if (choice.canceled || choice.filePath === undefined || choice.filePath === '') return { status: 'cancelled' }
      path = choice.filePath
    }
    try {
      await writeFileAtomically(path, request.text)
      this.granted.add(path)
      await this.recent.add(path)
      return { status: 'saved', name: basename(path), path }
    } catch (error) {
      return { status: 'failed', message: `Could not save ${path}: ${(error as Error).message}` }
    }
  }
}

/** Nothing at the path, or no longer a file there: a file that was moved or deleted. A file that cannot be read is not gone. */
async function isGone(path: string): Promise<boolean> {
  try {
    return !(await stat(path)).isFile()
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return code === 'ENOENT' || code === 'ENOTDIR'
  }
}
