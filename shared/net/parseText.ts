/** Helpers that keep parse messages readable whatever the user typed. */

const PRINTABLE = /^[\x21-\x7e]+$/
const MAX_SHOWN = 64

/**
 * The input as it should appear in a message: bare when it is short,
 * printable ASCII (so the message reads like the examples in the docs),
 * otherwise JSON-quoted so empty text, spaces and control characters show.
 */
export function showInput(text: string): string {
  const cut = text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}...` : text
  return PRINTABLE.test(cut) ? cut : JSON.stringify(cut)
}

/** True when the text has whitespace, which we never trim silently. */
export function hasWhitespace(text: string): boolean {
  return /\s/.test(text)
}
