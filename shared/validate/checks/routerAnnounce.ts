import { entityId } from '../../model/design'
import { resourcesOf } from '../../model/query'
import type { ValidationContext } from '../context'
import { networkProblem } from './calicoValues'

/**
 * A Router's `announce` prefixes: each a masked CIDR with its length written out, as BIRD's
 * `route 10.0.0.0/24 …` and FRR's `network 10.0.0.0/24` need (BIRD refuses host bits: "Invalid
 * prefix"). One that no connected subnet covers is fine: it is static origination.
 */
export function checkRouterAnnouncements(context: ValidationContext): void {
  for (const router of resourcesOf(context.design, 'peerlab.dev/v1alpha1/Router')) {
    ;(router.spec.announce ?? []).forEach((cidr, i) => {
      const problem =
        typeof cidr !== 'string' ? 'is not a string' : !cidr.includes('/') ? `${cidr} has no prefix length (write it as a CIDR, e.g. ${cidr}/${cidr.includes(':') ? 128 : 32})` : networkProblem(cidr)
      if (problem !== undefined)
        context.report({ code: 'router.announce-invalid', message: `${router.metadata.name} spec.announce[${i}]: ${problem}`, subject: entityId(router), path: ['spec', 'announce', i] })
    })
  }
}
