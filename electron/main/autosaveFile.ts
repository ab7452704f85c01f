import { mkdir, readFile, unlink } from 'node:fs/promises'
import { dirname } from 'node:path'
import { isAutosavedWork, type AutosavedWork, type AutosaveResult, type OpenResult } from '../../shared/ipc/contract'
import { writeFileAtomically } from '../../platform/node/writeFileAtomically'

const FORMAT_VERSION = 1

/** What restoring needs from the design files: reopening a recent file, which makes its path writable again. */
export interface Reopen {
  (path: string): Promise<OpenResult>
}

/**
 * Unsaved work kept in one JSON file in the user data folder, written atomically so a crash while
 * writing leaves the previous copy whole. Writes and removals run one after another, in the order
 * asked, so the file always ends up with the latest word.
 */
export class AutosaveFile {
  private queue: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly file: string,
    private readonly reopen: Reopen,
  ) {}

  /** The kept work; a missing, damaged or foreign file holds none. */
  async read(): Promise<AutosavedWork | undefined> {
    await this.queue
    try {
      const stored = JSON.parse(await readFile(this.file, 'utf8')) as { version?: unknown; work?: unknown }
      if (stored.version !== FORMAT_VERSION || !isAutosavedWork(stored.work)) return undefined
      const { file, text, savedAt } = stored.work
      return { file: { name: file.name, text: file.text, ...(file.path !== undefined ? { path: file.path } : {}) }, text, savedAt }
    } catch {
      return undefined
    }
  }

  write(work: AutosavedWork): Promise<AutosaveResult> {
    const text = `${JSON.stringify({ version: FORMAT_VERSION, work })}\n`
    return this.enqueue(async (): Promise<AutosaveResult> => {
      try {
        await mkdir(dirname(this.file), { recursive: true })
        await writeFileAtomically(this.file, text)
        return { status: 'kept' }
      } catch (error) {
        return { status: 'failed', message: `could not write ${this.file}: ${(error as Error).message}` }
      }
    })
  }

  clear(): Promise<void> {
    return this.enqueue(() => unlink(this.file).catch(() => undefined))
  }

  /**
   * The kept work, with its file made writable again. The page never grants a path itself: the
   * file is reopened through the recent list, as Open Recent would, and only if it still holds
   * the text the work was based on does the work keep its path. Moved, changed or unreadable,
   * the work comes back without one, so Save asks where rather than overwrite what is there now.
   */
  async restore(): Promise<AutosavedWork | undefined> {
    const work = await this.read()
    const path = work?.file.path
    if (!work || path === undefined) return work
    const reopened = await this.reopen(path)
    if (reopened.status === 'opened' && reopened.file.text === work.file.text) return work
    const { name, text } = work.file
    return { ...work, file: { name, text } }
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task)
    this.queue = run.catch(() => undefined)
    return run
  }
}
