import type { SessionState } from '../../../bgp/sessions'
import { birdSince } from '../../labClock'
import { patternMatches, type ProtocolSelection } from './birdArgs'
import { BirdError } from './birdLexer'
import type { BirdProtocol, RouterBird, UpdateCounts } from './routerBird'

/** C's `%-Ns`. */
const pad = (text: string, width: number): string => text.padEnd(width)

/** C's `%10u`. */
const count = (n: number): string => String(n).padStart(10)

/** BIRD 1.6's BGP timers, none of which Peerlab's configurations change (proto/bgp/config.Y defaults). */
const HOLD_TIME = 240
const KEEPALIVE_TIME = 80
const CONNECT_DELAY_TIME = 5
const ERROR_WAIT_MIN = 60
const ERROR_WAIT_MAX = 300

/** The state word and the error after it, from the INFO text the engine gives a session. */
function splitInfo(session: SessionState): { readonly state: string; readonly error: string } {
  const space = session.info.indexOf(' ')
  return space < 0 ? { state: session.info, error: '' } : { state: session.info.slice(0, space), error: session.info.slice(space + 1) }
}

/** A BGP protocol's INFO column (proto/bgp/bgp.c bgp_get_status: `"%-14s%s%s"`), e.g. `Active        Socket: Connection refused`. */
function bgpInfo(session: SessionState): string {
  const { state, error } = splitInfo(session)
  return `${pad(state, 14)}${error}`
}

/** nest/proto.c proto_cmd_show: `"%-8s %-8s %-8s %-5s  %-10s  %s"`. */
function protocolLine(protocol: BirdProtocol, now: number): string {
  const info = protocol.session ? bgpInfo(protocol.session) : ''
  return `${pad(protocol.name, 8)} ${pad(protocol.proto, 8)} ${pad('master', 8)} ${pad(protocol.state, 5)}  ${pad(birdSince(protocol.since, now), 10)}  ${info}\n`
}

/** nest/proto.c proto_show_stats, for a protocol without `import keep filtered`. */
function statsLines(bird: RouterBird, protocol: BirdProtocol): string {
  const stats = bird.stats(protocol)
  const row = (label: string, c: UpdateCounts, columns: readonly ('received' | 'rejected' | 'filtered' | 'ignored' | 'accepted' | '---')[]): string =>
    `    ${pad(label, 20)}${columns.map((k) => (k === '---' ? '       ---' : count(c[k]))).join(' ')}\n`
  return (
    `  Routes:         ${stats.imported} imported, ${stats.exported} exported, ${stats.preferred} preferred\n` +
    '  Route change stats:     received   rejected   filtered    ignored   accepted\n' +
    row('Import updates:', stats.importUpdates, ['received', 'rejected', 'filtered', 'ignored', 'accepted']) +
    row('Import withdraws:', stats.importWithdraws, ['received', 'rejected', '---', 'ignored', 'accepted']) +
    row('Export updates:', stats.exportUpdates, ['received', 'rejected', 'filtered', '---', 'accepted']) +
    row('Export withdraws:', stats.exportWithdraws, ['received', '---', '---', '---', 'accepted'])
  )
}

/**
 * What the neighbor's OPEN announced, as proto/bgp/bgp.c bgp_show_proto_info lists it: a Calico
 * node's BIRD has `graceful restart` and `add paths on` (restart-able, add-path both ways); a
 * router's BIRD, as Peerlab configures it, only BIRD's defaults (aware of graceful restart and
 * of long-lived graceful restart). Both checked against BIRD 1.6.8 peers.
 */
function neighborCaps(bird: RouterBird, session: SessionState): string {
  const remote = bird.remoteOf(session)
  if (remote?.kind === 'calico') return ' refresh enhanced-refresh restart-able llgr-aware AS4 add-path-rx add-path-tx'
  // FRR's defaults (graceful restart helper, ADD-PATH receive, extended messages): not checked against a real FRR.
  if (remote?.host.daemon === 'frr') return ' refresh enhanced-refresh restart-aware AS4 add-path-rx ext-messages'
  return ' refresh enhanced-refresh restart-aware llgr-aware AS4'
}

