import { entityId } from '../../model/design'
import { resourcesOf, segmentHolds, segmentsOf } from '../../model/query'
import { compareAddresses, comparePrefixes, formatIpAddress, parseIpAddress, parseIpPrefix, prefixContainsAddress, prefixContainsPrefix, prefixFirstAddress, type IpAddress } from '../../net'
import { poolMoveProposal } from '../poolFix'
import { nameList, overlapsOf, type PlannedRange, type RangeRole } from '../ranges'
import type { ValidationContext } from '../context'

/** Pools sit inside the pod CIDR by design; pool against pool is Calico's own rule (ippool.overlap). */
function isExpectedOverlap(a: RangeRole, b: RangeRole): boolean {
  return (a === 'IP pool' && (b === 'pod CIDR' || b === 'IP pool')) || (a === 'pod CIDR' && b === 'IP pool')
}

const SUBJECT_PRIORITY: Readonly<Record<RangeRole, number>> = { 'IP pool': 0, subnet: 1, 'service CIDR': 2, 'pod CIDR': 3 }

const WHY: Readonly<Record<string, string>> = {
  'pod CIDR|service CIDR': 'a service ClusterIP could equal a pod address, and kube-proxy would capture the pod’s traffic',
  'pod CIDR|subnet': 'pods would get addresses that hosts on that subnet already use, and routes to the subnet would be shadowed',
  'service CIDR|subnet': 'kube-proxy would capture traffic meant for hosts on that subnet',
  'IP pool|service CIDR': 'pods would get addresses that are also service ClusterIPs',
  'IP pool|subnet': 'pods would get addresses that hosts on that subnet already use',
}

function checkClusters(context: ValidationContext): void {
  const clusters = resourcesOf(context.design, 'peerlab.dev/v1alpha1/Cluster')
  clusters
    .slice(1)
    .forEach((extra) => context.report({ code: 'plan.multiple-clusters', message: `a design describes one cluster; Cluster "${extra.metadata.name}" repeats it`, subject: entityId(extra) }))
  if (clusters.length === 0 && context.design.entries.some((e) => e.modelled)) {
    context.report({
      code: 'plan.no-cluster',
      severity: 'warning',
      message: 'the design has no Cluster: without its pod and service CIDRs, pools and subnets cannot be checked against them',
      suggestion: 'add a peerlab.dev/v1alpha1 Cluster with spec.podCIDRs and spec.serviceCIDRs',
    })
  }
  // Pools report their own unparsable CIDRs (ippool.cidr-*), in Calico's words.
  for (const range of context.ranges.unparsed.filter((r) => r.role !== 'IP pool')) {
    const parsed = parseIpPrefix(range.text)
    if (parsed.ok) continue
    context.report({
      code: 'plan.invalid-cidr',
      message: `${range.role} ${parsed.message}`,
      subject: range.subject,
      path: range.path,
      ...(parsed.suggestion !== undefined ? { suggestion: parsed.suggestion } : {}),
    })
  }
}

export function checkAddressPlan(context: ValidationContext): void {
  checkClusters(context)
  const { ranges } = context.ranges
  overlapsOf(context.ranges, (group, others) => {
    const roles = byRole(group)
    // Copies of one range: each role against itself (the same list) and against the roles after it.
    if (others === undefined) roles.forEach((mine, i) => roles.slice(i).forEach((theirs) => reportOverlap(context, mine, theirs)))
    else for (const mine of roles) for (const theirs of byRole(others)) reportOverlap(context, mine, theirs)
  })
  checkPoolsInsidePodCidr(context, ranges)
  checkHostAddresses(context)
  checkHostsInClusterRanges(context, ranges)
}

const IN_RANGE_WHY: Readonly<Record<'pod CIDR' | 'service CIDR' | 'IP pool', string>> = {
  'IP pool': 'IPAM could give it to a pod, and the pool’s routes would take traffic meant for the host',
  'pod CIDR': 'the cluster treats it as a pod address: kube-proxy does not masquerade traffic to it, and a pool carved there later would hand it out',
  'service CIDR': 'kube-proxy captures traffic to service addresses, and the API server could give it to a Service as its ClusterIP',
}

/**
 * A host's or router's own address inside a pod CIDR, a pool or the service CIDR: one warning per
 * address, naming the narrowest range (a pool before the pod CIDR holding it). Pools are looked
 * up by bisection, as thousands of hosts meet thousands of pools.
 */
