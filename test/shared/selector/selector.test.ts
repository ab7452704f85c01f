/**
 * Semantics of parseSelector, checked against Calico v3.30.7:
 * libcalico-go/lib/selector/parser/parser.go (grammar, precedence, errors),
 * libcalico-go/lib/selector/parser/ast.go (Evaluate and String for each node),
 * libcalico-go/lib/selector/parser/stringset.go (set order),
 * libcalico-go/lib/selector/tokenizer/tokenizer.go (lexical rules).
 * Expected error messages and canonical strings below were also confirmed by
 * running Calico's own parser code on the same inputs.
 */
import { describe, expect, it } from 'vitest'
import { MAX_SELECTOR_DEPTH, parseSelector } from '../../../shared/selector'
import type { Labels, Selector } from '../../../shared/selector'

function parsed(text: string): Selector {
  const result = parseSelector(text)
  if (!result.ok) throw new Error(`${JSON.stringify(text)}: ${result.message} at ${result.position}`)
  return result.selector
}

function failure(text: string): { message: string; position: number } {
  const result = parseSelector(text)
  if (result.ok) throw new Error(`${JSON.stringify(text)} unexpectedly parsed as ${result.selector.canonical}`)
  return { message: result.message, position: result.position }
}

/** Which of the label sets the selector matches, as a compact string of 1s and 0s. */
function matchRow(text: string, labelSets: readonly Labels[]): string {
  const selector = parsed(text)
  return labelSets.map((labels) => (selector.matches(labels) ? '1' : '0')).join('')
}

describe('operators', () => {
  const SETS: readonly Labels[] = [{}, { app: 'web' }, { app: 'web-api' }, { app: 'api' }, { app: '' }, { tier: 'web' }]

  it.each([
    // selector                        {} web web-api api ""  tier
    ['all()', '111111'],
    ['global()', '111111'],
    ['has(app)', '011110'],
    ['!has(app)', '100001'],
    ['app == "web"', '010000'],
    ["app == 'web'", '010000'],
    ['app == ""', '000010'],
    // A missing label is "not equal" and "not in".
    ['app != "web"', '101111'],
    ['app in {"web", "api"}', '010100'],
    ['app not in {"web", "api"}', '101011'],
    ['app in {}', '000000'],
    ['app not in {}', '111111'],
    ['app contains "api"', '001100'],
    ['app contains ""', '011110'],
    ['app starts with "web"', '011000'],
    ['app ends with "api"', '001100'],
    ['app ends with ""', '011110'],
    // Negating an operation that needs the label matches where it is absent.
    ['!app == "web"', '101111'],
    ['!app contains "api"', '110011'],
  ])('%s', (text, row) => {
    expect(matchRow(text, SETS)).toBe(row)
  })

  it('compares values exactly: case, spaces and unicode matter', () => {
    expect(parsed('a == "Web"').matches({ a: 'web' })).toBe(false)
    expect(parsed('a == " web"').matches({ a: 'web' })).toBe(false)
    expect(parsed('a == "ünï"').matches({ a: 'ünï' })).toBe(true)
    expect(parsed('a contains "ï"').matches({ a: 'ünï' })).toBe(true)
  })

  it('uses label keys with prefixes, dots, dashes and underscores', () => {
    const selector = parsed('projectcalico.org/namespace == "kube-system" && has(k8s-app) && my_label.x == "1"')
    expect(selector.matches({ 'projectcalico.org/namespace': 'kube-system', 'k8s-app': 'dns', 'my_label.x': '1' })).toBe(true)
    expect(selector.matches({ 'projectcalico.org/namespace': 'kube-system', 'my_label.x': '1' })).toBe(false)
  })

  it('ignores inherited properties: constructor and __proto__ are not labels', () => {
    expect(parsed('has(constructor)').matches({})).toBe(false)
    expect(parsed('has(toString)').matches({})).toBe(false)
    expect(parsed('constructor != "x"').matches({})).toBe(true)
    const withProto: Labels = JSON.parse('{"__proto__": "x"}') as Labels
    expect(parsed('__proto__ == "x"').matches(withProto)).toBe(true)
    expect(parsed('has(__proto__)').matches({})).toBe(false)
  })

  it('reads any label set, including ones without a prototype', () => {
    const labels: Record<string, string> = Object.create(null) as Record<string, string>
    labels.role = 'edge'
    expect(parsed('role in {"edge"}').matches(labels)).toBe(true)
  })
})

