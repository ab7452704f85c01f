import type { FieldSpec } from '../schema/fieldSpec'

/**
 * How a field's value is written in a one-line form input: lists as `a, b`, maps as `k=v, k2=v2`.
 * Reading text back never rejects anything itself: a value of the wrong shape is kept as typed,
 * so the engine's own check reports it in its own words.
 */
export function valueText(value: unknown, spec: FieldSpec | undefined): string {
  if (value === undefined || value === null) return ''
  if (Array.isArray(value)) return value.map((item) => valueText(item, spec?.type === 'list' ? spec.items : undefined)).join(', ')
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([key, item]) => (item === '' ? key : `${key}=${String(item)}`))
      .join(', ')
  }
  return String(value)
}

const INTEGER = /^-?\d+$/
const DECIMAL = /^-?\d+(\.\d+)?$/

function scalar(text: string, spec: FieldSpec | undefined): unknown {
  switch (spec?.type) {
    case 'integer':
      return INTEGER.test(text) ? Number(text) : text
    case 'number':
      return DECIMAL.test(text) ? Number(text) : text
    case 'asNumber':
      // Calico accepts a plain integer or asdot `hi.lo`; only the plain form is stored as a number.
      return INTEGER.test(text) ? Number(text) : text
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : text
    default:
      return text
  }
}

/** The value for `text`; undefined for an empty input, which removes the field. */
export function textValue(text: string, spec: FieldSpec | undefined): unknown {
  const trimmed = text.trim()
  if (trimmed === '') return undefined
  if (spec?.type === 'list') {
    return trimmed
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '')
      .map((part) => scalar(part, spec.items))
  }
  if (spec?.type === 'map') {
    const entries = trimmed
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '')
      .map((part) => {
        const equals = part.indexOf('=')
        return equals < 0 ? [part, ''] : [part.slice(0, equals).trim(), scalar(part.slice(equals + 1).trim(), spec.values)]
      })
    return Object.fromEntries(entries)
  }
  return scalar(trimmed, spec)
}
