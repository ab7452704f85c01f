import type { Diagnostic, ProposedEdit } from '../diagnostics'
import type { Design, EntityId } from '../model/design'
import { entityLabel } from '../model/entityLabel'
import { hostsOf, segmentsOf, type ParsedSegment } from '../model/query'
import { formatIpAddress, formatIpPrefix, parseIpAddress, parseIpPrefix, prefixContainsAddress, prefixFromAddress, type IpPrefix } from '../net'
import { freeRangeFor } from './freeRange'
import { proposeAddress } from './freeAddress'

/** The field an edit was typed in: what a refusal of it can propose instead. */
export interface TypedEdit {
  readonly id: EntityId
  readonly field: string
  readonly text: string
}

const splitList = (text: string): string[] =>
  text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')

/** The typed list with one item replaced, as the field would be typed. */
const replacing = (text: string, from: string, to: string): string =>
  splitList(text)
    .map((item) => (item === from ? to : item))
    .join(', ')

const RANGE_FIELDS: Readonly<Record<string, { readonly prefix: string; readonly field: string; readonly role: 'subnet' | 'IP pool' }>> = {
  segment: { prefix: 'segment/', field: 'cidrs', role: 'subnet' },
  ippool: { prefix: 'ippool/', field: 'cidr', role: 'IP pool' },
}

function rangeFieldOf(edit: TypedEdit): (typeof RANGE_FIELDS)[string] | undefined {
  return Object.values(RANGE_FIELDS).find((r) => edit.id.startsWith(r.prefix) && r.field === edit.field)
}

/** An overlap with another range: the next free range of the size typed. */
function overlapProposal(before: Design, edit: TypedEdit, problem: Diagnostic): Diagnostic | undefined {
  const range = rangeFieldOf(edit)
  if (!range || (problem.subject !== edit.id && !(problem.related ?? []).includes(edit.id))) return undefined
  for (const typed of splitList(edit.text)) {
    const parsed = parseIpPrefix(typed)
    if (!parsed.ok || !problem.message.includes(formatIpPrefix(parsed.value))) continue
    const free = freeRangeFor(before, edit.id, range.role, parsed.value)
    if (!free) return undefined
    const text = formatIpPrefix(free)
    return withProposal(problem, `${text} is the next free /${free.length}`, { label: `Use ${text}`, subject: edit.id, field: edit.field, text: replacing(edit.text, typed, text) })
  }
  return undefined
}

/** A range with host bits set: the prefix it was meant to be, as Calico's own suggestion has it. */
function maskProposal(edit: TypedEdit, problem: Diagnostic): Diagnostic | undefined {
  const range = rangeFieldOf(edit)
  if (!range || problem.suggestion === undefined || !parseIpPrefix(problem.suggestion).ok) return undefined
  const typed = splitList(edit.text).find((t) => {
    const parsed = parseIpPrefix(t)
    return !parsed.ok && parsed.suggestion === problem.suggestion
  })
  if (typed === undefined) return undefined
  return { ...problem, proposal: { label: `Use ${problem.suggestion}`, subject: edit.id, field: edit.field, text: replacing(edit.text, typed, problem.suggestion) } }
}

function segmentOfHost(design: Design, id: EntityId, address?: string): ParsedSegment | undefined {
  const segments = segmentsOf(design)
  if (id.startsWith('segment/')) return segments.find((s) => s.id === id)
  const ip = address !== undefined ? parseIpAddress(address) : undefined
  if (ip?.ok) {
    const holding = segments.find((s) => s.prefixes.some((p) => prefixContainsAddress(p, ip.value)))
    if (holding) return holding
  }
  const onSegment = hostsOf(design)
    .find((h) => h.id === id)
    ?.interfaces.find((i) => i.segmentId !== undefined)
  return segments.find((s) => s.id === onSegment?.segmentId)
}

/** `10.0.1.300`: the address with the bad part trimmed (`10.0.1.30`) when that one is free there. */
function nearAddresses(text: string): string[] {
  const parts = text.split('.')
  if (parts.length !== 4) return []
  return parts.flatMap((part, i) => {
    if (/^\d+$/.test(part) && Number(part) <= 255 && !(part.length > 1 && part.startsWith('0'))) return []
    const trimmed = [part.slice(0, -1), part.slice(1)]
    return trimmed.map((t) => parts.map((p, j) => (j === i ? t : p)).join('.'))
  })
}

