/**
 * The tokenizer against the table in Calico's own tests, checked in Calico
 * v3.30.7: libcalico-go/lib/selector/tokenizer/tokenizer_test.go (`tokenTests`),
 * with the rules of libcalico-go/lib/selector/tokenizer/tokenizer.go.
 */
import { describe, expect, it } from 'vitest'
import { tokenize } from '../../../shared/selector/tokenizer'
import type { TokenKind } from '../../../shared/selector/tokenizer'

type Expected = readonly (readonly [TokenKind, string?])[]

/** Kinds and values only; positions have their own test below. */
function tokens(text: string): Expected {
  const result = tokenize(text)
  if (!result.ok) throw new Error(`${text}: ${result.message}`)
  return result.tokens.map((t) => (t.value === '' ? [t.kind] : [t.kind, t.value]))
}

function error(text: string): { message: string; position: number } {
  const result = tokenize(text)
  if (result.ok) throw new Error(`${text} unexpectedly tokenized`)
  return { message: result.message, position: result.position }
}

const EQ_B: Expected = [['TokLabel', 'a'], ['TokEq'], ['TokStringLiteral', 'b'], ['TokEOF']]
const VALUE = ['TokStringLiteral', 'value'] as const

/** Calico's `tokenTests` that succeed. */
const TOKEN_TESTS: readonly (readonly [string, Expected])[] = [
  ['a=="b"', EQ_B],
  ['a!="b"', [['TokLabel', 'a'], ['TokNe'], ['TokStringLiteral', 'b'], ['TokEOF']]],
  ['a != "b"', [['TokLabel', 'a'], ['TokNe'], ['TokStringLiteral', 'b'], ['TokEOF']]],
  ['(a=="b")', [['TokLParen'], ...EQ_B.slice(0, 3), ['TokRParen'], ['TokEOF']]],
  ['label == "value"', [['TokLabel', 'label'], ['TokEq'], VALUE, ['TokEOF']]],
  ['label contains "value"', [['TokLabel', 'label'], ['TokContains'], VALUE, ['TokEOF']]],
  ['contains contains "contains"', [['TokLabel', 'contains'], ['TokContains'], ['TokStringLiteral', 'contains'], ['TokEOF']]],
  ["contains contains 'contains'", [['TokLabel', 'contains'], ['TokContains'], ['TokStringLiteral', 'contains'], ['TokEOF']]],
  ['label contains"value"', [['TokLabel', 'label'], ['TokContains'], VALUE, ['TokEOF']]],
  ['label startswith "value"', [['TokLabel', 'label'], ['TokStartsWith'], VALUE, ['TokEOF']]],
  ['label endswith "value"', [['TokLabel', 'label'], ['TokEndsWith'], VALUE, ['TokEOF']]],
  ['label starts with "value"', [['TokLabel', 'label'], ['TokStartsWith'], VALUE, ['TokEOF']]],
  ['startswith starts with "value"', [['TokLabel', 'startswith'], ['TokStartsWith'], VALUE, ['TokEOF']]],
  ['label ends with "value"', [['TokLabel', 'label'], ['TokEndsWith'], VALUE, ['TokEOF']]],
  ['endswith ends with "value"', [['TokLabel', 'endswith'], ['TokEndsWith'], VALUE, ['TokEOF']]],
  ['label starts  with "value"', [['TokLabel', 'label'], ['TokStartsWith'], VALUE, ['TokEOF']]],
  ['label ends  with "value"', [['TokLabel', 'label'], ['TokEndsWith'], VALUE, ['TokEOF']]],
  [`${'a'.repeat(512)} == "value"`, [['TokLabel', 'a'.repeat(512)], ['TokEq'], VALUE, ['TokEOF']]],
  [
    'a not in "bar" && !has(foo) || b in c',
    [['TokLabel', 'a'], ['TokNotIn'], ['TokStringLiteral', 'bar'], ['TokAnd'], ['TokNot'], ['TokHas', 'foo'], ['TokOr'], ['TokLabel', 'b'], ['TokIn'], ['TokLabel', 'c'], ['TokEOF']],
  ],
  ['has(calico/k8s_ns)', [['TokHas', 'calico/k8s_ns'], ['TokEOF']]],
  ['has(calico/k8s_ns/role)', [['TokHas', 'calico/k8s_ns/role'], ['TokEOF']]],
  ['has(calico/k8s_NS-.1/role)', [['TokHas', 'calico/k8s_NS-.1/role'], ['TokEOF']]],
  [
    'calico/k8s_ns == "kube-system" && k8s-app == "kube-dns"',
    [['TokLabel', 'calico/k8s_ns'], ['TokEq'], ['TokStringLiteral', 'kube-system'], ['TokAnd'], ['TokLabel', 'k8s-app'], ['TokEq'], ['TokStringLiteral', 'kube-dns'], ['TokEOF']],
  ],
  [
    'a  not  in  "bar"  &&  ! has( foo )  ||  b  in  c ',
    [['TokLabel', 'a'], ['TokNotIn'], ['TokStringLiteral', 'bar'], ['TokAnd'], ['TokNot'], ['TokHas', 'foo'], ['TokOr'], ['TokLabel', 'b'], ['TokIn'], ['TokLabel', 'c'], ['TokEOF']],
  ],
  [
    'a notin"bar"&&!has(foo)||b in"c"',
    [['TokLabel', 'a'], ['TokNotIn'], ['TokStringLiteral', 'bar'], ['TokAnd'], ['TokNot'], ['TokHas', 'foo'], ['TokOr'], ['TokLabel', 'b'], ['TokIn'], ['TokStringLiteral', 'c'], ['TokEOF']],
  ],
  ['a not in {}', [['TokLabel', 'a'], ['TokNotIn'], ['TokLBrace'], ['TokRBrace'], ['TokEOF']]],
  ['a not in {"a"}', [['TokLabel', 'a'], ['TokNotIn'], ['TokLBrace'], ['TokStringLiteral', 'a'], ['TokRBrace'], ['TokEOF']]],
  ['a not in {"a","B"}', [['TokLabel', 'a'], ['TokNotIn'], ['TokLBrace'], ['TokStringLiteral', 'a'], ['TokComma'], ['TokStringLiteral', 'B'], ['TokRBrace'], ['TokEOF']]],
  ['global()', [['TokGlobal'], ['TokEOF']]],
  ['global( )', [['TokGlobal'], ['TokEOF']]],
  ['all()', [['TokAll'], ['TokEOF']]],
  ['all( )', [['TokAll'], ['TokEOF']]],
]

