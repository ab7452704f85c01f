import type { FieldSpec } from './fieldSpec'

export type FieldPath = readonly (string | number)[]

/** A structural problem: the value at `path` does not have the shape the kind declares. */
export interface FieldProblem {
  readonly code: 'format.wrong-type' | 'format.missing-field' | 'format.unknown-field' | 'format.out-of-range'
  readonly path: FieldPath
  readonly message: string
}

export function formatFieldPath(path: FieldPath): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('')
}

/** A value as a message quotes it: `"26"`, `null`, `a list`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a map'
  // A message quotes enough of a string to find it, not a whole pasted file.
  if (typeof value === 'string') return value.length > 60 ? `"${value.slice(0, 57)}..."` : `"${value}"`
  return String(value)
}

const EXPECTED: Readonly<Record<FieldSpec['type'], string>> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  enum: 'one of',
  list: 'a list',
  map: 'a map',
  object: 'a map',
  any: 'anything',
  asNumber: 'an AS number (integer, or asdot like 1.10)',
}

const ASDOT = /^\d+(\.\d+)?$/

/** True when Calico would accept `value` as an AS number (calico.md §4.2: integer, decimal string or asdot). */
export function isAsNumber(value: unknown): boolean {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 && value <= 4294967295
  if (typeof value !== 'string' || !ASDOT.test(value)) return false
  const [high, low] = value.split('.').map(Number) as [number, number | undefined]
  return low === undefined ? high <= 4294967295 : high <= 65535 && low <= 65535
}

/** Checks `value` against `spec`, collecting every problem rather than stopping at the first. */
export function checkFields(value: unknown, spec: FieldSpec, path: FieldPath = [], problems: FieldProblem[] = []): FieldProblem[] {
  const wrong = (): FieldProblem[] => {
    const expected = spec.type === 'enum' ? `one of ${spec.values.join(', ')}` : EXPECTED[spec.type]
    problems.push({ code: 'format.wrong-type', path, message: `${formatFieldPath(path)} must be ${expected}, got ${describeValue(value)}` })
    return problems
  }
  switch (spec.type) {
    case 'any':
      return problems
    case 'string':
      return typeof value === 'string' ? problems : wrong()
    case 'boolean':
      return typeof value === 'boolean' ? problems : wrong()
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? problems : wrong()
    case 'asNumber':
      return isAsNumber(value) ? problems : wrong()
    case 'enum':
      return typeof value === 'string' && spec.values.includes(value) ? problems : wrong()
    case 'integer': {
      if (typeof value !== 'number' || !Number.isInteger(value)) return wrong()
      if ((spec.minimum !== undefined && value < spec.minimum) || (spec.maximum !== undefined && value > spec.maximum)) {
        const bounds =
          spec.minimum !== undefined && spec.maximum !== undefined ? `between ${spec.minimum} and ${spec.maximum}` : spec.minimum !== undefined ? `at least ${spec.minimum}` : `at most ${spec.maximum}`
        problems.push({ code: 'format.out-of-range', path, message: `${formatFieldPath(path)} must be ${bounds}, got ${value}` })
      }
      return problems
    }
    case 'list':
      if (!Array.isArray(value)) return wrong()
      value.forEach((item, i) => checkFields(item, spec.items, [...path, i], problems))
      return problems
    case 'map':
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return wrong()
      for (const [key, item] of Object.entries(value)) checkFields(item, spec.values, [...path, key], problems)
      return problems
    case 'object': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return wrong()
      const record = value as Record<string, unknown>
      for (const name of spec.required ?? []) {
        if (record[name] === undefined || record[name] === null) problems.push({ code: 'format.missing-field', path: [...path, name], message: `${formatFieldPath([...path, name])} is required` })
      }
      for (const [key, item] of Object.entries(record)) {
        // Own fields only: a key such as `constructor` must not find Object.prototype's.
        const field = Object.hasOwn(spec.fields, key) ? spec.fields[key] : undefined
        if (field) {
          if (item !== null && item !== undefined) checkFields(item, field, [...path, key], problems)
        } else if (spec.closed) {
          const known = Object.keys(spec.fields).join(', ')
          problems.push({ code: 'format.unknown-field', path: [...path, key], message: `${formatFieldPath([...path, key])} is not a field of this kind (known: ${known})` })
        }
      }
      return problems
    }
  }
}
