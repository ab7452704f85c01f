import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { labAfterAllSteps } from '../labSteps'
import { birdConfigs } from '../../shared/export/birdConfig'
import type { Design } from '../../shared/model/design'
import { hostsOf, resourcesOf } from '../../shared/model/query'
import { ipRoute } from '../../shared/routing/kernelRoutes'
import { computeNetwork, type NetworkState } from '../../shared/routing/network'
import { setUpCalicoHosts } from './calicoHost'
import { NamespaceLab } from './netns'

/**
 * Runs a design in real BIRD 1.6 daemons, one network namespace per host, and compares every
 * host's `ip -4 route` and every BGP protocol's state with what the engine computed. Calico nodes
 * get what Felix and the CNI plugin would add (calicoHost.ts): pod routes on cali veths, which
 * their BIRD learns, and the tunnel device's address.
 *
 * What stock BIRD cannot show is left out of the comparison, and only that: Felix's VXLAN routes
 * (there is no Felix here), and IPIP routes, which Calico's BIRD fork installs on tunl0 with
 * `onlink` (`krt_tunnel`); stock BIRD installs the same route via the same next hop on the
 * underlay interface, so the engine's line is rewritten to that form.
 */
export const UNAVAILABLE = NamespaceLab.unavailable()

export interface Running {
  readonly lab: NamespaceLab
  readonly network: NetworkState
  readonly design: Design
  readonly keys: ReadonlyMap<string, string>
  readonly sockets: ReadonlyMap<string, string>
  readonly convergedMs: number
}

export function expectedRoutes(network: NetworkState, hostId: string): string[] {
  return ipRoute(network.routesOf(hostId))
    .split('\n')
    .filter((line) => line !== '' && !line.includes('vxlan.calico'))
    .map((line) => line.trimEnd().replace(/^(\S+) via (\S+) dev tunl0 proto bird onlink$/, (_, dst: string, via: string) => `${dst} via ${via} dev ${underlayFor(network, hostId)} proto bird`))
}

function underlayFor(network: NetworkState, hostId: string): string {
  return network.speakers.find((s) => s.id === hostId)?.host.interfaces[0]?.name ?? 'eth0'
}

export function actualRoutes(running: Running, hostId: string): string[] {
  return running.lab
    .inNamespace(running.keys.get(hostId) as string, ['ip', '-4', 'route'])
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l !== '')
}

/** `birdc show protocols`: BGP protocols by name, with their state and the first word of INFO. */
export function protocols(running: Running, hostId: string): Map<string, string> {
  const key = running.keys.get(hostId) as string
  const text = running.lab.birdc(key, running.sockets.get(hostId) as string, 'show protocols')
  const states = new Map<string, string>()
  for (const line of text.split('\n')) {
    const [name, proto, , state, , info] = line.trim().split(/\s+/)
    if (proto === 'BGP' && name !== undefined) states.set(name, `${state} ${info ?? ''}`.trim())
  }
  return states
}

export function expectedProtocols(network: NetworkState, hostId: string): Map<string, string> {
  return new Map(network.sessions.filter((s) => s.speaker === hostId).map((s) => [s.protocol, `${s.state} ${s.info.split(' ')[0]}`]))
}

