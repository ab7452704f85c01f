import type { PodState } from '../../../ipam/computeIpam'
import { clusterOf } from '../../../model/query'
import { workloadsOf } from '../../../model/workloads'
import { goJson, goYaml } from '../../../views/goMarshal'
import { humanDuration } from '../../../views/humanDuration'
import { kubectlGetPods, noPodsMessage } from '../../../views/kubectlGetPods'
import { KUBECTL_TABWRITER, tabwrite } from '../../../views/tabwriter'
import { rfc3339 } from '../../labClock'
import { fail, type ProgramContext, type ProgramResult } from '../../program'
import { objectsOf, type ClusterObject } from './clusterObjects'
import type { KubectlArgs } from './kubectlArgs'
import { qualifiedKind, qualifiedPlural, resolveResourceType, type ResourceType } from './resourceTypes'

type Row = readonly string[]
type Columns = { readonly header: Row; readonly row: (object: ClusterObject) => Row }

const get = (value: unknown, ...path: string[]): unknown => path.reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), value)
const text = (value: unknown, fallback = '<unknown>'): string => (typeof value === 'string' && value !== '' ? value : fallback)

/** labels.FormatLabels: `k=v,k2=v2` in key order, `<none>` when empty. */
function formatLabels(labels: unknown): string {
  const entries = labels !== null && typeof labels === 'object' ? Object.entries(labels as Record<string, string>).sort(([a], [b]) => (a < b ? -1 : 1)) : []
  return entries.length === 0 ? '<none>' : entries.map(([k, v]) => `${k}=${v}`).join(',')
}

/** The columns kubectl's built-in printers use (k8s.io/kubernetes/pkg/printers/internalversion), for the kinds a lab lists. */
function columnsFor(context: ProgramContext, type: ResourceType, wide: boolean): Columns {
  const age = (o: ClusterObject): string => humanDuration(context.now - o.createdAt)
  const pods = (o: ClusterObject): readonly PodState[] => context.network.ipam.pods.filter((p) => p.workloadId === o.entry?.id)
  const running = (o: ClusterObject): number => pods(o).filter((p) => p.phase === 'Running').length
  const replicas = (o: ClusterObject): number => Number(get(o.object, 'spec', 'replicas') ?? 1)
  /** layoutContainerCells: the template's container names and images, comma-separated. */
  const containerCells = (o: ClusterObject): string[] => {
    const containers = (get(o.object, 'spec', 'template', 'spec', 'containers') ?? []) as { name: string; image?: string }[]
    return [containers.map((c) => c.name).join(','), containers.map((c) => c.image ?? '').join(',')]
  }
  const selector = (o: ClusterObject): string => formatLabels(get(o.object, 'spec', 'selector', 'matchLabels'))
  switch (`${type.apiVersion}/${type.kind}`) {
    case 'v1/Node': {
      const version = clusterOf(context.design)?.spec.kubernetesVersion
      const roles = (o: ClusterObject): string => {
        const list = Object.keys((get(o.object, 'metadata', 'labels') ?? {}) as object).flatMap((l) => (l.startsWith('node-role.kubernetes.io/') ? [l.slice('node-role.kubernetes.io/'.length)] : []))
        return list.length > 0 ? list.sort().join(',') : '<none>'
      }
      const internalIp = (o: ClusterObject): string =>
        text(((get(o.object, 'status', 'addresses') ?? []) as { type: string; address: string }[]).find((a) => a.type === 'InternalIP')?.address, '<none>')
      return {
        header: ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION', ...(wide ? ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'] : [])],
        row: (o) => [
          o.name,
          'Ready',
          roles(o),
          age(o),
          text(get(o.object, 'status', 'nodeInfo', 'kubeletVersion') ?? version),
          ...(wide
            ? [
                internalIp(o),
                '<none>',
                text(get(o.object, 'status', 'nodeInfo', 'osImage')),
                text(get(o.object, 'status', 'nodeInfo', 'kernelVersion')),
                text(get(o.object, 'status', 'nodeInfo', 'containerRuntimeVersion')),
              ]
            : []),
        ],
      }
    }
    case 'v1/Namespace':
      return { header: ['NAME', 'STATUS', 'AGE'], row: (o) => [o.name, 'Active', age(o)] }
    case 'apps/v1/Deployment':
      return {
        header: ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', ...(wide ? ['CONTAINERS', 'IMAGES', 'SELECTOR'] : [])],
        row: (o) => [o.name, `${running(o)}/${replicas(o)}`, String(replicas(o)), String(running(o)), age(o), ...(wide ? [...containerCells(o), selector(o)] : [])],
      }
    case 'apps/v1/ReplicaSet':
      // status.replicas counts the pods created, Pending ones too; READY those running.
      return {
        header: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE', ...(wide ? ['CONTAINERS', 'IMAGES', 'SELECTOR'] : [])],
        row: (o) => [o.name, String(replicas(o)), String(pods(o).length), String(running(o)), age(o), ...(wide ? [...containerCells(o), selector(o)] : [])],
      }
    case 'apps/v1/StatefulSet':
      return { header: ['NAME', 'READY', 'AGE', ...(wide ? ['CONTAINERS', 'IMAGES'] : [])], row: (o) => [o.name, `${running(o)}/${replicas(o)}`, age(o), ...(wide ? containerCells(o) : [])] }
    case 'apps/v1/DaemonSet': {
      // Desired: the nodes it should run on; current and up-to-date: its pods on a node; ready and available: those running.
      const desired = (o: ClusterObject): number => workloadsOf(context.design).find((w) => w.id === o.entry?.id)?.replicas ?? 0
      const scheduled = (o: ClusterObject): string => String(pods(o).filter((p) => p.node !== undefined).length)
      return {
        header: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE', ...(wide ? ['CONTAINERS', 'IMAGES', 'SELECTOR'] : [])],
        row: (o) => [
          o.name,
          String(desired(o)),
          scheduled(o),
          String(running(o)),
          scheduled(o),
          String(running(o)),
          formatLabels(get(o.object, 'spec', 'template', 'spec', 'nodeSelector')),
          age(o),
          ...(wide ? [...containerCells(o), selector(o)] : []),
        ],
      }
    }
    case 'batch/v1/Job': {
      // Pods of a Job never finish in Peerlab: none has succeeded, and the Job runs from its creation.
      const suspended = (o: ClusterObject): boolean => get(o.object, 'spec', 'suspend') === true
      const completions = (o: ClusterObject): string => {
        const wanted = get(o.object, 'spec', 'completions')
        if (typeof wanted === 'number') return `0/${wanted}`
        const parallelism = get(o.object, 'spec', 'parallelism')
        return typeof parallelism === 'number' && parallelism > 1 ? `0/1 of ${parallelism}` : '0/1'
      }
      // Without spec.selector, the Job controller selects its pods by the Job's uid.
      const jobSelector = (o: ClusterObject): string =>
        get(o.object, 'spec', 'selector') !== undefined ? selector(o) : `batch.kubernetes.io/controller-uid=${text(get(o.object, 'metadata', 'uid'), '')}`
      return {
        header: ['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE', ...(wide ? ['CONTAINERS', 'IMAGES', 'SELECTOR'] : [])],
        row: (o) => [o.name, suspended(o) ? 'Suspended' : 'Running', completions(o), suspended(o) ? '' : age(o), age(o), ...(wide ? [...containerCells(o), jobSelector(o)] : [])],
      }
    }
    case 'networking.k8s.io/v1/NetworkPolicy':
      return { header: ['NAME', 'POD-SELECTOR', 'AGE'], row: (o) => [o.name, formatLabels(get(o.object, 'spec', 'podSelector', 'matchLabels')), age(o)] }
    default:
      // Calico's API server uses the API machinery's default table: the name and the creation time.
      if (type.apiVersion.startsWith('projectcalico.org/')) return { header: ['NAME', 'CREATED AT'], row: (o) => [o.name, rfc3339(o.createdAt)] }
      return { header: ['NAME', 'AGE'], row: (o) => [o.name, age(o)] }
  }
}

