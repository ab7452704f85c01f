import type { Command } from '../commands/commands'
import { entityId, type Design, type OpaqueResource } from '../model/design'
import { PEERLAB_API_VERSION } from '../model/kinds'
import { ipPoolsOf } from '../model/query'
import { addressAtOffset, formatIpAddress, formatIpPrefix, nextFreePrefix, parseIpPrefix, prefixSize, type IpPrefix } from '../net'
import { parseAsNumber } from '../bgp/asNumber'
import { indexRanges } from '../validate/ranges'
import { clearSpot, ROW_HEIGHT } from './clearSpot'
import { uniqueName } from './uniqueName'

export type NewEntityKind = 'worker' | 'control-plane' | 'router' | 'segment'

export interface Position {
  readonly x: number
  readonly y: number
}

/** Where drawn subnets come from: the RFC 1918 block labs and data centres use most. */
const SUBNET_SPACE = parseIpPrefix('10.0.0.0/8')
const SUBNET_LENGTH = 24
/** First of the private AS numbers (RFC 6996) for a new outside router; Calico's own default is 64512. */
const FIRST_ROUTER_AS = 65000

function namesOf(design: Design, kind: string): Set<string> {
  return new Set(design.entries.filter((e) => e.resource.kind === kind).map((e) => e.resource.metadata.name))
}

function newNode(design: Design, role: 'worker' | 'control-plane'): OpaqueResource {
  const name = uniqueName(namesOf(design, 'Node'), role === 'worker' ? 'worker' : 'control')
  const roleLabel: Record<string, string> = role === 'control-plane' ? { 'node-role.kubernetes.io/control-plane': '' } : {}
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...roleLabel } } }
}

function newRouter(design: Design): OpaqueResource {
  const taken = new Set(design.entries.flatMap((e) => [parseAsNumber((e.resource as { spec?: { asNumber?: number | string } }).spec?.asNumber)]))
  let asNumber = FIRST_ROUTER_AS
  while (taken.has(asNumber)) asNumber++
  return { apiVersion: PEERLAB_API_VERSION, kind: 'Router', metadata: { name: uniqueName(namesOf(design, 'Router'), 'router') }, spec: { asNumber, interfaces: [{ name: 'eth0', addresses: [] }] } }
}

/** A subnet at `at` (picked on the address map), else a /24 that overlaps no subnet, pool or cluster range yet; its first address is the gateway. */
function newSegment(design: Design, at?: IpPrefix): OpaqueResource | undefined {
  if (!SUBNET_SPACE.ok) return undefined
  const used = indexRanges(design, ipPoolsOf(design)).ranges.map((r) => r.prefix)
  const prefix = at ?? nextFreePrefix(SUBNET_SPACE.value, SUBNET_LENGTH, used)
  if (!prefix) return undefined
  return {
    apiVersion: PEERLAB_API_VERSION,
    kind: 'Segment',
    metadata: { name: uniqueName(namesOf(design, 'Segment'), 'segment') },
    // A /31 or /32 has no address to spare for a gateway.
    spec: { cidrs: [formatIpPrefix(prefix)], ...(prefixSize(prefix) > 2n ? { gateways: [formatIpAddress(addressAtOffset(prefix, 1))] } : {}) },
  }
}

/** What the palette's buttons add: a resource placed at `at` (segments two rows below it) or the nearest clear spot, as one undoable step. */
export function addEntityCommand(design: Design, kind: NewEntityKind, at: Position, cidr?: IpPrefix): { command: Command; id: string } | undefined {
  return addEntityAt(design, kind, clearSpot(design, kind === 'segment' ? { x: at.x, y: at.y + 2 * ROW_HEIGHT } : at), cidr)
}

/**
 * A new resource placed exactly at `spot`, one a caller found free (the canvas, with placeNear), as
 * one undoable step. A segment takes `cidr` when given (the address map's free space).
 */
export function addEntityAt(design: Design, kind: NewEntityKind, spot: Position, cidr?: IpPrefix): { command: Command; id: string } | undefined {
  const resource = kind === 'router' ? newRouter(design) : kind === 'segment' ? newSegment(design, cidr) : newNode(design, kind)
  if (!resource) return undefined
  const id = entityId(resource)
  return {
    id,
    command: {
      type: 'batch',
      label: `Add ${resource.kind} ${resource.metadata.name}`,
      commands: [
        { type: 'apply', resource },
        { type: 'move', positions: { [id]: spot } },
      ],
    },
  }
}
