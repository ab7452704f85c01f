import { parseIpAddress, parseIpPrefix, prefixContainsAddress } from '../../net'
import type { Host, HostInterface, Segment } from '../../model/design'
import type { Diagnostic, SourceLocation } from '../../diagnostics'
import type { FieldReader } from '../fieldReader'
import { readAddress } from './addressFields'

export const ALIAS_ANNOTATION = 'peerlab.dev/alias'
const CONTROL_PLANE_LABELS = ['node-role.kubernetes.io/control-plane', 'node-role.kubernetes.io/master']

/** A host interface before segments are known; segments may come later in the bundle. */
export interface PendingInterface {
  readonly name?: string
  readonly address: string
  readonly segment?: string
  /** Where `segment` was written, to point at it if no such segment exists. */
  readonly segmentLocation?: SourceLocation
}

export interface PendingHost extends Omit<Host, 'interfaces'> {
  readonly pendingInterfaces: readonly PendingInterface[]
}

/** Kubernetes `v1 Node`: name, labels, InternalIP addresses, and the Peerlab alias annotation. */
export function readNode(reader: FieldReader, name: string): PendingHost {
  const labels = reader.stringMap(['metadata', 'labels']) ?? {}
  const annotations = reader.stringMap(['metadata', 'annotations']) ?? {}
  const addresses = reader.list(['status', 'addresses']) ?? []
  const pendingInterfaces: PendingInterface[] = []
  addresses.forEach((_, i) => {
    const type = reader.string(['status', 'addresses', i, 'type'], { required: true })
    if (type !== 'InternalIP' && type !== 'ExternalIP') return
    const address = readAddress(reader, ['status', 'addresses', i, 'address'], { required: true })
    if (address !== undefined && type === 'InternalIP') pendingInterfaces.push({ address })
  })
  const alias = annotations[ALIAS_ANNOTATION]
  return {
    id: `node/${name}`,
    name,
    role: CONTROL_PLANE_LABELS.some((label) => label in labels) ? 'control-plane' : 'worker',
    labels,
    pendingInterfaces,
    ...(alias !== undefined ? { alias } : {}),
  }
}

/** `peerlab.dev/v1alpha1 Router`: a router outside the cluster, such as the lab's bastion. */
export function readRouter(reader: FieldReader, name: string): PendingHost {
  const pendingInterfaces: PendingInterface[] = []
  const interfaces = reader.list(['spec', 'interfaces']) ?? []
  interfaces.forEach((_, i) => {
    const address = readAddress(reader, ['spec', 'interfaces', i, 'address'], { required: true })
    const interfaceName = reader.string(['spec', 'interfaces', i, 'name'])
    const segment = reader.string(['spec', 'interfaces', i, 'segment'])
    if (address === undefined) return
    pendingInterfaces.push({
      address,
      ...(interfaceName !== undefined ? { name: interfaceName } : {}),
      ...(segment !== undefined ? { segment, segmentLocation: reader.document.locate(['spec', 'interfaces', i, 'segment']) } : {}),
    })
  })
  const asNumber = reader.integer(['spec', 'asNumber'], { min: 1, max: 4294967295 })
  const daemon = reader.string(['spec', 'daemon'])
  return {
    id: `router/${name}`,
    name,
    role: 'router',
    labels: reader.stringMap(['metadata', 'labels']) ?? {},
    pendingInterfaces,
    ...(asNumber !== undefined ? { asNumber } : {}),
    ...(daemon !== undefined ? { daemon } : {}),
  }
}

/**
 * Attaches each interface to its segment: the one named, else the one whose CIDR holds the
 * address. The interface name defaults to the segment's (every lab host uses `ens5`).
 */
export function attachInterfaces(host: PendingHost, segments: readonly Segment[], sink: Diagnostic[]): Host {
  const { pendingInterfaces, ...rest } = host
  const interfaces = pendingInterfaces.map((pending, i): HostInterface => {
    const segment = pending.segment !== undefined
      ? segments.find((s) => s.name === pending.segment)
      : segments.find((s) => segmentHolds(s, pending.address))
    if (pending.segment !== undefined && segment === undefined) {
      sink.push({
        code: 'format.unknown-segment',
        severity: 'error',
        message: `${host.name} refers to segment "${pending.segment}", which no Segment document defines`,
        subject: host.id,
        ...(pending.segmentLocation ? { location: pending.segmentLocation } : {}),
      })
    }
    const name = pending.name ?? segment?.interfaceName ?? `eth${i}`
    return { name, address: pending.address, ...(segment ? { segmentId: segment.id } : {}) }
  })
  return { ...rest, interfaces }
}

function segmentHolds(segment: Segment, address: string): boolean {
  const prefix = parseIpPrefix(segment.cidr)
  const ip = parseIpAddress(address)
  return prefix.ok && ip.ok && prefixContainsAddress(prefix.value, ip.value)
}
