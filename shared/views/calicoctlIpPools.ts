import { withPoolDefaults } from '../model/ipPoolDefaults'
import type { IPPoolResource } from '../model/resources'
import { goYaml } from './goMarshal'
import { CALICOCTL_TABWRITER, tabwrite } from './tabwriter'

/** `calicoctl get ippools` (calico.md §3.2): tabwriter table, rows by name, a blank line after. */
export function calicoctlGetIpPools(pools: readonly IPPoolResource[], wide = false): string {
  const sorted = [...pools].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1)).map(withPoolDefaults)
  const header = wide ? ['NAME', 'CIDR', 'NAT', 'IPIPMODE', 'VXLANMODE', 'DISABLED', 'DISABLEBGPEXPORT', 'SELECTOR', 'ASSIGNMENTMODE'] : ['NAME', 'CIDR', 'SELECTOR']
  const rows = sorted.map(({ metadata, spec }) =>
    wide
      ? [
          metadata.name,
          spec.cidr,
          String(spec.natOutgoing),
          spec.ipipMode ?? 'Never',
          spec.vxlanMode ?? 'Never',
          String(spec.disabled ?? false),
          String(spec.disableBGPExport ?? false),
          spec.nodeSelector ?? 'all()',
          spec.assignmentMode ?? 'Automatic',
        ]
      : [metadata.name, spec.cidr, spec.nodeSelector ?? 'all()'],
  )
  return `${tabwrite([header, ...rows], CALICOCTL_TABWRITER)}\n`
}

/**
 * `calicoctl get ippools -o yaml`: an IPPoolList with defaults filled in and keys in alphabetical
 * order, as Go's YAML marshalling writes them. Server-set metadata (uid, resourceVersion,
 * creationTimestamp) is left out: a design has none.
 */
export function calicoctlGetIpPoolsYaml(pools: readonly IPPoolResource[]): string {
  const items = [...pools].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1)).map(withPoolDefaults)
  return goYaml({ apiVersion: 'projectcalico.org/v3', items, kind: 'IPPoolList', metadata: {} })
}
