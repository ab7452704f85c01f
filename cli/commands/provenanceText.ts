import type { MissingPrefix } from '../../shared/explain/routeAbsence'
import type { RouteProvenance } from '../../shared/explain/routeProvenance'

/** Steps and stops sit under the line they explain, as `ip route` indents a multipath route's next hops. */
const INDENT = '  '

/** A route as `ip route` prints it, then each step of its way on a line, then the paths that lost and the step each lost on. */
export function provenanceText(provenance: RouteProvenance): string {
  const steps = provenance.steps.map((s) => `${INDENT}${s.text}\n`).join('')
  const losers = provenance.losers.map((l) => `${INDENT}${INDENT}${l.text}; lost on: ${l.lostOn}${l.notMerged !== undefined ? `; ${l.notMerged}` : ''}\n`).join('')
  return `${provenance.route.text}\n${steps}${losers !== '' ? `${INDENT}paths that lost:\n${losers}` : ''}`
}

/** A prefix the host lacks, with where it comes from, then every place it stops, most decisive first. */
export function missingText(missing: MissingPrefix): string {
  return `${missing.cidr}: ${missing.origin}\n${missing.stops.map((s) => `${INDENT}${s.text}\n`).join('')}`
}
