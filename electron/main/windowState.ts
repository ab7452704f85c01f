import { mkdirSync, readFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { writeFileAtomically } from '../../platform/node/writeFileAtomically'

const FORMAT_VERSION = 1

export interface Bounds {
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
}

/** Where and how big the last window was, as the user left it (its size before maximising). */
export interface WindowState {
  readonly bounds: Bounds
  readonly maximized: boolean
}

export const DEFAULT_SIZE = { width: 1280, height: 800 } as const
export const MINIMUM_SIZE = { width: 800, height: 500 } as const
/** How far each new window sits from the one it was opened from, so both title bars show. */
export const CASCADE_STEP = 28

function isBounds(value: unknown): value is Bounds {
  if (typeof value !== 'object' || value === null) return false
  const b = value as Record<string, unknown>
  return [b.x, b.y, b.width, b.height].every((n) => typeof n === 'number' && Number.isFinite(n) && Math.abs(n) < 100_000)
}

/** A missing, damaged or foreign file means "no state": the window opens at its default size. */
export function parseWindowState(text: string): WindowState | undefined {
  try {
    const stored = JSON.parse(text) as Record<string, unknown>
    if (stored.version !== FORMAT_VERSION || !isBounds(stored.bounds)) return undefined
    return { bounds: stored.bounds, maximized: stored.maximized === true }
  } catch {
    return undefined
  }
}

const overlapArea = (a: Bounds, b: Bounds): number =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y))

/**
 * The bounds to open a window with. A remembered place on a display that is no longer there (an
 * unplugged monitor, a smaller resolution) would open the window out of reach, so a window is
 * kept only where its title bar can be grabbed on a display of today; otherwise it is centred on
 * the primary display, shrunk to fit its work area.
 */
export function placeOnScreen(wanted: Bounds | undefined, workAreas: readonly Bounds[]): Bounds | undefined {
  const primary = workAreas[0]
  if (primary === undefined) return wanted
  const fit = (size: { width: number; height: number }, area: Bounds): Bounds => {
    const width = Math.max(MINIMUM_SIZE.width, Math.min(size.width, area.width))
    const height = Math.max(MINIMUM_SIZE.height, Math.min(size.height, area.height))
    return { x: Math.round(area.x + (area.width - width) / 2), y: Math.round(area.y + (area.height - height) / 2), width, height }
  }
  if (wanted === undefined) return fit(DEFAULT_SIZE, primary)
  const titleBar: Bounds = { x: wanted.x, y: wanted.y, width: wanted.width, height: 32 }
  const home = workAreas.find((area) => overlapArea(titleBar, area) >= Math.min(titleBar.width, 100) * 16)
  if (home === undefined) return fit(wanted, primary)
  const width = Math.max(MINIMUM_SIZE.width, Math.min(wanted.width, home.width))
  const height = Math.max(MINIMUM_SIZE.height, Math.min(wanted.height, home.height))
  return { x: wanted.x, y: wanted.y, width, height }
}

/** The next window's place: the last one's, moved down and right, wrapping back when it would leave the display. */
export function cascadeFrom(previous: Bounds, workArea: Bounds | undefined): Bounds {
  const next = { ...previous, x: previous.x + CASCADE_STEP, y: previous.y + CASCADE_STEP }
  if (workArea === undefined) return next
  const outside = next.x + next.width > workArea.x + workArea.width || next.y + next.height > workArea.y + workArea.height
  return outside ? { ...next, x: workArea.x, y: workArea.y } : next
}

/**
 * The window state kept in the user data folder. Read once, synchronously, before the first
 * window opens (it must know its size before it shows); written atomically when a window moves,
 * resizes or closes, the latest window's state winning, as in most editors.
 */
export class WindowStateFile {
  private writing: Promise<void> = Promise.resolve()

  constructor(private readonly file: string) {}

  read(): WindowState | undefined {
    try {
      return parseWindowState(readFileSync(this.file, 'utf8'))
    } catch {
      return undefined
    }
  }

  write(state: WindowState): Promise<void> {
    const text = `${JSON.stringify({ version: FORMAT_VERSION, ...state })}\n`
    this.writing = this.writing.then(async () => {
      try {
        mkdirSync(dirname(this.file), { recursive: true })
        await writeFileAtomically(this.file, text)
      } catch (error) {
        // Costs only the window's size next time, never the work in it.
        console.warn(`Could not remember the window's size in ${this.file}: ${(error as Error).message}`)
      }
    })
    return this.writing
  }
}