function checkHostsInClusterRanges(context: ValidationContext, ranges: readonly PlannedRange[]): void {
  const cluster = ranges.filter((r) => r.role === 'pod CIDR' || r.role === 'service CIDR')
  const pools = ranges.filter((r) => r.role === 'IP pool').sort((a, b) => comparePrefixes(a.prefix, b.prefix))
  if (cluster.length === 0 && pools.length === 0) return
  const poolHolding = (address: IpAddress): PlannedRange | undefined => {
    let low = 0
    let high = pools.length - 1
    let found: PlannedRange | undefined
    // The last pool starting at or before the address: pools do not overlap unless already reported.
    while (low <= high) {
      const middle = (low + high) >> 1
      const pool = pools[middle] as PlannedRange
      if (compareAddresses(prefixFirstAddress(pool.prefix), address) <= 0) {
        found = pool
        low = middle + 1
      } else high = middle - 1
    }
    return found && prefixContainsAddress(found.prefix, address) ? found : undefined
  }
  for (const host of context.hosts) {
    for (const iface of host.interfaces) {
      const parsed = parseIpAddress(iface.address)
      if (!parsed.ok) continue
      const range = poolHolding(parsed.value) ?? cluster.find((r) => prefixContainsAddress(r.prefix, parsed.value))
      if (!range || range.role === 'subnet') continue
      const what = range.pool ? `IP pool ${range.pool.metadata.name} (${range.text})` : `the ${range.role} ${range.text}`
      context.report({
        code: 'address.in-cluster-range',
        severity: 'warning',
        message: `${host.role === 'router' ? 'router' : 'node'} ${host.name} address ${iface.address} is inside ${what}: ${IN_RANGE_WHY[range.role]}`,
        subject: host.id,
        path: iface.path,
        related: [range.subject],
      })
    }
  }
}

/** A group's ranges of one role each, in design order. */
function byRole(ranges: readonly PlannedRange[]): PlannedRange[][] {
  const roles = new Map<RangeRole, PlannedRange[]>()
  for (const range of ranges) {
    const list = roles.get(range.role)
    if (list) list.push(range)
    else roles.set(range.role, [range])
  }
  return [...roles.values()]
}

/**
 * One problem for ranges of one role overlapping ranges of another (or copies of one role, when
 * both lists are the same), on the range that is easiest to change: a pool before a subnet before
 * the cluster's ranges. The message names the first of each side and counts the rest.
 */
function reportOverlap(context: ValidationContext, a: readonly PlannedRange[], b: readonly PlannedRange[]): void {
  const copies = a === b
  if ((copies && a.length < 2) || isExpectedOverlap((a[0] as PlannedRange).role, (b[0] as PlannedRange).role)) return
  const [mineList, theirsList] = copies ? [a.slice(0, 1), a.slice(1)] : [a, b].sort((x, y) => SUBJECT_PRIORITY[(x[0] as PlannedRange).role] - SUBJECT_PRIORITY[(y[0] as PlannedRange).role])
  const mine = mineList?.[0]
  const theirs = theirsList?.[0]
  if (!mine || !theirs || !mineList || !theirsList) return
  const others = [...mineList.slice(1), ...theirsList.slice(1)].map((r) => r.subject)
  const also = others.length > 0 ? ` (and so do ${nameList([...new Set(others)])})` : ''
  const why = WHY[[mine.role, theirs.role].sort().join('|')] ?? 'the same addresses would be used for two purposes'
  // Only a pool is cheap to move: the cluster's ranges are fixed at creation and a subnet holds hosts.
  const proposal = mine.pool ? poolMoveProposal(context.ranges, { id: mine.subject, name: mine.pool.metadata.name, prefix: mine.prefix }) : undefined
  context.report({
    code: 'plan.range-overlap',
    message: `${mine.role} ${mine.text} overlaps ${theirs.role} ${theirs.text}${also}: ${why}`,
    subject: mine.subject,
    related: [theirs.subject, ...others],
    path: mine.path,
    ...(proposal ? { proposal, suggestion: `move the pool to ${proposal.text}, the next free /${mine.prefix.length} of the pod CIDR` } : {}),
  })
}

