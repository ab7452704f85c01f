/**
 * The "recent files" list as plain data, shared by the desktop (paths in a JSON file) and the
 * browser (names and texts in local storage). Most recent first, one entry per id, never longer
 * than its limit.
 */

/** As many as a File menu shows before the list stops being quicker than the Open dialog. */
export const MAX_RECENT_FILES = 10

/** `entry` first, any older entry with the same id dropped, and the oldest cut off past `limit`. */
export function addRecent<T>(list: readonly T[], entry: T, idOf: (entry: T) => string, limit = MAX_RECENT_FILES): readonly T[] {
  const id = idOf(entry)
  return [entry, ...list.filter((other) => idOf(other) !== id)].slice(0, Math.max(0, limit))
}

/** The list without the entry that has `id`. */
export function removeRecent<T>(list: readonly T[], id: string, idOf: (entry: T) => string): readonly T[] {
  return list.filter((entry) => idOf(entry) !== id)
}

/**
 * A recent list from whatever was stored: anything but an array is an empty list, entries that
 * fail `isEntry` are dropped, and duplicates and overflow are trimmed as `addRecent` would.
 * Stored data is read back from outside the program (an older version, a hand edit, a broken
 * write), so it is checked like any other input.
 */
export function parseRecent<T>(value: unknown, isEntry: (value: unknown) => value is T, idOf: (entry: T) => string, limit = MAX_RECENT_FILES): readonly T[] {
  if (!Array.isArray(value)) return []
  const seen = new Set<string>()
  const kept: T[] = []
  for (const candidate of value) {
    if (kept.length >= limit) break
    if (!isEntry(candidate) || seen.has(idOf(candidate))) continue
    seen.add(idOf(candidate))
    kept.push(candidate)
  }
  return kept
}

/**
 * The longest head of the list whose sizes add up to at most `budget`; an entry larger than the
 * budget on its own is never kept. The most recent entries matter most, so the cut is at the end.
 */
export function withinBudget<T>(list: readonly T[], sizeOf: (entry: T) => number, budget: number): readonly T[] {
  let used = 0
  const kept: T[] = []
  for (const entry of list) {
    used += sizeOf(entry)
    if (used > budget) break
    kept.push(entry)
  }
  return kept
}
