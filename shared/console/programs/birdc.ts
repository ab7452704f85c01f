import type { SessionState } from '../../bgp/sessions'
import type { RouteChoice } from '../../routing/bgpRoutes'
import { birdSince } from '../labClock'
import { fail, ok, type Program, type ProgramContext, type ProgramResult } from '../program'
import { lookupRoute, parseAddress } from '../routeLookup'

/** The BIRD Debian ships (bookworm's bird 1.6.8), the family Calico's BIRD comes from. */
const BANNER = 'BIRD 1.6.8 ready.\n'

/** C's `%-Ns`. */
const pad = (text: string, width: number): string => text.padEnd(width)

/**
 * A BGP protocol's INFO column: the state name padded to 14 then the last error (BIRD 1.6
 * proto/bgp/bgp.c bgp_get_status: `"%-14s%s%s"`), e.g. `Active        Socket: Connection refused`.
 */
function bgpInfo(session: SessionState): string {
  const space = session.info.indexOf(' ')
  return space < 0 ? pad(session.info, 14) : `${pad(session.info.slice(0, space), 14)}${session.info.slice(space + 1)}`
}

/**
 * `show protocols`, in configuration order: name, proto and table padded to 8, state to 5, the
 * time to 10, two spaces before the time and before INFO (as BIRD 1.6.8 prints it: checked
 * against Debian's bird in a namespace).
 */
function showProtocols(context: ProgramContext): ProgramResult {
  const since = (ms: number): string => birdSince(ms, context.now)
  const booted = since(context.bootedAt)
  const line = (name: string, proto: string, state: string, time: string, info: string): string => `${pad(name, 8)} ${pad(proto, 8)} ${pad('master', 8)} ${pad(state, 5)}  ${pad(time, 10)}  ${info}\n`
  const sessions = context.network.sessions.filter((s) => s.speaker === context.host.id)
  return ok(
    `${BANNER}name     proto    table    state  since       info\n` +
      line('device1', 'Device', 'up', booted, '') +
      line('kernel1', 'Kernel', 'up', booted, '') +
      sessions.map((s) => line(s.protocol, 'BGP', s.state, since(context.timeline.sessionSince(s) ?? context.now), bgpInfo(s))).join(''),
  )
}

/** BIRD 1.6's 16-bit hash of an IPv4 address (lib/ip.h ip4_hash): a FIB walk visits prefixes in this order. */
function ipv4Hash(value: number): number {
  let a = value >>> 0
  a = (a ^ (a >>> 16)) >>> 0
  a = (a ^ (a << 10)) >>> 0
  return a & 0xffff
}

/**
 * `show route`: every route in the table, the best marked `*`, in FIB order (by the hash of the
 * network address; nest/rt-fib.c keeps each chain sorted by it, so the walk is too). A line is
 * `"%-18s %s [%s %s%s]%s%s"` (nest/rt-table.c rt_show_rte): prefix, `via GW on IF`, protocol,
 * time, ` from NEIGHBOR` when the next hop is not the neighbor, then `(preference) [origin]`.
 */
function showRoute(context: ProgramContext): ProgramResult {
  const table = context.network.bgp.tableOf(context.host.id)
  const sessions = context.network.sessions.filter((s) => s.speaker === context.host.id)
  const protocolFrom = new Map(sessions.flatMap((s) => (s.remote !== undefined ? [[s.remote, s] as const] : [])))
  const ordered = [...table].map(([cidr, choice]) => ({ cidr, choice, hash: ipv4Hash(parseAddress(cidr.split('/')[0] as string)?.value as number) }))
  ordered.sort((a, b) => a.hash - b.hash)
  let text = BANNER
  for (const { cidr, choice } of ordered) text += routeLines(context, cidr, choice, protocolFrom)
  return ok(text)
}

/**
 * A net's routes in BIRD's list order: the best first, then the others newest first (nest/rt-table.c
 * rte_recalculate links a route that is not the best right after the best). Routes are taken to
 * arrive in the order the sessions are configured; in a real daemon that order is a race.
 */
function listOrder(choice: RouteChoice, sessionOrder: ReadonlyMap<string, number>): RouteChoice['candidates'] {
  const [best, ...others] = choice.candidates
  const arrival = (c: RouteChoice['candidates'][number]): number => sessionOrder.get(c.route.learnedFrom ?? '') ?? -1
  return best ? [best, ...[...others].sort((a, b) => arrival(b) - arrival(a))] : []
}

function routeLines(context: ProgramContext, cidr: string, choice: RouteChoice, protocolFrom: ReadonlyMap<string, SessionState>): string {
  const sessionOrder = new Map([...protocolFrom.keys()].map((remote, index) => [remote, index]))
  return listOrder(choice, sessionOrder)
    .map(({ route }, index) => {
      const session = route.learnedFrom !== undefined ? protocolFrom.get(route.learnedFrom) : undefined
      const hop = parseAddress(route.nextHop)
      const dev = (hop ? lookupRoute(context.network.routesOf(context.host.id), hop)?.dev : undefined) ?? ''
      const from = session && session.peerAddress !== route.nextHop ? ` from ${session.peerAddress}` : ''
      const time = birdSince(context.timeline.routeSince(context.host.id, cidr, route.nextHop, route.learnedFrom) ?? context.now, context.now)
      const origin = route.asPath.length > 0 ? `AS${route.asPath.at(-1)}i` : 'i'
      // BIRD names the network on its first route only (rt_show_net clears it after one line).
      return `${pad(index === 0 ? cidr : '', 18)} via ${route.nextHop} on ${dev} [${session?.protocol ?? 'static1'} ${time}${from}]${index === 0 ? ' *' : ''} (100) [${origin}]\n`
    })
    .join('')
}

/**
 * birdc on an outside router that runs BIRD: `show protocols` and `show route`. Its control
 * socket is root's (`sudo birdc`); Calico nodes keep BIRD inside calico-node, reached through
 * `calicoctl node status`.
 */
export const birdc: Program = (context, args) => {
  const speaker = context.network.speakers.find((s) => s.id === context.host.id)
  // A Calico node's BIRD is inside the calico-node container: the host has no birdc at all.
  if (speaker?.kind === 'calico') return fail('birdc: command not found\n(On a Calico node, BIRD runs inside calico-node: use sudo calicoctl node status.)\n', 127)
  if (!speaker || (context.host.daemon !== undefined && context.host.daemon !== 'bird')) {
    return fail('Unable to connect to server control socket (/run/bird/bird.ctl): No such file or directory\n', 1)
  }
  if (!context.sudo) return fail('Unable to connect to server control socket (/run/bird/bird.ctl): Permission denied\n', 1)
  const command = args.filter((a) => !a.startsWith('-')).join(' ')
  if (/^sh(o(w)?)? p(r(o(t(o(c(o(l(s)?)?)?)?)?)?)?)?$/.test(command)) return showProtocols(context)
  if (/^sh(o(w)?)? r(o(u(t(e)?)?)?)?$/.test(command)) return showRoute(context)
  return fail(`${BANNER}Peerlab's console supports: birdc show protocols, birdc show route\n`, 1)
}
