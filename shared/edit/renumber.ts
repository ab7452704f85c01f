import { applyCommand, type Command } from '../commands/commands'
import type { Diagnostic } from '../diagnostics'
import type { Design, DesignEntry, EntityId, OpaqueResource } from '../model/design'
import { entityLabel } from '../model/entityLabel'
import { displayName, hostsOf } from '../model/query'
import { formatIpPrefix, parseIpPrefix, prefixFromAddress, type IpPrefix } from '../net'
import type { FieldPath } from '../schema/checkFields'
import { nameList } from '../validate/ranges'
import { holdsInPlace, moveMentions, type Mention, type RangeMove } from './addressMap'
import { nextFreeFrom, rangesInTheWay } from './freeRange'

export type RenumberResult = { readonly ok: true; readonly command: Command; readonly moved: number } | { readonly ok: false; readonly problem: Diagnostic }

/** What is being renumbered: one range of one resource, and how it is written there. */
interface Renumbering {
  readonly subject: EntityId
  readonly role: 'subnet' | 'IP pool'
  /** The inspector field the range is typed in, and the text that field takes for a given range. */
  readonly field: string
  readonly fieldText: (to: IpPrefix) => string
  /** The resource with its range set to `to`, before the mentions in it are moved. */
  readonly withRange: (to: IpPrefix) => OpaqueResource
  /** Where the range itself is written in the resource: not a mention to move. */
  readonly rangePath: FieldPath
  /** Kinds whose ranges are planned on their own and never follow another's. */
  readonly untouched: (entry: DesignEntry) => boolean
}

interface Found {
  readonly entry: DesignEntry
  readonly resource: OpaqueResource
  readonly mentions: readonly Mention[]
}

const startsWith = (path: FieldPath, prefix: FieldPath): boolean => prefix.every((step, i) => path[i] === step)

function findMentions(design: Design, job: Renumbering, move: RangeMove, to: IpPrefix): Found[] {
  return design.entries.flatMap((entry): Found[] => {
    const own = entry.id === job.subject
    if (!own && job.untouched(entry)) return []
    const start = own ? job.withRange(to) : (entry.resource as OpaqueResource)
    const { value, mentions } = moveMentions(start, move, (path) => own && startsWith(path, job.rangePath))
    return own || mentions.length > 0 ? [{ entry, resource: value, mentions }] : []
  })
}

/**
 * Who a mention is, as a person names it: the host whose address it is (`worker2 (10.0.1.31)`),
 * whatever resource writes it (a router's neighbor names the node it peers with), or the
 * segment's own `gateway 10.0.1.1`.
 */
function mentionLabel(design: Design, job: Renumbering, found: Found, mention: Mention, owners: ReadonlyMap<string, string>): string {
  const owner = owners.get(mention.text)
  if (owner !== undefined) return `${owner} (${mention.text})`
  if (found.entry.id === job.subject) return `${String(mention.path.at(-2) ?? mention.path[0]).replace(/s$/, '')} ${mention.text}`
  const label = entityLabel(design, found.entry.id)
  // Kinds entityLabel has no word for are named as kubectl names them: Pod external-ns/pinned.
  const { kind, metadata } = found.entry.resource
  const name = label === found.entry.id ? `${kind} ${metadata.namespace !== undefined ? `${metadata.namespace}/` : ''}${metadata.name}` : label
  return `${name} (${mention.text})`
}

/** The shortest prefix at `to`'s start that holds every mention at its offset. */
function smallestHolding(mentions: readonly Mention[], to: IpPrefix, reserveEnds: boolean): IpPrefix {
  const bits = to.family === 4 ? 32 : 128
  let needed = 1n
  for (const m of mentions) {
    if (m.whole) continue
    const end = m.offset + m.span + (m.host && reserveEnds && to.family === 4 ? 1n : 0n)
    if (end > needed) needed = end
  }
  const hostBits = (needed - 1n).toString(2).length - (needed === 1n ? 1 : 0)
  const length = Math.max(0, Math.min(to.length, bits - hostBits))
  return prefixFromAddress(to.family === 4 ? { family: 4, value: to.network } : { family: 6, value: to.network }, length)
}

