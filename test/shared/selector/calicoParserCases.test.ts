/**
 * The cases of Calico's own parser tests, as they state them, checked in
 * Calico v3.30.7: libcalico-go/lib/selector/parser/parser_test.go
 * (`selectorTests`, `badSelectors`, `canonicalisationTests`, and the
 * expected strings of the Visitor table without its label prefix).
 * Like Calico's test, every selector must also match the same way after a
 * round trip through its canonical form.
 */
import { describe, expect, it } from 'vitest'
import { parseSelector } from '../../../shared/selector'
import type { Labels, Selector } from '../../../shared/selector'

function parsed(text: string): Selector {
  const result = parseSelector(text)
  if (!result.ok) throw new Error(`${JSON.stringify(text)}: ${result.message} at ${result.position}`)
  return result.selector
}

interface Case {
  readonly sel: string
  readonly matches: readonly Labels[]
  readonly nonMatches: readonly Labels[]
}

const c = (sel: string, matches: readonly Labels[], nonMatches: readonly Labels[]): Case => ({ sel, matches, nonMatches })

/** Calico's `selectorTests`, in its order. */
const SELECTOR_TESTS: readonly Case[] = [
  c('a == "b"', [{ a: 'b' }, { a: 'b', c: 'd' }], [{}, { a: 'c' }, { c: 'd' }]),
  c('a == "b" && c == "d"', [{ a: 'b', c: 'd' }], [{}, { a: 'b', c: 'e' }, { a: 'c', c: 'd' }, { c: 'd' }, { a: 'b' }]),
  c('a == "b" || c == "d"', [{ a: 'b', c: 'd' }, { a: 'b' }, { c: 'd' }], [{}, { a: 'e', c: 'e' }, { c: 'e' }, { a: 'e' }]),
  c(`a in {"'", '"', "c"}`, [{ a: 'c' }, { a: '"' }, { a: "'" }], [{}, { a: 'e' }]),
  c(`a not in {"'", '"', "c"}`, [{}, { a: 'e' }], [{ a: 'c' }, { a: '"' }, { a: "'" }]),

  c("a == 'a'", [{ a: 'a' }], []),
  c('a == "a"', [{ a: 'a' }], []),
  c('a != "b"', [{ a: 'a' }], []),
  c('a != "a"', [{}], []),
  c('a contains "a"', [{ a: 'a' }, { a: 'bab' }, { a: 'aaa', b: 'c' }], [{}, { a: 'b' }, { b: 'aaa' }]),
  c('a starts with "a"', [{ a: 'a' }, { a: 'abb' }, { a: 'aaa', b: 'c' }], [{}, { a: 'b' }, { a: 'baa' }, { b: 'aaa' }]),
  c('a ends with "a"', [{ a: 'a' }, { a: 'bba' }, { a: 'aaa', b: 'c' }], [{}, { a: 'b' }, { a: 'aab' }, { b: 'aaa' }]),
  c('a in {"a"}', [{ a: 'a' }], []),
  c('!a in {"a"}', [{ a: 'b' }], []),
  c('a in {"a", "b"}', [{ a: 'a' }], []),
  c('a in {"a", "b"}', [{ a: 'b' }], []),
  c('a not in {"d", "e"}', [{ a: 'a' }], []),
  c('has(a)', [{ a: 'b' }], []),
  c('!has(a)', [{ b: 'b' }], []),
  c('', [{}], []),
  c(' ', [{}], []),
  c('', [{ a: 'b' }], []),
  c('all()', [{}], []),
  c(' all()', [{}], []),
  c(' all()', [{ a: 'b' }], []),
  c('global()', [{}], []),
  c(' global()', [{}], []),
  c(' global()', [{ a: 'b' }], []),

  c("a == 'a'", [], [{ a: 'b' }]),
  c("a == 'a'", [], [{}]),
  c('a != "a"', [], [{ a: 'a' }]),
  c("a != 'a'", [], [{ a: 'a' }]),
  c('a in {"a"}', [], [{ a: 'b' }]),
  c('a not in {"a"}', [], [{ a: 'a' }]),
  c('a in {"a", "b"}', [], [{ a: 'c' }]),
  c('has(b)', [], [{ a: 'b' }]),
  c('!!has(b)', [], [{ a: 'b' }]),
  c('! has(a)', [], [{ a: 'b' }]),
  c('!has(a)', [], [{ a: 'b' }]),
  c('!!! has(a)', [], [{ a: 'b' }]),
  c('!!!has(a)', [], [{ a: 'b' }]),
  c('!! ! has(a)', [], [{ a: 'b' }]),
  c('! !!has(a)', [], [{ a: 'b' }]),

  // Boolean expressions...
  c("a == 'a1' && b == 'b1'", [{ a: 'a1', b: 'b1' }], []),
  c("a == 'a1' && b != 'b1'", [], [{ a: 'a1', b: 'b1' }]),
  c("a != 'a1' && b == 'b1'", [], [{ a: 'a1', b: 'b1' }]),
  c("a != 'a1' && b != 'b1'", [], [{ a: 'a1', b: 'b1' }]),
  c("a != 'a1' && !b == 'b1'", [], [{ a: 'a1', b: 'b1' }]),
  c("!a == 'a1' && b == 'b1'", [], [{ a: 'a1', b: 'b1' }]),
  c('has(a) && !has(b)', [{ a: 'a' }], []),
  c('!has(b) && has(a)', [{ a: 'a' }], []),
  c('!(!has(a) || has(b))', [{ a: 'a' }], []),
  c('!(has(b) || !has(a))', [{ a: 'a' }], []),

  c("a == 'a1' || b == 'b1'", [{ a: 'a1', b: 'b1' }], []),
  c("a == 'a1' || b != 'b1'", [{ a: 'a1', b: 'b1' }], []),
  c("a != 'a1' || b == 'b1'", [{ a: 'a1', b: 'b1' }], []),
  c("a != 'a1' || b != 'b1'", [], [{ a: 'a1', b: 'b1' }]),
  c("! a == 'a1' || ! b == 'b1'", [], [{ a: 'a1', b: 'b1' }]),
]

