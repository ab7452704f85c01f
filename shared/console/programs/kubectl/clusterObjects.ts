import type { PodState } from '../../../ipam/computeIpam'
import type { Design, DesignEntry } from '../../../model/design'
import { withPoolDefaults } from '../../../model/ipPoolDefaults'
import type { IPPoolResource } from '../../../model/resources'
import { BUILT_IN_NAMESPACES } from '../../../model/workloads'
import { sha1Hex } from '../../../routing/sha1'
import { rfc3339 } from '../../labClock'
import { systemPods } from './systemPods'
import type { ProgramContext } from '../../program'
import type { ResourceType } from './resourceTypes'

/** An object as the API server would list it. */
export interface ClusterObject {
  readonly name: string
  readonly namespace: string | undefined
  /** The object as `-o yaml` shows it (with the server's creationTimestamp). */
  readonly object: Readonly<Record<string, unknown>>
  readonly createdAt: number
  /** The design entry it comes from; undefined for what the cluster derives (pods, built-in namespaces). */
  readonly entry: DesignEntry | undefined
  /** The pod's state, for pods. */
  readonly pod?: PodState
}

const matchesType = (entry: DesignEntry, type: ResourceType): boolean => entry.resource.apiVersion === type.apiVersion && entry.resource.kind === type.kind

/** A stable UID in Kubernetes' UUID shape, from the object's id (the API server picks a random one). */
function uidOf(id: string): string {
  const hex = sha1Hex(id)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

/**
 * The object as the API server returns it: with creationTimestamp, uid and resourceVersion; a
 * Namespace with the name label, finalizer and phase Kubernetes adds; an IPPool with the
 * defaults Calico stores (clientv3 ippool.go).
 */
function asStored(entry: DesignEntry, createdAt: number): Record<string, unknown> {
  const resource = entry.resource as unknown as Record<string, unknown>
  const metadata = {
    ...(resource.metadata as Record<string, unknown>),
    creationTimestamp: rfc3339(createdAt),
    resourceVersion: String(Math.floor(createdAt / 1000) % 10_000_000),
    uid: uidOf(entry.id),
  }
  if (resource.apiVersion === 'v1' && resource.kind === 'Namespace') {
    const labels = { ...((metadata as { labels?: Record<string, string> }).labels ?? {}), 'kubernetes.io/metadata.name': entry.resource.metadata.name }
    return { ...resource, metadata: { ...metadata, labels }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } }
  }
  if (entry.modelled && resource.apiVersion === 'projectcalico.org/v3' && resource.kind === 'IPPool') return { ...withPoolDefaults(entry.resource as IPPoolResource), metadata }
  return { ...resource, metadata }
}

/** The namespaces that exist: the built-in ones, the design's, and any a resource is placed in. */
export function namespacesOf(design: Design): string[] {
  const names = new Set(BUILT_IN_NAMESPACES)
  for (const entry of design.entries) {
    if (entry.resource.apiVersion === 'v1' && entry.resource.kind === 'Namespace') names.add(entry.resource.metadata.name)
  }
  return [...names].sort()
}

/** The pods the cluster runs, as API objects built from the engine's pod states. */
function podObjects(context: ProgramContext): ClusterObject[] {
  const system = systemPods(context.design).map((pod) => ({ pod, createdAt: context.bootedAt }))
  const designed = context.network.ipam.pods.map((pod) => ({ pod, createdAt: context.timeline.podStartedAt(pod) ?? context.now }))
  return [...system, ...designed].map(({ pod, createdAt }) => {
    const object = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: pod.name, namespace: pod.namespace, labels: pod.labels, creationTimestamp: rfc3339(createdAt) },
      spec: { ...(pod.node !== undefined ? { nodeName: pod.node } : {}), ...(pod.workloadId.startsWith('system/') ? { hostNetwork: true } : {}) },
      status: { phase: pod.phase, ...(pod.ips[0] !== undefined ? { podIP: pod.ips[0], podIPs: pod.ips.map((ip) => ({ ip })) } : {}), ...(pod.message !== undefined ? { message: pod.message } : {}) },
    }
    return { name: pod.name, namespace: pod.namespace, object, createdAt, entry: undefined, pod }
  })
}

/** Every object of one type, in one namespace or all (`undefined`), in the API server's order: namespace, then name. */
export function objectsOf(context: ProgramContext, type: ResourceType, namespace: string | undefined): ClusterObject[] {
  let objects: ClusterObject[]
  if (type.apiVersion === 'v1' && type.kind === 'Pod') objects = podObjects(context)
  else {
    objects = context.design.entries
      .filter((entry) => matchesType(entry, type))
      .map((entry) => {
        const createdAt = context.timeline.createdAt(entry.id) ?? context.now
        const ns = type.namespaced ? (entry.resource.metadata.namespace ?? 'default') : undefined
        return { name: entry.resource.metadata.name, namespace: ns, object: asStored(entry, createdAt), createdAt, entry }
      })
    if (type.apiVersion === 'v1' && type.kind === 'Namespace') {
      const declared = new Set(objects.map((o) => o.name))
      const { bootedAt } = context
      for (const name of namespacesOf(context.design)) {
        const metadata = { name, creationTimestamp: rfc3339(bootedAt), labels: { 'kubernetes.io/metadata.name': name }, uid: uidOf(`namespace/${name}`) }
        if (!declared.has(name))
          objects.push({
            name,
            namespace: undefined,
            object: { apiVersion: 'v1', kind: 'Namespace', metadata, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } },
            createdAt: bootedAt,
            entry: undefined,
          })
      }
    }
  }
  return objects
    .filter((o) => namespace === undefined || !type.namespaced || o.namespace === namespace)
    .sort((a, b) => ((a.namespace ?? '') < (b.namespace ?? '') ? -1 : (a.namespace ?? '') > (b.namespace ?? '') ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
}
