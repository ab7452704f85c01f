import { dialog, type BrowserWindow } from 'electron'
import { basename } from 'node:path'

export type ChangeChoice = 'reload' | 'overwrite' | 'saveAs' | 'cancel'

const CHOICES: readonly ChangeChoice[] = ['reload', 'overwrite', 'saveAs', 'cancel']

/**
 * Asks what to do about a file another program changed since Peerlab opened or last saved it.
 * Cancel is the default and what Escape does: neither version is lost by not deciding.
 */
export async function askAboutChange(owner: BrowserWindow | undefined, path: string, changedAtMs: number): Promise<ChangeChoice> {
  const name = basename(path)
  const options = {
    type: 'warning' as const,
    title: 'File changed on disk',
    message: `${name} has been changed by another program since you opened or last saved it.`,
    detail:
      `${path} was modified at ${new Date(changedAtMs).toLocaleString()}.\n\n` +
      'Reload opens the file as it is now and discards your unsaved changes.\n' +
      `Overwrite replaces it with your version; the version on disk is kept as ${name}~.\n` +
      'Save As… saves your version under another name and leaves this file alone.',
    buttons: ['Reload', 'Overwrite', 'Save As…', 'Cancel'],
    defaultId: 3,
    cancelId: 3,
    noLink: true,
  }
  const { response } = owner ? await dialog.showMessageBox(owner, options) : await dialog.showMessageBox(options)
  return CHOICES[response] ?? 'cancel'
}
