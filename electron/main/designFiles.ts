import { dialog, type BrowserWindow } from 'electron'
import { readFile, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { decodeUtf8, NotUtf8Error } from '../../platform/node/decodeUtf8'
import { FileWriteError } from '../../platform/node/fileWriteError'
import { writeFileAtomically } from '../../platform/node/writeFileAtomically'
import { assertReplaceable } from '../../platform/node/writeTarget'
import { MAX_DESIGN_BYTES, type OpenResult, type SaveRequest, type SaveResult } from '../../shared/ipc/contract'
import { askAboutChange } from './askAboutChange'
import { changedSince, versionOf, type DiskVersion } from './diskVersion'
import type { RecentFiles } from './recentFiles'

const FILTERS = [
  { name: 'Peerlab designs', extensions: ['yaml', 'yml'] },
  { name: 'All files', extensions: ['*'] },
]

/**
 * File access for designs. The renderer never names a path it was not given: main remembers
 * every path the user picked in a dialog (now, or earlier for a recent file) and reads and writes
 * only those, so a compromised page cannot read or overwrite arbitrary files.
 *
 * Main also remembers what each file held when it last read or wrote it, so a save never silently
 * destroys what another program wrote there in the meantime; and it saves one file at a time, so
 * two saves in flight cannot finish in the wrong order.
 */
export class DesignFiles {
  private readonly granted = new Set<string>()
  private readonly versions = new Map<string, DiskVersion>()
  private saving: Promise<unknown> = Promise.resolve()

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
      const bytes = await readFile(path)
      // Lenient decoding would put U+FFFD where each bad byte was, and the next save would write that over the original.
      const text = decodeUtf8(bytes, path)
      this.granted.add(path)
      this.versions.set(path, versionOf(bytes, info.mtimeMs))
      await this.recent.add(path)
      return { status: 'opened', file: { name: basename(path), path, text } }
    } catch (error) {
      if (error instanceof NotUtf8Error) return { status: 'failed', message: `Could not open ${error.message}` }
      return { status: 'failed', message: `Could not read ${path}: ${(error as Error).message}` }
    }
  }

  /** Waits for any save in flight first; each reports what happened to its own text. */
  save(request: SaveRequest): Promise<SaveResult> {
    const result = this.saving.then(() => this.saveNow(request))
    this.saving = result.catch(() => undefined)
    return result
  }

  private async saveNow(request: SaveRequest): Promise<SaveResult> {
    const path = request.path
    if (path === undefined) return this.saveAs(request.text, request.suggestedName)
    if (!this.granted.has(path)) return { status: 'failed', message: `Refusing to write ${path}: it was not chosen in a file dialog` }
    try {
      // A read-only file is refused before anything is asked: no answer to the next question could save it.
      await assertReplaceable(path)
      const known = this.versions.get(path)
      const change = known && (await changedSince(path, known))
      if (change) {
        const choice = await askAboutChange(this.window(), path, change.mtimeMs)
        if (choice === 'cancel') return { status: 'cancelled' }
        if (choice === 'saveAs') return this.saveAs(request.text, path)
        if (choice === 'reload') return this.reload(path)
      }
    } catch (error) {
      return failure(path, error)
    }
    return this.write(path, request.text)
  }

  private async saveAs(text: string, defaultPath: string): Promise<SaveResult> {
    const owner = this.window()
    const options = { title: 'Save design', defaultPath, filters: FILTERS }
    const choice = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options)
    if (choice.canceled || choice.filePath === undefined || choice.filePath === '') return { status: 'cancelled' }
    return this.write(choice.filePath, text)
  }

  private async reload(path: string): Promise<SaveResult> {
    const opened = await this.read(path)
    return opened.status === 'opened' ? { status: 'reloaded', file: opened.file } : { status: 'failed', message: opened.status === 'failed' ? opened.message : `Could not reload ${path}` }
  }

  private async write(path: string, text: string): Promise<SaveResult> {
    try {
      await writeFileAtomically(path, text, { backup: true })
    } catch (error) {
      return failure(path, error)
    }
    // The time only dates a later change for the user; the size and hash of what was written are what count.
    const mtimeMs = await stat(path).then(
      (info) => info.mtimeMs,
      () => 0,
    )
    this.versions.set(path, versionOf(Buffer.from(text, 'utf8'), mtimeMs))
    this.granted.add(path)
    await this.recent.add(path)
    return { status: 'saved', name: basename(path), path }
  }
}

/** Says whether the file on disk is still the old one: what the user most needs to know after a failed save. */
function failure(path: string, error: unknown): SaveResult {
  const problem = FileWriteError.from(path, error)
  const outcome = problem.unchanged ? 'Nothing was written; use Save As… to keep your changes in another file.' : 'The file was replaced, but the system could not confirm it reached the disk.'
  return { status: 'failed', message: `Could not save ${basename(path)}: ${problem.reason}. ${outcome}` }
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