/** Seconds left in a timer that restarts every `period` seconds, counting from `since`. */
function remaining(since: number, now: number, period: number): number {
  const elapsed = Math.max(0, Math.floor((now - since) / 1000))
  return period - (elapsed % period)
}

/**
 * proto/bgp/bgp.c bgp_update_startup_delay: after each error the wait doubles from the minimum
 * up to the maximum (`error wait time 60,300`). How far into the current wait `elapsed` is.
 */
function errorWait(since: number, now: number): string {
  let left = Math.max(0, Math.floor((now - since) / 1000))
  let wait = ERROR_WAIT_MIN
  while (left >= wait) {
    left -= wait
    wait = Math.min(2 * wait, ERROR_WAIT_MAX)
  }
  return `${wait - left}/${wait}`
}

/**
 * proto/bgp/bgp.c bgp_show_proto_info after the basic block. Timers are not kept by the
 * simulation: they run from the session's last change, a keepalive every 80 s resetting the
 * hold timer, a refused connection retried every 5 s.
 */
function bgpLines(bird: RouterBird, protocol: BirdProtocol, now: number): string {
  const session = protocol.session as SessionState
  const { state, error } = splitInfo(session)
  let text = `  BGP state:          ${state}\n    Neighbor address: ${session.peerAddress}\n    Neighbor AS:      ${session.remoteAs}\n`
  if (session.state === 'start') {
    if (state === 'Idle' && error !== '') text += `    Error wait:       ${errorWait(protocol.since, now)}\n`
    else if (state === 'Active') text += `    Connect delay:    ${remaining(protocol.since, now, CONNECT_DELAY_TIME)}/${CONNECT_DELAY_TIME}\n`
  } else {
    const internal = session.remoteAs === bird.speaker.asNumber
    text +=
      `    Neighbor ID:      ${bird.routerIdOf(session.remote) ?? session.peerAddress}\n` +
      `    Neighbor caps:   ${neighborCaps(bird, session)}\n` +
      `    Session:          ${internal ? 'internal' : 'external'} AS4\n` +
      `    Source address:   ${bird.sourceAddress(session)}\n` +
      `    Hold timer:       ${HOLD_TIME - KEEPALIVE_TIME + remaining(protocol.since, now, KEEPALIVE_TIME)}/${HOLD_TIME}\n` +
      `    Keepalive timer:  ${remaining(protocol.since, now, KEEPALIVE_TIME)}/${KEEPALIVE_TIME}\n`
  }
  if (error !== '') text += `    Last error:       ${error}\n`
  return text
}

/** nest/proto.c proto_cmd_show with `all`: proto_show_basic_info, the protocol's own part, a blank line. */
function details(bird: RouterBird, protocol: BirdProtocol, now: number): string {
  const basic = `  Preference:     ${protocol.preference}\n  Input filter:   ${protocol.inputFilter}\n  Output filter:  ${protocol.outputFilter}\n${statsLines(bird, protocol)}`
  return `${basic}${protocol.proto === 'BGP' ? bgpLines(bird, protocol, now) : ''}\n`
}

/** `show protocols [all] [NAME | "PATTERN"]` (nest/proto.c proto_apply_cmd): the header once, then each protocol in configuration order. */
export function showProtocols(bird: RouterBird, selection: ProtocolSelection, verbose: boolean, now: number): string {
  let chosen: readonly BirdProtocol[]
  if (selection.kind === 'name') {
    const protocol = bird.protocol(selection.name)
    if (!protocol) throw new BirdError(`${selection.name} is not a protocol`)
    chosen = [protocol]
  } else {
    chosen = selection.kind === 'pattern' ? bird.protocols.filter((p) => patternMatches(selection.pattern, p.name)) : bird.protocols
    if (chosen.length === 0) return 'No protocols match\n'
  }
  return `name     proto    table    state  since       info\n${chosen.map((p) => protocolLine(p, now) + (verbose ? details(bird, p, now) : '')).join('')}`
}
