import type { SessionState, SessionType } from '../bgp/sessions'
import { calicoAtLeast, DEFAULT_CALICO_VERSION, type CalicoVersion } from '../model/calicoVersion'
import { asciiTable } from './asciiTable'
import { prettyTable } from './prettyTable'

const PEER_TYPE: Readonly<Record<Exclude<SessionType, 'router'>, string>> = { mesh: 'node-to-node mesh', global: 'global', node: 'node specific' }

/** PEER ADDRESS comes from the protocol name: `Global_10_0_1_10_port_1179` shows as `10.0.1.10.port.1179`. */
function peerAddressOf(protocol: string, family: 4 | 6): string {
  const rest = protocol.slice(protocol.indexOf('_') + 1)
  return rest.replace(/_/g, family === 4 ? '.' : ':')
}

/** One row of `calicoctl node status`, its cells as printed. */
export interface NodeStatusRow {
  readonly family: 4 | 6
  readonly peerAddress: string
  readonly peerType: string
  readonly state: SessionState['state']
  readonly since: string
  readonly info: string
}

/**
 * The rows `calicoctl node status` prints: the Mesh_, Global_ and Node_ protocols in the order BIRD
 * lists them, which is bird.cfg's: mesh, global, node peers up to v3.31, sorted by protocol name
 * from v3.32 (GetBirdBGPConfig, confd/pkg/backends/calico/bgp_processor.go @ v3.32.0). A router's own sessions are left out.
 */
export function nodeStatusRows(sessions: readonly SessionState[], since: (session: SessionState) => string, version: CalicoVersion = DEFAULT_CALICO_VERSION): NodeStatusRow[] {
  const peers = sessions.filter((s) => s.type !== 'router')
  if (calicoAtLeast(version, 'v3.32')) peers.sort((a, b) => (a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : 0))
  return peers.map((s) => {
    const family = s.peerAddress.includes(':') ? 6 : 4
    return { family, peerAddress: peerAddressOf(s.protocol, family), peerType: PEER_TYPE[s.type as Exclude<SessionType, 'router'>], state: s.state, since: since(s), info: s.info }
  })
}

/**
 * `calicoctl node status` on one Calico node (calico.md §3.4): the IPv4 table, then the IPv6
 * section. `since` gives the SINCE column (HH:MM:SS of the last state change, from the simulated
 * clock). v3.33 prints the table with go-pretty (printPeers in calicoctl/calicoctl/commands/node/status.go @ release-v3.33).
 */
export function calicoctlNodeStatus(sessions: readonly SessionState[], since: (session: SessionState) => string, version: CalicoVersion = DEFAULT_CALICO_VERSION): string {
  const rows = nodeStatusRows(sessions, since, version)
  const table = calicoAtLeast(version, 'v3.33') ? prettyTable : asciiTable
  const section = (family: 4 | 6): string => {
    const list = rows.filter((r) => r.family === family)
    if (list.length === 0) return `IPv${family} BGP status\nNo IPv${family} peers found.\n`
    return `IPv${family} BGP status\n${table(
      ['Peer address', 'Peer type', 'State', 'Since', 'Info'],
      list.map((r) => [r.peerAddress, r.peerType, r.state, r.since, r.info]),
    )}`
  }
  return `Calico process is running.\n\n${section(4)}\n${section(6)}\n`
}
