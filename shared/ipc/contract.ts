/**
 * The one bridge between the renderer and the desktop. The preload implements it with
 * `contextBridge` over IPC; browser mode implements it with a file picker and downloads. The
 * renderer sees only this interface, so every feature works in both modes.
 */

/** A design file as text, with the path (desktop) or file name (browser) it came from. */
export interface DesignFile {
  readonly name: string
  readonly path?: string
  readonly text: string
}

export type OpenResult = { readonly status: 'opened'; readonly file: DesignFile } | { readonly status: 'cancelled' } | { readonly status: 'failed'; readonly message: string }

export interface SaveRequest {
  readonly text: string
  /** Where to write; absent means "ask the user" (Save As). */
  readonly path?: string
  readonly suggestedName: string
}

/**
 * What became of a save. `reloaded`: another program had changed the file since it was opened or
 * last saved, the user chose Reload, and `file` is the file as it is on disk now; nothing was
 * written, and the renderer should show `file` in place of its unsaved design.
 */
export type SaveResult =
  | { readonly status: 'saved'; readonly name: string; readonly path?: string }
  | { readonly status: 'reloaded'; readonly file: DesignFile }
  | { readonly status: 'cancelled' }
  | { readonly status: 'failed'; readonly message: string }

/** Commands main sends the renderer: the native menu's items, and Save in the close prompt (`file.saveAndClose`). */
export const MENU_COMMANDS = [
  'file.new',
  'file.open',
  'file.save',
  'file.saveAs',
  'file.saveAndClose',
  'file.export',
  'edit.undo',
  'edit.redo',
  'view.fit',
  'view.console',
  'view.overview',
  'help.shortcuts',
  'help.about',
] as const
export type MenuCommand = (typeof MENU_COMMANDS)[number]

/** One exported file: text, or bytes (a PNG) as base64. Its name is a file name, never a path. */
export interface ExportedFileData {
  readonly name: string
  readonly data: string
  readonly encoding: 'utf8' | 'base64'
}

/**
 * Files of one export. One file is saved where the user picks in a save dialog; several (a BIRD
 * config per host) go into a folder the user picks, each under its own name.
 */
export interface ExportSaveRequest {
  readonly files: readonly ExportedFileData[]
}

export type ExportSaveResult = { readonly status: 'saved'; readonly where: string } | { readonly status: 'cancelled' } | { readonly status: 'failed'; readonly message: string }

export interface PlatformInfo {
  readonly mode: 'desktop' | 'browser'
  readonly appVersion: string
}

/** A file in the "Open Recent" list. */
export interface RecentFile {
  /** What `openRecent` takes: the file's path on the desktop, its name in a browser, which sees no paths. */
  readonly id: string
  readonly name: string
  /** Where the file is on disk; absent in a browser, which keeps the file's text itself. */
  readonly path?: string
}

/** Unsaved work kept for recovery after a crash: the file it is based on, the design's text, and when it was kept. */
export interface AutosavedWork {
  readonly file: DesignFile
  readonly text: string
  /** ISO 8601. */
  readonly savedAt: string
}

export type AutosaveResult = { readonly status: 'kept' } | { readonly status: 'failed'; readonly message: string }

export interface DesktopBridge {
  platform(): Promise<PlatformInfo>
  openDesign(): Promise<OpenResult>
  saveDesign(request: SaveRequest): Promise<SaveResult>
  /** Files opened or saved lately, most recent first. */
  recentFiles(): Promise<readonly RecentFile[]>
  /** Opens an entry of the recent list; an id that is not in the list is refused, never read. */
  openRecent(id: string): Promise<OpenResult>
  clearRecentFiles(): Promise<void>
  /** Unsaved work kept by an earlier session, if any. */
  readAutosave(): Promise<AutosavedWork | undefined>
  /** Keeps unsaved work where a crash cannot reach it; a failure is reported, never thrown. */
  writeAutosave(work: AutosavedWork): Promise<AutosaveResult>
  clearAutosave(): Promise<void>
  /**
   * The kept work, to be shown again. On the desktop its file may be saved to again only if that
   * file is still as the work left it; otherwise the work comes back without a path, and Save asks where.
   */
  restoreAutosave(): Promise<AutosavedWork | undefined>
  /**
   * The design this window was opened for, read once: a file the system handed the app (a double
   * click, "Open with", the command line, a second launch). Nothing in a browser, or the second time.
   */
  launchDesign(): Promise<OpenResult | undefined>
  /** Writes an export where the user chooses: a save dialog for one file, a folder for several (desktop); downloads in a browser. */
  saveExport(request: ExportSaveRequest): Promise<ExportSaveResult>
  /** Menu items chosen in the native menu; returns the function that stops listening. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void
  /** An entry chosen in the native menu's Open Recent, for the renderer to open as it opens any file. */
  onMenuOpenRecent(listener: (id: string) => void): () => void
}

