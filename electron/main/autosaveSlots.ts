import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { AutosaveFile, type Reopen } from './autosaveFile'

/** Slot 1 keeps the name a single-window Peerlab used, so work kept before windows multiplied is still found. */
export function autosaveFileName(slot: number): string {
  return slot === 1 ? 'unsaved-work.json' : `unsaved-work-${slot}.json`
}

function slotOfFileName(name: string): number | undefined {
  const match = /^unsaved-work(?:-([1-9]\d{0,3}))?\.json$/.exec(name)
  if (!match) return undefined
  return match[1] === undefined ? 1 : Number(match[1])
}

/**
 * Unsaved work, one file per open window: two windows sharing one file would each overwrite the
 * other's, and a crash would then lose all but the last. A window takes the lowest slot no open
 * window holds; after a crash, each slot that still holds work gets a window again to offer it.
 */
export class AutosaveSlots {
  private readonly files = new Map<number, AutosaveFile>()

  constructor(
    private readonly folder: string,
    private readonly reopen: Reopen,
  ) {}

  file(slot: number): AutosaveFile {
    let file = this.files.get(slot)
    if (file === undefined) {
      file = new AutosaveFile(join(this.folder, autosaveFileName(slot)), this.reopen)
      this.files.set(slot, file)
    }
    return file
  }

  /** The slots whose file holds work a window could offer again, lowest first. */
  async slotsWithWork(): Promise<number[]> {
    const names = await readdir(this.folder).catch(() => [] as string[])
    const slots = names.map(slotOfFileName).filter((slot): slot is number => slot !== undefined)
    const kept = await Promise.all(slots.map(async (slot) => ((await this.file(slot).read()) !== undefined ? slot : undefined)))
    return kept.filter((slot): slot is number => slot !== undefined).sort((a, b) => a - b)
  }
}
