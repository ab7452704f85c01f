import { applyCommand } from '../commands/commands'
import type { Diagnostic } from '../diagnostics'
import type { Design, OpaqueResource } from '../model/design'
import { classifyResource } from '../model/classify'
import { identifyResource } from '../model/identify'
import { CALICO_API_VERSION, kindInfo } from '../model/kinds'
import { deepEqual, isPlainObject } from '../util/deepEqual'
import { parseBundle } from './yamlBundle'

/** Fields a cluster sets on the objects it stores; applying them back is wrong or refused. */
const SERVER_METADATA = ['uid', 'resourceVersion', 'creationTimestamp', 'generation', 'managedFields', 'selfLink', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'ownerReferences']
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration'

function withoutServerFields(resource: OpaqueResource, keepStatus: boolean): OpaqueResource {
  const metadata: Record<string, unknown> = { ...resource.metadata }
  for (const field of SERVER_METADATA) delete metadata[field]
  if (isPlainObject(metadata.annotations)) {
    const annotations = { ...metadata.annotations }
    delete annotations[LAST_APPLIED]
    if (Object.keys(annotations).length > 0) metadata.annotations = annotations
    else delete metadata.annotations
  }
  const copy: Record<string, unknown> = { ...resource, metadata }
  if (!keepStatus) delete copy.status
  return copy as OpaqueResource
}

/** The CRD group of Calico's resources, what `kubectl get` prints when no Calico API server is installed. */
const CALICO_CRD_GROUP = 'crd.projectcalico.org/v1'
const CRD_KIND_NAMES: Readonly<Record<string, string>> = { IPAMConfig: 'IPAMConfiguration' }

function normaliseCalicoVersion(resource: OpaqueResource): OpaqueResource {
  if (resource.apiVersion !== CALICO_CRD_GROUP) return resource
  const kind = CRD_KIND_NAMES[resource.kind] ?? resource.kind
  return kindInfo(CALICO_API_VERSION, kind) ? { ...resource, apiVersion: CALICO_API_VERSION, kind } : resource
}

/** Expands `kind: List` (kubectl) and `kind: <Kind>List` (calicoctl) into their items. */
function flatten(value: unknown): unknown[] {
  if (!isPlainObject(value)) return [value]
  const { kind: listKind, apiVersion, items } = value
  if (typeof listKind === 'string' && listKind.endsWith('List') && Array.isArray(items)) {
    return items.flatMap((item: unknown) => {
      if (!isPlainObject(item) || typeof apiVersion !== 'string') return [item]
      // calicoctl omits apiVersion and kind on items; they come from the list's.
      const kind = typeof item.kind === 'string' ? item.kind : listKind.slice(0, -'List'.length)
      return [{ apiVersion, kind, ...item }]
    })
  }
  return [value]
}

export interface ImportReport {
  readonly added: readonly string[]
  readonly updated: readonly string[]
  readonly unchanged: readonly string[]
  /** Resources that could not be placed, each with why. */
  readonly notPlaced: readonly Diagnostic[]
}

/**
 * Merges manifests as `kubectl get ... -o yaml` or `calicoctl get ... -o yaml` print them into
 * a design. Server-set fields are stripped; a resource with the same kind and name replaces the
 * design's. Malformed resources are kept out and reported.
 */
export function importManifests(design: Design, text: string, source = 'input'): { design: Design; report: ImportReport } {
  const parsed = parseBundle(text)
  const notPlaced: Diagnostic[] = parsed.diagnostics.map((d) => ({ ...d, message: `${source}: ${d.message}` }))
  const added: string[] = []
  const updated: string[] = []
  const unchanged: string[] = []
  let next = design

  for (const document of parsed.documents) {
    flatten(document.value).forEach((item, i) => {
      const where = `${source} document ${document.index + 1}${Array.isArray((document.value as { items?: unknown })?.items) ? ` item ${i + 1}` : ''}`
      // Identified as loading does, so an import never holds a resource that loading would not.
      const identified = identifyResource(item)
      if (!('resource' in identified)) {
        if (item !== undefined) notPlaced.push({ code: 'import.not-a-resource', severity: 'error', message: `${where}: not a resource (needs apiVersion, kind and metadata.name)` })
        return
      }
      const resource = normaliseCalicoVersion(withoutServerFields(identified.resource, identified.resource.apiVersion === 'v1' && identified.resource.kind === 'Node'))
      const { entry, problems } = classifyResource(resource)
      if (problems.length > 0) {
        notPlaced.push({
          code: 'import.malformed',
          severity: 'error',
          subject: entry.id,
          message: `${where}: ${resource.kind} ${resource.metadata.name}: ${problems.map((p) => p.message).join('; ')}`,
        })
        return
      }
      const current = next.entries.find((e) => e.id === entry.id)
      if (current && deepEqual(current.resource, entry.resource)) unchanged.push(entry.id)
      else (current ? updated : added).push(entry.id)
      next = applyCommand(next, { type: 'apply', resource })
    })
  }
  return { design: next, report: { added, updated, unchanged, notPlaced } }
}