function refuse(design: Design, job: Renumbering, from: IpPrefix, to: IpPrefix, found: readonly Found[]): Diagnostic {
  const owners = new Map(hostsOf(design).flatMap((h) => h.interfaces.map((i) => [i.address, displayName(h)] as const)))
  const misfits = [...new Set(found.flatMap((f) => f.mentions.filter((m) => m.moved === undefined).map((m) => mentionLabel(design, job, f, m, owners))))]
  const all = found.flatMap((f) => f.mentions)
  const holding = smallestHolding(all, to, job.role === 'subnet')
  const taken = rangesInTheWay(design, job.subject, job.role).map((r) => r.prefix)
  const proposed = nextFreeFrom(holding, taken)
  const verb = misfits.length === 1 ? 'does' : 'do'
  const what = job.role === 'subnet' ? 'keeping their offsets' : 'keeping their offsets in the pool'
  const message = `${formatIpPrefix(to)} is too small to renumber ${formatIpPrefix(from)} into, ${what}: ${nameList(misfits)} ${verb} not fit`
  const subjectName = entityLabel(design, job.subject)
  return {
    code: 'edit.renumber-does-not-fit',
    severity: 'error',
    message,
    subject: job.subject,
    path: job.rangePath,
    ...(proposed
      ? {
          suggestion: `${formatIpPrefix(proposed)} is the smallest range there that holds them all`,
          proposal: { label: `Renumber ${subjectName} to ${formatIpPrefix(proposed)}`, subject: job.subject, field: job.field, text: job.fieldText(proposed) },
        }
      : {}),
  }
}

/**
 * Moves a range and everything in it, as one undo step: each address keeps its offset from the
 * range's start, and each mention of the range itself (a filter rule, a namespace annotation
 * naming the pool by CIDR) becomes the new range. When the new range already holds every address
 * where it is (a subnet widened or narrowed around its hosts), the addresses stay.
 */
function renumber(design: Design, job: Renumbering, from: IpPrefix, to: IpPrefix): RenumberResult {
  const moving: RangeMove = { from, to, inPlace: false, reserveEnds: job.role === 'subnet' }
  let found = findMentions(design, job, moving, to)
  const inPlace = holdsInPlace(
    found.flatMap((f) => f.mentions),
    from,
    to,
  )
  if (inPlace) found = findMentions(design, job, { ...moving, inPlace: true }, to)
  else if (found.some((f) => f.mentions.some((m) => m.moved === undefined))) return { ok: false, problem: refuse(design, job, from, to, found) }
  const changed = found.filter((f) => f.resource !== f.entry.resource)
  const moved = found.reduce((n, f) => n + f.mentions.filter((m) => m.moved !== m.text).length, 0)
  const commands: Command[] = changed.map((f) => ({ type: 'apply', resource: f.resource }))
  const label = `Renumber ${entityLabel(design, job.subject)} ${formatIpPrefix(from)} → ${formatIpPrefix(to)}${moved > 0 ? ` (${moved} address${moved === 1 ? '' : 'es'})` : ''}`
  return { ok: true, command: { type: 'batch', label, commands }, moved }
}

const isKind = (entry: DesignEntry, apiVersion: string, kind: string): boolean => entry.resource.apiVersion === apiVersion && entry.resource.kind === kind

/** The ranges a segment owns and the Layout never follow a renumbering; nor does the cluster's plan. */
const plannedElsewhere = (entry: DesignEntry): boolean =>
  isKind(entry, 'peerlab.dev/v1alpha1', 'Segment') ||
  isKind(entry, 'peerlab.dev/v1alpha1', 'Layout') ||
  isKind(entry, 'peerlab.dev/v1alpha1', 'Cluster') ||
  isKind(entry, 'projectcalico.org/v3', 'IPPool')