describe('precedence and grouping', () => {
  const SETS: readonly Labels[] = [{ a: '1' }, { b: '1' }, { c: '1' }, { a: '1', b: '1' }, { b: '1', c: '1' }, { a: '1', c: '1' }]

  it('binds && tighter than ||', () => {
    // a || (b && c), not (a || b) && c.
    expect(matchRow('has(a) || has(b) && has(c)', SETS)).toBe('100111')
    expect(matchRow('has(b) && has(c) || has(a)', SETS)).toBe('100111')
    expect(parsed('has(a) || has(b) && has(c)').canonical).toBe('(has(a) || (has(b) && has(c)))')
  })

  it('lets parentheses override precedence', () => {
    expect(matchRow('(has(a) || has(b)) && has(c)', SETS)).toBe('000011')
    expect(parsed('(has(a) || has(b)) && has(c)').canonical).toBe('((has(a) || has(b)) && has(c))')
  })

  it('applies ! to one operation, not to the rest of the chain', () => {
    // !has(a) && has(b) is (!has(a)) && has(b).
    expect(matchRow('!has(a) && has(b)', SETS)).toBe('010010')
    expect(matchRow('!(has(a) && has(b))', SETS)).toBe('111011')
    expect(matchRow('!(has(a) || has(b))', SETS)).toBe('001000')
  })

  it('collapses runs of ! before one operation, but not across parentheses', () => {
    expect(parsed('!!has(a)').canonical).toBe('has(a)')
    expect(parsed('! ! !has(a)').canonical).toBe('!has(a)')
    // Calico keeps both nodes here, so its canonical form is not a fixed point:
    // "!!has(a)" parses back to has(a). The meaning is the same either way.
    expect(parsed('!(!has(a))').canonical).toBe('!!has(a)')
    expect(parsed(parsed('!(!has(a))').canonical).canonical).toBe('has(a)')
  })

  it('nests parentheses to any depth', () => {
    const deep = `${'('.repeat(50)}has(a)${')'.repeat(50)}`
    expect(parsed(deep).canonical).toBe('has(a)')
    const nested = '((has(a) && (has(b) || (has(c)))) || !(has(b) || has(c)))'
    expect(matchRow(nested, SETS)).toBe('100101')
    expect(parsed(nested).canonical).toBe('((has(a) && (has(b) || has(c))) || !(has(b) || has(c)))')
  })

  it('keeps a chain of the same operator as one group, and explicit groups as written', () => {
    expect(parsed('has(a) && has(b) && has(c)').canonical).toBe('(has(a) && has(b) && has(c))')
    expect(parsed('(has(a) && has(b)) && has(c)').canonical).toBe('((has(a) && has(b)) && has(c))')
    expect(parsed('has(a) || has(b) || has(c)').canonical).toBe('(has(a) || has(b) || has(c))')
  })
})

describe('quoting and literals', () => {
  it('accepts both quote styles, each holding the other', () => {
    expect(parsed(`a == 'x'`).matches({ a: 'x' })).toBe(true)
    expect(parsed(`a == "it's"`).matches({ a: "it's" })).toBe(true)
    expect(parsed(`a == 'say "hi"'`).matches({ a: 'say "hi"' })).toBe(true)
    expect(parsed(`a in {'"', "'"}`).matches({ a: '"' })).toBe(true)
  })

  it('has no escapes: a backslash is an ordinary character', () => {
    expect(parsed('a == "x\\"').matches({ a: 'x\\' })).toBe(true)
    // "x\" closes at the backslash-quote; the final quote then opens a string that never ends.
    expect(failure('a == "x\\"y"')).toEqual({ message: 'unterminated string', position: 10 })
  })

  it('keeps spaces inside literals', () => {
    expect(parsed('a == "  x  "').matches({ a: '  x  ' })).toBe(true)
    expect(parsed('a == "  x  "').canonical).toBe('a == "  x  "')
  })
})