function usedAddresses(design: Design): Set<string> {
  return new Set([...segmentsOf(design).flatMap((s) => s.resource.spec.gateways ?? []), ...hostsOf(design).flatMap((h) => h.interfaces.map((i) => i.address))])
}

/** A host address that is not one, or is taken, or lies outside its segment: an address that works there. */
function addressProposal(before: Design, edit: TypedEdit, problem: Diagnostic): Diagnostic | undefined {
  if (edit.field !== 'addresses' && edit.field !== 'gateways') return undefined
  const typed = splitList(edit.text)
  const bad = typed.find((t) => !parseIpAddress(t).ok) ?? typed.find((t) => problem.message.includes(t))
  if (bad === undefined) return undefined
  const segment = segmentOfHost(before, edit.id, bad)
  const used = usedAddresses(before)
  const ownNow =
    hostsOf(before)
      .find((h) => h.id === edit.id)
      ?.interfaces.map((i) => i.address) ?? []
  const near = nearAddresses(bad).find((candidate) => {
    const ip = parseIpAddress(candidate)
    return ip.ok && (!used.has(candidate) || ownNow.includes(candidate)) && (!segment || segment.prefixes.some((p) => prefixContainsAddress(p, ip.value)))
  })
  const free = near ?? (segment && edit.field === 'addresses' ? proposeAddress(before, segment.id) : undefined)
  if (free === undefined) return undefined
  const why = near !== undefined ? `did you mean ${free}?` : `${free} is the first free address of ${entityLabel(before, segment?.id ?? '')}`
  return withProposal(problem, why, { label: `Use ${free}`, subject: edit.id, field: edit.field, text: replacing(edit.text, bad, free) })
}

/** A gateway typed outside its segment: the segment's CIDR is what moves, with its hosts. */
function gatewayProposal(before: Design, edit: TypedEdit, problem: Diagnostic): Diagnostic | undefined {
  if (edit.field !== 'gateways' || !edit.id.startsWith('segment/')) return undefined
  const segment = segmentsOf(before).find((s) => s.id === edit.id)
  const gateway = splitList(edit.text)
    .map((t) => parseIpAddress(t))
    .find((ip) => ip.ok && !segment?.prefixes.some((p) => prefixContainsAddress(p, ip.value)))
  if (!segment || !gateway?.ok) return undefined
  const current = segment.prefixes.find((p) => p.family === gateway.value.family)
  if (!current) return undefined
  const target: IpPrefix = prefixFromAddress(gateway.value, current.length)
  const text = segment.resource.spec.cidrs.map((c) => (c === formatIpPrefix(current) ? formatIpPrefix(target) : c)).join(', ')
  const name = segment.resource.metadata.name
  return {
    ...problem,
    message: `gateway ${formatIpAddress(gateway.value)} lies outside ${formatIpPrefix(current)}; change the segment's CIDR to renumber it and its hosts together`,
    suggestion: `renumber ${name} to ${formatIpPrefix(target)}: its gateway and hosts keep their offsets`,
    proposal: { label: `Renumber ${name} to ${formatIpPrefix(target)}`, subject: edit.id, field: 'cidrs', text },
  }
}

function withProposal(problem: Diagnostic, suggestion: string, proposal: ProposedEdit): Diagnostic {
  return { ...problem, suggestion, proposal }
}

const PROPOSERS: Readonly<Record<string, (before: Design, edit: TypedEdit, problem: Diagnostic) => Diagnostic | undefined>> = {
  'ippool.overlap': overlapProposal,
  'plan.range-overlap': overlapProposal,
  'ippool.cidr-not-masked': (_, edit, problem) => maskProposal(edit, problem),
  'plan.invalid-cidr': (_, edit, problem) => maskProposal(edit, problem),
  'address.invalid': addressProposal,
  'address.duplicate': addressProposal,
  'address.outside-segment': addressProposal,
  'address.gateway-outside-segment': gatewayProposal,
}

/**
 * A refused edit's problem with the edit that works, where there is one: the next free range for
 * one that overlaps, the masked prefix, a free address for a wrong or taken one, the segment's
 * renumbering for a gateway typed outside it. Problems that already carry a proposal keep it.
 */
export function proposeFix(before: Design, edit: TypedEdit, problem: Diagnostic): Diagnostic {
  if (problem.proposal) return problem
  return PROPOSERS[problem.code]?.(before, edit, problem) ?? problem
}
