import type { Connection, PathProbe } from '../bgp/sessions'
import type { BgpSpeaker } from '../bgp/speakers'
import { tracePacket, type RoutedNetwork } from '../console/packetPath'
import type { IpamResult } from '../ipam/computeIpam'
import type { Design, EntityId } from '../model/design'
import { hostsOf, segmentsOf, type Host } from '../model/query'
import { formatIpAddress as formatAddress, parseIpAddress, prefixContainsAddress, prefixContainsPrefix, type IpAddress, type IpPrefix } from '../net'
import type { BgpRoutes } from './bgpRoutes'
import { kernelRoutes, type KernelRoute } from './kernelRoutes'

const NO_BGP: BgpRoutes = { tableOf: () => new Map(), sharingOf: () => undefined, sharedTables: [], whyNot: () => [], exchange: () => undefined }

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

  // Before any BGP route, a host's table is its connected subnets and DHCP defaults: hosts on the
  // same segments (and gateways to the same degree) have the same one. A path is then worked out
  // once per kind of host and destination subnet, not per session: a mesh across racks has tens
  // of thousands of sessions between a few dozen racks.
  const sharedTables = bgp === NO_BGP
  // Tens of thousands of sessions name a few thousand addresses: each is parsed and placed once.
  const parsed = new Map<string, IpAddress | undefined>()
  const ipOf = (text: string): IpAddress | undefined => {
    if (parsed.has(text)) return parsed.get(text)
    const ip = parseIpAddress(text)
    const value = ip.ok ? ip.value : undefined
    parsed.set(text, value)
    return value
  }
  const placed = new Map<IpAddress, string | undefined>()
  const segmentOfAddress = (ip: IpAddress): string | undefined => {
    if (placed.has(ip)) return placed.get(ip)
    let found: string | undefined
    for (const segment of segments.values()) {
      if (segment.prefixes.some((p) => prefixContainsAddress(p, ip))) {
        found = segment.id
        break
      }
    }
    placed.set(ip, found)
    return found
  }
  const kinds = new Map<EntityId, string>()
  const kindOf = (host: Host): string => {
    let kind = kinds.get(host.id)
    if (kind === undefined) {
      kind = host.interfaces.map((i) => `${i.name}:${i.segmentId ?? ''}:${(i.segmentId !== undefined && segments.get(i.segmentId)?.resource.spec.gateways?.includes(i.address)) === true}`).join(' ')
      kinds.set(host.id, kind)
    }
    return kind
  }
  /** Where a packet from `from` to `ip` ends, and through which of its interfaces it left. */
  interface Leg {
    readonly end: ReturnType<typeof tracePacket>['end']['kind']
    readonly at: string | undefined
    readonly dev: string | undefined
    readonly arrived: boolean
    readonly why: string
  }
  const legs = new Map<string, Leg>()
  const leg = (from: Host, ip: IpAddress): Leg => {
    const subnet = sharedTables ? segmentOfAddress(ip) : undefined
    const key = subnet !== undefined ? `${kindOf(from)}|${subnet}` : undefined
    const known = key !== undefined ? legs.get(key) : undefined
    if (known) return known
    const path = tracePacket(design, routed, from, ip)
    const end = path.end
    const at = end.host === from ? undefined : end.host.name
    const why =
      end.kind === 'outside'
        ? `${end.host.name} sends it to ${end.gateway}, a gateway outside the design`
        : end.kind === 'blackhole'
          ? `${end.host.name} drops it (${end.forwarding.route.text})`
          : end.kind === 'loop'
            ? `routing loop at ${end.host.name}`
            : `${formatAddress(ip)} is a pod's address`
    const made: Leg = { end: end.kind, at, dev: path.hops[0]?.forwarding.dev, arrived: arrives(end, ip), why }
    if (key !== undefined) legs.set(key, made)
    return made
  }
  /** The address a packet leaves `from` with through `dev`: the kernel's choice when the session binds none. */
  const leavingBy = (from: Host, dev: string | undefined): string | undefined => (dev !== undefined ? from.interfaces.find((i) => i.name === dev)?.address : undefined) ?? from.interfaces[0]?.address

  /** Whether a reply from `from` to `source` gets back. */
  const returns = (from: Host, source: string): boolean => {
    const ip = ipOf(source)
    if (!ip) return false
    if (onLink(from, ip) && hostByAddress.has(source)) return true
    return leg(from, ip).arrived
  }

  // Whether segments' prefixes overlap: only when none does is an address's subnet its one containing prefix.
  const allPrefixes = [...segments.values()].flatMap((s) => s.prefixes).sort((a, b) => a.family - b.family || (a.network < b.network ? -1 : a.network > b.network ? 1 : a.length - b.length))
  const overlapping = allPrefixes.some((p, i) => {
    const next = allPrefixes[i + 1]
    return next !== undefined && next.family === p.family && prefixContainsPrefix(p, next)
  })
  const prefixText = (p: IpPrefix): string => `${p.family}:${String(p.network)}/${p.length}`
  const containing = (ip: IpAddress): string => {
    const found = allPrefixes.find((p) => prefixContainsAddress(p, ip))
    return found ? prefixText(found) : ''
  }
  const classes = new Map<EntityId, string | undefined>()

  return {
    classOf(speaker): string | undefined {
      if (!sharedTables || overlapping || speaker.ipv4 === undefined) return undefined
      if (classes.has(speaker.id)) return classes.get(speaker.id)
      const ip = ipOf(speaker.ipv4)
      const key =
        ip && hostByAddress.get(speaker.ipv4) === speaker.host
          ? `${kindOf(speaker.host)}|${segmentOfAddress(ip) ?? ''}|${containing(ip)}|${attached(speaker.host)
              .map((a) => prefixText(a.subnet))
              .join(' ')}`
          : undefined
      classes.set(speaker.id, key)
      return key
    },
    connect(from, address, source): Connection {
      const ip = ipOf(address)
      const owner = hostByAddress.get(address)
      if (!ip || !owner) return { kind: 'lost', source, why: `no host has ${address}` }
      const link = onLink(from.host, ip)
      if (link) {
        const leaving = source ?? link.address
        return returns(owner, leaving) ? { kind: 'connects', source: leaving } : { kind: 'lost', source: leaving, why: `${owner.name} has no route back to ${leaving}` }
      }
      const way = leg(from.host, ip)
      const leaving = source ?? leavingBy(from.host, way.dev)
      const at = way.at ?? from.host.name
      if (way.arrived) {
        if (leaving === undefined) return { kind: 'lost', source, why: `${from.host.name} has no address to send from` }
        return returns(owner, leaving) ? { kind: 'connects', source: leaving } : { kind: 'lost', source: leaving, why: `${owner.name} has no route back to ${leaving}` }
      }
      if (way.end === 'no-route') return { kind: 'unreachable', source: leaving, at }
      if (way.end === 'no-neighbour') return { kind: 'no-neighbour', source: leaving, at }
      return { kind: 'lost', source: leaving, why: way.why }
    },
  }
}
