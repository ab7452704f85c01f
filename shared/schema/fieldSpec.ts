/**
 * A small declarative description of a resource's fields. One description per kind drives both
 * the structural check at load time (`checkFields`) and the published JSON Schema
 * (`toJsonSchema`), so the two cannot disagree.
 */
export type FieldSpec =
  | { readonly type: 'string'; readonly description?: string; readonly format?: 'cidr' | 'ip' | 'duration' }
  | { readonly type: 'integer'; readonly description?: string; readonly minimum?: number; readonly maximum?: number }
  | { readonly type: 'number'; readonly description?: string }
  | { readonly type: 'boolean'; readonly description?: string }
  | { readonly type: 'enum'; readonly description?: string; readonly values: readonly string[] }
  | { readonly type: 'list'; readonly description?: string; readonly items: FieldSpec }
  | { readonly type: 'map'; readonly description?: string; readonly values: FieldSpec }
  | ObjectSpec
  /** Anything: kept as written, never checked (e.g. a NetworkPolicy rule). */
  | { readonly type: 'any'; readonly description?: string }
  /** An AS number: Calico accepts an integer, a decimal string or asdot `hi.lo`. */
  | { readonly type: 'asNumber'; readonly description?: string }

export interface ObjectSpec {
  readonly type: 'object'
  readonly description?: string
  readonly fields: Readonly<Record<string, FieldSpec>>
  readonly required?: readonly string[]
  /** Closed objects reject unknown fields (our own kinds: a typo must not vanish silently). */
  readonly closed?: boolean
}

export const str = (description?: string, format?: 'cidr' | 'ip' | 'duration'): FieldSpec => ({ type: 'string', ...(description ? { description } : {}), ...(format ? { format } : {}) })
export const int = (description?: string, minimum?: number, maximum?: number): FieldSpec => ({
  type: 'integer',
  ...(description ? { description } : {}),
  ...(minimum !== undefined ? { minimum } : {}),
  ...(maximum !== undefined ? { maximum } : {}),
})
export const bool = (description?: string): FieldSpec => ({ type: 'boolean', ...(description ? { description } : {}) })
export const oneOf = (values: readonly string[], description?: string): FieldSpec => ({ type: 'enum', values, ...(description ? { description } : {}) })
export const listOf = (items: FieldSpec, description?: string): FieldSpec => ({ type: 'list', items, ...(description ? { description } : {}) })
export const mapOf = (values: FieldSpec, description?: string): FieldSpec => ({ type: 'map', values, ...(description ? { description } : {}) })
export const anything = (description?: string): FieldSpec => ({ type: 'any', ...(description ? { description } : {}) })
export const asNumber = (description?: string): FieldSpec => ({ type: 'asNumber', ...(description ? { description } : {}) })
export function object(fields: Record<string, FieldSpec>, options: { required?: readonly string[]; closed?: boolean; description?: string } = {}): ObjectSpec {
  return { type: 'object', fields, ...options }
}

export const stringMap = (description?: string): FieldSpec => mapOf(str(), description)
