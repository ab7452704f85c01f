import type { Diagnostic, Severity } from '../diagnostics'
import type { Design, EntityId } from '../model/design'
import { entityId } from '../model/design'
import { hostsOf, ipPoolsOf, resourcesOf, type Host } from '../model/query'
import type { IPPoolResource } from '../model/resources'
import { parseIpPrefix, type IpPrefix } from '../net'

/** What every check needs, computed once per validation run. */
export interface ValidationContext {
  readonly design: Design
  readonly pools: readonly { readonly id: EntityId; readonly resource: IPPoolResource; readonly prefix?: IpPrefix }[]
  readonly hosts: readonly Host[]
  /** Kubernetes nodes only (not routers): what IPAM and the mesh work with. */
  readonly nodes: readonly Host[]
  report(diagnostic: Omit<Diagnostic, 'severity'> & { severity?: Severity }): void
}

export function createContext(design: Design, sink: Diagnostic[]): ValidationContext {
  const pools = ipPoolsOf(design).map((resource) => {
    const parsed = parseIpPrefix(resource.spec.cidr)
    return { id: entityId(resource), resource, ...(parsed.ok ? { prefix: parsed.value } : {}) }
  })
  const hosts = hostsOf(design)
  return {
    design,
    pools,
    hosts,
    nodes: hosts.filter((h) => h.role !== 'router'),
    report: (diagnostic) => sink.push({ severity: 'error', ...diagnostic }),
  }
}

export { resourcesOf }
