import type { MenuItemConstructorOptions } from 'electron'
import type { MenuCommand } from '../../shared/ipc/contract'

/**
 * The native menu. Items that act on the design are forwarded to the renderer, which owns the
 * design; the menu itself holds no state.
 */
export function buildMenuTemplate(send: (command: MenuCommand) => void, isMac: boolean): MenuItemConstructorOptions[] {
  const item = (label: string, command: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    click: () => send(command),
    ...(accelerator !== undefined ? { accelerator } : {}),
  })
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        item('New', 'file.new', 'CmdOrCtrl+N'),
        item('Open…', 'file.open', 'CmdOrCtrl+O'),
        item('Save', 'file.save', 'CmdOrCtrl+S'),
        item('Save As…', 'file.saveAs', 'CmdOrCtrl+Shift+S'),
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      // Undo and redo act on the design's history, which the renderer owns; the rest are the system's text editing.
      submenu: [item('Undo', 'edit.undo', 'CmdOrCtrl+Z'), item('Redo', 'edit.redo', 'CmdOrCtrl+Shift+Z'), { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
    },
    {
      label: 'View',
      submenu: [item('Fit to Window', 'view.fit', 'CmdOrCtrl+0'), item('Lab Console', 'view.console', 'Ctrl+`'), { type: 'separator' }, { role: 'togglefullscreen' }, { role: 'toggleDevTools' }],
    },
    { label: 'Help', submenu: [item('Keyboard Shortcuts', 'help.shortcuts', 'F1'), item('About Peerlab', 'help.about')] },
  ]
}
