import type { OpaqueResource } from '../model/design'
import { isPlainObject } from '../util/deepEqual'

/** Fields a cluster sets on the objects it stores; applying them back is wrong or refused. */
const SERVER_METADATA = ['uid', 'resourceVersion', 'creationTimestamp', 'generation', 'managedFields', 'selfLink', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'ownerReferences']
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration'
/** Peerlab's own notes (an alias, pods deleted in the lab console): a cluster has no use for them. */
const PEERLAB_PREFIX = 'peerlab.dev/'

function withoutKeys(map: unknown, drop: (key: string) => boolean): Record<string, unknown> | undefined {
  if (!isPlainObject(map)) return undefined
  const kept = Object.fromEntries(Object.entries(map).filter(([key]) => !drop(key)))
  return Object.keys(kept).length > 0 ? kept : undefined
}

/**
 * A resource as it goes to a cluster: without the fields the API server sets, kubectl's
 * last-applied record, `status` (the kubelet's and controllers' to write), and every
 * `peerlab.dev/` annotation or label, which only Peerlab reads.
 */
export function forCluster(resource: OpaqueResource): OpaqueResource {
  const metadata: Record<string, unknown> = { ...resource.metadata }
  for (const field of SERVER_METADATA) delete metadata[field]
  for (const field of ['annotations', 'labels'] as const) {
    const kept = withoutKeys(metadata[field], (key) => key === LAST_APPLIED || key.startsWith(PEERLAB_PREFIX))
    if (kept) metadata[field] = kept
    else delete metadata[field]
  }
  const copy: Record<string, unknown> = { ...resource, metadata }
  delete copy.status
  return copy as OpaqueResource
}
