import type { FieldSpec } from './fieldSpec'

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * `value` without the fields its spec declares but the file writes as null. YAML's `key:` with
 * nothing after it means "not set", as an absent key does; the engine's types know only the
 * second spelling, so a value is normalised once, where it enters the design, and no later stage
 * meets a null the types rule out. Fields the spec does not declare are left as written.
 * Call it on a value that passed `checkFields`; the same object comes back when nothing is null,
 * so a design shares its values with what the YAML library gave.
 */
export function withoutNulls<T>(value: T, spec: FieldSpec): T {
  switch (spec.type) {
    case 'object': {
      if (!isRecord(value)) return value
      let copy: Record<string, unknown> | undefined
      for (const key of Object.keys(value)) {
        if (!Object.hasOwn(spec.fields, key)) continue
        const item = value[key]
        const next = item === null ? undefined : withoutNulls(item, spec.fields[key] as FieldSpec)
        if (next === item) continue
        copy ??= { ...value }
        if (next === undefined) delete copy[key]
        else copy[key] = next
      }
      return (copy ?? value) as T
    }
    case 'list': {
      if (!Array.isArray(value)) return value
      let copy: unknown[] | undefined
      value.forEach((item: unknown, i) => {
        const next = withoutNulls(item, spec.items)
        if (next !== item) (copy ??= [...value])[i] = next
      })
      return (copy ?? value) as T
    }
    case 'map': {
      if (!isRecord(value)) return value
      let copy: Record<string, unknown> | undefined
      for (const key of Object.keys(value)) {
        const item = value[key]
        const next = withoutNulls(item, spec.values)
        // Defined, not assigned: a map key may be `__proto__`, which assignment would take as the prototype.
        if (next !== item) Object.defineProperty((copy ??= { ...value }), key, { value: next, enumerable: true, writable: true, configurable: true })
      }
      return (copy ?? value) as T
    }
    default:
      return value
  }
}
