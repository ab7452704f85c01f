import type { Diagnostic } from '../diagnostics'
import type { Design } from '../model/design'
import { hostsOf, ipFamiliesOf, ipPoolsOf, resourcesOf, type Host } from '../model/query'
import { workloadsOf } from '../model/workloads'
import { formatIpPrefix } from '../net'
import { autoAssign, assignSpecific, BlockStore, type AssignResult, type IpamSettings } from './autoAssign'
import { addressOf, freeCount, type AllocationKind } from './blocks'
import { ipamPools, selectsNode, type IpamPool } from './ipamPools'
import { IP_ADDRS_ANNOTATION, IPV4_POOLS_ANNOTATION, IPV6_POOLS_ANNOTATION, parseAnnotationList, resolvePoolRequest } from './poolAnnotations'
import { replicaName } from './podNames'
import { Scheduler } from './scheduler'

export type PodPhase = 'Running' | 'Pending' | 'ContainerCreating'

/** One pod as the cluster would run it. */
export interface PodState {
  readonly namespace: string
  readonly name: string
  readonly workloadId: string
  readonly labels: Readonly<Record<string, string>>
  /** Kubernetes node name, when scheduled. */
  readonly node?: string
  readonly ips: readonly string[]
  readonly phase: PodPhase
  /** Why the pod is not Running (scheduler or CNI message). */
  readonly message?: string
}

export interface BlockState {
  readonly cidr: string
  readonly name: string
  readonly pool: string
  readonly affinity?: string
  readonly size: number
  readonly inUse: number
  /** In ordinal order; `borrowed` when used on a node other than the block's (calico.md §2.8: a /32 route). */
  readonly allocations: readonly { readonly address: string; readonly kind: AllocationKind; readonly node: string; readonly borrowed: boolean; readonly pod?: string }[]
}

export interface TunnelAddress {
  readonly node: string
  readonly kind: 'ipipTunnelAddress' | 'vxlanTunnelAddress'
  readonly address: string
}

export interface IpamResult {
  readonly pools: readonly IpamPool[]
  /** Every block, in Calico's datastore order (block name). */
  readonly blocks: readonly BlockState[]
  readonly tunnels: readonly TunnelAddress[]
  readonly pods: readonly PodState[]
  readonly diagnostics: readonly Diagnostic[]
}

function settingsOf(design: Design): IpamSettings {
  const spec = resourcesOf(design, 'projectcalico.org/v3/IPAMConfiguration').find((c) => c.metadata.name === 'default')?.spec
  return { strictAffinity: spec?.strictAffinity ?? false, autoAllocateBlocks: spec?.autoAllocateBlocks ?? true, maxBlocksPerHost: spec?.maxBlocksPerHost ?? 0 }
}

/** Pools a pod may use for one family (calico.md §2.2): requested by annotation, else the default choice. */
function podPools(pools: readonly IpamPool[], family: 4 | 6, node: Host, podAnnotations: Readonly<Record<string, string>>, namespaceAnnotations: Readonly<Record<string, string>>): IpamPool[] | string {
  const annotation = family === 4 ? IPV4_POOLS_ANNOTATION : IPV6_POOLS_ANNOTATION
  const requested = podAnnotations[annotation] ?? namespaceAnnotations[annotation]
  const ofFamily = pools.filter((p) => p.prefix.family === family)
  if (requested !== undefined) {
    const list = parseAnnotationList(annotation, requested)
    if (!list.ok) return list.message
    const resolved = resolvePoolRequest(list.values, ofFamily.map((p) => p.resource))
    if (!resolved.ok) return resolved.message
    // Requested pools are used whatever their nodeSelector says (§2.2 step 2).
    return resolved.pools.flatMap((r) => ofFamily.filter((p) => p.resource === r))
  }
  const candidates = ofFamily.filter((p) => p.enabled && !p.manual && selectsNode(p, node.labels))
  if (candidates.length === 0) return `no configured Calico pools for node ${node.name}`
  const forWorkloads = candidates.filter((p) => p.uses.includes('Workload'))
  return forWorkloads.length > 0 ? forWorkloads : 'cannot find a qualified ippool, no pools match the required use (Workload)'
}

/**
 * What Calico IPAM hands out for a design, in a fixed, documented order:
 *  1. every node starts, in design order, and claims its tunnel addresses (IPIP, then VXLAN) from
 *     the encapsulated pools that select it, before any pod, as calico-node does at start-up;
 *  2. pods are created workload by workload in design order, replica by replica, each placed by
 *     the scheduler and given one address per cluster IP family.
 * Deterministic: block choice comes from Calico's seeded generator, never from a clock.
 */
