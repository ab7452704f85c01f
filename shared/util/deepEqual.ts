function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Structural equality of plain JSON-like values (key order ignored; NaN, which YAML writes `.nan`, equals itself). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b || Object.is(a, b)) return true
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]))
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a)
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]))
  }
  return false
}

function setKeys(value: Record<string, unknown>): string[] {
  return Object.keys(value).filter((k) => value[k] !== null)
}

/**
 * `deepEqual` where a field written as null counts as absent, as YAML's `key:` with nothing after
 * it does: a loaded resource has its null fields removed (`withoutNulls`), and it is still the
 * document it was read from.
 */
export function equalIgnoringNulls(a: unknown, b: unknown): boolean {
  if (a === b || Object.is(a, b)) return true
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => equalIgnoringNulls(item, b[i]))
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = setKeys(a)
    return keys.length === setKeys(b).length && keys.every((k) => Object.hasOwn(b, k) && equalIgnoringNulls(a[k], b[k]))
  }
  return false
}

export { isPlainObject }
