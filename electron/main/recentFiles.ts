import { app } from 'electron'
import { mkdir, readFile } from 'node:fs/promises'
import { basename, dirname, isAbsolute } from 'node:path'
import { writeFileAtomically } from '../../platform/node/writeFileAtomically'
import { isRecentFileId, type RecentFile } from '../../shared/ipc/contract'
import { addRecent, parseRecent, removeRecent } from '../../shared/recent/recentList'

const FORMAT_VERSION = 1

const pathId = (path: string): string => path

function isStoredPath(value: unknown): value is string {
  return isRecentFileId(value) && isAbsolute(value)
}

/**
 * The paths kept in the JSON file. A missing, broken or foreign file is an empty list: the list
 * only saves the user a trip to the Open dialog, and is never worth failing to start over.
 */
export function parseRecentFilesJson(text: string): readonly string[] {
  try {
    const stored = JSON.parse(text) as unknown
    if (typeof stored !== 'object' || stored === null || (stored as { version?: unknown }).version !== FORMAT_VERSION) return []
    return parseRecent((stored as { paths?: unknown }).paths, isStoredPath, pathId)
  } catch {
    return []
  }
}

/**
 * Files opened or saved on this machine, most recent first, kept in a JSON file in the app's
 * user data folder and handed to the system's own list (`app.addRecentDocument`: the Dock menu,
 * the Windows jump list). `onChange` gets every new list, for the native menu.
 */
export class RecentFiles {
  private paths: readonly string[] = []
  private loaded: Promise<void> = Promise.resolve()
  private writing: Promise<void> = Promise.resolve()

  constructor(
    private readonly file: string,
    private readonly onChange: (paths: readonly string[]) => void = () => undefined,
  ) {}

  /** Reads the stored list; every other method waits for it, so nothing read is overwritten unseen. */
  load(): Promise<void> {
    this.loaded = readFile(this.file, 'utf8')
      .then(parseRecentFilesJson, () => [] as readonly string[])
      .then((paths) => {
        this.paths = paths
        this.onChange(paths)
      })
    return this.loaded
  }

  async list(): Promise<readonly RecentFile[]> {
    await this.loaded
    return this.paths.map((path) => ({ id: path, name: basename(path), path }))
  }

  async has(path: string): Promise<boolean> {
    await this.loaded
    return this.paths.includes(path)
  }

  async add(path: string): Promise<void> {
    await this.loaded
    app.addRecentDocument(path)
    return this.update(addRecent(this.paths, path, pathId))
  }

  async remove(path: string): Promise<void> {
    await this.loaded
    return this.update(removeRecent(this.paths, path, pathId))
  }

  async clear(): Promise<void> {
    await this.loaded
    app.clearRecentDocuments()
    return this.update([])
  }

  private update(paths: readonly string[]): Promise<void> {
    this.paths = paths
    this.onChange(paths)
    const text = `${JSON.stringify({ version: FORMAT_VERSION, paths }, null, 2)}\n`
    // One write after another, so the file always ends up with the latest list. A write that
    // fails costs only the list's memory across restarts, never the open or save that caused it.
    this.writing = this.writing.then(() =>
      mkdir(dirname(this.file), { recursive: true })
        .then(async () => {
          await writeFileAtomically(this.file, text)
        })
        .catch((error: unknown) => {
          console.warn(`Could not remember recent files in ${this.file}: ${(error as Error).message}`)
        }),
    )
    return this.writing
  }
}
