import { tunnelKindOfDevice, type TunnelKind } from '../ipam/tunnelKinds'
import type { Host } from '../model/query'
import type { NetworkState } from '../routing/network'
import { fail, ok, type ProgramResult } from './program'
import { lookupRoute, parseAddress } from './routeLookup'

/** The host's tunnel address (tunl0, vxlan.calico or vxlan-v6.calico), the source the kernel picks for routes over it. */
export function tunnelAddress(network: NetworkState, host: Host, kind: TunnelKind): string | undefined {
  return network.ipam.tunnels.find((t) => t.node === host.name && t.kind === kind)?.address
}

/**
 * `ip route get ADDR`: the route the kernel picks, with the source address and the caller's uid.
 * The console's `ip` and the host panel's "Why not?" both print it.
 */
export function routeGet(network: NetworkState, host: Host, text: string | undefined, sudo: boolean): ProgramResult {
  if (text === undefined) return fail('Command line is not complete. Try option "help"\n', 255)
  const address = parseAddress(text)
  if (!address) return fail(`Error: any valid prefix is expected rather than "${text}".\n`, 1)
  const uid = sudo ? 0 : 1000
  if (host.interfaces.some((i) => i.address === text) || tunnelAddress(network, host, 'ipipTunnelAddress') === text) {
    return ok(`local ${text} dev lo src ${text} uid ${uid} \n    cache <local> \n`)
  }
  const found = lookupRoute(network.routesOf(host.id), address)
  if (!found) return fail('RTNETLINK answers: Network is unreachable\n', 2)
  if (found.type === 'blackhole') return fail('RTNETLINK answers: Invalid argument\n', 2)
  const overTunnel = tunnelKindOfDevice(found.dev)
  const src = overTunnel !== undefined ? tunnelAddress(network, host, overTunnel) : (found.src ?? host.interfaces.find((i) => i.name === found.dev)?.address ?? host.interfaces[0]?.address)
  const words = [text, ...(found.via !== undefined ? ['via', found.via] : []), 'dev', found.dev ?? '', ...(src !== undefined ? ['src', src] : []), 'uid', String(uid)]
  return ok(`${words.join(' ')} \n    cache \n`)
}
