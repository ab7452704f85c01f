import { BrowserWindow, screen } from 'electron'
import type { AutosaveFile } from './autosaveFile'
import type { AutosaveSlots } from './autosaveSlots'
import { createMainWindow, type WindowOptions } from './window'
import { cascadeFrom, placeOnScreen, type Bounds, type WindowStateFile } from './windowState'

/** Moves and resizes come in bursts while the user drags; the state is written once the burst ends. */
const STATE_WRITE_DELAY_MS = 400

function workAreas(): Bounds[] {
  const primary = screen.getPrimaryDisplay()
  const others = screen.getAllDisplays().filter((display) => display.id !== primary.id)
  return [primary, ...others].map((display) => display.workArea)
}

/**
 * The app's windows, one design each. Each window has its own autosave slot and, when the system
 * opened it for a file, that file, which its page asks for once when it starts. The first window
 * opens where the last one was left; later ones cascade from the window in front.
 */
export class DesignWindows {
  /** By webContents id, which is what an IPC message carries. */
  private readonly slots = new Map<number, number>()
  private readonly launches = new Map<number, string>()
  private opened = 0

  constructor(
    private readonly mainDir: string,
    private readonly options: Omit<WindowOptions, 'onDiscard' | 'bounds'>,
    private readonly autosave: AutosaveSlots,
    private readonly state: WindowStateFile,
  ) {}

  open(request: { readonly launch?: string; readonly slot?: number } = {}): BrowserWindow {
    const slot = request.slot !== undefined && !this.inUse(request.slot) ? request.slot : this.freeSlot()
    const remembered = this.opened === 0 ? this.state.read() : undefined
    const front = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows().at(-1)
    const bounds = front !== undefined && this.opened > 0 ? cascadeFrom(front.getNormalBounds(), workAreas()[0]) : placeOnScreen(remembered?.bounds, workAreas())
    const window = createMainWindow(this.mainDir, { ...this.options, ...(bounds !== undefined ? { bounds } : {}), onDiscard: () => void this.autosave.file(slot).clear() })
    if (remembered?.maximized === true) window.maximize()
    this.opened += 1
    const id = window.webContents.id
    this.slots.set(id, slot)
    if (request.launch !== undefined) this.launches.set(id, request.launch)
    this.rememberState(window)
    window.on('closed', () => {
      this.slots.delete(id)
      this.launches.delete(id)
    })
    return window
  }

  /** The autosave of the window a message came from; a sender main does not know (a test's) is the first window. */
  autosaveOf(webContentsId: number | undefined): AutosaveFile {
    return this.autosave.file((webContentsId !== undefined ? this.slots.get(webContentsId) : undefined) ?? 1)
  }

  /** The file a window was opened for, handed over once. */
  takeLaunch(webContentsId: number | undefined): string | undefined {
    if (webContentsId === undefined) return undefined
    const path = this.launches.get(webContentsId)
    this.launches.delete(webContentsId)
    return path
  }

  /** Brings a window forward, as a second launch without files does. */
  focus(window: BrowserWindow | undefined): void {
    if (window === undefined) return
    if (window.isMinimized()) window.restore()
    window.show()
    window.focus()
  }

  private inUse(slot: number): boolean {
    return [...this.slots.values()].includes(slot)
  }

  private freeSlot(): number {
    let slot = 1
    while (this.inUse(slot)) slot += 1
    return slot
  }

  private rememberState(window: BrowserWindow): void {
    let timer: ReturnType<typeof setTimeout> | undefined
    const write = (): void => {
      clearTimeout(timer)
      timer = undefined
      if (window.isDestroyed() || window.isMinimized() || window.isFullScreen()) return
      void this.state.write({ bounds: window.getNormalBounds(), maximized: window.isMaximized() })
    }
    const later = (): void => {
      clearTimeout(timer)
      timer = setTimeout(write, STATE_WRITE_DELAY_MS)
    }
    for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) window.on(event as 'resize', later)
    window.on('close', write)
  }
}
