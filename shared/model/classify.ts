import { checkFields, type FieldProblem } from '../schema/checkFields'
import { withoutNulls } from '../schema/withoutNulls'
import { entityId, type DesignEntry, type OpaqueResource } from './design'
import { ANY_RESOURCE, kindInfo } from './kinds'
import type { ModelledResource } from './resources'

/**
 * Decides how the engine holds a resource: modelled when its kind is known and its fields have
 * the declared shape, otherwise kept opaque (never dropped) with the structural problems found.
 * A resource that passes comes back with its null fields removed (`withoutNulls`), so the types
 * hold for every later stage. The loader and every edit command go through here, so a design is
 * consistent however it was made.
 */
export function classifyResource(resource: OpaqueResource): { entry: DesignEntry; problems: readonly FieldProblem[]; known: boolean } {
  const id = entityId(resource)
  const info = kindInfo(resource.apiVersion, resource.kind)
  const spec = info?.spec ?? ANY_RESOURCE
  const problems = checkFields(resource, spec)
  if (problems.length > 0) return { entry: { id, modelled: false, resource, reason: 'invalid' }, problems, known: info !== undefined }
  const normal = withoutNulls(resource, spec)
  if (!info) return { entry: { id, modelled: false, resource: normal, reason: 'unknown-kind' }, problems, known: false }
  return { entry: { id, modelled: true, resource: normal as unknown as ModelledResource }, problems, known: true }
}
