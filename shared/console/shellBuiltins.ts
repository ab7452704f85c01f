import { displayName, type Host } from '../model/query'
import { parseRfc3339 } from '../util/rfc3339'
import type { HostFiles } from './hostFiles'
import { dateCommandText } from './labClock'
import { fail, ok, type ProgramContext, type ProgramResult } from './program'
import { curl } from './programs/curl'

/** The console state the shell's own commands reach. */
export interface ShellState {
  /** The ssh stack: the first host is where the console started, the last is the current one. */
  readonly hosts: Host[]
  readonly files: HostFiles
  clock(): number
  setClock(ms: number): void
  findHost(name: string): Host | undefined
  contextFor(host: Host, sudo: boolean): ProgramContext
}

/** What the console runs, for help and for `command not found`. */
export const SUPPORTED = [
  'kubectl apply|delete|get|scale|cluster-info|exec',
  'calicoctl get|apply|create|delete|node status|ipam show',
  'ip route [get ADDR]',
  'ip addr',
  'birdc show protocols [all]|route [all] [for ADDR] [export|protocol NAME]|status',
  'kubectl exec -n kube-system calico-node-... -- birdcl show ...',
  'cat FILE',
  'curl ADDR[:PORT]',
  'ping',
  'traceroute',
  'ssh HOST',
  'exit',
  'sudo',
  'grep',
  'head',
  'tail',
  'wc',
  'echo',
  'date [-s TIME]',
  'sleep',
  'hostname',
  'clear',
  'help',
]

const HELP = `Peerlab lab console: commands run against the design, as on the lab's hosts.\n\n${SUPPORTED.map((s) => `  ${s}`).join('\n')}\n\nPipes (|), && and ;, here-documents (<<EOF) and > FILE work as in bash.\n`

/** What `clear` writes (ncurses' clear for xterm): home, erase screen, erase scrollback. */
/** What `clear` writes (ncurses' clear for xterm): home, erase screen, erase scrollback. */
export const CLEAR_SCREEN = '\x1b[H\x1b[2J\x1b[3J'

/** Commands of the shell itself, and the lab's setup steps (accepted, with what they mean here). */
export function runBuiltin(shell: ShellState, name: string, args: readonly string[], sudo: boolean): ProgramResult | undefined {
  const host = shell.hosts.at(-1)
  switch (name) {
    case 'ssh': {
      const target = args.filter((a) => !a.startsWith('-')).at(0)
      if (target === undefined) return fail('usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] destination [command]\n', 255)
      if (args.filter((a) => !a.startsWith('-')).length > 1) return fail(`peerlab: run the command after logging in: ssh ${target}, then the command\n`, 255)
      const next = shell.findHost(target)
      if (!next) return fail(`ssh: Could not resolve hostname ${target.replace(/^.*@/, '')}: Name or service not known\n`, 255)
      shell.hosts.push(next)
      return ok('')
    }
    case 'exit':
    case 'logout': {
      if (shell.hosts.length <= 1) {
        // A design with no hosts yet still has a console, on "localhost" as its prompt says.
        const start = shell.hosts[0]
        return { stdout: 'logout\n', stderr: `peerlab: ${start ? displayName(start) : 'localhost'} is where the console starts; it stays open\n`, exitCode: 0 }
      }
      const left = shell.hosts.pop() as Host
      return { stdout: 'logout\n', stderr: `Connection to ${displayName(left)} closed.\n`, exitCode: 0 }
    }
    case 'help':
      return ok(HELP)
    case 'clear':
      return ok(CLEAR_SCREEN)
    case 'date': {
      // `date -s TIME` sets the lab clock (root only, as on Linux); TIME is RFC 3339 or `YYYY-MM-DD HH:MM:SS` (UTC).
      const setting = args[0] === '-s' || args[0] === '--set' ? args.slice(1).join(' ') : args[0]?.startsWith('--set=') ? args[0].slice('--set='.length) : undefined
      if (setting === undefined) return ok(`${dateCommandText(shell.clock())}\n`)
      if (!sudo) return fail('date: cannot set date: Operation not permitted\n', 1)
      const time = parseRfc3339(/[zZ]|[+-]\d\d:\d\d$/.test(setting) ? setting : `${setting.trim()}Z`)
      if (time === undefined) return fail(`date: invalid date '${setting}'\n`, 1)
      shell.setClock(time)
      return ok(`${dateCommandText(shell.clock())}\n`)
    }
    case 'hostname':
      return ok(`${host?.name ?? 'localhost'}\n`)
    case 'whoami':
      return ok(sudo ? 'root\n' : 'ubuntu\n')
    case 'true':
      return ok('')
    case 'cd':
      // The console keeps no working directory beyond the home that relative paths use.
      return ok('')
    case 'pwd':
      return ok('/home/ubuntu\n')
    case 'false':
      return fail('', 1)
    case 'sleep': {
      const seconds = Number(args[0]?.replace(/s$/, ''))
      if (!Number.isFinite(seconds) || seconds < 0) return fail(`sleep: invalid time interval '${args[0] ?? ''}'\nTry 'sleep --help' for more information.\n`, 1)
      shell.setClock(shell.clock() + seconds * 1000)
      return ok('')
    }
    case 'chmod': {
      const file = args.filter((a) => !a.startsWith('-') && !a.startsWith('+')).at(-1)
      if (!host || file === undefined) return fail("chmod: missing operand\nTry 'chmod --help' for more information.\n", 1)
      return shell.files.exists(host.id, file) ? ok('') : fail(`chmod: cannot access '${file}': No such file or directory\n`, 1)
    }
    case 'mv': {
      const [from, to] = args.filter((a) => !a.startsWith('-'))
      if (!host || from === undefined || to === undefined) return fail("mv: missing file operand\nTry 'mv --help' for more information.\n", 1)
      const error = shell.files.move(host.id, from, to, sudo)
      return error ? fail(error, 1) : ok('')
    }
    case 'curl': {
      // A download (`curl -L URL -o FILE`) leaves the file, so the lab's chmod and mv work.
      const output = args.indexOf('-o')
      if (!host || output < 0 || args[output + 1] === undefined) return undefined
      const result = curl(shell.contextFor(host, sudo), args, '')
      if (result.exitCode === 0 && result.stdout === '') shell.files.write(host.id, args[output + 1] as string, `(downloaded ${args.find((a) => /^https?:/.test(a)) ?? ''})\n`)
      return result
    }
    default:
      return undefined
  }
}
