import type { IPPoolResource } from './resources'

type PoolSpec = IPPoolResource['spec']

/** Calico's default block size when a pool leaves it out: /26 for IPv4, /122 for IPv6 (calico.md §1.1). */
export function poolBlockSize(spec: PoolSpec): number {
  return spec.blockSize ?? (spec.cidr.includes(':') ? 122 : 26)
}

/** An omitted or empty nodeSelector means every node, which Calico writes back as all(). */
export function poolNodeSelector(spec: PoolSpec): string {
  return spec.nodeSelector === undefined || spec.nodeSelector === '' ? 'all()' : spec.nodeSelector
}

/** An IPPool as Calico's client returns it: every default filled in (calico.md §1.1). */
export function withPoolDefaults(pool: IPPoolResource): IPPoolResource {
  return {
    ...pool,
    spec: {
      ...pool.spec,
      allowedUses: pool.spec.allowedUses && pool.spec.allowedUses.length > 0 ? pool.spec.allowedUses : ['Workload', 'Tunnel'],
      assignmentMode: pool.spec.assignmentMode ?? 'Automatic',
      blockSize: poolBlockSize(pool.spec),
      ipipMode: pool.spec.ipipMode ?? 'Never',
      natOutgoing: pool.spec.natOutgoing ?? false,
      nodeSelector: poolNodeSelector(pool.spec),
      vxlanMode: pool.spec.vxlanMode ?? 'Never',
    },
  }
}
