import type { DesignFile, RecentFile } from '../../../shared/ipc/contract'
import { addRecent, parseRecent, removeRecent, withinBudget } from '../../../shared/recent/recentList'

const KEY = 'peerlab.recent.v1'

/**
 * A site gets about five million characters of local storage, shared with whatever else the site
 * keeps there, so a larger file is not kept, and all kept texts together stay under a budget.
 */
export const MAX_REMEMBERED_CHARS = 2 * 1024 * 1024
export const REMEMBERED_BUDGET_CHARS = 3 * 1024 * 1024

/** A browser gives a page no path, so a recent file is its name and the text it had then. */
interface RememberedFile {
  readonly name: string
  readonly text: string
}

export type TextStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

const nameOf = (file: RememberedFile): string => file.name
const sizeOf = (file: RememberedFile): number => file.name.length + file.text.length

function isRememberedFile(value: unknown): value is RememberedFile {
  const file = value as Partial<RememberedFile> | null
  return typeof file === 'object' && file !== null && typeof file.name === 'string' && file.name.length > 0 && typeof file.text === 'string' && file.text.length <= MAX_REMEMBERED_CHARS
}

/** The recent files a browser keeps, in its local storage: they survive a reload, and stay on this machine. */
export interface BrowserRecentFiles {
  list(): readonly RecentFile[]
  /** The remembered text of a recent file, which becomes the most recent; undefined when it is not kept. */
  open(name: string): DesignFile | undefined
  remember(file: DesignFile): void
  clear(): void
}

/** `storage` is a function because merely touching `localStorage` throws where a site may not store anything. */
export function createBrowserRecentFiles(storage: () => TextStorage): BrowserRecentFiles {
  const read = (): readonly RememberedFile[] => {
    try {
      return parseRecent(JSON.parse(storage().getItem(KEY) ?? '[]'), isRememberedFile, nameOf)
    } catch {
      return []
    }
  }

  /** Writes as much of the list as storage takes: when it is full, the oldest go first. */
  const write = (list: readonly RememberedFile[]): void => {
    for (let kept = withinBudget(list, sizeOf, REMEMBERED_BUDGET_CHARS); ; kept = kept.slice(0, -1)) {
      try {
        if (kept.length === 0) storage().removeItem(KEY)
        else storage().setItem(KEY, JSON.stringify(kept))
        return
      } catch {
        // Storage refused; a shorter list may fit, and none at all is no loss beyond the convenience.
        if (kept.length === 0) return
      }
    }
  }

  const remember = (file: DesignFile): void => {
    const current = read()
    // A file too large to keep must not leave an older text under its name to be reopened by mistake.
    if (file.text.length > MAX_REMEMBERED_CHARS) write(removeRecent(current, file.name, nameOf))
    else write(addRecent(current, { name: file.name, text: file.text }, nameOf))
  }

  return {
    list: () => read().map((file) => ({ id: file.name, name: file.name })),
    open(name) {
      const file = read().find((candidate) => candidate.name === name)
      if (!file) return undefined
      remember(file)
      return { name: file.name, text: file.text }
    },
    remember,
    clear: () => write([]),
  }
}
