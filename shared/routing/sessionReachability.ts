import type { Connection, PathProbe } from '../bgp/sessions'
import type { BgpSpeaker } from '../bgp/speakers'
import { tracePacket, type RoutedNetwork } from '../console/packetPath'
import type { IpamResult } from '../ipam/computeIpam'
import type { Design, EntityId } from '../model/design'
import { hostsOf, segmentsOf, type Host } from '../model/query'
import { parseIpAddress, prefixContainsAddress, type IpAddress, type IpPrefix } from '../net'
import type { BgpRoutes } from './bgpRoutes'
import { kernelRoutes, type KernelRoute } from './kernelRoutes'

const NO_BGP: BgpRoutes = { tableOf: () => new Map(), whyNot: () => [], exchange: () => undefined }

/** A host's addresses on its connected subnets: what the kernel uses as source on each. */
interface Attached {
  readonly subnet: IpPrefix
  readonly address: string
}

/**
 * Whether a BGP connection gets through, read from the same kernel tables Peerlab prints: the
 * connected subnets, the DHCP default routes, and, when `bgp` is given, the routes BIRD installed
 * from the sessions already Established (see establishSessions in network.ts). A SYN goes as the
 * kernels forward it (routers and nodes forward), and the SYN-ACK must find its way back to the
 * source address. A gateway outside the design is the network beyond it, which joins every
 * segment whose gateway is outside the design. Most sessions are between hosts on one subnet:
 * those need no table at all.
 */
export function kernelTablesProbe(design: Design, ipam: IpamResult, speakers: readonly BgpSpeaker[], bgp: BgpRoutes = NO_BGP): PathProbe {
  const segments = new Map(segmentsOf(design).map((s) => [s.id, s]))
  const hostByAddress = new Map<string, Host>()
  for (const host of hostsOf(design)) for (const i of host.interfaces) hostByAddress.set(i.address, host)
  const speakerOf = new Map(speakers.map((s) => [s.id, s]))
  const attachedOf = new Map<EntityId, readonly Attached[]>()
  const attached = (host: Host): readonly Attached[] => {
    let known = attachedOf.get(host.id)
    if (!known) {
      known = host.interfaces.flatMap((i): Attached[] => {
        const ip = parseIpAddress(i.address)
        const segment = i.segmentId !== undefined ? segments.get(i.segmentId) : undefined
        const subnet = ip.ok ? segment?.prefixes.find((p) => prefixContainsAddress(p, ip.value)) : undefined
        return subnet ? [{ subnet, address: i.address }] : []
      })
      attachedOf.set(host.id, known)
    }
    return known
  }
  // A gateway no host of the design has stands for the network beyond it (a cloud's VPC router),
  // which reaches every segment whose gateway is outside the design too.
  const beyond = [...segments.values()].filter((s) => (s.resource.spec.gateways ?? []).some((g) => !hostByAddress.has(g))).flatMap((s) => s.prefixes)
  const throughOutside = (ip: IpAddress): boolean => beyond.some((p) => prefixContainsAddress(p, ip))
  const arrives = (end: ReturnType<typeof tracePacket>['end'], ip: IpAddress): boolean => end.kind === 'host' || (end.kind === 'outside' && throughOutside(ip))
  const onLink = (host: Host, ip: IpAddress): Attached | undefined => attached(host).find((a) => prefixContainsAddress(a.subnet, ip))
  const tables = new Map<EntityId, readonly KernelRoute[]>()
  const hosts = new Map(hostsOf(design).map((h) => [h.id, h]))
  const routed: RoutedNetwork = {
    ipam,
    routesOf(id) {
      let table = tables.get(id)
      const host = hosts.get(id)
      if (!table) tables.set(id, (table = host ? kernelRoutes(design, host, speakerOf.get(id), ipam, bgp) : []))
      return table
    },
  }

  /** Whether a reply from `from` to `source` gets back. */
  const returns = (from: Host, source: string): boolean => {
    const ip = parseIpAddress(source)
    if (!ip.ok) return false
    if (onLink(from, ip.value) && hostByAddress.has(source)) return true
    return arrives(tracePacket(design, routed, from, ip.value).end, ip.value)
  }

  return {
    connect(from, address, source): Connection {
      const ip = parseIpAddress(address)
      const owner = hostByAddress.get(address)
      if (!ip.ok || !owner) return { kind: 'lost', source, why: `no host has ${address}` }
      const link = onLink(from.host, ip.value)
      if (link) {
        const leaving = source ?? link.address
        return returns(owner, leaving) ? { kind: 'connects', source: leaving } : { kind: 'lost', source: leaving, why: `${owner.name} has no route back to ${leaving}` }
      }
      const path = tracePacket(design, routed, from.host, ip.value)
      const leaving = source ?? path.source
      if (path.end.kind === 'outside' && arrives(path.end, ip.value) && leaving !== undefined) return returns(owner, leaving) ? { kind: 'connects', source: leaving } : { kind: 'lost', source: leaving, why: `${owner.name} has no route back to ${leaving}` }
      switch (path.end.kind) {
        case 'host':
          if (leaving === undefined) return { kind: 'lost', source, why: `${from.host.name} has no address to send from` }
          return returns(owner, leaving) ? { kind: 'connects', source: leaving } : { kind: 'lost', source: leaving, why: `${owner.name} has no route back to ${leaving}` }
        case 'no-route':
          return { kind: 'unreachable', source: leaving, at: path.end.host.name }
        case 'no-neighbour':
          return { kind: 'no-neighbour', source: leaving, at: path.end.host.name }
        case 'outside':
          return { kind: 'lost', source: leaving, why: `${path.end.host.name} sends it to ${path.end.gateway}, a gateway outside the design` }
        case 'blackhole':
          return { kind: 'lost', source: leaving, why: `${path.end.host.name} drops it (${path.end.forwarding.route.text})` }
        case 'loop':
          return { kind: 'lost', source: leaving, why: `routing loop at ${path.end.host.name}` }
        case 'pod':
          return { kind: 'lost', source: leaving, why: `${address} is a pod's address` }
      }
    },
  }
}
