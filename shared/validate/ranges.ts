import type { EntityId } from '../model/design'
import { clusterOf, resourcesOf } from '../model/query'
import type { Design } from '../model/design'
import { entityId } from '../model/design'
import { findOverlapGroups, parseIpPrefix, type IpPrefix, type OverlapGroups } from '../net'
import type { IPPoolResource } from '../model/resources'

export type RangeRole = 'pod CIDR' | 'service CIDR' | 'subnet' | 'IP pool'

/** One planned address range: where it comes from and what it is for. */
export interface PlannedRange {
  readonly role: RangeRole
  readonly subject: EntityId
  readonly text: string
  /** Where the range is written in its resource. */
  readonly path: readonly (string | number)[]
  readonly prefix: IpPrefix
  /** The pool, for ranges that are IP pools. */
  readonly pool: IPPoolResource | undefined
}

export interface UnparsedRange {
  readonly role: RangeRole
  readonly subject: EntityId
  readonly text: string
  readonly path: readonly (string | number)[]
  readonly pool: IPPoolResource | undefined
}

/** Every range of the plan, parsed once, and every overlap found in one sweep. */
export interface RangeIndex {
  readonly ranges: readonly PlannedRange[]
  readonly unparsed: readonly UnparsedRange[]
  /** Overlaps by position in `ranges`, identical ranges grouped (see `overlapsOf`). */
  readonly overlaps: OverlapGroups
  /** For the i-th pool passed in: its id and parsed prefix (undefined when it does not parse). */
  readonly pools: readonly { readonly id: EntityId; readonly resource: IPPoolResource; readonly prefix: IpPrefix | undefined }[]
}

export function indexRanges(design: Design, pools: readonly IPPoolResource[]): RangeIndex {
  const ranges: PlannedRange[] = []
  const unparsed: UnparsedRange[] = []
  const add = (role: RangeRole, subject: EntityId, text: string, path: readonly (string | number)[], pool?: IPPoolResource): IpPrefix | undefined => {
    const parsed = parseIpPrefix(text)
    // One object literal shape for every range keeps V8's property access monomorphic at 100,000 ranges.
    if (parsed.ok) ranges.push({ role, subject, text, path, prefix: parsed.value, pool })
    else unparsed.push({ role, subject, text, path, pool })
    return parsed.ok ? parsed.value : undefined
  }
  const cluster = clusterOf(design)
  if (cluster) {
    const id = entityId(cluster)
    cluster.spec.podCIDRs?.forEach((cidr, i) => add('pod CIDR', id, cidr, ['spec', 'podCIDRs', i]))
    cluster.spec.serviceCIDRs?.forEach((cidr, i) => add('service CIDR', id, cidr, ['spec', 'serviceCIDRs', i]))
  }
  // Plain loops: this runs once per subnet and pool, up to 100,000 times.
  for (const segment of resourcesOf(design, 'peerlab.dev/v1alpha1/Segment')) {
    const id = entityId(segment)
    const { cidrs } = segment.spec
    for (let i = 0; i < cidrs.length; i++) add('subnet', id, cidrs[i] as string, ['spec', 'cidrs', i])
  }
  const poolPath = ['spec', 'cidr'] as const
  const indexedPools = pools.map((resource) => {
    const id = entityId(resource)
    return { id, resource, prefix: add('IP pool', id, resource.spec.cidr, poolPath, resource) }
  })
  return { ranges, unparsed, overlaps: findOverlapGroups(ranges.map((r) => r.prefix)), pools: indexedPools }
}

/**
 * Calls `visit` once for each group of identical ranges (with `others` undefined) and once for
 * each pair of groups of different ranges that overlap, each group's ranges in design order. A
 * check reports per group, so a range repeated a thousand times is one problem, not half a million.
 */
export function overlapsOf(index: RangeIndex, visit: (ranges: readonly PlannedRange[], others: readonly PlannedRange[] | undefined, positionOf: (range: PlannedRange) => number) => void): void {
  const { members, starts, nested } = index.overlaps
  // Positions of the ranges being visited only: a map of every range would cost more than the check.
  const positions = new Map<PlannedRange, number>()
  const positionOf = (range: PlannedRange): number => positions.get(range) ?? 0
  const group = (g: number): PlannedRange[] => {
    const list: PlannedRange[] = []
    for (let i = starts[g] as number; i < (starts[g + 1] as number); i++) {
      const range = index.ranges[members[i] as number] as PlannedRange
      positions.set(range, members[i] as number)
      list.push(range)
    }
    return list
  }
  const visitGroups = (g: number, h: number | undefined): void => {
    positions.clear()
    visit(group(g), h === undefined ? undefined : group(h), positionOf)
  }
  for (let g = 0; g + 1 < starts.length; g++) if ((starts[g + 1] as number) - (starts[g] as number) > 1) visitGroups(g, undefined)
  for (const [g, h] of nested) visitGroups(g, h)
}

/** Names for a message: the first few, then how many more (all of them stay in `related`). */
export function nameList(names: readonly string[], shown = 5): string {
  if (names.length <= 1) return names.join('')
  const head = names.slice(0, Math.min(shown, names.length - 1))
  const rest = names.length - head.length
  return rest === 1 ? `${head.join(', ')} and ${names[head.length]}` : `${head.join(', ')} and ${rest} more`
}
