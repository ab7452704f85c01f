import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import {
  CHANNELS,
  isAutosavedWork,
  isExportSaveRequest,
  isRecentFileId,
  isSaveRequest,
  type AutosavedWork,
  type AutosaveResult,
  type ExportSaveRequest,
  type ExportSaveResult,
  type OpenResult,
  type PlatformInfo,
  type RecentFile,
  type SaveRequest,
  type SaveResult,
} from '../../shared/ipc/contract'

export interface IpcServices {
  platform(): PlatformInfo
  openDesign(): Promise<OpenResult>
  saveDesign(request: SaveRequest): Promise<SaveResult>
  recentFiles(): Promise<readonly RecentFile[]>
  /** Must itself refuse a path that is not in the recent list: the payload check here sees only its shape. */
  openRecent(path: string): Promise<OpenResult>
  clearRecentFiles(): Promise<void>
  /** The autosave calls act on the asking window's own kept work: `window` is its webContents id. */
  readAutosave(window: number | undefined): Promise<AutosavedWork | undefined>
  writeAutosave(work: AutosavedWork, window: number | undefined): Promise<AutosaveResult>
  clearAutosave(window: number | undefined): Promise<void>
  /** Must itself decide whether the work's path may be written again: the page only asks. */
  restoreAutosave(window: number | undefined): Promise<AutosavedWork | undefined>
  /** The file the asking window was opened for, read; once. */
  launchDesign(window: number | undefined): Promise<OpenResult | undefined>
  saveExport(request: ExportSaveRequest): Promise<ExportSaveResult>
  isTrustedSender(url: string): boolean
}

function senderUrl(event: IpcMainInvokeEvent): string {
  return event.senderFrame?.url ?? ''
}

/** Which window asked: main keeps each window's autosave and launch file by its webContents id. */
function senderWindow(event: IpcMainInvokeEvent): number | undefined {
  const id = (event as { sender?: { id?: unknown } }).sender?.id
  return typeof id === 'number' ? id : undefined
}

/**
 * Registers every invokable channel. Each handler first checks that the message comes from the
 * app's own page (security checklist item 17), then checks the payload's shape, because a
 * renderer is never trusted to send what the types say.
 */
export function registerIpcHandlers(ipcMain: Pick<IpcMain, 'handle'>, services: IpcServices): void {
  const guard = (channel: string, event: IpcMainInvokeEvent): void => {
    if (!services.isTrustedSender(senderUrl(event))) throw new Error(`${channel}: rejected message from untrusted page ${senderUrl(event) || '(unknown)'}`)
  }
  ipcMain.handle(CHANNELS.platform, (event) => {
    guard(CHANNELS.platform, event)
    return services.platform()
  })
  ipcMain.handle(CHANNELS.openDesign, (event) => {
    guard(CHANNELS.openDesign, event)
    return services.openDesign()
  })
  ipcMain.handle(CHANNELS.saveDesign, (event, request: unknown) => {
    guard(CHANNELS.saveDesign, event)
    if (!isSaveRequest(request)) throw new Error(`${CHANNELS.saveDesign}: malformed save request`)
    return services.saveDesign(request)
  })
  ipcMain.handle(CHANNELS.recentFiles, (event) => {
    guard(CHANNELS.recentFiles, event)
    return services.recentFiles()
  })
  ipcMain.handle(CHANNELS.openRecent, (event, path: unknown) => {
    guard(CHANNELS.openRecent, event)
    if (!isRecentFileId(path)) throw new Error(`${CHANNELS.openRecent}: malformed recent file`)
    return services.openRecent(path)
  })
  ipcMain.handle(CHANNELS.clearRecentFiles, (event) => {
    guard(CHANNELS.clearRecentFiles, event)
    return services.clearRecentFiles()
  })
  ipcMain.handle(CHANNELS.readAutosave, (event) => {
    guard(CHANNELS.readAutosave, event)
    return services.readAutosave(senderWindow(event))
  })
  ipcMain.handle(CHANNELS.writeAutosave, (event, work: unknown) => {
    guard(CHANNELS.writeAutosave, event)
    if (!isAutosavedWork(work)) throw new Error(`${CHANNELS.writeAutosave}: malformed work`)
    // Only the fields the contract names reach the disk, whatever else the page sent along.
    const { file, text, savedAt } = work
    return services.writeAutosave({ file: { name: file.name, text: file.text, ...(file.path !== undefined ? { path: file.path } : {}) }, text, savedAt }, senderWindow(event))
  })
  ipcMain.handle(CHANNELS.clearAutosave, (event) => {
    guard(CHANNELS.clearAutosave, event)
    return services.clearAutosave(senderWindow(event))
  })
  ipcMain.handle(CHANNELS.restoreAutosave, (event) => {
    guard(CHANNELS.restoreAutosave, event)
    return services.restoreAutosave(senderWindow(event))
  })
  ipcMain.handle(CHANNELS.launchDesign, (event) => {
    guard(CHANNELS.launchDesign, event)
    return services.launchDesign(senderWindow(event))
  })
  ipcMain.handle(CHANNELS.saveExport, (event, request: unknown) => {
    guard(CHANNELS.saveExport, event)
    if (!isExportSaveRequest(request)) throw new Error(`${CHANNELS.saveExport}: malformed export`)
    // Only the fields the contract names reach the disk.
    return services.saveExport({ files: request.files.map(({ name, data, encoding }) => ({ name, data, encoding })) })
  })
}
