import { fail, ok, type Program, type ProgramResult } from '../../program'
import { parseShowProtocols, parseShowRoute, UnsupportedArgument } from './birdArgs'
import { expandCommand } from './birdClient'
import { BirdError, SYNTAX_ERROR, tokenize } from './birdLexer'
import { routerBird, type RouterBird } from './routerBird'
import { showProtocols } from './showProtocols'
import { showRoute } from './showRoute'

/** The BIRD Debian ships (bookworm's bird 1.6.8), the family Calico's BIRD comes from. */
const BANNER = 'BIRD 1.6.8 ready.\n'

/** Debian's control socket (/var/run is a link to /run). */
const SOCKETS = ['/run/bird/bird.ctl', '/var/run/bird/bird.ctl']

const SUPPORTED = 'show protocols [all], show route [...], show status'

/** BIRD's `%F %T` (iso long, the default `timeformat base`), in UTC like a cloud VM. */
const isoLong = (ms: number): string => new Date(ms - (ms % 1000)).toISOString().slice(0, 19).replace('T', ' ')

/** sysdep/unix/main.c cmd_show_status (the config never changes under the console: reconfigured at boot). */
function showStatus(bird: RouterBird, now: number, booted: number): string {
  return `BIRD 1.6.8\nRouter ID is ${bird.speaker.ipv4 ?? '0.0.0.0'}\nCurrent server time is ${isoLong(now)}\nLast reboot on ${isoLong(booted)}\nLast reconfiguration on ${isoLong(booted)}\nDaemon is up and running\n`
}

/** The daemon's answer to one expanded command: its text, or the error its parser gives (still exit 0). */
function answer(bird: RouterBird, command: string, args: readonly string[], now: number, booted: number): ProgramResult {
  try {
    const tokens = tokenize(args.join(' '))
    switch (command) {
      case 'show route':
        return ok(BANNER + showRoute(bird, parseShowRoute(tokens, (name) => bird.classOf(name)), now))
      case 'show protocols':
      case 'show protocols all':
        return ok(BANNER + showProtocols(bird, parseShowProtocols(tokens), command.endsWith('all'), now))
      case 'show status':
        if (tokens.length > 0) throw new BirdError(SYNTAX_ERROR)
        return ok(BANNER + showStatus(bird, now, booted))
      case 'quit':
      case 'exit':
      case 'help':
        // Given on the command line, the client sends even its own commands to the daemon.
        throw new BirdError(SYNTAX_ERROR)
      default:
        return fail(`${BANNER}Peerlab's console supports: birdc ${SUPPORTED}; not birdc ${command}.\n`, 1)
    }
  } catch (error) {
    if (error instanceof BirdError) return ok(`${BANNER}${error.message}\n`)
    if (error instanceof UnsupportedArgument) return fail(`${BANNER}Peerlab's console does not evaluate BIRD filters (show route ${error.message} ...).\n`, 1)
    throw error
  }
}

/**
 * birdc on an outside router that runs BIRD. Its control socket is root's (`sudo birdc`);
 * Calico nodes keep BIRD inside calico-node, reached through `calicoctl node status`.
 */
export const birdc: Program = (context, args) => {
  const speaker = context.network.speakers.find((s) => s.id === context.host.id)
  // A Calico node's BIRD is inside the calico-node container: the host has no birdc at all.
  if (speaker?.kind === 'calico') return fail('birdc: command not found\n(On a Calico node, BIRD runs inside calico-node: use sudo calicoctl node status.)\n', 127)
  let socket = SOCKETS[0] as string
  const words: string[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string
    if (words.length > 0 || !arg.startsWith('-')) words.push(arg)
    else if (arg === '-s') socket = args[++i] ?? socket
    else if (arg !== '-r') return fail(arg === '-v' || arg === '-l' ? `Peerlab's console does not support birdc ${arg}.\n` : `birdc: invalid option -- '${arg.slice(1, 2)}'\nUsage: birdc [-s <control-socket>] [-v] [-r] [-l]\n`, 1)
  }
  const bird = routerBird(context)
  if (!bird || !SOCKETS.includes(socket)) return fail(`Unable to connect to server control socket (${socket}): No such file or directory\n`, 1)
  if (!context.sudo) return fail(`Unable to connect to server control socket (${socket}): Permission denied\n`, 1)
  if (words.length === 0) return fail(`${BANNER}Peerlab's console runs birdc one command at a time: birdc ${SUPPORTED}.\n`, 1)
  const client = expandCommand(words)
  if ('print' in client) return ok(BANNER + client.print)
  return answer(bird, client.command, client.args, context.now, context.bootedAt)
}
