import { entityId } from '../../model/design'
import { resourcesOf } from '../../model/query'
import { parseRfc3339 } from '../../util/rfc3339'
import type { ValidationContext } from '../context'

/** The console's clock (Cluster spec.clock) must be readable, and the cluster up before the lab starts. */
export function checkLabClock(context: ValidationContext): void {
  for (const cluster of resourcesOf(context.design, 'peerlab.dev/v1alpha1/Cluster')) {
    const clock = cluster.spec.clock
    if (!clock) continue
    const subject = entityId(cluster)
    const times: Partial<Record<'start' | 'bootedAt', number>> = {}
    for (const field of ['start', 'bootedAt'] as const) {
      const text = clock[field]
      if (text === undefined) continue
      const parsed = parseRfc3339(text)
      if (parsed === undefined)
        context.report({ code: 'plan.clock-time', message: `clock.${field} "${text}" is not an RFC 3339 time (e.g. 2024-05-14T20:35:04Z)`, subject, path: ['spec', 'clock', field] })
      else times[field] = parsed
    }
    if (times.start !== undefined && times.bootedAt !== undefined && times.bootedAt > times.start) {
      context.report({
        code: 'plan.clock-order',
        severity: 'warning',
        message: 'clock.bootedAt is after clock.start: the console starts the cluster at clock.start instead',
        subject,
        path: ['spec', 'clock', 'bootedAt'],
      })
    }
  }
}