/** Calico's `badSelectors`; Calico's test only asks for an error, so the messages are what its code returns. */
const BAD_SELECTORS: readonly (readonly [string, string])[] = [
  ['b == b', 'expected string'], // label == label
  ['b contains b', 'expected string'],
  // A two-word operator must end at a word boundary after Calico skips the
  // whitespace that follows it, so these fail in the tokenizer.
  ['b starts with b', 'expected operator after label "b"'],
  ['b ends with b', 'expected operator after label "b"'],
  ["'b1' == b", 'unexpected token: TokStringLiteral(b1)'], // literal on lhs
  ['b', 'unexpected end of string looking for op'], // bare label
  ['a b', 'expected operator after label "a"'],
  ['!', 'unexpected token: TokEOF()'],
  ['foo == "bar" &', 'expected &&'],
  ['foo == "bar" |', 'expected ||'],
  ['foo != ||', 'expected string'],
  ['foo in {"", ||', 'expected }'],
  ['foo in ""', 'expected set literal'],
  ['"FOO', 'unterminated string'],
  [`"FOO'`, 'unterminated string'],
  ["'FOO", 'unterminated string'],
  ['(', 'unexpected token: TokEOF()'],
  ['(a == "foo"', 'expected )'],
  [')', 'unexpected token: TokRParen()'],
  ['()', 'unexpected token: TokRParen()'],
  ['%', 'expected identifier'],
  ['a == "b" && %', 'expected identifier'],
  ['a == "b" || %', 'expected identifier'],
  ['a ', 'unexpected end of string looking for op'],
  ['has(foo) &&', 'unexpected token: TokEOF()'],
]

/** Calico's `canonicalisationTests`: input and its `String()`. */
const CANONICALISATION_TESTS: readonly (readonly [string, string])[] = [
  ['', 'all()'],
  [' all() ', 'all()'],
  [' (all() )', 'all()'],
  ['! (has( b)||! has(a ))', '!(has(b) || !has(a))'],
  ['! (a == "b"&&! c != "d")', '!(a == "b" && !c != "d")'],
  [`a == "'"`, `a == "'"`],
  [`a == '"'`, `a == '"'`],
  [`a contains '"'`, `a contains '"'`],
  [`a contains "'"`, `a contains "'"`],
  [`a startswith '"'`, `a starts with '"'`],
  [`a endswith "'"`, `a ends with "'"`],
  [`a!='"'`, `a != '"'`],
  // Set items get sorted/de-duped.
  ['a in {"d"}', 'a in {"d"}'],
  ['a in {"a", "b"}', 'a in {"a", "b"}'],
  ['a in {"d", "a", "b"}', 'a in {"a", "b", "d"}'],
  ['a in {"z", "x", "y", "a"}', 'a in {"a", "x", "y", "z"}'],
  ['a in {"z", "z", "x", "y", "x", "a"}', 'a in {"a", "x", "y", "z"}'],
]

/** The Visitor table's inputs and outputs, without the "visited/" prefix its visitor adds. */
const VISITOR_STRINGS: readonly (readonly [string, string])[] = [
  ["k == 'v'", 'k == "v"'],
  ["k != 'v'", 'k != "v"'],
  ["k contains 'v'", 'k contains "v"'],
  ["k starts with 'v'", 'k starts with "v"'],
  ["k ends with 'v'", 'k ends with "v"'],
  ["k == 'v' && x == 'y'", '(k == "v" && x == "y")'],
  ["k == 'v' || has(x)", '(k == "v" || has(x))'],
  ["!(k == 'v')", '!k == "v"'],
  ["k in {'v'}", 'k in {"v"}'],
  ["k not in {'v'}", 'k not in {"v"}'],
  ["!(!(k == 'v' && has(t) || all()) && (a in {'b', 'c'}))", '!(!((k == "v" && has(t)) || all()) && a in {"b", "c"})'],
]

describe('Calico selectorTests', () => {
  it.each(SELECTOR_TESTS)('$sel', ({ sel, matches, nonMatches }) => {
    const selector = parsed(sel)
    const roundTripped = parsed(selector.canonical)
    for (const labels of matches) {
      expect(selector.matches(labels), `${sel} should match ${JSON.stringify(labels)}`).toBe(true)
      expect(roundTripped.matches(labels), `${selector.canonical} should match ${JSON.stringify(labels)}`).toBe(true)
    }
    for (const labels of nonMatches) {
      expect(selector.matches(labels), `${sel} should not match ${JSON.stringify(labels)}`).toBe(false)
      expect(roundTripped.matches(labels), `${selector.canonical} should not match ${JSON.stringify(labels)}`).toBe(false)
    }
  })
})

describe('Calico badSelectors', () => {
  it.each(BAD_SELECTORS)('rejects %j', (text, message) => {
    const result = parseSelector(text)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.message).toBe(message)
  })
})

describe('Calico canonicalisationTests', () => {
  it.each(CANONICALISATION_TESTS)('renders %j as %s and round-trips', (input, expected) => {
    const canonical = parsed(input).canonical
    expect(canonical).toBe(expected)
    expect(parsed(canonical).canonical).toBe(canonical)
  })

  it.each(VISITOR_STRINGS)('renders %s as %s', (input, expected) => {
    expect(parsed(input).canonical).toBe(expected)
  })
})
