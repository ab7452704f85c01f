import { entityId } from '../../model/design'
import { poolBlockSize, poolNodeSelector } from '../../model/ipPoolDefaults'
import { resourcesOf } from '../../model/query'
import type { IPPoolResource } from '../../model/resources'
import { BUILT_IN_NAMESPACES, workloadsOf, type Workload } from '../../model/workloads'
import { IP_ADDRS_ANNOTATION, IPV4_POOLS_ANNOTATION, IPV6_POOLS_ANNOTATION, parseAnnotationList, resolvePoolRequest } from '../../ipam/poolAnnotations'
import { countSubprefixes, parseIpAddress, prefixContainsAddress, prefixSize } from '../../net'
import { parseSelector } from '../../selector'
import type { ValidationContext } from '../context'
import { nameList } from '../ranges'

type Family = 4 | 6

/** The pools a workload's pods draw from for one family, or undefined when the annotations are broken (reported). */
function requestedPools(context: ValidationContext, workload: Workload, namespaceAnnotations: Readonly<Record<string, string>>, family: Family): IPPoolResource[] | 'default' | undefined {
  const annotation = family === 4 ? IPV4_POOLS_ANNOTATION : IPV6_POOLS_ANNOTATION
  // A pod's annotation replaces its namespace's (calico.md §2.2).
  const fromPod = workload.annotations[annotation]
  const value = fromPod ?? namespaceAnnotations[annotation]
  if (value === undefined) return 'default'
  // A broken namespace annotation is reported once, on the namespace, by checkNamespaceAnnotations.
  const report = fromPod !== undefined
  const path = workload.kind !== 'Pod' ? ['spec', 'template', 'metadata', 'annotations', annotation] : ['metadata', 'annotations', annotation]
  const resolved = resolveAnnotation(
    context.pools.map((p) => p.resource),
    annotation,
    value,
  )
  if (!resolved.ok) {
    if (report)
      context.report({
        code: 'workload.pool-annotation',
        message: `pods of ${workload.kind} ${workload.namespace}/${workload.name} cannot start: ${resolved.message}`,
        subject: workload.id,
        path,
        ...poolChoice(context),
      })
    return undefined
  }
  return [...resolved.pools]
}

function resolveAnnotation(pools: readonly IPPoolResource[], annotation: string, value: string): { ok: true; pools: readonly IPPoolResource[] } | { ok: false; message: string } {
  const list = parseAnnotationList(annotation, value)
  return list.ok ? resolvePoolRequest(list.values, pools) : list
}

/** What a broken pool annotation could name instead: the enabled pools, by name. */
function poolChoice(context: ValidationContext): { suggestion?: string } {
  const enabled = context.pools.filter((p) => p.resource.spec.disabled !== true).map((p) => `"${p.resource.metadata.name}"`)
  return enabled.length > 0 ? { suggestion: `name an enabled pool: ${enabled.join(', ')}` } : { suggestion: 'add the IPPool it names, or remove the annotation' }
}

/** A namespace whose pool annotation is broken makes every pod in it fail, now or later. */
function checkNamespaceAnnotations(context: ValidationContext): void {
  const pools = context.pools.map((p) => p.resource)
  for (const namespace of resourcesOf(context.design, 'v1/Namespace')) {
    for (const annotation of [IPV4_POOLS_ANNOTATION, IPV6_POOLS_ANNOTATION]) {
      const value = namespace.metadata.annotations?.[annotation]
      if (value === undefined) continue
      const resolved = resolveAnnotation(pools, annotation, value)
      if (!resolved.ok) {
        context.report({
          code: 'workload.pool-annotation',
          message: `pods in namespace ${namespace.metadata.name} cannot start: ${resolved.message}`,
          subject: entityId(namespace),
          path: ['metadata', 'annotations', annotation],
          ...poolChoice(context),
        })
      }
    }
  }
}

function poolFamily(pool: IPPoolResource): Family {
  return pool.spec.cidr.includes(':') ? 6 : 4
}

/** Pools Calico would choose from without annotations: enabled, automatic, for workloads. */
function defaultPools(context: ValidationContext, family: Family): IPPoolResource[] {
  return context.pools
    .map((p) => p.resource)
    .filter((p) => poolFamily(p) === family && !p.spec.disabled && p.spec.assignmentMode !== 'Manual' && (p.spec.allowedUses ?? ['Workload']).includes('Workload'))
}

