import type { SessionState } from '../../../bgp/sessions'
import { birdSince } from '../../labClock'
import { patternMatches, type ProtocolSelection } from './birdArgs'
import { BirdError } from './birdLexer'
import type { BgpTimers, BirdDaemon, BirdProtocol, UpdateCounts } from './birdDaemon'

/** C's `%-Ns`. */
const pad = (text: string, width: number): string => text.padEnd(width)

/** C's `%10u`. */
const count = (n: number): string => String(n).padStart(10)

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
function statsLines(bird: BirdDaemon, protocol: BirdProtocol): string {
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

/** Seconds left in a timer that restarts every `period` seconds, counting from `since`. */
function remaining(since: number, now: number, period: number): number {
  const elapsed = Math.max(0, Math.floor((now - since) / 1000))
  return period - (elapsed % period)
}

/**
 * proto/bgp/bgp.c bgp_update_startup_delay: after each error the wait doubles from the minimum
 * up to the maximum (`error wait time MIN,MAX`). How far into the current wait `elapsed` is.
 */
function errorWait(timers: BgpTimers, since: number, now: number): string {
  let left = Math.max(0, Math.floor((now - since) / 1000))
  let wait = timers.errorWaitMin
  while (left >= wait) {
    left -= wait
    wait = Math.min(2 * wait, timers.errorWaitMax)
  }
  return `${wait - left}/${wait}`
}

/**
 * proto/bgp/bgp.c bgp_show_proto_info after the basic block. Timers are not kept by the
 * simulation: they run from the session's last change, a keepalive resetting the hold timer, a
 * refused connection retried at the configuration's interval.
 */
function bgpLines(bird: BirdDaemon, protocol: BirdProtocol, now: number): string {
  const timers = bird.timers
  const session = protocol.session as SessionState
  const { state, error } = splitInfo(session)
  let text = `  BGP state:          ${state}\n    Neighbor address: ${session.peerAddress}\n    Neighbor AS:      ${session.remoteAs}\n`
  if (session.state === 'start') {
    if (state === 'Idle' && error !== '') text += `    Error wait:       ${errorWait(timers, protocol.since, now)}\n`
    else if (state === 'Active') text += `    Connect delay:    ${remaining(protocol.since, now, timers.connectRetry)}/${timers.connectDelay}\n`
  } else {
    const details = bird.bgpDetails(protocol)
    const keepalive = remaining(protocol.since, now, timers.keepalive)
    text +=
      `    Neighbor ID:      ${details.neighborId}\n` +
      `    Neighbor caps:   ${details.neighborCaps}\n` +
      `    Session:          ${details.session}\n` +
      `    Source address:   ${details.sourceAddress}\n` +
      `    Hold timer:       ${timers.hold - timers.keepalive + keepalive}/${timers.hold}\n` +
      `    Keepalive timer:  ${keepalive}/${timers.keepalive}\n`
  }
  if (error !== '') text += `    Last error:       ${error}\n`
  return text
}

/** nest/proto.c proto_cmd_show with `all`: proto_show_basic_info, the protocol's own part, a blank line. */
function details(bird: BirdDaemon, protocol: BirdProtocol, now: number): string {
  const description = protocol.description !== undefined ? `  Description:    ${protocol.description}\n` : ''
  const basic = `${description}  Preference:     ${protocol.preference}\n  Input filter:   ${protocol.inputFilter}\n  Output filter:  ${protocol.outputFilter}\n${statsLines(bird, protocol)}`
  return `${basic}${protocol.proto === 'BGP' ? bgpLines(bird, protocol, now) : ''}\n`
}

/** `show protocols [all] [NAME | "PATTERN"]` (nest/proto.c proto_apply_cmd): the header once, then each protocol in configuration order. */
export function showProtocols(bird: BirdDaemon, selection: ProtocolSelection, verbose: boolean, now: number): string {
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