export function computeIpam(design: Design): IpamResult {
  const pools = ipamPools(ipPoolsOf(design))
  const settings = settingsOf(design)
  const nodes = hostsOf(design).filter((h) => h.role !== 'router')
  const store = new BlockStore()
  const tunnels: TunnelAddress[] = []
  const diagnostics: Diagnostic[] = []
  const families: (4 | 6)[] = ipFamiliesOf(design).map((f) => (f === 'IPv6' ? 6 : 4))

  for (const node of nodes) {
    for (const [kind, enabled] of [['ipipTunnelAddress', (p: IpamPool) => p.ipipEnabled], ['vxlanTunnelAddress', (p: IpamPool) => p.vxlanEnabled]] as const) {
      const tunnelPools = pools.filter((p) => p.prefix.family === 4 && p.enabled && enabled(p) && p.uses.includes('Tunnel') && selectsNode(p, node.labels))
      if (tunnelPools.length === 0) continue
      const result = autoAssign(store, node.name, tunnelPools, settings, { kind, node: node.name })
      if (result.ok) tunnels.push({ node: node.name, kind, address: result.address })
      else diagnostics.push({ code: 'ipam.tunnel-address', severity: 'error', message: `${node.name} gets no ${kind}: ${result.message}`, subject: node.id })
    }
  }

  const namespaces = new Map(resourcesOf(design, 'v1/Namespace').map((n) => [n.metadata.name, n.metadata.annotations ?? {}]))
  const k8sNodes = new Map(resourcesOf(design, 'v1/Node').map((n) => [n.metadata.name, n]))
  const scheduler = new Scheduler(nodes, (node) => k8sNodes.get(node.name)?.spec?.taints ?? [])
  const pods: PodState[] = []

  for (const workload of workloadsOf(design)) {
    for (let replica = 0; replica < workload.replicas; replica++) {
      const name = workload.kind === 'Deployment' ? replicaName(workload.namespace, workload.name, replica) : workload.name
      const base = { namespace: workload.namespace, name, workloadId: workload.id, labels: workload.labels }
      const placement = scheduler.place(workload.podSpec)
      if (!placement.ok) {
        pods.push({ ...base, ips: [], phase: 'Pending', message: placement.message })
        continue
      }
      const node = placement.node
      const allocation = { kind: 'pod' as const, node: node.name, pod: { namespace: workload.namespace, name } }
      if (workload.podSpec.hostNetwork === true) {
        pods.push({ ...base, node: node.name, ips: node.interfaces.map((i) => i.address).slice(0, 1), phase: 'Running' })
        continue
      }
      const ips: string[] = []
      const failures: string[] = []
      const fixed = workload.annotations[IP_ADDRS_ANNOTATION]
      if (fixed !== undefined) {
        const list = parseAnnotationList(IP_ADDRS_ANNOTATION, fixed)
        const results: AssignResult[] = list.ok ? list.values.map((ip) => assignSpecific(store, node.name, ip, pools, settings, allocation)) : [{ ok: false, message: list.message }]
        for (const r of results) {
          if (r.ok) ips.push(r.address)
          else failures.push(r.message)
        }
      } else {
        for (const family of families) {
          const chosen = podPools(pools, family, node, workload.annotations, namespaces.get(workload.namespace) ?? {})
          const result: AssignResult = typeof chosen === 'string' ? { ok: false, message: chosen } : autoAssign(store, node.name, chosen, settings, allocation)
          if (result.ok) ips.push(result.address)
          else failures.push(`failed to request IPv${family} addresses: Assigned 0 out of 1 requested IPv${family} addresses; ${result.message}`)
        }
      }
      if (failures.length > 0) {
        pods.push({ ...base, node: node.name, ips, phase: 'ContainerCreating', message: failures.join('; ') })
        diagnostics.push({ code: 'ipam.pod-address', severity: 'error', message: `pod ${workload.namespace}/${name} on ${node.name} gets no address: ${failures.join('; ')}`, subject: workload.id })
      } else pods.push({ ...base, node: node.name, ips, phase: 'Running' })
    }
  }

  const blocks = [...store.byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  return {
    pools,
    blocks: blocks.map((b): BlockState => ({
      cidr: formatIpPrefix(b.prefix),
      name: b.name,
      pool: b.poolName,
      size: b.size,
      inUse: b.size - freeCount(b),
      ...(b.affinity !== undefined ? { affinity: b.affinity } : {}),
      allocations: [...b.allocations].sort(([x], [y]) => x - y).map(([ordinal, a]) => ({
        address: addressOf(b, ordinal),
        kind: a.kind,
        node: a.node,
        borrowed: a.node !== b.affinity,
        ...(a.pod ? { pod: `${a.pod.namespace}/${a.pod.name}` } : {}),
      })),
    })),
    tunnels,
    pods,
    diagnostics,
  }
}
