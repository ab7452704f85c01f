import type { Diagnostic } from '../../../diagnostics'
import type { Design, EntityId } from '../../../model/design'
import { validateDesign } from '../../../validate/validateDesign'

/**
 * Which of the engine's errors the API server itself refuses on create or update: Kubernetes'
 * name rules and Calico's resource validators (libcalico-go's IPPool, BGPPeer, BGPConfiguration
 * and IPAMConfiguration checks, IPPool overlap in clientv3's ippool.go). Every other finding
 * (an unreachable peer, a pool too small) is a design problem that the cluster accepts.
 */
function refusedByApiServer(diagnostic: Diagnostic): boolean {
  if (diagnostic.severity !== 'error') return false
  if (diagnostic.code.startsWith('ippool.')) return true
  return ['name.invalid', 'bgp.peer-node-and-selector', 'bgp.peer-selector-with-ip', 'bgp.peer-ip-invalid', 'bgp.invalid-selector', 'bgp.config-name', 'bgp.config-non-default-field', 'bgp.rr-cluster-id', 'ipam.config-name', 'ipam.config-max-blocks'].includes(diagnostic.code)
}

const key = (d: Diagnostic): string => `${d.code} ${d.subject ?? ''} ${d.message}`

/** The reasons the API server would refuse `id` in `after`, ignoring what was already wrong in `before`. */
export function admissionErrors(before: Design, after: Design, id: EntityId): string[] {
  const known = new Set(validateDesign(before).filter(refusedByApiServer).map(key))
  return validateDesign(after)
    .filter((d) => d.subject === id && refusedByApiServer(d) && !known.has(key(d)))
    .map((d) => d.message)
}
