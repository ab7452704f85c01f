import { fail, ok, type ProgramResult } from '../../program'
import { parseShowProtocols, parseShowRoute, UnsupportedArgument } from './birdArgs'
import { expandCommand, type ClientBuild } from './birdClient'
import type { BirdDaemon } from './birdDaemon'
import { BirdError, SYNTAX_ERROR, tokenize } from './birdLexer'
import { showProtocols } from './showProtocols'
import { showRoute } from './showRoute'

/**
 * One BIRD client invocation with its command on the command line, as client/client.c runs it:
 * its options, connecting to the control socket, the daemon's banner, the client's own expansion
 * of the command words, then the daemon's answer. Debian's birdc on a router and Calico's birdcl
 * in calico-node differ only in their name, socket, command grammar and the daemon behind them.
 */
export interface BirdClient {
  /** `birdc`, `birdcl`: what errors name it. */
  readonly name: string
  /** The control sockets that reach the daemon (the first is the default). */
  readonly sockets: readonly string[]
  readonly build: ClientBuild
}

const SUPPORTED = 'show protocols [all], show route [...], show status'

/** BIRD's `%F %T` (iso long, the default `timeformat base`), in UTC like a cloud VM. */
const isoLong = (ms: number): string => new Date(ms - (ms % 1000)).toISOString().slice(0, 19).replace('T', ' ')

/** sysdep/unix/main.c cmd_show_status (the config never changes under the console: reconfigured at boot). */
function showStatus(bird: BirdDaemon, now: number, booted: number): string {
  return `${bird.version}\nRouter ID is ${bird.routerId}\nCurrent server time is ${isoLong(now)}\nLast reboot on ${isoLong(booted)}\nLast reconfiguration on ${isoLong(booted)}\nDaemon is up and running\n`
}

/** The daemon's answer to one expanded command: its text, or the error its parser gives (still exit 0). */
function answer(bird: BirdDaemon, client: BirdClient, command: string, args: readonly string[], now: number, booted: number): ProgramResult {
  const banner = `${bird.version} ready.\n`
  try {
    const tokens = tokenize(args.join(' '))
    switch (command) {
      case 'show route':
        return ok(
          banner +
            showRoute(
              bird,
              parseShowRoute(tokens, (name) => bird.classOf(name)),
              now,
            ),
        )
      case 'show protocols':
      case 'show protocols all':
        return ok(banner + showProtocols(bird, parseShowProtocols(tokens), command.endsWith('all'), now))
      case 'show status':
        if (tokens.length > 0) throw new BirdError(SYNTAX_ERROR)
        return ok(banner + showStatus(bird, now, booted))
      case 'quit':
      case 'exit':
      case 'help':
        // Given on the command line, the client sends even its own commands to the daemon.
        throw new BirdError(SYNTAX_ERROR)
      default:
        return fail(`${banner}Peerlab's console supports: ${client.name} ${SUPPORTED}; not ${client.name} ${command}.\n`, 1)
    }
  } catch (error) {
    if (error instanceof BirdError) return ok(`${banner}${error.message}\n`)
    if (error instanceof UnsupportedArgument) return fail(`${banner}Peerlab's console does not evaluate BIRD filters (show route ${error.message} ...).\n`, 1)
    throw error
  }
}

/**
 * client/client.c: `-s SOCKET`, `-r` (restricted: every command here is a safe one) and the
 * command words; `-v` and `-l` are not simulated. `bird` is undefined when nothing listens on
 * the socket; `allowed` is false when the socket is root's and the user is not.
 */
export function runBirdClient(client: BirdClient, args: readonly string[], bird: BirdDaemon | undefined, allowed: boolean, now: number, booted: number): ProgramResult {
  let socket = client.sockets[0] as string
  const words: string[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string
    if (words.length > 0 || !arg.startsWith('-')) words.push(arg)
    else if (arg === '-s') socket = args[++i] ?? socket
    else if (arg !== '-r')
      return fail(
        arg === '-v' || arg === '-l'
          ? `Peerlab's console does not support ${client.name} ${arg}.\n`
          : `${client.name}: invalid option -- '${arg.slice(1, 2)}'\nUsage: ${client.name} [-s <control-socket>] [-v] [-r] [-l]\n`,
        1,
      )
  }
  if (!bird || !client.sockets.includes(socket)) return fail(`Unable to connect to server control socket (${socket}): No such file or directory\n`, 1)
  if (!allowed) return fail(`Unable to connect to server control socket (${socket}): Permission denied\n`, 1)
  if (words.length === 0) return fail(`${bird.version} ready.\nPeerlab's console runs ${client.name} one command at a time: ${client.name} ${SUPPORTED}.\n`, 1)
  const expanded = expandCommand(words, client.build)
  if ('print' in expanded) return ok(`${bird.version} ready.\n${expanded.print}`)
  return answer(bird, client, expanded.command, expanded.args, now, booted)
}