describe('empty selector and whitespace', () => {
  it('parses empty or blank text as all()', () => {
    for (const text of ['', ' ', '\t', ' \t ']) {
      const selector = parsed(text)
      expect(selector.canonical).toBe('all()')
      expect(selector.source).toBe(text)
      expect(selector.matches({})).toBe(true)
      expect(selector.matches({ any: 'thing' })).toBe(true)
    }
  })

  it('allows spaces and tabs between any tokens, or none', () => {
    expect(parsed('a=="b"&&!has(c)||d in{"e","f"}').canonical).toBe('((a == "b" && !has(c)) || d in {"e", "f"})')
    expect(parsed('\t( a\t==\t"b" )\t').canonical).toBe('a == "b"')
    expect(parsed('has(  a  )').canonical).toBe('has(a)')
    expect(parsed('all(  )').canonical).toBe('all()')
    expect(parsed('a notin {"x"}').canonical).toBe('a not in {"x"}')
    expect(parsed('a startswith "x"').canonical).toBe('a starts with "x"')
  })

  it('rejects newlines and other whitespace, as the Calico API server does', () => {
    expect(failure('all()\n')).toEqual({ message: 'expected identifier', position: 5 })
    expect(failure('\nall()')).toEqual({ message: 'expected identifier', position: 0 })
    expect(failure('a ==\u3000"b"')).toEqual({ message: 'expected identifier', position: 4 })
  })
})

describe('label keys', () => {
  it('accepts [a-zA-Z0-9_./-] in any order, up to 512 characters', () => {
    expect(parsed('has(9)').canonical).toBe('has(9)')
    expect(parsed('has(-.-)').canonical).toBe('has(-.-)')
    expect(parsed('a/b/c == "x"').canonical).toBe('a/b/c == "x"')
    expect(parsed(`has(${'k'.repeat(512)})`).matches({ ['k'.repeat(512)]: '' })).toBe(true)
  })

  it('rejects other characters and longer keys', () => {
    expect(failure('has(a:b)')).toEqual({ message: "no closing ')' after has(", position: 5 })
    expect(failure('has(ä)')).toEqual({ message: 'expected identifier', position: 4 })
    expect(failure('a+b == "x"')).toEqual({ message: 'expected operator after label "a"', position: 1 })
    expect(failure(`has(${'k'.repeat(513)})`)).toEqual({ message: `label too long: ${'k'.repeat(513)}`, position: 4 })
  })

  it('treats keywords as keys where no operator is expected', () => {
    expect(parsed('in in {"in"}').matches({ in: 'in' })).toBe(true)
    expect(parsed('not == "x" && contains contains "y"').matches({ not: 'x', contains: 'xyz' })).toBe(true)
    expect(parsed('all == "x"').matches({ all: 'x' })).toBe(true)
    expect(parsed('has == "x"').matches({ has: 'x' })).toBe(true)
  })
})

describe('errors: Calico messages and positions', () => {
  it.each([
    // tokenizer
    ['a = "b"', 'expected ==', 2],
    ['a == "b', 'unterminated string', 5],
    ['a == \'b"', 'unterminated string', 5],
    ['has(a) & has(b)', 'expected &&', 7],
    ['has(a) | has(b)', 'expected ||', 7],
    ['has(a', "no closing ')' after has(", 5],
    ['has()', 'expected identifier', 4],
    ['all(x)', "no closing ')' after all(", 4],
    ['global(', "no closing ')' after global(", 7],
    ['a is "b"', 'expected operator after label "a"', 2],
    ['a == "b" && $', 'expected identifier', 12],
    // parser
    ['a', 'unexpected end of string looking for op', 1],
    ['a == b', 'expected string', 5],
    ['a ==', 'expected string', 4],
    ['a in "b"', 'expected set literal', 5],
    ['a in {"b"', 'expected }', 9],
    ['a in {"b" "c"}', 'expected }', 10],
    ['a in {,}', 'expected }', 6],
    ['a "b"', 'expected == or != not: TokStringLiteral(b)', 2],
    ['a (', 'expected == or != not: TokLParen()', 2],
    ['(has(a)', 'expected )', 7],
    ['(has(a) has(b))', 'expected )', 8],
    ['"b" == a', 'unexpected token: TokStringLiteral(b)', 0],
    ['has(a) &&', 'unexpected token: TokEOF()', 9],
    ['&& has(a)', 'unexpected token: TokAnd()', 0],
    ['!', 'unexpected token: TokEOF()', 1],
    ['()', 'unexpected token: TokRParen()', 1],
    ['has(a))', 'unexpected content at end of selector [TokRParen() TokEOF()]', 6],
    ['has(a) has(b)', 'unexpected content at end of selector [TokHas(b) TokEOF()]', 7],
  ])('%j: %s at %d', (text, message, position) => {
    expect(failure(text)).toEqual({ message, position })
  })
})

