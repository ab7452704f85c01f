import type { Diagnostic } from '../diagnostics'
import { formatFieldPath, type BundleDocument, type FieldPath } from './yamlBundle'

/**
 * Reads typed fields out of one document and records a diagnostic, with document, line and
 * field, for every value of the wrong type. Readers return `undefined` for a bad value so the
 * caller can fall back to a default and keep going.
 */
export interface FieldReader {
  readonly document: BundleDocument
  raw(path: FieldPath): unknown
  string(path: FieldPath, options?: { required?: boolean }): string | undefined
  integer(path: FieldPath, options?: { required?: boolean; min?: number; max?: number }): number | undefined
  boolean(path: FieldPath): boolean | undefined
  oneOf<T extends string>(path: FieldPath, allowed: readonly T[]): T | undefined
  stringList(path: FieldPath): string[] | undefined
  stringMap(path: FieldPath): Record<string, string> | undefined
  list(path: FieldPath): unknown[] | undefined
  report(code: string, path: FieldPath, message: string, suggestion?: string, subject?: string): void
}

export function createFieldReader(document: BundleDocument, sink: Diagnostic[], subject?: string): FieldReader {
  const raw = (path: FieldPath): unknown => {
    let value: unknown = document.value
    for (const key of path) {
      if (value === null || typeof value !== 'object') return undefined
      value = (value as Record<string | number, unknown>)[key]
    }
    return value
  }
  const report: FieldReader['report'] = (code, path, message, suggestion, about = subject) => {
    sink.push({
      code,
      severity: 'error',
      message,
      location: document.locate(path),
      ...(about !== undefined ? { subject: about } : {}),
      ...(suggestion !== undefined ? { suggestion } : {}),
    })
  }
  const wrongType = (path: FieldPath, expected: string, value: unknown): undefined => {
    report('format.wrong-type', path, `${formatFieldPath(path)} must be ${expected}, got ${describe(value)}`)
    return undefined
  }
  const missing = (path: FieldPath): undefined => {
    report('format.missing-field', path, `${formatFieldPath(path)} is required`)
    return undefined
  }

  return {
    document,
    raw,
    report,
    string(path, options) {
      const value = raw(path)
      if (value === undefined || value === null) return options?.required ? missing(path) : undefined
      return typeof value === 'string' ? value : wrongType(path, 'a string', value)
    },
    integer(path, options) {
      const value = raw(path)
      if (value === undefined || value === null) return options?.required ? missing(path) : undefined
      if (typeof value !== 'number' || !Number.isInteger(value)) return wrongType(path, 'an integer', value)
      const { min, max } = options ?? {}
      if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
        report('format.out-of-range', path, `${formatFieldPath(path)} must be between ${min ?? '-∞'} and ${max ?? '∞'}, got ${value}`)
        return undefined
      }
      return value
    },
    boolean(path) {
      const value = raw(path)
      if (value === undefined || value === null) return undefined
      return typeof value === 'boolean' ? value : wrongType(path, 'true or false', value)
    },
    oneOf(path, allowed) {
      const value = raw(path)
      if (value === undefined || value === null) return undefined
      if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as (typeof allowed)[number]
      return wrongType(path, `one of ${allowed.join(', ')}`, value)
    },
    stringList(path) {
      const value = raw(path)
      if (value === undefined || value === null) return undefined
      if (!Array.isArray(value)) return wrongType(path, 'a list of strings', value)
      const strings: string[] = []
      value.forEach((item, i) => {
        if (typeof item === 'string') strings.push(item)
        else wrongType([...path, i], 'a string', item)
      })
      return strings
    },
    stringMap(path) {
      const value = raw(path)
      if (value === undefined || value === null) return undefined
      if (typeof value !== 'object' || Array.isArray(value)) return wrongType(path, 'a map of strings', value)
      const map: Record<string, string> = {}
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        if (typeof item === 'string') map[key] = item
        else wrongType([...path, key], 'a string', item)
      }
      return map
    },
    list(path) {
      const value = raw(path)
      if (value === undefined || value === null) return undefined
      return Array.isArray(value) ? value : wrongType(path, 'a list', value)
    },
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a map'
  if (typeof value === 'string') return `"${value}"`
  return String(value)
}
