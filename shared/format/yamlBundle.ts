import { LineCounter, isMap, isNode, isSeq, parseAllDocuments, type Document } from 'yaml'
import type { Diagnostic, SourceLocation } from '../diagnostics'

export type FieldPath = readonly (string | number)[]

/** One document of a multi-document YAML bundle, with a way to point at any of its fields. */
export interface BundleDocument {
  readonly index: number
  /** Plain JS value of the document (`undefined` for an empty document). */
  readonly value: unknown
  /** The location of the deepest node that exists along `path`. */
  locate(path: FieldPath): SourceLocation
}

export interface ParsedBundle {
  readonly documents: readonly BundleDocument[]
  /** Syntax errors, each tied to the document it broke. */
  readonly diagnostics: readonly Diagnostic[]
}

export function formatFieldPath(path: FieldPath): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('')
}

/**
 * Splits a bundle into documents. A document with a syntax error is reported and skipped; the
 * others are still returned, so one typo never loses the rest of a design.
 */
export function parseBundle(text: string): ParsedBundle {
  const lineCounter = new LineCounter()
  const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true })
  const docs: readonly Document.Parsed[] = Array.isArray(parsed) ? parsed : []
  const documents: BundleDocument[] = []
  const diagnostics: Diagnostic[] = []

  docs.forEach((doc, index) => {
    const position = (offset: number): { line: number; column: number } => {
      const { line, col } = lineCounter.linePos(offset)
      return { line, column: col }
    }
    const [error] = doc.errors
    if (error) {
      // Later errors in the same document are almost always echoes of the first one.
      diagnostics.push({
        code: 'format.yaml-syntax',
        severity: 'error',
        message: `YAML syntax error: ${firstLine(error.message)}`,
        location: { document: index, ...position(error.pos[0]) },
      })
      return
    }
    documents.push({
      index,
      value: doc.contents === null ? undefined : doc.toJS({ maxAliasCount: 100 }),
      locate(path) {
        let node: unknown = doc.contents
        let found: unknown = node
        for (const key of path) {
          if (isMap(node) || isSeq(node)) {
            node = node.get(key, true)
            if (node === undefined) break
            found = node
          } else break
        }
        const range = isNode(found) ? found.range : undefined
        const at = range ? position(range[0]) : { line: 1, column: 1 }
        return { document: index, ...at, ...(path.length > 0 ? { field: formatFieldPath(path) } : {}) }
      },
    })
  })
  return { documents, diagnostics }
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message
}