function noResources(type: ResourceType, namespace: string | undefined): string {
  return type.namespaced && namespace !== undefined ? `No resources found in ${namespace} namespace.\n` : 'No resources found\n'
}

/** `kubectl get TYPE [NAME...] [-n NS | -A] [-o wide|yaml|json|name]`. */
export function kubectlGet(context: ProgramContext, args: KubectlArgs): ProgramResult {
  const [typeName, ...names] = args.positional
  if (typeName === undefined)
    return fail(
      'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples\n',
    )
  const [baseName, slashName] = typeName.split('/') as [string, string | undefined]
  const type = resolveResourceType(baseName)
  if (!type) return fail(`error: the server doesn't have a resource type "${baseName}"\n`)
  const wanted = slashName !== undefined ? [slashName, ...names] : names
  const output = args.output
  if (output !== undefined && !['wide', 'yaml', 'json', 'name'].includes(output))
    return fail(
      `error: unable to match a printer suitable for the output format "${output}", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n`,
    )
  const namespace = args.allNamespaces && wanted.length === 0 ? undefined : (args.namespace ?? 'default')
  const all = objectsOf(context, type, type.namespaced ? namespace : undefined)
  const missing = wanted.filter((name) => !all.some((o) => o.name === name))
  const objects = wanted.length > 0 ? wanted.flatMap((name) => all.filter((o) => o.name === name)) : all
  const notFound = missing.map((name) => `Error from server (NotFound): ${qualifiedPlural(type)} "${name}" not found\n`).join('')
  const exitCode = missing.length > 0 ? 1 : 0

  if (output === 'yaml' || output === 'json') {
    const single = wanted.length === 1 && objects.length === 1
    const value = single ? objects[0]?.object : { apiVersion: 'v1', items: objects.map((o) => o.object), kind: 'List', metadata: { resourceVersion: '' } }
    if (objects.length === 0 && missing.length > 0) return { stdout: '', stderr: notFound, exitCode }
    return { stdout: output === 'yaml' ? goYaml(value) : goJson(value), stderr: notFound, exitCode }
  }
  if (output === 'name') return { stdout: objects.map((o) => `${qualifiedKind(type)}/${o.name}\n`).join(''), stderr: notFound, exitCode }
  if (objects.length === 0) return { stdout: '', stderr: missing.length > 0 ? notFound : type.kind === 'Pod' ? noPodsMessage(namespace) : noResources(type, namespace), exitCode }

  const wide = output === 'wide'
  const allNamespaces = args.allNamespaces && type.namespaced
  if (type.kind === 'Pod' && type.apiVersion === 'v1') {
    const pods = objects.flatMap((o) => (o.pod ? [o.pod] : []))
    const started = new Map(objects.map((o) => [o.pod, o.createdAt]))
    return { stdout: kubectlGetPods(pods, { wide, allNamespaces, age: (pod) => humanDuration(context.now - (started.get(pod) ?? context.now)) }), stderr: notFound, exitCode }
  }
  const columns = columnsFor(context, type, wide)
  const rows = objects.map((o) => [...(allNamespaces ? [o.namespace ?? ''] : []), ...columns.row(o)])
  return { stdout: tabwrite([[...(allNamespaces ? ['NAMESPACE'] : []), ...columns.header], ...rows], KUBECTL_TABWRITER), stderr: notFound, exitCode }
}