export function checkWorkloads(context: ValidationContext): void {
  const namespaces = new Map(resourcesOf(context.design, 'v1/Namespace').map((n) => [n.metadata.name, n.metadata.annotations ?? {}]))
  const nodes = context.nodes
  const demand = new Map<string, { pools: IPPoolResource[]; pods: number; who: string[]; ids: string[] }>()
  const families: Family[] = (resourcesOf(context.design, 'peerlab.dev/v1alpha1/Cluster')[0]?.spec.ipFamilies ?? ['IPv4']).map((f) => (f === 'IPv6' ? 6 : 4))

  for (const workload of workloadsOf(context.design)) {
    if (!namespaces.has(workload.namespace) && !BUILT_IN_NAMESPACES.includes(workload.namespace)) {
      context.report({
        code: 'workload.unknown-namespace',
        message: `namespaces "${workload.namespace}" not found: ${workload.kind} ${workload.name} cannot be created`,
        subject: workload.id,
        path: ['metadata', 'namespace'],
      })
    }
    const specPath = workload.kind !== 'Pod' ? ['spec', 'template', 'spec'] : ['spec']
    const { nodeName, nodeSelector } = workload.podSpec
    if (nodeName !== undefined && nodes.length > 0 && !nodes.some((n) => n.name === nodeName)) {
      context.report({
        code: 'workload.unknown-node',
        message: `${workload.kind} ${workload.name} is pinned to node "${nodeName}", which is not in the design: its pods would never run`,
        subject: workload.id,
        path: [...specPath, 'nodeName'],
      })
    }
    if (nodeSelector !== undefined && nodes.length > 0 && !nodes.some((n) => Object.entries(nodeSelector).every(([k, v]) => n.labels[k] === v))) {
      context.report({
        code: 'workload.no-matching-node',
        severity: 'warning',
        message: `no node matches the nodeSelector of ${workload.kind} ${workload.name}: its pods would stay Pending`,
        subject: workload.id,
        path: [...specPath, 'nodeSelector'],
      })
    }
    checkIpAddrs(context, workload)
    if (workload.replicas === 0 || workload.podSpec.hostNetwork === true) continue
    for (const family of families) {
      const requested = requestedPools(context, workload, namespaces.get(workload.namespace) ?? {}, family)
      if (requested === undefined) continue
      const pools = requested === 'default' ? defaultPools(context, family) : requested.filter((p) => poolFamily(p) === family)
      const key = pools
        .map((p) => p.metadata.name)
        .sort()
        .join(',')
      const entry = demand.get(key) ?? { pools, pods: 0, who: [], ids: [] }
      entry.pods += workload.replicas
      entry.ids.push(workload.id)
      entry.who.push(`${workload.kind} ${workload.namespace}/${workload.name}${workload.replicas > 1 ? ` ×${workload.replicas}` : ''}`)
      demand.set(key, entry)
    }
  }
  for (const { pools, pods, who, ids } of demand.values()) {
    const capacity = pools.reduce((sum, p) => {
      const prefix = context.pools.find((c) => c.resource === p)?.prefix
      return sum + (prefix ? prefixSize(prefix) : 0n)
    }, 0n)
    if (BigInt(pods) <= capacity) continue
    const names = pools.map((p) => p.metadata.name)
    context.report({
      code: 'plan.pool-too-small',
      message:
        names.length === 0
          ? `${pods} pods need addresses but no enabled IP pool serves them (${nameList(who)})`
          : `IP pool${names.length > 1 ? 's' : ''} ${names.join(', ')} ha${names.length > 1 ? 've' : 's'} ${capacity} addresses but ${pods} pods draw from ${names.length > 1 ? 'them' : 'it'} (${nameList(who)})`,
      subject: pools[0] ? entityId(pools[0]) : (ids[0] ?? ''),
      suggestion: 'enlarge the pool, add a pool, or lower the replica counts',
    })
  }
  checkNamespaceAnnotations(context)
  checkBlocksPerNode(context)
}

function checkIpAddrs(context: ValidationContext, workload: Workload): void {
  const value = workload.annotations[IP_ADDRS_ANNOTATION]
  if (value === undefined) return
  const path = workload.kind !== 'Pod' ? ['spec', 'template', 'metadata', 'annotations', IP_ADDRS_ANNOTATION] : ['metadata', 'annotations', IP_ADDRS_ANNOTATION]
  const list = parseAnnotationList(IP_ADDRS_ANNOTATION, value)
  if (!list.ok) {
    context.report({ code: 'workload.ip-addrs', message: list.message, subject: workload.id, path })
    return
  }
  if (workload.replicas > 1) {
    context.report({
      code: 'workload.ip-addrs',
      message: `${workload.kind} ${workload.name} has ${workload.replicas} replicas but fixed addresses: every replica after the first fails with "Address already assigned in block"`,
      subject: workload.id,
      path,
    })
  }
  for (const text of list.values) {
    const ip = parseIpAddress(text)
    const inPool = ip.ok && context.pools.some((p) => !p.resource.spec.disabled && p.prefix !== undefined && prefixContainsAddress(p.prefix, ip.value))
    if (!ip.ok) context.report({ code: 'workload.ip-addrs', message: `${IP_ADDRS_ANNOTATION}: ${ip.message}`, subject: workload.id, path })
    else if (!inPool) context.report({ code: 'workload.ip-addrs', message: `${text}: The provided IP address is not in a configured pool`, subject: workload.id, path })
  }
}

/** A pool with fewer blocks than the nodes it serves makes the extra nodes borrow single addresses. */
function checkBlocksPerNode(context: ValidationContext): void {
  for (const { id, resource, prefix } of context.pools) {
    if (!prefix || resource.spec.disabled || context.nodes.length === 0) continue
    const blockSize = poolBlockSize(resource.spec)
    // An impossible block size is ippool.block-size's to report; counting blocks of it would throw.
    if (blockSize < prefix.length || blockSize > (prefix.family === 6 ? 128 : 32)) continue
    const selector = parseSelector(poolNodeSelector(resource.spec))
    if (!selector.ok) continue
    const served = context.nodes.filter((n) => selector.selector.matches(n.labels)).length
    const blocks = countSubprefixes(prefix, blockSize)
    if (blocks >= BigInt(served)) continue
    context.report({
      code: 'plan.fewer-blocks-than-nodes',
      severity: 'warning',
      message: `IPPool ${resource.metadata.name} has ${blocks} /${blockSize} block${blocks === 1n ? '' : 's'} for ${served} nodes: the nodes without a block borrow addresses from other nodes' blocks, and every borrowed pod adds a /32 route`,
      subject: id,
      path: ['spec', 'blockSize'],
      suggestion: `a blockSize of ${Math.min(prefix.family === 6 ? 128 : 32, prefix.length + Math.ceil(Math.log2(Math.max(served, 1))))} gives every node a block`,
    })
  }
}
