import { applyCommand, type Command } from '../../commands/commands'
import { calicoVersionOf } from '../../model/calicoVersion'
import type { Design } from '../../model/design'
import { hostsOf, ipPoolsOf, resourcesOf, segmentsOf, type Host } from '../../model/query'
import { calicoctlGetIpPools, calicoctlGetIpPoolsYaml } from '../../views/calicoctlIpPools'
import { calicoctlIpamShow } from '../../views/calicoctlIpamShow'
import { calicoctlNodeStatus } from '../../views/calicoctlNodeStatus'
import { withPoolDefaults } from '../../model/ipPoolDefaults'
import type { IPPoolResource } from '../../model/resources'
import { goYaml } from '../../views/goMarshal'
import { CALICOCTL_TABWRITER, tabwrite } from '../../views/tabwriter'
import { birdSince } from '../labClock'
import { fail, ok, type Program, type ProgramContext, type ProgramResult } from '../program'
import { objectsOf } from './kubectl/clusterObjects'
import { calicoValidation } from './kubectl/admission'
import { applyOne } from './kubectl/kubectlApply'
import { parseKubectlArgs } from './kubectl/kubectlArgs'
import { readManifestDocuments, readManifestSources } from './kubectl/manifestInput'
import { resolveResourceType } from './kubectl/resourceTypes'

const CALICO = 'projectcalico.org/v3'

/** `calicoctl node status` (calico.md §3.4): it asks the local BIRD over a root-only socket. Errors go to stdout, as calicoctl prints them. */
function nodeStatus(context: ProgramContext): ProgramResult {
  // calicoctl checks for root before anything else (calicoctl/commands/node/permissions.go enforceRoot).
  if (!context.sudo) return { stdout: 'Need super user privileges: Operation not permitted\n', stderr: '', exitCode: 1 }
  const speaker = context.network.speakers.find((s) => s.id === context.host.id)
  if (!speaker || speaker.kind !== 'calico') return { stdout: 'Calico process is not running.\n', stderr: '', exitCode: 1 }
  const sessions = context.network.sessionsOf(context.host.id)
  return ok(calicoctlNodeStatus(sessions, (s) => birdSince(context.timeline.sessionSince(s) ?? context.now, context.now), calicoVersionOf(context.design)))
}

/** libcalico-go's ErrorResourceDoesNotExist over the Kubernetes datastore's NotFound. */
const notFound = (kind: string, plural: string, name: string): string => `resource does not exist: ${kind}(${name}) with error: ${plural}.crd.projectcalico.org "${name}" not found\n`

