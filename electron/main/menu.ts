import type { MenuItemConstructorOptions } from 'electron'
import type { MenuCommand } from '../../shared/ipc/contract'

/** The recent files as the File menu shows them, and what its items do. */
export interface RecentMenu {
  readonly paths: readonly string[]
  /** Asks the renderer to open the file, as it opens any: it may first ask to discard unsaved work. */
  open(path: string): void
  clear(): void
}

/** Windows and Linux menus take `&` as the mark of an access key; a path shows it doubled. */
function literalLabel(text: string, isMac: boolean): string {
  return isMac ? text : text.replaceAll('&', '&&')
}

function openRecentSubmenu(recent: RecentMenu, isMac: boolean): MenuItemConstructorOptions[] {
  const entries: MenuItemConstructorOptions[] = recent.paths.map((path) => ({ label: literalLabel(path, isMac), click: () => recent.open(path) }))
  return [
    ...(entries.length > 0 ? entries : [{ label: 'No Recent Files', enabled: false }]),
    { type: 'separator' },
    { label: 'Clear Recently Opened', enabled: entries.length > 0, click: () => recent.clear() },
  ]
}

/**
 * The native menu. Items that act on the design are forwarded to the renderer, which owns the
 * design; the menu itself holds no state, and is built again whenever the recent files change.
 * Developer tools are listed in development only: a packaged app has none.
 */
export function buildMenuTemplate(
  send: (command: MenuCommand) => void,
  isMac: boolean,
  recent: RecentMenu,
  options: { devTools: boolean; newWindow?: () => void } = { devTools: false },
): MenuItemConstructorOptions[] {
  const item = (label: string, command: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    click: () => send(command),
    ...(accelerator !== undefined ? { accelerator } : {}),
  })
  // A single letter is only shown: registered, it would be taken from every text field too. The renderer handles the key.
  const shown = (label: string, command: MenuCommand, key: string): MenuItemConstructorOptions => ({ ...item(label, command, key), registerAccelerator: false })
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        item('New', 'file.new', 'CmdOrCtrl+N'),
        // A window is main's to open; the design in it starts as any window's does.
        ...(options.newWindow !== undefined ? [{ label: 'New Window', accelerator: 'CmdOrCtrl+Shift+N', click: options.newWindow }] : []),
        item('Open…', 'file.open', 'CmdOrCtrl+O'),
        { label: 'Open Recent', submenu: openRecentSubmenu(recent, isMac) },
        item('Save', 'file.save', 'CmdOrCtrl+S'),
        item('Save As…', 'file.saveAs', 'CmdOrCtrl+Shift+S'),
        { type: 'separator' },
        item('Export…', 'file.export', 'CmdOrCtrl+E'),
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      // Undo and redo act on the design's history, which the renderer owns; the rest are the system's text editing.
      submenu: [
        item('Undo', 'edit.undo', 'CmdOrCtrl+Z'),
        item('Redo', 'edit.redo', 'CmdOrCtrl+Shift+Z'),
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [
        item('Fit to Window', 'view.fit', 'CmdOrCtrl+0'),
        item('Lab Console', 'view.console', 'Ctrl+`'),
        shown('Overview', 'view.overview', 'M'),
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(options.devTools ? [{ role: 'toggleDevTools' as const }] : []),
      ],
    },
    { label: 'Help', submenu: [item('Keyboard Shortcuts', 'help.shortcuts', 'F1'), item('About Peerlab', 'help.about')] },
  ]
}
