import type { FieldPath } from '../schema/checkFields'
import type { FieldSpec } from '../schema/fieldSpec'

/** The value at `path` inside a plain object tree, or undefined when any step is missing. */
export function getIn(value: unknown, path: FieldPath): unknown {
  let current = value
  for (const step of path) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<string | number, unknown>)[step]
  }
  return current
}

function isEmptyMap(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0
}

/**
 * A copy of `root` with `value` at `path`, sharing every untouched branch. `undefined` removes the
 * key, and a map left empty by the removal goes too, so clearing a field leaves no `bgp: {}` behind.
 */
export function setIn<T>(root: T, path: FieldPath, value: unknown): T {
  const [step, ...rest] = path
  if (step === undefined) return value as T
  const container: unknown = root ?? (typeof step === 'number' ? [] : {})
  const child = rest.length === 0 ? value : setIn(getIn(container, [step]), rest, value)
  const remove = child === undefined || (rest.length > 0 && isEmptyMap(child))
  if (Array.isArray(container)) {
    const copy = [...container]
    if (remove) copy.splice(step as number, 1)
    else copy[step as number] = child
    return copy as T
  }
  const copy: Record<string, unknown> = { ...(container as Record<string, unknown>) }
  if (remove) delete copy[step]
  else copy[step] = child
  return copy as T
}

/** The declared shape of the field at `path`, walking a kind's spec; undefined for undeclared fields. */
export function specAt(spec: FieldSpec, path: FieldPath): FieldSpec | undefined {
  let current: FieldSpec | undefined = spec
  for (const step of path) {
    if (current === undefined) return undefined
    if (current.type === 'object') current = current.fields[String(step)]
    else if (current.type === 'list') current = current.items
    else if (current.type === 'map') current = current.values
    else return undefined
  }
  return current
}