function parsedAll(texts: readonly string[]): IpPrefix[] | undefined {
  const parsed = texts.map((t) => parseIpPrefix(t.trim()))
  return parsed.every((p) => p.ok) ? parsed.map((p) => (p as { ok: true; value: IpPrefix }).value) : undefined
}

/**
 * A segment's new CIDRs, with its gateway and every address on it renumbered; undefined when the
 * edit is no renumbering (a CIDR added or removed, one that does not parse: the plain edit and the
 * validator deal with those).
 */
export function renumberSegment(design: Design, segmentId: EntityId, cidrs: readonly string[]): RenumberResult | undefined {
  const entry = design.entries.find((e) => e.id === segmentId)
  const resource = entry?.resource as { spec?: { cidrs?: unknown } } | undefined
  const old = Array.isArray(resource?.spec?.cidrs) ? parsedAll(resource.spec.cidrs as string[]) : undefined
  const wanted = parsedAll(cidrs)
  if (!entry || !old || !wanted || old.length !== wanted.length) return undefined
  const pairs = old.map((from, i) => ({ from, to: wanted[i] as IpPrefix, i })).filter(({ from, to }) => from.family === to.family && formatIpPrefix(from) !== formatIpPrefix(to))
  if (pairs.length === 0 || pairs.length !== old.filter((from, i) => formatIpPrefix(from) !== formatIpPrefix(wanted[i] as IpPrefix)).length) return undefined
  let current = design
  const commands: Command[] = []
  const labels: string[] = []
  let moved = 0
  for (const { from, to, i } of pairs) {
    const own = current.entries.find((e) => e.id === segmentId)?.resource as OpaqueResource & { spec: { cidrs: string[] } }
    const job: Renumbering = {
      subject: segmentId,
      role: 'subnet',
      field: 'cidrs',
      fieldText: (range) => cidrs.map((c, j) => (j === i ? formatIpPrefix(range) : c.trim())).join(', '),
      withRange: (range) => ({ ...own, spec: { ...own.spec, cidrs: own.spec.cidrs.map((c, j) => (j === i ? formatIpPrefix(range) : c)) } }),
      rangePath: ['spec', 'cidrs'],
      untouched: plannedElsewhere,
    }
    const result = renumber(current, job, from, to)
    if (!result.ok) return result
    commands.push(result.command)
    labels.push(result.command.type === 'batch' ? result.command.label : '')
    moved += result.moved
    current = applyCommand(current, result.command)
  }
  return { ok: true, command: commands.length === 1 ? (commands[0] as Command) : { type: 'batch', label: labels.join('; '), commands }, moved }
}

/**
 * An IP pool's new CIDR: its blocks and pods are worked out again by IPAM, and what the design
 * writes of the old range follows (pods' fixed `ipAddrs`, filter rules and namespace annotations
 * naming the pool's CIDR). Undefined when the edit is no renumbering.
 */
export function renumberPool(design: Design, poolId: EntityId, cidr: string): RenumberResult | undefined {
  const entry = design.entries.find((e) => e.id === poolId)
  const own = entry?.resource as (OpaqueResource & { spec: { cidr: string } }) | undefined
  const from = typeof own?.spec?.cidr === 'string' ? parseIpPrefix(own.spec.cidr) : undefined
  const to = parseIpPrefix(cidr.trim())
  if (!own || !from?.ok || !to.ok || from.value.family !== to.value.family || formatIpPrefix(from.value) === formatIpPrefix(to.value)) return undefined
  const job: Renumbering = {
    subject: poolId,
    role: 'IP pool',
    field: 'cidr',
    fieldText: formatIpPrefix,
    withRange: (range) => ({ ...own, spec: { ...own.spec, cidr: formatIpPrefix(range) } }),
    rangePath: ['spec', 'cidr'],
    // The cluster's pod CIDR and the subnets are planned on their own; a pool's range never drags them along.
    untouched: plannedElsewhere,
  }
  return renumber(design, job, from.value, to.value)
}
