import { Composer, LineCounter, Parser, isMap, isNode, isSeq, parseDocument, type Document } from 'yaml'
import type { Diagnostic, SourceLocation } from '../diagnostics'
import { formatFieldPath, type FieldPath } from '../schema/checkFields'
import { readPlainBundle } from './plainYaml'
import { checkYamlShape } from './yamlShape'

/** One document of a multi-document YAML bundle. */
export interface BundleDocument {
  readonly index: number
  /** The exact source text of this document, separators and comments included. */
  readonly source: string
  /** Plain JS value (`undefined` for an empty document, or one with a syntax error or a shape later stages cannot walk). */
  readonly value: unknown
  /** The document cannot be read as a value (a syntax error, or nesting or aliases past the limits); it is kept as text. */
  readonly syntaxError: boolean
  /** The location of the deepest node that exists along `path`. */
  locate(path: FieldPath): SourceLocation
}

export interface ParsedBundle {
  readonly documents: readonly BundleDocument[]
  /** Syntax errors, one per broken document. */
  readonly diagnostics: readonly Diagnostic[]
}

/**
 * Reads every document, noting where each one's source starts as the tokens stream past: one
 * pass over the text (parseAllDocuments would not say where documents start, and lexing the text a
 * second time for that took a third of loading a large design). Text before the first document
 * (leading comments) belongs to the first one, so concatenating every document's source gives back the file.
 */
function composeDocuments(text: string, lineCounter: LineCounter): { docs: Document.Parsed[]; offsets: number[] } {
  const offsets: number[] = []
  const tokens = new Parser(lineCounter.addNewLine).parse(text)
  const noted = (function* () {
    for (const token of tokens) {
      if (token.type === 'document') offsets.push(token.offset)
      yield token
    }
  })()
  // The engine prints nothing: the library's warnings (a map used as a key is turned into text) would reach the CLI's stderr.
  const docs = Array.from(new Composer({ uniqueKeys: true, logLevel: 'error' }).compose(noted)) as Document.Parsed[]
  if (offsets.length > 0) offsets[0] = 0
  return { docs, offsets }
}

/**
 * Splits a bundle into documents. A document with a syntax error is reported and kept as text;
 * the others are read normally, so one typo never loses the rest of a design.
 */
export function parseBundle(text: string): ParsedBundle {
  return parsePlainBundle(text) ?? parseYamlBundle(text)
}

/** Line and column (from 1) of an offset, as the library's line counter knows the lines. */
function positionsOf(lineCounter: LineCounter): (offset: number) => { line: number; column: number } {
  return (offset) => {
    const { line, col } = lineCounter.linePos(offset)
    return { line, column: col }
  }
}

/** Line and column (from 1) of offsets in `text`, its lines counted the first time one is asked for. */
function positionsIn(text: string): (offset: number) => { line: number; column: number } {
  let position: ((offset: number) => { line: number; column: number }) | undefined
  return (offset) => {
    if (!position) {
      const lineCounter = new LineCounter()
      lineCounter.addNewLine(0)
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineCounter.addNewLine(i + 1)
      position = positionsOf(lineCounter)
    }
    return position(offset)
  }
}

/**
 * Finds a field by reading its document again: the parsed documents are not kept (a thousand of
 * them held for the odd diagnostic made loading a large design spend its time collecting garbage).
 */
function locateIn(source: string, start: number, index: number, position: (offset: number) => { line: number; column: number }): (path: FieldPath) => SourceLocation {
  let reread: Document.Parsed | undefined
  return (path) => {
    reread ??= parseDocument(source, { keepSourceTokens: false })
    let node: unknown = reread.errors.length === 0 ? reread.contents : undefined
    let found: unknown = node
    for (const key of path) {
      if (!isMap(node) && !isSeq(node)) break
      node = node.get(key, true)
      if (node === undefined) break
      found = node
    }
    const range = isNode(found) ? found.range : undefined
    const at = position(range ? start + range[0] : start)
    return { document: index, ...at, ...(path.length > 0 ? { field: formatFieldPath(path) } : {}) }
  }
}

/** Plain text (see plainYaml) read without the library: the same values, in a fraction of the time. */
function parsePlainBundle(text: string): ParsedBundle | undefined {
  const plain = readPlainBundle(text)
  if (!plain) return undefined
  const { values, offsets } = plain
  const position = positionsIn(text)
  const documents = values.map((value, index): BundleDocument => {
    const start = offsets[index] ?? 0
    const source = text.slice(start, offsets[index + 1] ?? text.length)
    return { index, source, syntaxError: false, value, locate: locateIn(source, start, index, position) }
  })
  return { documents, diagnostics: [] }
}

/** Every bundle as the YAML library reads it: what the plain reader must agree with. */
export function parseYamlBundle(text: string): ParsedBundle {
  const lineCounter = new LineCounter()
  const { docs, offsets } = composeDocuments(text, lineCounter)
  const diagnostics: Diagnostic[] = []
  const position = positionsOf(lineCounter)

  const documents: BundleDocument[] = docs.map((doc, index): BundleDocument => {
    const source = text.slice(offsets[index] ?? text.length, offsets[index + 1] ?? text.length)
    const [error] = doc.errors
    if (error) {
      // Later errors in the same document are almost always echoes of the first one.
      diagnostics.push({ code: 'format.yaml-syntax', severity: 'error', message: `YAML syntax error: ${error.message.split('\n')[0] ?? ''}`, location: { document: index, ...position(error.pos[0]) } })
    }
    const shape = error ? undefined : checkYamlShape(doc)
    if (shape) diagnostics.push({ code: shape.code, severity: 'error', message: shape.message, location: { document: index, ...position(shape.offset) } })
    const unreadable = error !== undefined || shape !== undefined
    const start = offsets[index] ?? 0
    return {
      index,
      source,
      syntaxError: unreadable,
      // checkYamlShape has bounded what aliases expand to, so the library's own alias guard (which throws) is off.
      value: unreadable || doc.contents === null ? undefined : doc.toJS({ maxAliasCount: -1 }),
      locate: locateIn(source, start, index, position),
    }
  })
  // Comments and blank lines alone make no document, but they are still the user's text.
  if (documents.length === 0 && text !== '') documents.push({ index: 0, source: text, value: undefined, syntaxError: false, locate: () => ({ document: 0, line: 1, column: 1 }) })
  return { documents, diagnostics }
}