export function start(design: Design, name: string): Running {
  const lab = new NamespaceLab(`pl${process.pid % 10000}${name}`)
  const network = computeNetwork(design)
  const keys = new Map<string, string>()
  const sockets = new Map<string, string>()
  try {
    lab.addNamespace('sw')
    const segments = resourcesOf(design, 'peerlab.dev/v1alpha1/Segment')
    segments.forEach((segment, i) => lab.addBridge('sw', `br${i}`))
    const bridgeOf = new Map(segments.map((s, i) => [`segment/${s.metadata.name}`, `br${i}`]))
    hostsOf(design).forEach((host, i) => {
      const key = `h${i}`
      keys.set(host.id, key)
      lab.addNamespace(key)
      // Routers route and Kubernetes nodes forward (the engine's packets cross both); a new namespace does not.
      lab.inNamespace(key, ['sysctl', '-qw', 'net.ipv4.ip_forward=1'])
      for (const iface of host.interfaces) {
        const segment = segments.find((s) => `segment/${s.metadata.name}` === iface.segmentId)
        const length = segment?.spec.cidrs[0]?.split('/')[1] ?? '24'
        lab.connect(key, iface.name, 'sw', bridgeOf.get(iface.segmentId ?? '') ?? 'br0')
        lab.inNamespace(key, ['ip', 'addr', 'add', `${iface.address}/${length}`, 'dev', iface.name])
        const gateway = segment?.spec.gateways?.[0]
        if (gateway !== undefined && !host.interfaces.some((i) => i.address === gateway)) {
          // What the lab's DHCP lease installs: the same protocol, source and metric.
          lab.inNamespace(key, ['ip', 'route', 'add', gateway, 'dev', iface.name, 'proto', 'dhcp', 'scope', 'link', 'src', iface.address, 'metric', '100'])
          lab.inNamespace(key, ['ip', 'route', 'add', 'default', 'via', gateway, 'dev', iface.name, 'proto', 'dhcp', 'src', iface.address, 'metric', '100'])
        }
      }
    })
    setUpCalicoHosts(lab, design, network, keys)
    const startedAt = Date.now()
    for (const file of birdConfigs(design, network, 'stock')) sockets.set(file.host, lab.startBird(keys.get(file.host) as string, file.text))
    const running: Running = { lab, network, design, keys, sockets, convergedMs: 0 }
    const converged = (): boolean =>
      [...sockets.keys()].every((host) => {
        const actual = protocols(running, host)
        return [...expectedProtocols(network, host)].every(([name, state]) => actual.get(name) === state) && actualRoutes(running, host).join('\n') === expectedRoutes(network, host).join('\n')
      })
    const deadline = startedAt + 60_000
    while (!converged() && Date.now() < deadline) execSleep(250)
    return { ...running, convergedMs: Date.now() - startedAt }
  } catch (error) {
    lab.tearDown()
    throw error
  }
}

function execSleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}

const fixture = (name: string): string => readFileSync(resolve(import.meta.dirname, '../fixtures/designs', `${name}-v1alpha1.yaml`), 'utf8')

/**
 * The designs issue #5 names: the seed lab, a route reflector with the mesh off, eBGP ToRs, a
 * BGPFilter, and ECMP; for birdc (issue #12), routers over eBGP and iBGP with an import
 * filter, a refused connection, a Bad peer AS and reflected routes; and for issue #17,
 * sourceAddress None, keepOriginalNextHop, multihop and peers with no route to each other.
 */
export const DESIGNS: readonly (readonly [string, string, () => string])[] = [
  ['the seed lab', 'lab', labAfterAllSteps],
  ['a route reflector with the mesh off', 'rr', () => fixture('route-reflector')],
  ['eBGP to per-rack ToR routers', 'tor', () => fixture('ebgp-tor')],
  ['a BGPFilter on the peering to an edge router', 'flt', () => fixture('bgp-filter')],
  ['routers merging equal paths to advertised services and blocks', 'ecmp', () => fixture('ecmp')],
  ['routers with filtered, refused, refusing and reflected peers', 'bdc', () => fixture('birdc')],
  ['dual-homed nodes, sourceAddress None towards two ToRs, ECMP through both', 'dual', () => fixture('dual-homed')],
  ['keepOriginalNextHop on eBGP to a ToR', 'keep', () => fixture('keep-next-hop')],
  ['an eBGP router one hop away, with and without multihop', 'mhop', () => fixture('multihop')],
  ['a node on a subnet with no route to its peers', 'unr', () => fixture('unreachable')],
  ['dual-homed nodes, the node IP as source towards the ToR of their second subnet', 'dnip', () => fixture('dual-homed-node-ip')],
]
