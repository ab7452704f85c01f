import type { OpaqueResource } from '../../../model/design'
import { fail, ok, type ProgramContext, type ProgramResult } from '../../program'
import { objectsOf } from './clusterObjects'
import type { KubectlArgs } from './kubectlArgs'
import { qualifiedKind, qualifiedPlural, resolveResourceType } from './resourceTypes'

/** The kinds kubectl scales through their scale subresource, of those Peerlab models. */
const SCALABLE = ['apps/v1/Deployment', 'apps/v1/ReplicaSet', 'apps/v1/StatefulSet']

/** `kubectl scale deployment|replicaset|statefulset NAME --replicas=N` (or `TYPE/NAME`): changes its replica count. */
export function kubectlScale(context: ProgramContext, args: KubectlArgs): ProgramResult {
  if (args.replicas === undefined) return fail('error: required flag(s) "replicas" not set\n')
  const replicas = Number(args.replicas)
  if (!Number.isInteger(replicas) || replicas < 0) return fail(`error: invalid argument "${args.replicas}" for "--replicas" flag: strconv.ParseInt: parsing "${args.replicas}": invalid syntax\n`)
  const [first, second] = args.positional
  if (first === undefined) return fail('error: You must provide one or more resources by argument or filename.\n')
  const [typeName, name] = first.includes('/') ? (first.split('/') as [string, string]) : [first, second]
  const type = resolveResourceType(typeName)
  if (!type) return fail(`error: the server doesn't have a resource type "${typeName}"\n`)
  if (!SCALABLE.includes(`${type.apiVersion}/${type.kind}`)) return fail(`error: no scaler has been implemented for {"${type.apiVersion.split('/')[0]}" "${type.kind}"}\n`)
  if (name === undefined) return fail('error: resource(s) were provided, but no name was specified\n')
  const found = objectsOf(context, type, args.namespace ?? 'default').find((o) => o.name === name)
  if (!found?.entry) return fail(`Error from server (NotFound): ${qualifiedPlural(type)} "${name}" not found\n`)
  const resource = found.entry.resource as OpaqueResource & { spec?: Record<string, unknown> }
  context.edit({ type: 'apply', resource: { ...resource, spec: { ...resource.spec, replicas } } })
  return ok(`${qualifiedKind(type)}/${name} scaled\n`)
}