/** `calicoctl get TYPE [NAME] [-o wide|yaml]`, with calicoctl's own columns (calicoctl/commands/resourcemgr). */
function get(context: ProgramContext, args: readonly string[]): ProgramResult {
  const parsed = parseKubectlArgs(args)
  if ('error' in parsed) return fail(parsed.error)
  const [typeName, name] = parsed.positional
  const type = typeName === undefined ? undefined : typeName.toLowerCase().startsWith('node') ? resolveResourceType('nodes') : resolveResourceType(`${typeName}.projectcalico.org`)
  if (!type) return fail(`Failed to get resources: resource type '${typeName ?? ''}' is not supported\n`)
  const output = parsed.output
  if (type.kind === 'IPPool') {
    const pools = ipPoolsOf(context.design).filter((p) => name === undefined || p.metadata.name === name)
    if (name !== undefined && pools.length === 0) return fail(notFound('IPPool', 'ippools', name))
    // One named resource prints alone, a list as a <Kind>List (calicoctl/commands/common/printer.go).
    if (output === 'yaml' && name !== undefined) return ok(goYaml(withPoolDefaults(pools[0] as IPPoolResource)))
    return ok(output === 'yaml' ? calicoctlGetIpPoolsYaml(pools) : calicoctlGetIpPools(pools, output === 'wide'))
  }
  if (type.kind === 'Node') {
    const nodes = hostsOf(context.design).filter((h) => h.role !== 'router' && (name === undefined || h.name === name))
    const speakers = new Map(context.network.speakers.map((s) => [s.id, s]))
    const segments = new Map(segmentsOf(context.design).map((s) => [s.id, s]))
    // calico-node records the BGP address with its subnet's length, as autodetected from the interface.
    const withLength = (n: Host, address: string | undefined): string => {
      if (address === undefined) return ''
      const segmentId = n.interfaces.find((i) => i.address === address)?.segmentId
      const length = (segmentId !== undefined ? segments.get(segmentId)?.prefixes : undefined)?.find((p) => p.family === (address.includes(':') ? 6 : 4))?.length
      return `${address}/${length ?? (address.includes(':') ? 128 : 32)}`
    }
    // An AS number the node inherits from the global default shows in parentheses (resourcemgr/node.go).
    const asn = (n: Host): string => (n.asNumber !== undefined ? String(speakers.get(n.id)?.asNumber ?? '') : `(${speakers.get(n.id)?.asNumber ?? ''})`)
    const rows = nodes.map((n) => (output === 'wide' ? [n.name, asn(n), withLength(n, speakers.get(n.id)?.ipv4), ''] : [n.name]))
    return ok(`${tabwrite([output === 'wide' ? ['NAME', 'ASN', 'IPV4', 'IPV6'] : ['NAME'], ...rows], CALICOCTL_TABWRITER)}\n`)
  }
  const objects = objectsOf(context, type, undefined).filter((o) => name === undefined || o.name === name)
  if (name !== undefined && objects.length === 0) return fail(notFound(type.kind, type.plural, name))
  if (output === 'yaml')
    return ok(goYaml(name !== undefined ? objects[0]?.entry?.resource : { apiVersion: CALICO, items: objects.map((o) => o.entry?.resource), kind: `${type.kind}List`, metadata: {} }))
  if (type.kind === 'BGPPeer') {
    const rows = resourcesOf(context.design, 'projectcalico.org/v3/BGPPeer')
      .filter((p) => name === undefined || p.metadata.name === name)
      .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))
      .map((p) => [p.metadata.name, p.spec.peerIP ?? '', p.spec.node ?? p.spec.nodeSelector ?? '(global)', String(p.spec.asNumber ?? 0)])
    return ok(`${tabwrite([['NAME', 'PEERIP', 'NODE', 'ASN'], ...rows], CALICOCTL_TABWRITER)}\n`)
  }
  return ok(`${tabwrite([['NAME'], ...objects.map((o) => [o.name])], CALICOCTL_TABWRITER)}\n`)
}

/** calicoctl's summary line: the kind is named when every resource had the same one. */
function summary(verb: string, kinds: readonly string[]): string {
  const unique = [...new Set(kinds)]
  return unique.length === 1 ? `Successfully ${verb} ${kinds.length} '${unique[0]}' resource(s)\n` : `Successfully ${verb} ${kinds.length} resource(s)\n`
}

/**
 * `calicoctl apply|create -f FILE`: Calico's kinds only, in order, stopping at the first one
 * refused, with calicoctl's messages (calicoctl/commands/apply.go: success, partial success,
 * failure; errors as the bracketed list Go prints for an error slice).
 */
