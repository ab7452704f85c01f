/** The one entry point: text in, a ready-to-evaluate selector or Calico's error out. */
import { canonicalText } from './canonical'
import { compile } from './evaluate'
import { parse } from './parser'
import type { SelectorParseResult } from './types'

/**
 * Parses a Calico selector.
 *
 * Accepts exactly what Calico v3.30's `selector.Parse` accepts. In particular
 * the parser itself turns `""` (and text of only spaces and tabs) into
 * `all()`; it does not trim newlines (`"all()\n"` is an error, as it is when
 * the Calico API server validates a resource). `global()` parses and matches
 * everything; Calico's resource validation, not its parser, restricts where
 * it may appear.
 *
 * Errors carry Calico's message verbatim and the offset of the offending
 * character or token.
 */
export function parseSelector(text: string): SelectorParseResult {
  const parsed = parse(text)
  if (!parsed.ok) return parsed
  const selector = Object.freeze({
    source: text,
    canonical: canonicalText(parsed.root),
    matches: compile(parsed.root),
  })
  return { ok: true, selector }
}
