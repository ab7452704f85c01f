import type { StopKind } from '../../shared/explain/routeAbsence'
import type { WhyAnswer } from '../../shared/explain/whyAnswer'
import type { Naming } from '../../shared/explain/wording'
import { missingText, provenanceText } from './provenanceText'
import { provenanceJson, routeJson, type RouteJson } from './routeJson'

/** `peerlab why --json` (docs/cli.md). */
export interface WhyJson {
  readonly host: string
  readonly name: string
  readonly query: string
  readonly queryKind: 'prefix' | 'address'
  readonly routed: boolean
  readonly summary: string
  readonly routeGet: string | null
  readonly routes: readonly RouteJson[]
  readonly missing: readonly { readonly cidr: string; readonly origin: string; readonly stops: readonly { readonly kind: StopKind; readonly neighbor: string | null; readonly text: string }[] }[]
  readonly notes: readonly string[]
}

export function whyJson(naming: Naming, answer: WhyAnswer): WhyJson {
  const host = naming.host(answer.host)
  return {
    host: naming.name(answer.host),
    name: host?.name ?? naming.name(answer.host),
    query: answer.query,
    queryKind: answer.queryKind === 'address' ? 'address' : 'prefix',
    routed: answer.routed,
    summary: answer.summary,
    routeGet: answer.routeGet ?? null,
    routes: answer.routes.map((p) => routeJson(p.route, provenanceJson(naming, p))),
    missing: answer.missing.map((m) => ({
      cidr: m.cidr,
      origin: m.origin,
      stops: m.stops.map((s) => ({ kind: s.kind, neighbor: s.neighbor !== undefined ? naming.name(s.neighbor) : null, text: s.text })),
    })),
    notes: answer.notes,
  }
}

/**
 * A route the host has: its provenance, and nothing else to say. No route: what the host does
 * with the address instead (`ip route get`, as the lab's console prints it), the one-line answer,
 * then what it does have inside the prefix, each prefix it lacks with every stop, and the notes.
 */
export function whyText(naming: Naming, answer: WhyAnswer): string {
  const routes = answer.routes.map(provenanceText).join('')
  const missing = answer.missing.map(missingText).join('')
  if (answer.routed) return `${routes}${missing}`
  const lookup = answer.routeGet !== undefined ? `ubuntu@${naming.name(answer.host)}:~$ sudo ip route get ${answer.query}\n${answer.routeGet}` : ''
  // The summary quotes the first note when nothing else explains the absence.
  const notes = answer.notes
    .filter((n) => !answer.summary.includes(n))
    .map((n) => `${n}\n`)
    .join('')
  return `${lookup}${answer.summary}\n${routes}${missing}${notes}`
}
