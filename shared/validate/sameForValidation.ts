import type { Design, DesignEntry } from '../model/design'
import { ALIAS_ANNOTATION } from '../model/query'
import { deepEqual } from '../util/deepEqual'

/**
 * Annotations of a host that no check reads, nor any function a check calls: the alias is how
 * people name a host on the canvas, and diagnostics name hosts by their resource names.
 */
const UNCHECKED_HOST_ANNOTATIONS: readonly string[] = [ALIAS_ANNOTATION]
const HOST_KINDS = new Set(['v1/Node', 'peerlab.dev/v1alpha1/Router'])

/** A host's resource without the annotations no check reads; an annotation map left empty counts as none. */
function checkedPart(entry: DesignEntry): unknown {
  const resource = entry.resource
  const annotations = resource.metadata.annotations
  if (!HOST_KINDS.has(`${resource.apiVersion}/${resource.kind}`) || annotations === undefined) return resource
  const kept = Object.fromEntries(Object.entries(annotations).filter(([key]) => !UNCHECKED_HOST_ANNOTATIONS.includes(key)))
  const { annotations: _, ...metadata } = resource.metadata
  return { ...resource, metadata: Object.keys(kept).length > 0 ? { ...metadata, annotations: kept } : metadata }
}

function sameEntry(a: DesignEntry, b: DesignEntry): boolean {
  if (a === b) return true
  if (a.id !== b.id || a.modelled !== b.modelled || (!a.modelled && !b.modelled && a.reason !== b.reason)) return false
  return a.resource === b.resource || deepEqual(checkedPart(a), checkedPart(b))
}

/**
 * Whether two designs differ only in what validation never reads (a host's alias, typed in the
 * inspector on one of thousands of hosts): then they have the same diagnostics, and the one
 * already worked out serves for the other. Entries are compared by identity first, as an edit
 * keeps every entry it does not touch.
 */
export function sameForValidation(a: Design, b: Design): boolean {
  if (a === b) return true
  if (a.name !== b.name || a.entries.length !== b.entries.length) return false
  return a.entries.every((entry, i) => sameEntry(entry, b.entries[i] as DesignEntry))
}
