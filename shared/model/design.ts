import { kindInfo } from './kinds'
import type { ModelledResource, ObjectMeta } from './resources'

/**
 * The design document: the bundle's resources, in file order, as plain readonly data. Everything
 * the app shows (hosts, routes, diagnostics) is derived from it by pure functions.
 *
 * Ids are stable strings `<kind>/<name>` or `<kind>/<namespace>/<name>` (kind in lower case;
 * Calico's Node is `caliconode`), so they survive reloads and can be written into diagnostics.
 */
export type EntityId = string

/** A resource the engine does not model (unknown kind, or a document whose fields are malformed). */
export interface OpaqueResource {
  readonly apiVersion: string
  readonly kind: string
  readonly metadata: ObjectMeta
  readonly [field: string]: unknown
}

export type DesignEntry =
  | { readonly id: EntityId; readonly modelled: true; readonly resource: ModelledResource }
  | { readonly id: EntityId; readonly modelled: false; readonly resource: OpaqueResource; readonly reason: 'unknown-kind' | 'invalid' }

export interface Design {
  readonly name: string
  readonly entries: readonly DesignEntry[]
}

export function createEmptyDesign(name = 'untitled'): Design {
  return { name, entries: [] }
}

/** The id of a resource; the same for the same apiVersion group, kind, namespace and name. */
export function entityId(resource: { readonly apiVersion: string; readonly kind: string; readonly metadata: { readonly name: string; readonly namespace?: string } }): EntityId {
  const kind = resource.apiVersion.startsWith('projectcalico.org/') && resource.kind === 'Node' ? 'caliconode' : resource.kind.toLowerCase()
  const { name, namespace } = resource.metadata
  // The loader computes ids before it normalises a document, when `namespace:` may still be null.
  if (typeof namespace === 'string' && namespace !== '') return `${kind}/${namespace}/${name}`
  // Kubernetes puts a namespaced resource written without a namespace into "default".
  return kindInfo(resource.apiVersion, resource.kind)?.namespaced ? `${kind}/default/${name}` : `${kind}/${name}`
}