/** Calico's `tokenTests` that must fail, with the message its tokenizer gives and where ours points. */
const TOKEN_ERRORS: readonly (readonly [string, string, number])[] = [
  [`${'a'.repeat(513)} == "value"`, `label too long: ${'a'.repeat(513)}`, 0],
  ['label == "value', 'unterminated string', 9],
  ["label == 'value", 'unterminated string', 9],
  ['label = "value"', 'expected ==', 6],
  ['all(', "no closing ')' after all(", 4],
  ['global(', "no closing ')' after global(", 7],
  ['has()', 'expected identifier', 4],
  ['has(foo', "no closing ')' after has(", 7],
  ['has( foo ', "no closing ')' after has(", 9],
  ['a == "b" & has(foo)', 'expected &&', 9],
  ['a == "b" | has(foo)', 'expected ||', 9],
  ['label starts foo "value"', 'expected operator after label "label"', 6],
  ['label inf "value"', 'expected operator after label "label"', 6],
  ['label ends foo "value"', 'expected operator after label "label"', 6],
  ['label ends withs "value"', 'expected operator after label "label"', 6],
  ['label squiggles "value"', 'expected operator after label "label"', 6],
]

describe('tokenizer: Calico tokenTests', () => {
  it.each(TOKEN_TESTS)('tokenizes %s', (text, expected) => {
    expect(tokens(text)).toEqual(expected)
  })

  it.each(TOKEN_ERRORS)('rejects %s', (text, message, position) => {
    expect(error(text)).toEqual({ message, position })
  })
})

