import type { RouteProvenance } from '../../shared/explain/routeProvenance'
import type { Naming } from '../../shared/explain/wording'
import { formatIpPrefix } from '../../shared/net'
import type { KernelRoute, KernelRouteKind } from '../../shared/routing/kernelRoutes'

/** A route's provenance in `--json`: hosts by the names people use, absent values as null. */
export interface ProvenanceJson {
  readonly summary: string
  readonly steps: readonly string[]
  readonly losers: readonly { readonly text: string; readonly lostOn: string; readonly notMerged: string | null; readonly from: string | null }[]
  /** The hosts the route crossed, its originator first and this host last. */
  readonly path: readonly string[]
}

/** One kernel route in `--json` (docs/cli.md): the fields `ip route` prints, parsed, and the text itself. */
export interface RouteJson {
  readonly destination: string
  readonly family: 4 | 6
  readonly kind: KernelRouteKind
  readonly nextHops: readonly { readonly via: string | null; readonly dev: string | null }[]
  readonly proto: string | null
  readonly scope: 'link' | null
  readonly metric: number | null
  readonly text: string
  readonly why?: ProvenanceJson
}

export function provenanceJson(naming: Naming, provenance: RouteProvenance): ProvenanceJson {
  return {
    summary: provenance.summary,
    steps: provenance.steps.map((s) => s.text),
    losers: provenance.losers.map((l) => ({ text: l.text, lostOn: l.lostOn, notMerged: l.notMerged ?? null, from: l.from !== undefined ? naming.name(l.from) : null })),
    path: provenance.path.hosts.map((h) => naming.name(h)),
  }
}

export function routeJson(route: KernelRoute, why?: ProvenanceJson): RouteJson {
  return {
    destination: route.destination === 'default' ? 'default' : formatIpPrefix(route.destination),
    family: route.family,
    kind: route.kind,
    nextHops: route.nextHops.map((h) => ({ via: h.via ?? null, dev: h.dev ?? null })),
    proto: route.proto ?? null,
    scope: route.scope ?? null,
    metric: route.metric ?? null,
    text: route.text,
    ...(why !== undefined ? { why } : {}),
  }
}
