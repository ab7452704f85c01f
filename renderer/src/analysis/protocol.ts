import type { Command } from '../../../shared/commands/commands'
import type { ConsoleEntry } from '../../../shared/console/labConsole'
import type { Diagnostic } from '../../../shared/diagnostics'
import type { NodeBadge } from '../../../shared/explain/nodeBadges'
import type { Design, EntityId } from '../../../shared/model/design'
import type { QueryArgs, QueryName } from './queries'
import type { SessionsMessage } from './sessionsTransfer'

/**
 * How the UI thread and the analysis worker talk. Everything posted is copied (structured clone)
 * on the sender's thread and again on the receiver's, so the UI sends edits and file texts rather
 * than designs, and the worker sends the few results every view needs and answers the rest when asked.
 */

/**
 * A design the worker is told to analyse, by the cheapest description it can make it from: one
 * it already holds, one made by commands from one it holds, the design of a file's text, or
 * (rarely, a field edit that renumbers) the design itself.
 */
export type DesignRef =
  | { readonly id: number }
  /** `commands` applied in turn to `base`: more than one when edits made before a frame go as one version. */
  | { readonly id: number; readonly base: number; readonly commands: readonly Command[] }
  | { readonly id: number; readonly file: number }
  | { readonly id: number; readonly text: string; readonly name: string }
  | { readonly id: number; readonly design: Design }

/** The open file, by id; its text and name only the first time the worker hears of it. */
export type FileRef = { readonly id: number } | { readonly id: number; readonly text: string; readonly name: string | undefined }

export type ToWorker =
  | { readonly kind: 'state'; readonly version: number; readonly design: DesignRef; readonly file: FileRef }
  | { readonly kind: 'query'; readonly ask: number; readonly version: number; readonly name: QueryName; readonly args: QueryArgs }
  /** The file's next text (saveDesign over the text it was read from), for the version the UI has. */
  | { readonly kind: 'text'; readonly ask: number }
  | { readonly kind: 'console-start'; readonly ask: number }
  | { readonly kind: 'console-run'; readonly ask: number; readonly text: string }

/** The stages an analysis goes through, in order; the UI shows the one under way when it takes a while. */
export type Stage = 'sessions' | 'routes' | 'diagnostics'

export type FromWorker =
  | { readonly kind: 'stage'; readonly version: number; readonly stage: Stage }
  | SessionsMessage
  | { readonly kind: 'routes'; readonly version: number; readonly badges: ReadonlyMap<EntityId, NodeBadge>; readonly poolCidrs: readonly string[] }
  /** The badges and pools of the version before: most edits leave IPAM as it was, and thousands of badges take the UI thread a while to read. */
  | { readonly kind: 'routes'; readonly version: number; readonly same: true }
  /**
   * The Problems panel's list, and the design's semantic checks as validateDesign gives them: the
   * UI thread then need not check that design again to try the next edit on it.
   */
  | { readonly kind: 'diagnostics'; readonly version: number; readonly diagnostics: readonly Diagnostic[]; readonly validated: readonly Diagnostic[] }
  /** Both lists as the version before had them: an alias typed or a host moved leaves them as they were. */
  | { readonly kind: 'diagnostics'; readonly version: number; readonly same: true }
  | { readonly kind: 'answer'; readonly ask: number; readonly stale?: true; readonly value?: unknown; readonly error?: string }
  /** The console changed the cluster (kubectl apply): the UI makes it an undoable edit, and tells the worker as any other. */
  | { readonly kind: 'console-edit'; readonly command: Command; readonly label: string }

export interface ConsoleRun {
  readonly entries: readonly ConsoleEntry[]
  readonly prompt: string
}

/**
 * Which designs the worker still holds, kept the same on both sides: each side touches an id in
 * the same order (the UI when it sends, the worker when it reads), so the UI knows without asking
 * whether an undo can name a design or must describe it again.
 */
export class RecentIds<T> {
  private readonly entries = new Map<number, T>()

  constructor(private readonly capacity: number) {}

  get(id: number): T | undefined {
    const value = this.entries.get(id)
    if (value !== undefined) this.touch(id, value)
    return value
  }

  has(id: number): boolean {
    return this.entries.has(id)
  }

  touch(id: number, value: T): void {
    this.entries.delete(id)
    this.entries.set(id, value)
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as number)
  }
}

/** Designs held: an undo history's worth. Files held: the few documents an undo can go back to. */
export const DESIGNS_HELD = 100
export const FILES_HELD = 8
