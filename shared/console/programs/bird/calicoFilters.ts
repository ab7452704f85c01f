import type { CalicoBirdInputs, CalicoBirdSession } from '../../../export/birdConfig'
import { formatIpPrefix, prefixContainsPrefix, type IpPrefix } from '../../../net'
import { filterVerdict } from '../../../routing/prefixFilter'

/**
 * The filters of the bird.cfg Peerlab writes for a Calico node (shared/export/birdConfig.ts
 * calicoNodeBirdConfig), evaluated as BIRD runs them on a net: the first rule that decides wins.
 */

const equal = (a: IpPrefix, b: IpPrefix): boolean => a.network === b.network && a.length === b.length

/** `calico_aggr()`: an own block itself is accepted, anything inside one rejected, anything else falls through. */
function calicoAggr(inputs: CalicoBirdInputs, net: IpPrefix): 'accept' | 'reject' | undefined {
  for (const block of inputs.blocks) {
    if (equal(block.prefix, net)) return 'accept'
    if (prefixContainsPrefix(block.prefix, net)) return 'reject'
  }
  return undefined
}

/**
 * A BGP protocol's export filter: `calico_export_to_bgp_peers` (pools with disableBGPExport,
 * calico_aggr, advertised service ranges, then any pool that exports), or, when BGPFilters on
 * the peer have export rules, the inline filter: those rules, calico_aggr, the pools, reject.
 */
export function bgpExportAccepts(inputs: CalicoBirdInputs, session: CalicoBirdSession, net: IpPrefix): boolean {
  if (session.exportRules.length > 0) {
    const verdict = filterVerdict(session.exportRules, net) ?? calicoAggr(inputs, net)
    return verdict !== undefined ? verdict === 'accept' : inputs.exportPools.some((p) => prefixContainsPrefix(p.prefix, net))
  }
  if (inputs.pools.some((p) => p.resource.spec.disableBGPExport === true && prefixContainsPrefix(p.prefix, net))) return false
  const aggregated = calicoAggr(inputs, net)
  if (aggregated !== undefined) return aggregated === 'accept'
  if (inputs.services.includes(formatIpPrefix(net))) return true
  return inputs.exportPools.some((p) => prefixContainsPrefix(p.prefix, net))
}

/** `calico_kernel_programming`: service ranges and VXLAN pools are not BIRD's to install; everything else is. */
export function kernelExportAccepts(inputs: CalicoBirdInputs, servicePrefixes: readonly IpPrefix[], net: IpPrefix): boolean {
  if (servicePrefixes.some((s) => prefixContainsPrefix(s, net))) return false
  const pool = inputs.pools.find((p) => prefixContainsPrefix(p.prefix, net))
  return !(pool?.vxlanEnabled ?? false)
}
