/**
 * Recursive-descent parser for Calico selectors, following
 * libcalico-go/lib/selector/parser/parser.go (Calico v3.30):
 *
 *   selector  := <empty> | or
 *   or        := and ("||" and)*
 *   and       := operation ("&&" operation)*
 *   operation := "!"* ( has(label) | all() | global() | "(" or ")"
 *                      | label ("==" | "!=" | contains | starts with | ends with) string
 *                      | label ("in" | "not in") "{" [string ("," string)* [","]] "}" )
 *
 * so `&&` binds tighter than `||`, and `!` applies to one operation only:
 * `!a == "b" && c == "d"` is `(!(a == "b")) && c == "d"`.
 */
import type { CompareNode, SelectorNode } from './ast'
import { tokenize } from './tokenizer'
import type { Token, TokenKind } from './tokenizer'

/** Result of `parse`: the tree, or Calico's error message and where it applies. */
export type ParseOutcome = { readonly ok: true; readonly root: SelectorNode } | { readonly ok: false; readonly message: string; readonly position: number }

/**
 * How deep parentheses may nest. Parsing, printing and evaluating recurse once per level, so a
 * selector of a few thousand parentheses would overflow the stack; Calico's Go parser has no
 * limit but a goroutine's stack grows to a gigabyte. No selector a person writes comes near this.
 */
export const MAX_SELECTOR_DEPTH = 100

/** Operators that take one string literal on their right. */
const COMPARISONS: Partial<Record<TokenKind, CompareNode['kind']>> = {
  TokEq: 'eq',
  TokNe: 'ne',
  TokContains: 'contains',
  TokStartsWith: 'startsWith',
  TokEndsWith: 'endsWith',
}

/** How Go's `fmt` prints a Calico token, which its error messages embed: `TokLabel(a)`, `TokEOF()`. */
function describe(token: Token): string {
  return `${token.kind}(${token.value})`
}

/**
 * Compares by Unicode code point, which is the order Go's `sort.Strings`
 * gives on UTF-8; JavaScript's default order (UTF-16 units) differs for
 * characters beyond U+FFFF.
 */
function compareCodePoints(a: string, b: string): number {
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    const x = a.codePointAt(i) ?? 0
    const y = b.codePointAt(j) ?? 0
    if (x !== y) return x < y ? -1 : 1
    i += x > 0xffff ? 2 : 1
    j += y > 0xffff ? 2 : 1
  }
  // One is a prefix of the other: the shorter sorts first.
  return i < a.length ? 1 : j < b.length ? -1 : 0
}

/** Sorted, de-duplicated set members, as Calico's `ConvertToStringSetInPlace` leaves them. */
function toSortedSet(values: readonly string[]): readonly string[] {
  const sorted = [...values].sort(compareCodePoints)
  return sorted.filter((value, index) => index === 0 || value !== sorted[index - 1])
}

/** A parse failure, returned up the call chain in place of a node. */
interface Failure {
  readonly failed: true
  readonly message: string
  readonly position: number
}

const failure = (message: string, token: Token): Failure => ({ failed: true, message, position: token.position })

function isFailure(value: SelectorNode | Failure): value is Failure {
  return 'failed' in value
}

/**
 * Walks the token list. Every method leaves `next` on the first token it did
 * not use; the list always ends with `TokEOF`, and no rule consumes it, so
 * `peek` never runs off the end.
 */
class TokenCursor {
  next = 0
  /** Parentheses open around the token at `next`. */
  depth = 0
  constructor(private readonly tokens: readonly Token[]) {}

  peek(ahead = 0): Token {
    const index = Math.min(this.next + ahead, this.tokens.length - 1)
    const token = this.tokens[index]
    if (token === undefined) throw new Error('selector tokens must end with TokEOF')
    return token
  }

  remaining(): readonly Token[] {
    return this.tokens.slice(this.next)
  }
}

function parseOr(cursor: TokenCursor): SelectorNode | Failure {
  const first = parseAnd(cursor)
  if (isFailure(first)) return first
  const operands = [first]
  while (cursor.peek().kind === 'TokOr') {
    cursor.next++
    const operand = parseAnd(cursor)
    if (isFailure(operand)) return operand
    operands.push(operand)
  }
  return operands.length === 1 ? first : { kind: 'or', operands }
}