describe('canonical rendering', () => {
  it.each([
    ['a=="b"', 'a == "b"'],
    ["a == 'b'", 'a == "b"'],
    [`a == '"'`, `a == '"'`],
    [`a != 'x"y'`, `a != 'x"y'`],
    ['a contains "x"', 'a contains "x"'],
    ['a starts  with "x"', 'a starts with "x"'],
    ['a ends\twith "x"', 'a ends with "x"'],
    ['has( a )', 'has(a)'],
    ['global( )', 'global()'],
    ['(((all())))', 'all()'],
    ['!(a == "b")', '!a == "b"'],
    ['!(a == "b" || c == "d")', '!(a == "b" || c == "d")'],
    [`a in {'b', "a", "b", 'a',}`, 'a in {"a", "b"}'],
    [`a not in {'x"', "y"}`, `a not in {'x"', "y"}`],
    ['a in {}', 'a in {}'],
  ])('%s renders as %s', (text, canonical) => {
    expect(parsed(text).canonical).toBe(canonical)
  })

  it('sorts set members by code point, as Go sorts UTF-8 bytes', () => {
    // UTF-16 order would put the emoji (a surrogate pair) before U+E000 and U+FF01.
    expect(parsed('a in {"\u{1F600}", "\uff01", "\ue000", "b", "B", ""}').canonical).toBe('a in {"", "B", "b", "\ue000", "\uff01", "\u{1F600}"}')
  })

  it('round-trips: the canonical text means the same and renders the same', () => {
    const text = "!(k == 'v' && has(t) || all()) && a in {'c', 'b'} || x not in {\"y\"}"
    const selector = parsed(text)
    const again = parsed(selector.canonical)
    expect(again.canonical).toBe(selector.canonical)
    for (const labels of [{}, { k: 'v', t: '', a: 'b' }, { a: 'c' }, { x: 'y' }, { a: 'b', x: 'z' }] as Labels[]) {
      expect(again.matches(labels)).toBe(selector.matches(labels))
    }
  })
})

describe('the selector value', () => {
  it('is frozen and keeps the source text as given', () => {
    const selector = parsed('  has(a)  ')
    expect(Object.isFrozen(selector)).toBe(true)
    expect(selector.source).toBe('  has(a)  ')
    expect(selector.canonical).toBe('has(a)')
  })

  it('is parsed once and evaluated many times without keeping state', () => {
    const selector = parsed('zone in {"a", "b"} && !has(drain) || role == "edge"')
    const nodes: Labels[] = Array.from({ length: 5000 }, (_, i) => {
      const labels: Record<string, string> = { zone: ['a', 'b', 'c'][i % 3] ?? 'c', role: i % 7 === 0 ? 'edge' : 'worker' }
      if (i % 5 === 0) labels.drain = 'true'
      return labels
    })
    const expected = nodes.filter((n) => ((n.zone === 'a' || n.zone === 'b') && n.drain === undefined) || n.role === 'edge')
    expect(nodes.filter((n) => selector.matches(n))).toEqual(expected)
    expect(nodes.filter((n) => selector.matches(n))).toEqual(expected)
  })
})

describe('nesting', () => {
  it(`parses parentheses ${MAX_SELECTOR_DEPTH} deep and refuses more, rather than overflowing the stack`, () => {
    const nested = (depth: number): string => `${'('.repeat(depth)}a == "b"${')'.repeat(depth)}`
    expect(parseSelector(nested(MAX_SELECTOR_DEPTH)).ok).toBe(true)
    expect(parseSelector(nested(MAX_SELECTOR_DEPTH + 1))).toEqual({ ok: false, message: `parentheses nest more than ${MAX_SELECTOR_DEPTH} deep`, position: MAX_SELECTOR_DEPTH })
    expect(parseSelector(nested(50_000)).ok).toBe(false)
  })

  it('takes a long run of negations without recursion', () => {
    expect(parseSelector(`${'!'.repeat(100_001)}all()`).ok).toBe(true)
  })
})
