import type { Design } from '../model/design'
import { poolBlockSize } from '../model/ipPoolDefaults'
import { clusterOf, hostsOf, ipPoolsOf, resourcesOf } from '../model/query'

export interface AddressPlanRow {
  readonly cidr: string
  readonly purpose: string
}

/**
 * The ranges an architect plans, in the order the lab handout lists them: the pod network, the
 * pools carved out of it, the service network, then the subnets hosts live on.
 */
export function addressPlanOf(design: Design): AddressPlanRow[] {
  const cluster = clusterOf(design)?.spec
  return [
    ...(cluster?.podCIDRs ?? []).map((cidr) => ({ cidr, purpose: 'Kubernetes pod network' })),
    ...ipPoolsOf(design).map((pool) => {
      const blockSize = poolBlockSize(pool.spec)
      return { cidr: pool.spec.cidr, purpose: `Calico IPPool ${pool.metadata.name} (/${blockSize} blocks${pool.spec.disabled ? ', disabled' : ''})` }
    }),
    ...(cluster?.serviceCIDRs ?? []).map((cidr) => ({ cidr, purpose: 'Kubernetes service network' })),
    ...resourcesOf(design, 'peerlab.dev/v1alpha1/Segment').flatMap((s) => s.spec.cidrs.map((cidr) => ({ cidr, purpose: `Subnet ${s.metadata.name}` }))),
  ]
}

/** Counts for a one-line summary of a design. */
export function designSummary(design: Design): { hosts: number; subnets: number; ipPools: number } {
  return { hosts: hostsOf(design).length, subnets: resourcesOf(design, 'peerlab.dev/v1alpha1/Segment').length, ipPools: ipPoolsOf(design).length }
}
