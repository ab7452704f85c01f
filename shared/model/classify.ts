import { checkFields, type FieldProblem } from '../schema/checkFields'
import { entityId, type DesignEntry, type OpaqueResource } from './design'
import { kindInfo } from './kinds'
import type { ModelledResource } from './resources'

/**
 * Decides how the engine holds a resource: modelled when its kind is known and its fields have
 * the declared shape, otherwise kept opaque (never dropped) with the structural problems found.
 * The loader and every edit command go through here, so a design is consistent however it was made.
 */
export function classifyResource(resource: OpaqueResource): { entry: DesignEntry; problems: readonly FieldProblem[]; known: boolean } {
  const id = entityId(resource)
  const info = kindInfo(resource.apiVersion, resource.kind)
  if (!info) return { entry: { id, modelled: false, resource, reason: 'unknown-kind' }, problems: [], known: false }
  const problems = checkFields(resource, info.spec)
  if (problems.length > 0) return { entry: { id, modelled: false, resource, reason: 'invalid' }, problems, known: true }
  return { entry: { id, modelled: true, resource: resource as unknown as ModelledResource }, problems, known: true }
}