function checkPoolsInsidePodCidr(context: ValidationContext, ranges: readonly PlannedRange[]): void {
  const podCidrs = ranges.filter((r) => r.role === 'pod CIDR')
  for (const pool of context.pools) {
    const prefix = pool.prefix
    if (!prefix) continue
    const sameFamily = podCidrs.filter((p) => p.prefix.family === prefix.family)
    if (sameFamily.length === 0 || sameFamily.some((p) => prefixContainsPrefix(p.prefix, prefix))) continue
    const proposal = poolMoveProposal(context.ranges, { id: pool.id, name: pool.resource.metadata.name, prefix })
    context.report({
      code: 'plan.pool-outside-pod-cidr',
      severity: 'warning',
      message: `IPPool ${pool.resource.metadata.name} (${pool.resource.spec.cidr}) is outside the cluster's pod CIDR ${sameFamily.map((p) => p.text).join(', ')}: kube-proxy (--cluster-cidr) treats traffic from these pods as coming from outside the cluster and masquerades it`,
      subject: pool.id,
      path: ['spec', 'cidr'],
      suggestion: proposal ? `move it to ${proposal.text}, the first free /${prefix.length} inside ${sameFamily[0]?.text}` : `choose a range inside ${sameFamily[0]?.text}`,
      ...(proposal ? { proposal } : {}),
    })
  }
}

function checkHostAddresses(context: ValidationContext): void {
  const owners = new Map<string, { id: string; path: readonly (string | number)[] }[]>()
  for (const host of context.hosts) {
    for (const iface of host.interfaces) {
      const parsed = parseIpAddress(iface.address)
      if (!parsed.ok) {
        context.report({ code: 'address.invalid', message: `${host.name}: ${parsed.message}`, subject: host.id, path: iface.path })
        continue
      }
      const key = formatIpAddress(parsed.value)
      const claims = owners.get(key)
      if (claims) claims.push({ id: host.id, path: iface.path })
      else owners.set(key, [{ id: host.id, path: iface.path }])
    }
  }
  for (const [address, users] of owners) {
    if (users.length < 2) continue
    const ids = [...new Set(users.map((u) => u.id))]
    const second = users.find((u) => u.id === ids[1])
    if (!second) continue
    // Reported on the second host that claims the address: the first one was there first.
    context.report({
      code: 'address.duplicate',
      message: `${address} is assigned to ${ids.length} hosts (${ids.join(', ')}): only one of them can be reached`,
      subject: second.id,
      path: second.path,
      related: ids.filter((id) => id !== second.id),
    })
  }
  for (const router of resourcesOf(context.design, 'peerlab.dev/v1alpha1/Router')) {
    router.spec.interfaces.forEach((iface, i) => {
      if (iface.segment === undefined) return
      const parsed = segmentsOf(context.design).find((s) => s.resource.metadata.name === iface.segment)
      const segment = parsed?.resource
      const subject = entityId(router)
      if (!parsed || !segment) {
        context.report({
          code: 'address.unknown-segment',
          message: `${router.metadata.name} interface ${iface.name} is on segment "${iface.segment}", which no Segment defines`,
          subject,
          path: ['spec', 'interfaces', i, 'segment'],
        })
        return
      }
      iface.addresses.forEach((address, j) => {
        if (parseIpAddress(address).ok && !segmentHolds(parsed, address))
          context.report({
            code: 'address.outside-segment',
            message: `${router.metadata.name} ${iface.name} address ${address} is not inside segment ${segment.metadata.name} (${segment.spec.cidrs.join(', ')})`,
            subject,
            path: ['spec', 'interfaces', i, 'addresses', j],
          })
      })
    })
  }
  for (const parsed of segmentsOf(context.design)) {
    const segment = parsed.resource
    segment.spec.gateways?.forEach((gateway, i) => {
      const ip = parseIpAddress(gateway)
      const subject = entityId(segment)
      if (!ip.ok) {
        context.report({ code: 'address.invalid', message: `gateway ${ip.message}`, subject, path: ['spec', 'gateways', i] })
        return
      }
      if (!segmentHolds(parsed, gateway))
        context.report({
          code: 'address.gateway-outside-segment',
          message: `gateway ${gateway} is not inside ${segment.metadata.name} (${segment.spec.cidrs.join(', ')}): hosts could not reach it`,
          subject,
          path: ['spec', 'gateways', i],
        })
    })
  }
}
