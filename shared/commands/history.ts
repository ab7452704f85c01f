import type { Design } from '../model/design'

/**
 * Undo history as before/after designs: designs are immutable with structural sharing, so this
 * is cheap and cannot drift the way inverse patches can.
 */
export interface HistoryEntry {
  readonly label: string
  readonly before: Design
  readonly after: Design
  /** Entries with the same group coalesce into one step, e.g. `drag:node/worker1`. */
  readonly group?: string
}

export interface History {
  readonly past: readonly HistoryEntry[]
  readonly future: readonly HistoryEntry[]
}

export const EMPTY_HISTORY: History = { past: [], future: [] }

export function recordEdit(history: History, entry: HistoryEntry): History {
  if (entry.before === entry.after) return history
  const last = history.past.at(-1)
  if (entry.group !== undefined && last?.group === entry.group) {
    return { past: [...history.past.slice(0, -1), { ...last, after: entry.after }], future: [] }
  }
  return { past: [...history.past, entry], future: [] }
}

export function undo(history: History): { history: History; design: Design; label: string } | undefined {
  const last = history.past.at(-1)
  if (!last) return undefined
  return { history: { past: history.past.slice(0, -1), future: [last, ...history.future] }, design: last.before, label: last.label }
}

export function redo(history: History): { history: History; design: Design; label: string } | undefined {
  const next = history.future[0]
  if (!next) return undefined
  return { history: { past: [...history.past, next], future: history.future.slice(1) }, design: next.after, label: next.label }
}
