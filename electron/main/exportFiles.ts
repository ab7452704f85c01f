import { dialog, type BrowserWindow } from 'electron'
import { join } from 'node:path'
import { FileWriteError } from '../../platform/node/fileWriteError'
import { writeFileAtomically } from '../../platform/node/writeFileAtomically'
import type { ExportedFileData, ExportSaveRequest, ExportSaveResult } from '../../shared/ipc/contract'

type Dialogs = Pick<typeof dialog, 'showSaveDialog' | 'showOpenDialog'>

function bytesOf(file: ExportedFileData): string | Buffer {
  return file.encoding === 'base64' ? Buffer.from(file.data, 'base64') : file.data
}

/**
 * Writes an export where the user picks, never anywhere the page names: one file through a save
 * dialog (its name suggested), several into a folder chosen in a folder dialog, each under its
 * own file name, which the IPC check has already held to a plain name. Each file is replaced
 * atomically, as designs are.
 */
export async function saveExport(request: ExportSaveRequest, owner: BrowserWindow | undefined, dialogs: Dialogs = dialog): Promise<ExportSaveResult> {
  const [first] = request.files
  if (!first) return { status: 'cancelled' }
  if (request.files.length === 1) {
    const options = { title: 'Export', defaultPath: first.name }
    const choice = owner ? await dialogs.showSaveDialog(owner, options) : await dialogs.showSaveDialog(options)
    if (choice.canceled || choice.filePath === undefined || choice.filePath === '') return { status: 'cancelled' }
    return write([{ path: choice.filePath, file: first }], choice.filePath)
  }
  const options = { title: `Export ${request.files.length} files into a folder`, properties: ['openDirectory' as const, 'createDirectory' as const] }
  const choice = owner ? await dialogs.showOpenDialog(owner, options) : await dialogs.showOpenDialog(options)
  const folder = choice.filePaths[0]
  if (choice.canceled || folder === undefined) return { status: 'cancelled' }
  return write(
    request.files.map((file) => ({ path: join(folder, file.name), file })),
    folder,
  )
}

async function write(targets: readonly { path: string; file: ExportedFileData }[], where: string): Promise<ExportSaveResult> {
  for (const { path, file } of targets) {
    try {
      await writeFileAtomically(path, bytesOf(file))
    } catch (error) {
      const problem = FileWriteError.from(path, error)
      return { status: 'failed', message: `Could not write ${path}: ${problem.reason}` }
    }
  }
  return { status: 'saved', where }
}
