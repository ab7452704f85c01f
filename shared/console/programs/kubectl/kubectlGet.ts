import { clusterOf } from '../../../model/query'
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
  switch (`${type.apiVersion}/${type.kind}`) {
    case 'v1/Node': {
      const version = clusterOf(context.design)?.spec.kubernetesVersion
      const roles = (o: ClusterObject): string => {
        const list = Object.keys((get(o.object, 'metadata', 'labels') ?? {}) as object).flatMap((l) => (l.startsWith('node-role.kubernetes.io/') ? [l.slice('node-role.kubernetes.io/'.length)] : []))
        return list.length > 0 ? list.sort().join(',') : '<none>'
      }
      const internalIp = (o: ClusterObject): string => text(((get(o.object, 'status', 'addresses') ?? []) as { type: string; address: string }[]).find((a) => a.type === 'InternalIP')?.address, '<none>')
      return {
        header: ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION', ...(wide ? ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'] : [])],
        row: (o) => [o.name, 'Ready', roles(o), age(o), text(get(o.object, 'status', 'nodeInfo', 'kubeletVersion') ?? version), ...(wide ? [internalIp(o), '<none>', text(get(o.object, 'status', 'nodeInfo', 'osImage')), text(get(o.object, 'status', 'nodeInfo', 'kernelVersion')), text(get(o.object, 'status', 'nodeInfo', 'containerRuntimeVersion'))] : [])],
      }
    }
    case 'v1/Namespace':
      return { header: ['NAME', 'STATUS', 'AGE'], row: (o) => [o.name, 'Active', age(o)] }
    case 'apps/v1/Deployment': {
      const running = (o: ClusterObject): number => context.network.ipam.pods.filter((p) => p.workloadId === o.entry?.id && p.phase === 'Running').length
      const replicas = (o: ClusterObject): number => Number(get(o.object, 'spec', 'replicas') ?? 1)
      const containers = (o: ClusterObject): { name: string; image?: string }[] => (get(o.object, 'spec', 'template', 'spec', 'containers') ?? []) as { name: string; image?: string }[]
      return {
        header: ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', ...(wide ? ['CONTAINERS', 'IMAGES', 'SELECTOR'] : [])],
        row: (o) => [o.name, `${running(o)}/${replicas(o)}`, String(replicas(o)), String(running(o)), age(o), ...(wide ? [containers(o).map((c) => c.name).join(','), containers(o).map((c) => c.image ?? '').join(','), formatLabels(get(o.object, 'spec', 'selector', 'matchLabels'))] : [])],
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
  if (typeName === undefined) return fail('You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples\n')
  const [baseName, slashName] = typeName.split('/') as [string, string | undefined]
  const type = resolveResourceType(baseName)
  if (!type) return fail(`error: the server doesn't have a resource type "${baseName}"\n`)
  const wanted = slashName !== undefined ? [slashName, ...names] : names
  const output = args.output
  if (output !== undefined && !['wide', 'yaml', 'json', 'name'].includes(output)) return fail(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n`)
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
