import type { Diagnostic, Severity } from '../diagnostics'
import { calicoVersionOf, type CalicoVersion } from '../model/calicoVersion'
import type { Design } from '../model/design'
import { hostsOf, resourcesOf, type Host } from '../model/query'
import { indexRanges, type RangeIndex } from './ranges'

/** What every check needs, computed once per validation run. */
export interface ValidationContext {
  readonly design: Design
  /** The Calico release whose rules apply (Cluster `spec.calicoVersion`). */
  readonly calicoVersion: CalicoVersion
  readonly pools: RangeIndex['pools']
  readonly ranges: RangeIndex
  readonly hosts: readonly Host[]
  /** Kubernetes nodes only (not routers): what IPAM and the mesh work with. */
  readonly nodes: readonly Host[]
  report(diagnostic: Omit<Diagnostic, 'severity'> & { severity?: Severity }): void
}

export function createContext(design: Design, sink: Diagnostic[]): ValidationContext {
  // File order: a later pool that overlaps an earlier one is the one reported, as Calico reports the pool being created.
  const poolResources = resourcesOf(design, 'projectcalico.org/v3/IPPool')
  const ranges = indexRanges(design, poolResources)
  const hosts = hostsOf(design)
  return {
    design,
    calicoVersion: calicoVersionOf(design),
    pools: ranges.pools,
    ranges,
    hosts,
    nodes: hosts.filter((h) => h.role !== 'router'),
    report: (diagnostic) => sink.push({ severity: 'error', ...diagnostic }),
  }
}
