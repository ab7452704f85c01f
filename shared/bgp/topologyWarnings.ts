import type { Diagnostic } from '../diagnostics'
import type { IpamPool } from '../ipam/ipamPools'
import type { Design } from '../model/design'
import { displayName } from '../model/query'
import type { SessionSet, SessionState } from './sessions'
import { bgpGlobals, type BgpSpeaker } from './speakers'

/**
 * A design whose BGP cannot carry its routes, said before anyone wonders why a table is empty: a
 * Calico node no session reaches (the mesh off and no BGPPeer selecting it), a route reflector
 * with no client, a router with no neighbor. Each is valid to Calico; each leaves routes unknown.
 */
export function bgpTopologyWarnings(design: Design, speakers: readonly BgpSpeaker[], sessions: readonly SessionState[] | SessionSet, pools: readonly IpamPool[]): Diagnostic[] {
  // Two sets, not a list per speaker: a full mesh of a thousand nodes has a million sessions.
  const peering = new Set<string>()
  const reflecting = new Set<string>()
  const listed = 'explicit' in sessions ? sessions.explicit : sessions
  for (const session of listed) {
    peering.add(session.speaker)
    if (session.rrClient) reflecting.add(session.speaker)
  }
  // A mesh kept as a group has at least two members, each peering with the others (and no reflector among them).
  if ('explicit' in sessions && sessions.mesh && sessions.mesh.members.length > 1) for (const m of sessions.mesh.members) peering.add(m.id)
  const nodes = speakers.filter((s) => s.kind === 'calico')
  // VXLAN pools are routed by Felix without BGP; any other pool's blocks need BGP to be known.
  const routedByBgp = pools.some((p) => p.enabled && !p.vxlanEnabled)
  const meshOff = !bgpGlobals(design).meshEnabled
  const warnings: Diagnostic[] = []
  for (const speaker of speakers) {
    const name = displayName(speaker.host)
    const peers = peering.has(speaker.id)
    if (speaker.kind === 'calico' && !peers && nodes.length > 1 && routedByBgp) {
      const why =
        speaker.ipv4 === undefined
          ? 'it has no IPv4 address to peer from (no InternalIP, no bgp.ipv4Address)'
          : meshOff
            ? 'the node-to-node mesh is off and no BGPPeer selects it'
            : speaker.routeReflectorClusterId !== undefined
              ? 'a route reflector takes no part in the node-to-node mesh, and no BGPPeer selects it'
              : 'no BGPPeer or mesh session reaches it'
      warnings.push({
        code: 'bgp.node-isolated',
        severity: 'warning',
        message: `${name} has no BGP session: ${why}, so no other node learns the routes to its pods, and it learns none`,
        subject: speaker.id,
      })
    }
    if (speaker.kind === 'calico' && speaker.routeReflectorClusterId !== undefined && !reflecting.has(speaker.id)) {
      warnings.push({
        code: 'bgp.reflector-without-clients',
        severity: 'warning',
        message: `${name} is a route reflector (cluster ID ${speaker.routeReflectorClusterId}) but no BGPPeer makes a node its client: it reflects nothing`,
        subject: speaker.id,
      })
    }
    if (speaker.kind === 'router' && !peers) {
      warnings.push({
        code: 'bgp.router-without-sessions',
        severity: 'warning',
        message: `router ${name} has no BGP neighbor: it learns no routes from the cluster and advertises none`,
        subject: speaker.id,
      })
    }
  }
  return warnings
}
