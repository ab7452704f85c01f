import { BGP_CONFIGURATION_REFUSALS } from './checks/bgpConfiguration'
import { BGP_FILTER_REFUSALS } from './checks/bgpFilter'
import { BGP_PEER_REFUSALS } from './checks/bgpPeer'
import { CALICO_NODE_REFUSALS } from './checks/calicoNode'
import { CALICO_VERSION_FIELD_REFUSALS } from './checks/calicoVersionFields'
import { IPAM_CONFIGURATION_REFUSALS } from './checks/ipamConfig'

/**
 * The codes of checks that mirror a refusal by Calico's API (its validator, its client, its
 * decoder or its CRDs) for the BGP kinds, Calico Nodes and IPAMConfiguration: with one of these
 * errors, `calicoctl apply` and `kubectl apply` refuse the resource. Their other checks (a range
 * BIRD refuses, what only `calicoctl ipam configure` refuses) are about resources Calico accepts.
 */
export const CALICO_REFUSALS: ReadonlySet<string> = new Set([
  ...BGP_FILTER_REFUSALS,
  ...BGP_PEER_REFUSALS,
  ...BGP_CONFIGURATION_REFUSALS,
  ...CALICO_NODE_REFUSALS,
  ...IPAM_CONFIGURATION_REFUSALS,
  ...CALICO_VERSION_FIELD_REFUSALS,
])
