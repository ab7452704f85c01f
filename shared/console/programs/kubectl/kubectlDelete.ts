import type { Command } from '../../../commands/commands'
import type { EntityId, OpaqueResource } from '../../../model/design'
import { DELETED_PODS_ANNOTATION, RENAMING_CONTROLLERS } from '../../../model/workloads'
import { isPlainObject } from '../../../util/deepEqual'
import { type ProgramContext, type ProgramResult } from '../../program'
import { objectsOf } from './clusterObjects'
import type { KubectlArgs } from './kubectlArgs'
import { readManifestDocuments, readManifestSources } from './manifestInput'
import { qualifiedKind, qualifiedPlural, resolveResourceType, typeOfKind, type ResourceType } from './resourceTypes'

interface Target {
  readonly type: ResourceType
  readonly name: string
  readonly namespace: string | undefined
  /** Where the request came from, for `error when deleting "STDIN"`. */
  readonly label: string | undefined
}

/** `kubectl delete -f FILE`, `kubectl delete TYPE NAME...` and `kubectl delete TYPE/NAME`. */
export function kubectlDelete(context: ProgramContext, args: KubectlArgs, stdin: string): ProgramResult {
  const targets = args.files.length > 0 ? targetsFromFiles(context, args, stdin) : targetsFromNames(args)
  if (typeof targets === 'string') return { stdout: '', stderr: targets, exitCode: 1 }
  const commands: Command[] = []
  const removed = new Set<EntityId>()
  let stdout = ''
  let stderr = ''
  for (const target of targets) {
    const namespace = target.type.namespaced ? (target.namespace ?? args.namespace ?? 'default') : undefined
    const found = objectsOf(context, target.type, namespace).find((o) => o.name === target.name)
    if (!found || (found.entry && removed.has(found.entry.id))) {
      stderr += `Error from server (NotFound): ${target.label ? `error when deleting "${target.label}": ` : ''}${qualifiedPlural(target.type)} "${target.name}" not found\n`
      continue
    }
    stdout += `${qualifiedKind(target.type)} "${target.name}" deleted\n`
    if (found.pod) {
      const owner = context.design.entries.find((e) => e.id === found.pod?.workloadId)
      if (owner?.resource.kind === 'Pod') {
        removed.add(owner.id)
        commands.push({ type: 'remove', id: owner.id })
      } else if (owner && (RENAMING_CONTROLLERS as readonly string[]).includes(owner.resource.kind)) {
        // Its controller (a Deployment's ReplicaSet, a ReplicaSet, DaemonSet or Job) starts a
        // replacement under a new name; the workload records the deletion.
        commands.push({ type: 'apply', resource: withDeletedPod(owner.resource as OpaqueResource, found.name, commands) })
      } else if (owner?.resource.kind === 'StatefulSet') {
        stderr += `peerlab: ${found.name} is started again at once under the same name by its StatefulSet; the design is unchanged\n`
      } else {
        stderr += `peerlab: ${found.name} is started again at once by what runs it (a DaemonSet or the kubelet); the design is unchanged\n`
      }
      continue
    }
    if (!found.entry) {
      stderr += `peerlab: ${target.name} is built into every cluster; the design is unchanged\n`
      continue
    }
    removed.add(found.entry.id)
    commands.push({ type: 'remove', id: found.entry.id })
    // Deleting a namespace deletes everything in it.
    if (target.type.kind === 'Namespace') {
      for (const entry of context.design.entries) {
        if (entry.resource.metadata.namespace === target.name && !removed.has(entry.id)) {
          removed.add(entry.id)
          commands.push({ type: 'remove', id: entry.id })
        }
      }
    }
  }
  if (commands.length > 0) context.edit({ type: 'batch', label: 'kubectl delete', commands })
  return { stdout, stderr, exitCode: stderr.includes('Error from server') ? 1 : 0 }
}

/** The workload (a Deployment, ReplicaSet, DaemonSet or Job) with `pod` added to its deleted pods, over what this command already changed. */
function withDeletedPod(workload: OpaqueResource, pod: string, earlier: readonly Command[]): OpaqueResource {
  const latest =
    [...earlier]
      .reverse()
      .find(
        (c): c is Extract<Command, { type: 'apply' }> =>
          c.type === 'apply' && c.resource.kind === workload.kind && c.resource.metadata.name === workload.metadata.name && c.resource.metadata.namespace === workload.metadata.namespace,
      )?.resource ?? workload
  const annotations = { ...latest.metadata.annotations }
  const listed = (annotations[DELETED_PODS_ANNOTATION] ?? '').split(/[\s,]+/).filter((n) => n !== '')
  annotations[DELETED_PODS_ANNOTATION] = [...listed, pod].join(',')
  return { ...latest, metadata: { ...latest.metadata, annotations } }
}

function targetsFromFiles(context: ProgramContext, args: KubectlArgs, stdin: string): Target[] | string {
  const sources = readManifestSources(context, args.files, stdin, 'delete')
  if (typeof sources === 'string') return sources
  const targets: Target[] = []
  for (const source of sources) {
    const documents = readManifestDocuments(source)
    if (typeof documents === 'string') return documents
    for (const document of documents) {
      if (!document.ok) return document.message
      const type = typeOfKind(document.value.apiVersion as string, document.value.kind as string)
      const metadata = isPlainObject(document.value.metadata) ? document.value.metadata : {}
      if (!type)
        return `error: resource mapping not found for name: "${String(metadata.name ?? '')}" namespace: "" from "${source.label}": no matches for kind "${String(document.value.kind)}" in version "${String(document.value.apiVersion)}"\nensure CRDs are installed first\n`
      targets.push({ type, name: String(metadata.name ?? ''), namespace: typeof metadata.namespace === 'string' ? metadata.namespace : undefined, label: source.label })
    }
  }
  return targets
}

function targetsFromNames(args: KubectlArgs): Target[] | string {
  const [first, ...rest] = args.positional
  if (first === undefined) return 'error: You must provide one or more resources by argument or filename.\n'
  if (first.includes('/')) {
    const targets: Target[] = []
    for (const item of args.positional) {
      const [typeName, name] = item.split('/') as [string, string | undefined]
      const type = resolveResourceType(typeName)
      if (!type) return `error: the server doesn't have a resource type "${typeName}"\n`
      if (!name) return `error: arguments in resource/name form must have a single resource and name\n`
      targets.push({ type, name, namespace: undefined, label: undefined })
    }
    return targets
  }
  const type = resolveResourceType(first)
  if (!type) return `error: the server doesn't have a resource type "${first}"\n`
  if (rest.length === 0) return `error: resource(s) were provided, but no name was specified\n`
  return rest.map((name) => ({ type, name, namespace: undefined, label: undefined }))
}
