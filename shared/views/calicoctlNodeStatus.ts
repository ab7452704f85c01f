import type { SessionState, SessionType } from '../bgp/sessions'
import { asciiTable } from './asciiTable'

const PEER_TYPE: Readonly<Record<Exclude<SessionType, 'router'>, string>> = { mesh: 'node-to-node mesh', global: 'global', node: 'node specific' }

/** PEER ADDRESS comes from the protocol name: `Global_10_0_1_10_port_1179` shows as `10.0.1.10.port.1179`. */
function peerAddressOf(protocol: string, family: 4 | 6): string {
  const rest = protocol.slice(protocol.indexOf('_') + 1)
  return rest.replace(/_/g, family === 4 ? '.' : ':')
}

/**
 * `calicoctl node status` on one Calico node (calico.md §3.4): the IPv4 table of its Mesh_,
 * Global_ and Node_ protocols in bird.cfg order, then the IPv6 section. `since` gives the SINCE
 * column (HH:MM:SS of the last state change, from the simulated clock).
 */
export function calicoctlNodeStatus(sessions: readonly SessionState[], since: (session: SessionState) => string): string {
  const ipv4 = sessions.filter((s) => s.type !== 'router' && !s.peerAddress.includes(':'))
  const ipv6 = sessions.filter((s) => s.type !== 'router' && s.peerAddress.includes(':'))
  const section = (family: 4 | 6, list: readonly SessionState[]): string => {
    if (list.length === 0) return `IPv${family} BGP status\nNo IPv${family} peers found.\n`
    const rows = list.map((s) => [peerAddressOf(s.protocol, family), PEER_TYPE[s.type as Exclude<SessionType, 'router'>], s.state, since(s), s.info])
    return `IPv${family} BGP status\n${asciiTable(['Peer address', 'Peer type', 'State', 'Since', 'Info'], rows)}`
  }
  return `Calico process is running.\n\n${section(4, ipv4)}\n${section(6, ipv6)}\n`
}
