/**
 * Splits a Calico selector into tokens, following the rules of
 * libcalico-go/lib/selector/tokenizer/tokenizer.go (Calico v3.30):
 * only space and tab are whitespace, keywords are recognised by context
 * (after a label only an operator may follow), and string literals have
 * no escapes.
 */

/**
 * Token kinds, named as Calico names them: the parser's error messages
 * quote these names (e.g. `unexpected token: TokEOF()`), so keeping them
 * lets our messages read exactly like `calicoctl`'s.
 */
export type TokenKind =
  | 'TokLabel'
  | 'TokStringLiteral'
  | 'TokLBrace'
  | 'TokRBrace'
  | 'TokComma'
  | 'TokEq'
  | 'TokNe'
  | 'TokIn'
  | 'TokNot'
  | 'TokNotIn'
  | 'TokContains'
  | 'TokStartsWith'
  | 'TokEndsWith'
  | 'TokAll'
  | 'TokHas'
  | 'TokLParen'
  | 'TokRParen'
  | 'TokAnd'
  | 'TokOr'
  | 'TokGlobal'
  | 'TokEOF'

/** One token; `value` is the label name or literal text, empty for the others. */
export interface Token {
  readonly kind: TokenKind
  readonly value: string
  /** UTF-16 offset of the token's first character in the input. */
  readonly position: number
}

/** Tokens always end with exactly one `TokEOF`, so the parser can look ahead without bounds checks. */
export type TokenizeResult = { readonly ok: true; readonly tokens: readonly Token[] } | { readonly ok: false; readonly message: string; readonly position: number }

/** Calico's `MaxLabelLength`: longer label names are rejected. */
export const MAX_LABEL_LENGTH = 512

/**
 * Characters allowed in a label name inside a selector: `[a-zA-Z0-9_./-]`.
 * Calico checks only these characters here, not the Kubernetes rules for
 * prefixes and segment lengths.
 */
export function isLabelChar(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) || // a-z
    (code >= 0x41 && code <= 0x5a) || // A-Z
    (code >= 0x30 && code <= 0x39) || // 0-9
    code === 0x5f || // _
    code === 0x2e || // .
    code === 0x2f || // /
    code === 0x2d // -
  )
}

/** Calico trims only spaces and tabs: a newline is an unexpected character, not whitespace. */
function skipWhitespace(text: string, at: number): number {
  let i = at
  while (i < text.length) {
    const c = text.charCodeAt(i)
    if (c !== 0x20 && c !== 0x09) break
    i++
  }
  return i
}

/** End of the run of label characters starting at `at`. */
function scanLabel(text: string, at: number): number {
  let i = at
  while (i < text.length && isLabelChar(text.charCodeAt(i))) i++
  return i
}

/** The end of input counts as a word boundary, as does any non-label character. */
function isWordBoundary(text: string, at: number): boolean {
  return at >= text.length || !isLabelChar(text.charCodeAt(at))
}

/**
 * Matches the words of an operator keyword at `at`, allowing spaces or tabs
 * (or nothing) between them, and requiring a word boundary only after the
 * last one: Calico accepts `not in`, `not  in` and `notin` alike, but not
 * `contains2`. Returns the offset after the keyword, or -1.
 */
function matchKeyword(text: string, at: number, words: readonly string[]): number {
  let i = at
  for (const word of words) {
    if (!text.startsWith(word, i)) return -1
    i += word.length
    // Calico trims after every word of a two-word operator, the last one
    // included, so "a not in x" fails on the "x" rather than on the space.
    if (words.length > 1) i = skipWhitespace(text, i)
  }
  return isWordBoundary(text, i) ? i : -1
}

/** Operators that may follow a label name, tried in Calico's order; the word-boundary check keeps "inx" from reading as "in". */
const LABEL_OPERATORS: readonly (readonly [readonly string[], TokenKind])[] = [
  [['contains'], 'TokContains'],
  [['starts', 'with'], 'TokStartsWith'],
  [['ends', 'with'], 'TokEndsWith'],
  [['not', 'in'], 'TokNotIn'],
  [['in'], 'TokIn'],
]

/** Single characters that always form a token of their own. */
const PUNCTUATION: Readonly<Record<string, TokenKind>> = {
  '(': 'TokLParen',
  ')': 'TokRParen',
  '{': 'TokLBrace',
  '}': 'TokRBrace',
  ',': 'TokComma',
}

