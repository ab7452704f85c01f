import type { PodState } from '../ipam/computeIpam'
import type { Host } from '../model/query'
import { displayName } from '../model/query'
import type { IpAddress } from '../net'
import { ingressVerdict, type Protocol } from '../policy/ingressPolicy'
import { replyReturns, tracePacket, type PacketPath } from './packetPath'
import type { ProgramContext } from './program'

/** What happens to a connection attempt, in the terms a socket reports it. */
export type Reach =
  /** The packet arrives and its reply gets back. */
  | { readonly kind: 'arrives'; readonly path: PacketPath; readonly host: Host; readonly pod: PodState | undefined; readonly why: string }
  /** It vanishes somewhere: the sender hears nothing and times out. */
  | { readonly kind: 'dropped'; readonly path: PacketPath; readonly why: string }
  /** The sender's kernel, or an ICMP error from the path, fails it at once. */
  | { readonly kind: 'error'; readonly path: PacketPath; readonly errno: 'Network is unreachable' | 'No route to host' | 'Invalid argument'; readonly afterMs: number; readonly why: string }

/** Linux waits about 3 s for an ARP answer before reporting EHOSTUNREACH. */
const ARP_TIMEOUT_MS = 3060

/** Follows a packet from the current host to `destination` and back, through routes and the destination pod's NetworkPolicies. */
export function reach(context: ProgramContext, destination: IpAddress, protocol: Protocol, port: number | undefined): Reach {
  const { design, network, host } = context
  const path = tracePacket(design, network, host, destination)
  const end = path.end
  const at = displayName(end.host)
  const origin = end.host === host
  switch (end.kind) {
    case 'no-route':
      // A router without a route answers ICMP net unreachable (the kernel's ip_error: ENETUNREACH).
      return { kind: 'error', path, errno: 'Network is unreachable', afterMs: origin ? 0 : 1, why: origin ? `${at} has no route to it` : `${at} has no route to it and answers ICMP net unreachable` }
    case 'no-neighbour':
      return { kind: 'error', path, errno: 'No route to host', afterMs: ARP_TIMEOUT_MS, why: `no one on ${at}'s link has ${end.address} (ARP gets no answer)` }
    case 'blackhole':
      if (origin) return { kind: 'error', path, errno: 'Invalid argument', afterMs: 0, why: `${at} routes it to a blackhole (${end.forwarding.route.text})` }
      return { kind: 'dropped', path, why: `${at} drops it: ${end.forwarding.route.text}` }
    case 'outside':
      return { kind: 'dropped', path, why: `${at} sends it to ${end.gateway}, a gateway outside the design, which has no route to it` }
    case 'loop':
      return { kind: 'dropped', path, why: `routing loop: the TTL ran out at ${at}` }
    case 'host':
    case 'pod': {
      const pod = end.kind === 'pod' ? end.pod : undefined
      if (pod && path.source !== undefined) {
        const verdict = ingressVerdict(design, pod, { source: path.source, protocol, port })
        if (!verdict.allowed) return { kind: 'dropped', path, why: verdict.reason }
      }
      if (!replyReturns(design, network, path)) return { kind: 'dropped', path, why: `the reply from ${pod ? `${pod.namespace}/${pod.name}` : at} finds no way back to ${path.source ?? 'the sender'}` }
      return { kind: 'arrives', path, host: end.host, pod, why: pod ? `delivered to ${pod.namespace}/${pod.name} on ${at}` : `delivered to ${at}` }
    }
  }
}
