/**
 * Documents that Open, New or Restore put aside, so that Undo brings one back whole: its file,
 * its own undo history and its unsaved changes. Replacing a document is not an edit of either
 * document, so it sits outside both histories: Undo steps back through the current document's
 * edits first and then into the document it replaced, Redo the same way forward. The state is
 * whatever the caller needs to show a document again; it is kept, never looked into.
 */
export interface Replaced<State> {
  readonly state: State
  /** The replacement, as Undo and Redo name it: "Open rack.yaml". */
  readonly label: string
}

export interface Replacements<State> {
  /** Documents replaced, the most recent last. */
  readonly back: readonly Replaced<State>[]
  /** Documents that Undo left, the next one to come back first. */
  readonly forward: readonly Replaced<State>[]
}

export const NO_REPLACEMENTS: Replacements<never> = { back: [], forward: [] }

/** A design can be large: a few documents are kept, enough for the mistake just made. */
export const KEPT_DOCUMENTS = 5

/** `previous` gives way to another document; as any new action does, this ends what Redo could bring back. */
export function replaceDocument<State>(replacements: Replacements<State>, previous: State, label: string): Replacements<State> {
  return { back: [...replacements.back, { state: previous, label }].slice(-KEPT_DOCUMENTS), forward: [] }
}

/** An edit of the current document: the documents Undo left can no longer come back by Redo. */
export function afterEdit<State>(replacements: Replacements<State>): Replacements<State> {
  return replacements.forward.length === 0 ? replacements : { back: replacements.back, forward: [] }
}

export interface Step<State> {
  readonly replacements: Replacements<State>
  /** The document to show now. */
  readonly state: State
  readonly label: string
}

/** Undoes the last replacement: the document it put aside comes back, and `current` waits for Redo. */
export function stepBack<State>(replacements: Replacements<State>, current: State): Step<State> | undefined {
  const last = replacements.back.at(-1)
  if (!last) return undefined
  return { replacements: { back: replacements.back.slice(0, -1), forward: [{ state: current, label: last.label }, ...replacements.forward] }, state: last.state, label: last.label }
}

/** Redoes the replacement Undo took back. */
export function stepForward<State>(replacements: Replacements<State>, current: State): Step<State> | undefined {
  const next = replacements.forward[0]
  if (!next) return undefined
  return { replacements: { back: [...replacements.back, { state: current, label: next.label }], forward: replacements.forward.slice(1) }, state: next.state, label: next.label }
}