function parseAnd(cursor: TokenCursor): SelectorNode | Failure {
  const first = parseOperation(cursor)
  if (isFailure(first)) return first
  const operands = [first]
  while (cursor.peek().kind === 'TokAnd') {
    cursor.next++
    const operand = parseOperation(cursor)
    if (isFailure(operand)) return operand
    operands.push(operand)
  }
  return operands.length === 1 ? first : { kind: 'and', operands }
}

function parseOperation(cursor: TokenCursor): SelectorNode | Failure {
  // Calico folds a run of "!" into one flag, so "!!has(a)" is plain has(a)
  // and its canonical form loses the pair.
  let negated = false
  while (cursor.peek().kind === 'TokNot') {
    negated = !negated
    cursor.next++
  }
  const operation = parseUnnegated(cursor)
  if (isFailure(operation) || !negated) return operation
  return { kind: 'not', operand: operation }
}

function parseUnnegated(cursor: TokenCursor): SelectorNode | Failure {
  const token = cursor.peek()
  switch (token.kind) {
    case 'TokHas':
      cursor.next++
      return { kind: 'has', label: token.value }
    case 'TokAll':
      cursor.next++
      return { kind: 'all' }
    case 'TokGlobal':
      cursor.next++
      return { kind: 'global' }
    case 'TokLabel':
      return parseLabelOperation(cursor)
    case 'TokLParen': {
      if (cursor.depth >= MAX_SELECTOR_DEPTH) return failure(`parentheses nest more than ${MAX_SELECTOR_DEPTH} deep`, token)
      cursor.next++
      cursor.depth++
      const inner = parseOr(cursor)
      cursor.depth--
      if (isFailure(inner)) return inner
      const close = cursor.peek()
      if (close.kind !== 'TokRParen') return failure('expected )', close)
      cursor.next++
      return inner
    }
    default:
      return failure(`unexpected token: ${describe(token)}`, token)
  }
}

function parseLabelOperation(cursor: TokenCursor): SelectorNode | Failure {
  const label = cursor.peek().value
  const operator = cursor.peek(1)
  const operand = cursor.peek(2)
  // A label directly before the end: Calico checks this before looking at the operator.
  if (operator.kind === 'TokEOF') return failure('unexpected end of string looking for op', operator)
  const comparison = COMPARISONS[operator.kind]
  if (comparison !== undefined) {
    if (operand.kind !== 'TokStringLiteral') return failure('expected string', operand)
    cursor.next += 3
    return { kind: comparison, label, value: operand.value }
  }
  if (operator.kind === 'TokIn' || operator.kind === 'TokNotIn') {
    if (operand.kind !== 'TokLBrace') return failure('expected set literal', operand)
    cursor.next += 3
    const values: string[] = []
    // Strings separated by commas; Calico also takes a trailing comma and an empty set.
    while (cursor.peek().kind === 'TokStringLiteral') {
      values.push(cursor.peek().value)
      cursor.next++
      if (cursor.peek().kind !== 'TokComma') break
      cursor.next++
    }
    const close = cursor.peek()
    if (close.kind !== 'TokRBrace') return failure('expected }', close)
    cursor.next++
    return { kind: operator.kind === 'TokIn' ? 'in' : 'notIn', label, values: toSortedSet(values) }
  }
  // Calico's wording, though it accepts more operators than these two.
  return failure(`expected == or != not: ${describe(operator)}`, operator)
}

/**
 * Parses a selector into its tree. The empty selector (or one of only spaces
 * and tabs) parses to `all()`, as in Calico's parser itself; callers that
 * treat a missing field specially must do so before parsing.
 */
export function parse(text: string): ParseOutcome {
  const tokenized = tokenize(text)
  if (!tokenized.ok) return tokenized
  const cursor = new TokenCursor(tokenized.tokens)
  if (cursor.peek().kind === 'TokEOF') return { ok: true, root: { kind: 'all' } }
  const root = parseOr(cursor)
  if (isFailure(root)) return { ok: false, message: root.message, position: root.position }
  const rest = cursor.remaining()
  const first = rest[0]
  if (first !== undefined && first.kind !== 'TokEOF') {
    // Go prints the leftover token slice, e.g. "[TokRParen() TokEOF()]".
    return {
      ok: false,
      message: `unexpected content at end of selector [${rest.map(describe).join(' ')}]`,
      position: first.position,
    }
  }
  return { ok: true, root }
}
