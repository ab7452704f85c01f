import { EXEC_USAGE, execCommand } from './commands/exec'
import { EXPORT_USAGE, exportCommand } from './commands/exportDesign'
import { IMPORT_USAGE, importCommand } from './commands/importManifests'
import { IPAM_USAGE, ipamCommand } from './commands/ipam'
import { REPLAY_USAGE, replayCommand } from './commands/replay'
import { ROUTES_USAGE, routesCommand } from './commands/routes'
import { SESSIONS_USAGE, sessionsCommand } from './commands/sessions'
import { STATUS_USAGE, statusCommand } from './commands/status'
import { VALIDATE_USAGE, validateCommand } from './commands/validate'
import { WHY_USAGE, whyCommand } from './commands/why'
import { listExamples } from './designSource'
import { exitCodeFor, internalError } from './guard'
import { EXIT, type CliIo } from './io'
import { VERSION } from './packageRoot'

export { EXIT, type CliIo } from './io'

const USAGE = `Usage: peerlab <command> [options]

Commands:
  validate DESIGN [--json]                          Check a design and print its diagnostics.
  routes DESIGN [--host H] [--why] [--json]         Routing tables as ip route prints them, and why.
  why DESIGN --host H PREFIX|ADDRESS [--json]       Why host H has a route to it, or has none.
  sessions DESIGN [--host H] [--json]               Each BGP session: state, why it is down, its routes.
  status DESIGN [--host H] [--json]                 calicoctl node status for each Calico node.
  ipam DESIGN [--show-blocks] [--plan] [--json]     Calico IPAM: calicoctl ipam show, or a capacity plan.
  export DESIGN [--format F] [--out DIR] [--force] kubectl or calicoctl files, node changes, BIRD/FRR
                                                    configs, the bundle, SVG, Mermaid or draw.io.
  import FILE... -o DESIGN                          Merge kubectl/calicoctl YAML into a design.
  exec DESIGN [--host H] [--save OUT] -- COMMAND... Run one lab-console command (kubectl, ip, curl, ...).
  replay DESIGN SCRIPT [--json] [--save OUT]        Run a file of console commands; print the transcript.
  examples                                          List the built-in examples.

DESIGN is a file path, - for standard input, or example:NAME for a built-in example
(the Calico lab is example:calico-lab-2.2). --json documents are described in docs/cli.md.

Options:
  -h, --help      Show help (also after a command: peerlab validate --help).
  -V, --version   Print the version.

Files written (export -o, import -o, exec and replay --save) are replaced atomically: a write
that fails (a full disk, a read-only file) leaves the old file as it was.

Exit codes:
  0   success, on a design without errors (warnings allowed)
  1   the design has errors (validate lists them; the other commands list them on stderr and
      print their output all the same, but export writes nothing for kubectl, calicoctl, BIRD
      or FRR unless --force), something could not be imported, or a
      replayed command failed (exec exits with its command's own status, or 1 if that is 0
      and the design has errors); for why, the host has no route of its own to it
  2   an input could not be read, is not UTF-8, or is not a design at all (validate lists why
      and exits 1); an output could not be written; or the command line is wrong
  70  an internal error: a bug in Peerlab (PEERLAB_DEBUG=1 shows where)
`

const COMMANDS: Readonly<Record<string, { usage: string; run: (args: readonly string[], io: CliIo) => Promise<number> }>> = {
  validate: { usage: VALIDATE_USAGE, run: validateCommand },
  export: { usage: EXPORT_USAGE, run: exportCommand },
  import: { usage: IMPORT_USAGE, run: importCommand },
  ipam: { usage: IPAM_USAGE, run: ipamCommand },
  routes: { usage: ROUTES_USAGE, run: routesCommand },
  status: { usage: STATUS_USAGE, run: statusCommand },
  exec: { usage: EXEC_USAGE, run: execCommand },
  replay: { usage: REPLAY_USAGE, run: replayCommand },
  why: { usage: WHY_USAGE, run: whyCommand },
  sessions: { usage: SESSIONS_USAGE, run: sessionsCommand },
}

/** Runs one CLI invocation; returns the exit code instead of exiting, so tests can call it. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io)
  } catch (error) {
    return internalError(error, io)
  }
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv
  if (name === undefined) {
    io.stderr(USAGE)
    return EXIT.unusable
  }
  if (name === '-h' || name === '--help' || name === 'help') {
    io.stdout(USAGE)
    return EXIT.ok
  }
  if (name === '-V' || name === '--version') {
    io.stdout(`${VERSION}\n`)
    return EXIT.ok
  }
  if (name === 'examples') {
    io.stdout(`${(await listExamples()).map((example) => `example:${example}`).join('\n')}\n`)
    return EXIT.ok
  }
  const command = COMMANDS[name]
  if (!command) {
    io.stderr(`peerlab: unknown command "${name}"\n\n${USAGE}`)
    return EXIT.unusable
  }
  // After `--` the words are a console command's (peerlab exec ... -- grep -h).
  const own = args.includes('--') ? args.slice(0, args.indexOf('--')) : args
  if (own.includes('--help') || own.includes('-h')) {
    io.stdout(command.usage)
    return EXIT.ok
  }
  try {
    return await command.run(args, io)
  } catch (error) {
    return exitCodeFor(error, name, command.usage, io)
  }
}
