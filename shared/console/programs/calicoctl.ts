import { applyCommand, type Command } from '../../commands/commands'
import type { Design } from '../../model/design'
import { hostsOf, ipPoolsOf, resourcesOf, segmentsOf, type Host } from '../../model/query'
import { calicoctlGetIpPools, calicoctlGetIpPoolsYaml } from '../../views/calicoctlIpPools'
import { calicoctlIpamShow } from '../../views/calicoctlIpamShow'
import { calicoctlNodeStatus } from '../../views/calicoctlNodeStatus'
import { goYaml } from '../../views/goMarshal'
import { CALICOCTL_TABWRITER, tabwrite } from '../../views/tabwriter'
import { birdSince } from '../labClock'
import { fail, ok, type Program, type ProgramContext, type ProgramResult } from '../program'
import { objectsOf } from './kubectl/clusterObjects'
import { applyOne } from './kubectl/kubectlApply'
import { parseKubectlArgs } from './kubectl/kubectlArgs'
import { readManifestDocuments, readManifestSources } from './kubectl/manifestInput'
import { resolveResourceType } from './kubectl/resourceTypes'

const CALICO = 'projectcalico.org/v3'

/** `calicoctl node status` (calico.md §3.4): it asks the local BIRD over a root-only socket. */
function nodeStatus(context: ProgramContext): ProgramResult {
  const speaker = context.network.speakers.find((s) => s.id === context.host.id)
  if (!speaker || speaker.kind !== 'calico') return fail('Calico process is not running.\n', 1)
  if (!context.sudo) return { stdout: 'Calico process is running.\n\n', stderr: 'Error executing command: unable to connect to BIRDv4 socket: dial unix /var/run/calico/bird.ctl: connect: permission denied\n', exitCode: 1 }
  const sessions = context.network.sessions.filter((s) => s.speaker === context.host.id)
  return ok(calicoctlNodeStatus(sessions, (s) => birdSince(context.timeline.sessionSince(s) ?? context.now, context.now)))
}

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
    if (name !== undefined && pools.length === 0) return fail(`Failed to get resources: resource does not exist: IPPool(${name}) with error: <nil>\n`)
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
    const rows = nodes.map((n) => (output === 'wide' ? [n.name, String(speakers.get(n.id)?.asNumber ?? ''), withLength(n, speakers.get(n.id)?.ipv4), ''] : [n.name]))
    return ok(`${tabwrite([output === 'wide' ? ['NAME', 'ASN', 'IPV4', 'IPV6'] : ['NAME'], ...rows], CALICOCTL_TABWRITER)}\n`)
  }
  const objects = objectsOf(context, type, undefined).filter((o) => name === undefined || o.name === name)
  if (name !== undefined && objects.length === 0) return fail(`Failed to get resources: resource does not exist: ${type.kind}(${name}) with error: <nil>\n`)
  if (output === 'yaml') return ok(goYaml({ apiVersion: CALICO, items: objects.map((o) => o.entry?.resource), kind: `${type.kind}List`, metadata: {} }))
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

/** `calicoctl apply|create -f FILE`: Calico's kinds only, each refused the way the API would refuse it. */
function apply(context: ProgramContext, args: readonly string[], stdin: string, verb: 'apply' | 'create'): ProgramResult {
  const parsed = parseKubectlArgs(args)
  if ('error' in parsed) return fail(parsed.error)
  const sources = readManifestSources(context, parsed.files, stdin, verb)
  if (typeof sources === 'string') return fail(sources)
  let design: Design = context.design
  const commands: Command[] = []
  const kinds: string[] = []
  for (const source of sources) {
    const documents = readManifestDocuments(source)
    if (typeof documents === 'string') return fail(`Failed to execute command: ${documents.replace(/^error: /, '')}`)
    for (const document of documents) {
      if (!document.ok) return fail(`Failed to execute command: ${document.message.replace(/^error: /, '')}`)
      const kind = String(document.value.kind)
      if (document.value.apiVersion !== CALICO) return fail(`Failed to execute command: error with the following fields:\n-  apiVersion = '${String(document.value.apiVersion)}' (Reason: calicoctl handles ${CALICO} resources only; use kubectl for ${kind})\n`)
      const outcome = applyOne(context, design, document.value, source.label, undefined)
      if ('error' in outcome) return fail(`Failed to ${verb} '${kind}' resource: ${outcome.error.replace(/^(Error from server \([A-Za-z]+\): )?(error: )?/, '')}`)
      if (verb === 'create' && outcome.line.endsWith(' unchanged\n')) return fail(`Failed to create '${kind}' resource: resource already exists: ${kind}(${String((document.value.metadata as { name?: string } | undefined)?.name ?? '')})\n`)
      kinds.push(kind)
      if ('command' in outcome) {
        design = applyCommand(design, outcome.command)
        commands.push(outcome.command)
      }
    }
  }
  if (commands.length > 0) context.edit({ type: 'batch', label: `calicoctl ${verb}`, commands })
  return ok(summary(verb === 'apply' ? 'applied' : 'created', kinds))
}

/** `calicoctl delete TYPE NAME`. */
function remove(context: ProgramContext, args: readonly string[]): ProgramResult {
  const parsed = parseKubectlArgs(args)
  if ('error' in parsed) return fail(parsed.error)
  const [typeName, name] = parsed.positional
  const type = typeName === undefined ? undefined : resolveResourceType(`${typeName}.projectcalico.org`)
  if (!type || name === undefined) return fail(`Invalid option: calicoctl delete needs a Calico resource type and a name (calicoctl delete ippool NAME)\n`)
  const found = objectsOf(context, type, parsed.namespace ?? (type.namespaced ? 'default' : undefined)).find((o) => o.name === name)
  if (!found?.entry) return fail(`Failed to delete '${type.kind}' resource: resource does not exist: ${type.kind}(${name}) with error: <nil>\n`)
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
    return ok(calicoctlIpamShow(context.network.ipam, { showBlocks: rest.includes('--show-blocks') }))
  }
  return fail(`Invalid option: calicoctl ${args.join(' ')}\nPeerlab's console supports: calicoctl get, apply, create, delete, node status, ipam show [--show-blocks].\n`)
}
