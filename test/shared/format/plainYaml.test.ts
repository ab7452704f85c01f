import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { syntheticText } from '../../../bench/bgpDesign'
import { canvasDesignText } from '../../../bench/canvasDesign'
import { hostPanelDesignText } from '../../../bench/hostPanelDesign'
import { loadDesign } from '../../../shared/format/loadDesign'
import { readPlainBundle } from '../../../shared/format/plainYaml'
import { saveDesign } from '../../../shared/format/saveDesign'
import { parseBundle, parseYamlBundle } from '../../../shared/format/yamlBundle'

const ROOT = resolve(import.meta.dirname, '../../..')

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return yamlFiles(path)
    return /\.ya?ml$/.test(name) ? [path] : []
  })
}

/** Both readers' documents, as far as anything after parsing sees them. */
function agree(text: string): void {
  const plain = parseBundle(text)
  const library = parseYamlBundle(text)
  expect(plain.diagnostics).toEqual(library.diagnostics)
  expect(plain.documents.map(({ index, source, value, syntaxError }) => ({ index, source, value, syntaxError }))).toStrictEqual(
    library.documents.map(({ index, source, value, syntaxError }) => ({ index, source, value, syntaxError })),
  )
  for (const [i, document] of plain.documents.entries()) {
    for (const path of [[], ['metadata', 'name'], ['spec'], ['spec', 'cidrs', 0], ['status', 'addresses', 0, 'address'], ['nowhere']]) {
      expect(document.locate(path)).toEqual(library.documents[i]?.locate(path))
    }
  }
}

const fixtures = [...yamlFiles(join(ROOT, 'test')), ...yamlFiles(join(ROOT, 'examples'))].map((path) => readFileSync(path, 'utf8'))
const designs = [...yamlFiles(join(ROOT, 'test/fixtures/designs')), ...yamlFiles(join(ROOT, 'examples'))].map((path) => readFileSync(path, 'utf8'))

describe('readPlainBundle', () => {
  it('reads generated designs and designs as Peerlab saves them, as the YAML library does', () => {
    const texts = [canvasDesignText(100), canvasDesignText(1000), hostPanelDesignText(200), syntheticText(50, true), ...designs.map((text) => saveDesign(loadDesign(text).design))]
    for (const text of texts) {
      expect(readPlainBundle(text)).toBeDefined()
      agree(text)
    }
    for (const text of fixtures) agree(saveDesign(loadDesign(text).design))
  })

  it('agrees with the library on every fixture, or leaves it to the library', () => {
    expect(fixtures.length).toBeGreaterThan(20)
    for (const text of fixtures) agree(text)
  })

  it('gives up on what it does not read, and agrees on the rest', () => {
    const given = (body: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n${body}\n`
    const cases: [string, boolean][] = [
      ['  a: 1.5', true],
      ['  a: -0.25', true],
      ['  a: 1.', false],
      ['  a: 1e3', false],
      ['  a: 2024-05-14T17:44:46Z', true],
      ['  a: 10.0.1.1:70000', true],
      ['  a: [10.0.1.1:70000]', false],
      ['  a: x:', false],
      ['  a: 0x1f', false],
      ['  a: .inf', false],
      ['  a: 1234567890123456789', false],
      ['  a: -12', true],
      ['  a: +7', true],
      ['  a: 007', true],
      ['  a: ~', true],
      ['  a: Null', true],
      ['  a: TRUE', true],
      ['  a: yes', true],
      ['  a: 10.0.0.1', true],
      ['  a: fd00::1', true],
      ['  a: fd00::/56', true],
      ['  a: x # note', false],
      ['  a: &anchor x', false],
      ['  a: !!str 5', false],
      ['  a: |\n    text', false],
      ['  a: first\n    second', false],
      ["  a: 'it''s'", true],
      ['  a: "quoted"', true],
      ['  a: "tab\\t"', false],
      ['  a: {b: [1, two, "3"], c: {}}', true],
      ['  a: [x, ]', false],
      ['  a: {b: }', false],
      ['  a: {b: x y, c: -z}', true],
      ['  a:\n  - 1\n  - k: v\n    l: w\n  -\n    m: n', true],
      ['  a:\n    - - nested', false],
      ['  a: 1\n  a: 2', false],
      ['  true: 1', false],
      ['  __proto__: 1', false],
      ['  a:', true],
      ['  a:   spaced', false],
      ['  a: x  ', false],
      ['  a: -', false],
      ['  a: --', true],
    ]
    for (const [body, read] of cases) {
      const text = given(body)
      expect({ body, read: readPlainBundle(text) !== undefined }).toEqual({ body, read })
      agree(text)
    }
    for (const text of ['', '---\n', 'a: 1\n---\n', '---\na: 1\n---\nb: 2\n', 'a: 1\n...\n', '%YAML 1.2\n---\na: 1\n', '- 1\n- 2\n', 'a: 1\n\n\nb: 2', 'a: 1\n  \nb: 2\n']) agree(text)
  })

  it('agrees with the library on damaged files: wherever it answers, it answers what the library does', () => {
    // Hostile and half-typed files are what a fast path gets wrong; a seeded stream of small
    // damages (characters cut, YAML indicators typed in, lines repeated) keeps this reproducible.
    const originals = [canvasDesignText(3), saveDesign(loadDesign(designs[0] as string).design)]
    const typed = [
      ' ',
      '  ',
      '\n',
      ':',
      '-',
      '#',
      "'",
      '"',
      '[',
      ']',
      '{',
      '}',
      ',',
      '&a',
      '*a',
      '!',
      '|',
      '>',
      '\t',
      '\\',
      '0',
      '1.5',
      'e3',
      '---\n',
      '~',
      'null',
      '__proto__',
      '? ',
      '%',
      '\r\n',
      '\u00a0',
      '0x1',
      '.inf',
    ]
    let state = 12345
    const next = (n: number): number => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) % n
    let readPlainly = 0
    for (let round = 0; round < 400; round++) {
      let text = originals[next(originals.length)] as string
      for (let damages = 1 + next(3); damages > 0; damages--) {
        const at = next(text.length + 1)
        const how = next(3)
        if (how === 0) text = text.slice(0, at) + text.slice(at + 1 + next(3))
        else if (how === 1) text = text.slice(0, at) + typed[next(typed.length)] + text.slice(at)
        else {
          const lines = text.split('\n')
          lines.splice(next(lines.length), 0, lines[next(lines.length)] as string)
          text = lines.join('\n')
        }
      }
      if (readPlainBundle(text)) readPlainly++
      agree(text)
    }
    expect(readPlainly).toBeGreaterThan(20)
  }, 30_000)
})
