import { describeValue, type FieldProblem } from '../schema/checkFields'
import { entityId, type EntityId, type OpaqueResource } from './design'

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value !== ''

/**
 * Decides whether a document is a resource, and which: a map with `apiVersion`, `kind` and
 * `metadata.name` (non-empty strings) and a namespace that is a string when it is written at all.
 * Loading and saving both ask here, so a document the loader left out of the design is one that
 * saving keeps as text, and a resource is written back over the document it came from.
 */
export function identifyResource(value: unknown): { readonly resource: OpaqueResource; readonly id: EntityId } | { readonly problems: readonly FieldProblem[] } {
  if (!isRecord(value)) return { problems: [{ code: 'format.wrong-type', path: [], message: 'a document must be a map with apiVersion, kind and metadata.name' }] }
  const problems: FieldProblem[] = []
  for (const field of ['apiVersion', 'kind'] as const) {
    if (!nonEmpty(value[field])) problems.push({ code: 'format.missing-field', path: [field], message: `${field} is required (a string)` })
  }
  const metadata = isRecord(value.metadata) ? value.metadata : {}
  if (!nonEmpty(metadata.name)) problems.push({ code: 'format.missing-field', path: ['metadata', 'name'], message: 'metadata.name is required (a string)' })
  const namespace = metadata.namespace
  if (namespace !== undefined && namespace !== null && typeof namespace !== 'string') {
    problems.push({ code: 'format.wrong-type', path: ['metadata', 'namespace'], message: `metadata.namespace must be a string, got ${describeValue(namespace)}` })
  }
  if (problems.length > 0) return { problems }
  const resource = value as unknown as OpaqueResource
  return { resource, id: entityId(resource) }
}