describe('tokenizer rules', () => {
  it('records where each token starts', () => {
    const result = tokenize(' a  ==\t"b" && has( c )')
    if (!result.ok) throw new Error(result.message)
    expect(result.tokens.map((t) => t.position)).toEqual([1, 4, 7, 11, 14, 22])
  })

  it('treats only spaces and tabs as whitespace', () => {
    expect(tokens('\t a == "b"\t ')).toEqual(EQ_B)
    expect(error('a == "b"\n')).toEqual({ message: 'expected identifier', position: 8 })
    expect(error('\r\na == "b"')).toEqual({ message: 'expected identifier', position: 0 })
    expect(error('a ==\u00a0"b"')).toEqual({ message: 'expected identifier', position: 4 })
  })

  it('accepts letters, digits, _ . / - in label names, in any position', () => {
    expect(tokens('has(projectcalico.org/name)')).toEqual([['TokHas', 'projectcalico.org/name'], ['TokEOF']])
    expect(tokens('-a.b/_9 == "x"')[0]).toEqual(['TokLabel', '-a.b/_9'])
    expect(tokens('/ == "x"')[0]).toEqual(['TokLabel', '/'])
    expect(error('é == "x"')).toEqual({ message: 'expected identifier', position: 0 })
    expect(error('a:b == "x"')).toEqual({ message: 'expected operator after label "a"', position: 1 })
  })

  it('reads keywords only after a label, label names everywhere else', () => {
    expect(tokens('in in {}')).toEqual([['TokLabel', 'in'], ['TokIn'], ['TokLBrace'], ['TokRBrace'], ['TokEOF']])
    expect(tokens('has == "x"')[0]).toEqual(['TokLabel', 'has'])
    // "has (" with a space is the label "has" and a parenthesis, not has().
    expect(tokens('has (a)').slice(0, 2)).toEqual([['TokLabel', 'has'], ['TokLParen']])
    expect(tokens('all ()').slice(0, 2)).toEqual([['TokLabel', 'all'], ['TokLParen']])
    expect(error('a has(b)')).toEqual({ message: 'expected operator after label "a"', position: 2 })
  })

  it('needs a word boundary after operator keywords', () => {
    expect(error('a containsx "v"')).toEqual({ message: 'expected operator after label "a"', position: 2 })
    expect(tokens('a in{"v"}')[1]).toEqual(['TokIn'])
    expect(tokens('a contains(')[1]).toEqual(['TokContains'])
    expect(tokens('a starts\t \twith "v"')[1]).toEqual(['TokStartsWith'])
    // After a two-word operator Calico skips the whitespace before checking the boundary.
    expect(error('a not in x')).toEqual({ message: 'expected operator after label "a"', position: 2 })
  })

  it('keeps string literals verbatim: no escapes, the other quote allowed inside', () => {
    expect(tokens(`a == "it's"`)[2]).toEqual(['TokStringLiteral', "it's"])
    expect(tokens(`a == 'say "hi"'`)[2]).toEqual(['TokStringLiteral', 'say "hi"'])
    expect(tokens('a == "back\\"')[2]).toEqual(['TokStringLiteral', 'back\\'])
    expect(tokens('a == ""')[2]).toEqual(['TokStringLiteral'])
    expect(tokens('a == "  ünïcødé  "')[2]).toEqual(['TokStringLiteral', '  ünïcødé  '])
  })

  it('reads ! as not unless = follows', () => {
    expect(tokens('!!a!="b"').map(([kind]) => kind)).toEqual(['TokNot', 'TokNot', 'TokLabel', 'TokNe', 'TokStringLiteral', 'TokEOF'])
    // "! =" is a not and a lone "=", which Calico rejects.
    expect(error('a ! = "b"')).toEqual({ message: 'expected ==', position: 4 })
  })
})