/** Two-character operators whose first character alone is an error. */
const DOUBLED: Readonly<Record<string, { readonly kind: TokenKind; readonly message: string }>> = {
  '=': { kind: 'TokEq', message: 'expected ==' },
  '&': { kind: 'TokAnd', message: 'expected &&' },
  '|': { kind: 'TokOr', message: 'expected ||' },
}

/** Tokenizes a selector. Errors carry Calico's message and the offset where it stopped. */
export function tokenize(text: string): TokenizeResult {
  const tokens: Token[] = []
  const fail = (message: string, position: number): TokenizeResult => ({ ok: false, message, position })
  let i = 0
  for (;;) {
    i = skipWhitespace(text, i)
    if (i >= text.length) {
      tokens.push({ kind: 'TokEOF', value: '', position: text.length })
      return { ok: true, tokens }
    }
    const start = i
    const ch = text.charAt(i)
    const punctuation = PUNCTUATION[ch]
    const doubled = DOUBLED[ch]
    if (punctuation !== undefined) {
      tokens.push({ kind: punctuation, value: '', position: start })
      i++
    } else if (ch === '"' || ch === "'") {
      // No escapes: the literal runs to the next quote of the same kind.
      const close = text.indexOf(ch, i + 1)
      if (close === -1) return fail('unterminated string', start)
      tokens.push({ kind: 'TokStringLiteral', value: text.slice(i + 1, close), position: start })
      i = close + 1
    } else if (doubled !== undefined) {
      if (text.charAt(i + 1) !== ch) return fail(doubled.message, start)
      tokens.push({ kind: doubled.kind, value: '', position: start })
      i += 2
    } else if (ch === '!') {
      const isNe = text.charAt(i + 1) === '='
      tokens.push({ kind: isNe ? 'TokNe' : 'TokNot', value: '', position: start })
      i += isNe ? 2 : 1
    } else if (tokens.at(-1)?.kind === 'TokLabel') {
      // Right after a label only an operator may come, so "in", "contains"
      // etc. are keywords here and label names everywhere else.
      const operator = labelOperatorAt(text, i)
      if (operator === undefined) {
        const label = tokens.at(-1)?.value ?? ''
        return fail(`expected operator after label "${label}"`, start)
      }
      tokens.push({ kind: operator.kind, value: '', position: start })
      i = operator.end
    } else if (text.startsWith('has(', i)) {
      // "has(" must be written without a space before the parenthesis;
      // "has (a)" is the label "has" followed by a parenthesis.
      const labelStart = skipWhitespace(text, i + 'has('.length)
      const label = readLabel(text, labelStart)
      if (!label.ok) return label
      const close = skipWhitespace(text, label.end)
      if (text.charAt(close) !== ')') return fail("no closing ')' after has(", close)
      tokens.push({ kind: 'TokHas', value: label.name, position: start })
      i = close + 1
    } else if (text.startsWith('all(', i) || text.startsWith('global(', i)) {
      const name = text.startsWith('all(', i) ? 'all' : 'global'
      const close = skipWhitespace(text, i + name.length + 1)
      if (text.charAt(close) !== ')') return fail(`no closing ')' after ${name}(`, close)
      tokens.push({ kind: name === 'all' ? 'TokAll' : 'TokGlobal', value: '', position: start })
      i = close + 1
    } else {
      const label = readLabel(text, i)
      if (!label.ok) return label
      tokens.push({ kind: 'TokLabel', value: label.name, position: start })
      i = label.end
    }
  }
}

function labelOperatorAt(text: string, at: number): { readonly kind: TokenKind; readonly end: number } | undefined {
  for (const [words, kind] of LABEL_OPERATORS) {
    const end = matchKeyword(text, at, words)
    if (end !== -1) return { kind, end }
  }
  return undefined
}

type LabelRead = { readonly ok: true; readonly name: string; readonly end: number } | { readonly ok: false; readonly message: string; readonly position: number }

/** Reads a label name, with Calico's two errors: none there, or longer than 512 characters. */
function readLabel(text: string, at: number): LabelRead {
  const end = scanLabel(text, at)
  if (end === at) return { ok: false, message: 'expected identifier', position: at }
  const name = text.slice(at, end)
  if (name.length > MAX_LABEL_LENGTH) return { ok: false, message: `label too long: ${name}`, position: at }
  return { ok: true, name, end }
}