/** IPC channel names, shared by main and preload so they cannot drift apart. */
export const CHANNELS = {
  platform: 'peerlab:platform',
  openDesign: 'peerlab:open-design',
  saveDesign: 'peerlab:save-design',
  menuCommand: 'peerlab:menu-command',
  recentFiles: 'peerlab:recent-files',
  openRecent: 'peerlab:open-recent',
  clearRecentFiles: 'peerlab:clear-recent-files',
  menuOpenRecent: 'peerlab:menu-open-recent',
  readAutosave: 'peerlab:read-autosave',
  writeAutosave: 'peerlab:write-autosave',
  clearAutosave: 'peerlab:clear-autosave',
  restoreAutosave: 'peerlab:restore-autosave',
  launchDesign: 'peerlab:launch-design',
  saveExport: 'peerlab:save-export',
} as const

/** Largest design file the app reads or writes; far above any real design, low enough to stop a runaway. */
export const MAX_DESIGN_BYTES = 32 * 1024 * 1024

/** Payload check for `saveDesign`, used by main on whatever arrives over IPC. */
export function isSaveRequest(value: unknown): value is SaveRequest {
  if (typeof value !== 'object' || value === null) return false
  const candidate = value as Record<string, unknown>
  return (
    typeof candidate.text === 'string' &&
    candidate.text.length <= MAX_DESIGN_BYTES &&
    typeof candidate.suggestedName === 'string' &&
    candidate.suggestedName.length > 0 &&
    candidate.suggestedName.length <= 255 &&
    !/[\\/]/.test(candidate.suggestedName) &&
    (candidate.path === undefined || (typeof candidate.path === 'string' && candidate.path.length > 0 && candidate.path.length <= 4096))
  )
}

const MAX_PATH_LENGTH = 4096

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

function isText(value: unknown, maxLength: number): value is string {
  return typeof value === 'string' && value.length <= maxLength
}

/** Shape check for a design file crossing the bridge, within the sizes main itself reads and writes. */
export function isDesignFile(value: unknown): value is DesignFile {
  return (
    isRecord(value) &&
    isText(value.name, 255) &&
    value.name.length > 0 &&
    isText(value.text, MAX_DESIGN_BYTES) &&
    (value.path === undefined || (isText(value.path, MAX_PATH_LENGTH) && value.path.length > 0))
  )
}

/** Reply check for `saveDesign`: the preload passes on only a result of one of the known shapes. */
export function isSaveResult(value: unknown): value is SaveResult {
  if (!isRecord(value)) return false
  switch (value.status) {
    case 'saved':
      return isText(value.name, 255) && (value.path === undefined || isText(value.path, MAX_PATH_LENGTH))
    case 'reloaded':
      return isDesignFile(value.file)
    case 'cancelled':
      return true
    case 'failed':
      return isText(value.message, 4096)
    default:
      return false
  }
}

const MAX_FILE_NAME = 255
const MAX_PATH = 4096

function isFileName(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_FILE_NAME && !/[\\/\0]/.test(value)
}

/** Payload check for `writeAutosave`, and for what is read back from storage, which may be damaged or foreign. */
export function isAutosavedWork(value: unknown): value is AutosavedWork {
  if (typeof value !== 'object' || value === null) return false
  const work = value as Record<string, unknown>
  const file = work.file as Record<string, unknown> | null
  return (
    typeof work.text === 'string' &&
    work.text.length <= MAX_DESIGN_BYTES &&
    typeof work.savedAt === 'string' &&
    !Number.isNaN(Date.parse(work.savedAt)) &&
    work.savedAt.length <= 64 &&
    typeof file === 'object' &&
    file !== null &&
    isFileName(file.name) &&
    typeof file.text === 'string' &&
    file.text.length <= MAX_DESIGN_BYTES &&
    (file.path === undefined || (typeof file.path === 'string' && file.path.length > 0 && file.path.length <= MAX_PATH && !file.path.includes('\0')))
  )
}

/** Payload check for `openRecent` and the menu's Open Recent: a path or a file name, nothing else. */
export function isRecentFileId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= 4096 && !value.includes('\0')
}

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value)
}

/** At most this many files in one export: a BIRD config for each of a few thousand hosts. */
export const MAX_EXPORT_FILES = 10_000

/** Payload check for `saveExport`: plain file names (no path, no `..`), known encodings, within the design size limit together. */
export function isExportSaveRequest(value: unknown): value is ExportSaveRequest {
  if (!isRecord(value) || !Array.isArray(value.files) || value.files.length === 0 || value.files.length > MAX_EXPORT_FILES) return false
  let total = 0
  const names = new Set<string>()
  for (const file of value.files as unknown[]) {
    if (!isRecord(file) || !isFileName(file.name) || file.name === '.' || file.name === '..' || names.has(file.name)) return false
    if (file.encoding !== 'utf8' && file.encoding !== 'base64') return false
    if (typeof file.data !== 'string') return false
    total += file.data.length
    names.add(file.name)
  }
  return total <= MAX_DESIGN_BYTES
}

/** Reply check for `saveExport`. */
export function isExportSaveResult(value: unknown): value is ExportSaveResult {
  if (!isRecord(value)) return false
  if (value.status === 'saved') return isText(value.where, MAX_PATH_LENGTH)
  if (value.status === 'failed') return isText(value.message, 4096)
  return value.status === 'cancelled'
}