function apply(context: ProgramContext, args: readonly string[], stdin: string, verb: 'apply' | 'create'): ProgramResult {
  const parsed = parseKubectlArgs(args)
  if ('error' in parsed) return fail(parsed.error)
  const sources = readManifestSources(context, parsed.files, stdin, verb)
  if (typeof sources === 'string') return fail(sources)
  const documents: Record<string, unknown>[] = []
  for (const source of sources) {
    const read = readManifestDocuments(source)
    if (typeof read === 'string') return fail(`Failed to execute command: ${read.replace(/^error: /, '')}`)
    for (const document of read) {
      if (!document.ok) return fail(`Failed to execute command: ${document.message.replace(/^error: /, '')}`)
      if (document.value.apiVersion !== CALICO || !resolveResourceType(`${String(document.value.kind)}.projectcalico.org`)) {
        return fail(`Failed to execute command: Unknown resource type (${String(document.value.kind)}) and/or version (${String(document.value.apiVersion)})\n`)
      }
      documents.push(document.value)
    }
  }
  const kinds = documents.map((d) => String(d.kind))
  const singleKind = new Set(kinds).size === 1
  let design: Design = context.design
  const commands: Command[] = []
  let error: string | undefined
  let handled = 0
  for (const [index, value] of documents.entries()) {
    const label = sources.length === 1 ? (sources[0]?.label ?? 'STDIN') : 'STDIN'
    const name = String((value.metadata as { name?: string } | undefined)?.name ?? '')
    const outcome = applyOne(context, design, value, label, undefined)
    if ('error' in outcome) {
      error = outcome.refused ? calicoValidation(outcome.refused) : outcome.error.trimEnd().replace(/^(Error from server \([A-Za-z]+\): )?(error: )?/, '')
    } else if (verb === 'create' && context.design.entries.some((e) => e.resource.kind === kinds[index] && e.resource.metadata.name === name && e.resource.apiVersion === CALICO)) {
      error = `resource already exists: ${kinds[index]}(${name})`
    }
    if (error !== undefined) break
    handled++
    if ('command' in outcome) {
      design = applyCommand(design, outcome.command)
      commands.push(outcome.command)
    }
  }
  if (commands.length > 0) context.edit({ type: 'batch', label: `calicoctl ${verb}`, commands })
  const past = verb === 'apply' ? 'applied' : 'created'
  if (error === undefined) return ok(summary(past, kinds))
  const what = singleKind ? `'${kinds[0]}' resource` : 'resource'
  if (handled === 0) {
    const head = documents.length === 1 ? `Failed to ${verb} ${what}` : `Failed to ${verb} any ${what}s`
    return fail(`${head}: [${error}]\n`)
  }
  return { stdout: `Partial success: ${past} the first ${handled} out of ${documents.length} ${what}s:\n`, stderr: `Hit error: [${error}]\n`, exitCode: 1 }
}

/** `calicoctl delete TYPE NAME`. */
function remove(context: ProgramContext, args: readonly string[]): ProgramResult {
  const parsed = parseKubectlArgs(args)
  if ('error' in parsed) return fail(parsed.error)
  const [typeName, name] = parsed.positional
  const type = typeName === undefined ? undefined : resolveResourceType(`${typeName}.projectcalico.org`)
  if (!type || name === undefined) return fail(`Invalid option: calicoctl delete needs a Calico resource type and a name (calicoctl delete ippool NAME)\n`)
  const found = objectsOf(context, type, parsed.namespace ?? (type.namespaced ? 'default' : undefined)).find((o) => o.name === name)
  if (!found?.entry) return fail(`Failed to delete '${type.kind}' resource: ${notFound(type.kind, type.plural, name)}\n`)
  context.edit({ type: 'remove', id: found.entry.id })
  return ok(summary('deleted', [type.kind]))
}

/** calicoctl against the design: resources, `node status` on a Calico node, IPAM. */
export const calicoctl: Program = (context, args, stdin) => {
  const [verb, ...rest] = args
  if (verb === 'node' && rest[0] === 'status') return nodeStatus(context)
  if (verb === 'get') return get(context, rest)
  if (verb === 'apply' || verb === 'create') return apply(context, rest, stdin, verb)
  if (verb === 'delete') return remove(context, rest)
  if (verb === 'ipam' && rest[0] === 'show') {
    const extra = rest.slice(1).filter((a) => a !== '--show-blocks')
    if (extra.length > 0) return fail(`Invalid option: ${extra[0]}\n`)
    return ok(calicoctlIpamShow(context.network.ipam, { showBlocks: rest.includes('--show-blocks'), version: calicoVersionOf(context.design) }))
  }
  return fail(`Invalid option: calicoctl ${args.join(' ')}\nPeerlab's console supports: calicoctl get, apply, create, delete, node status, ipam show [--show-blocks].\n`)
}
