import type { Command } from '../commands/commands'
import { entityId, type Design, type OpaqueResource } from '../model/design'
import { clusterOf, ipPoolsOf, resourcesOf } from '../model/query'
import { formatIpPrefix, nextFreePrefix, parseIpPrefix, type IpPrefix } from '../net'
import { indexRanges } from '../validate/ranges'
import { uniqueName } from './uniqueName'

/** The resources that are not shapes on the canvas, added from the side panels. */
export type NewResourceKind = 'pool' | 'namespace' | 'deployment'

/** A new pool's size: a /24 holds four of Calico's default /26 blocks. */
const POOL_LENGTH = 24
/** Where pools come from when the design has no cluster yet: Calico's own default pool range. */
const DEFAULT_POD_RANGE = '192.168.0.0/16'

function taken(design: Design, kind: string): Set<string> {
  return new Set(design.entries.filter((e) => e.resource.kind === kind).map((e) => e.resource.metadata.name))
}

/** Calico's default block sizes (/26, /122), or the whole pool when it is smaller than one block. */
function blockSizeFor(prefix: IpPrefix): number {
  return Math.max(prefix.family === 4 ? 26 : 122, prefix.length)
}

/**
 * A pool at `at` (picked on the address map), else a /24 of the pod CIDR that no pool has yet: a
 * pool must sit inside the pod network and overlap no other.
 */
function newPool(design: Design, at?: IpPrefix): OpaqueResource | undefined {
  let prefix = at
  if (!prefix) {
    const podRange = parseIpPrefix(clusterOf(design)?.spec.podCIDRs?.find((c) => !c.includes(':')) ?? DEFAULT_POD_RANGE)
    if (!podRange.ok) return undefined
    const used: IpPrefix[] = indexRanges(design, ipPoolsOf(design))
      .ranges.filter((r) => r.role === 'IP pool' || r.role === 'subnet')
      .map((r) => r.prefix)
    prefix = nextFreePrefix(podRange.value, POOL_LENGTH, used)
  }
  if (!prefix) return undefined
  return {
    apiVersion: 'projectcalico.org/v3',
    kind: 'IPPool',
    metadata: { name: uniqueName(taken(design, 'IPPool'), 'pool') },
    spec: { cidr: formatIpPrefix(prefix), blockSize: blockSizeFor(prefix), ipipMode: 'Never', vxlanMode: 'Never', natOutgoing: true, nodeSelector: 'all()' },
  }
}

function newDeployment(design: Design): OpaqueResource {
  const names = new Set(
    resourcesOf(design, 'apps/v1/Deployment')
      .filter((d) => (d.metadata.namespace ?? 'default') === 'default')
      .map((d) => d.metadata.name),
  )
  const name = uniqueName(names, 'app')
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: { replicas: 1, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: 'nginx' }] } } },
  }
}

/**
 * What a side panel's "add" button creates, as one undoable step; undefined when nothing fits (no
 * free pool range). A pool goes at `at` when given (free space picked on the address map).
 */
export function addResourceCommand(design: Design, kind: NewResourceKind, at?: IpPrefix): { command: Command; id: string } | undefined {
  const resource =
    kind === 'pool'
      ? newPool(design, at)
      : kind === 'namespace'
        ? { apiVersion: 'v1', kind: 'Namespace', metadata: { name: uniqueName(taken(design, 'Namespace'), 'namespace') } }
        : newDeployment(design)
  if (!resource) return undefined
  return { id: entityId(resource), command: { type: 'apply', resource } }
}
