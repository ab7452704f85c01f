import { readStdin } from '../designSource'
import { parseArgs } from '../args'
import { EXIT, UsageError, withDesignErrors, type CliIo } from '../io'
import { openConsole, saveConsoleDesign } from './consoleDesign'

export const EXEC_USAGE = `Usage: peerlab exec DESIGN [--host H] [--save OUT] -- COMMAND...

Runs one lab-console command against the design, on the design's jump host or on --host, and
prints what the real tool would (kubectl, calicoctl, ip, birdc, curl, ping, ...; \`help\` lists them).
Standard input feeds a command that reads it: peerlab exec lab.yaml -- kubectl apply -f - < pool.yaml
  --host H     the host to run on, by alias (worker1), name or address
  --save OUT   write the design after the command (kubectl apply changes it) to OUT
Exits with the command's own exit status, or 1 if that is 0 but the design has errors (listed
on stderr); 2 when DESIGN cannot be read or is not a design, or OUT cannot be written.
`

/** Quotes an argument for the console's shell, so what the user's shell split stays split the same way. */
function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, "'\\''")}'`
}

export async function execCommand(args: readonly string[], io: CliIo): Promise<number> {
  const separator = args.indexOf('--')
  if (separator < 0) throw new UsageError('put the command after --')
  const command = args.slice(separator + 1)
  if (command.length === 0) throw new UsageError('no command after --')
  const { positional, options } = parseArgs(args.slice(0, separator), ['--host', '--save'], [])
  if (positional.length !== 1) throw new UsageError('expected exactly one DESIGN')
  if (positional[0] === '-') throw new UsageError("DESIGN cannot be - here: standard input is the command's")
  const { console, source, errors } = await openConsole('exec', positional[0] as string, options.get('--host'), io)
  const reads = command.includes('-') || command.includes('-f') || command[0] === 'grep' || command[0] === 'cat'
  const stdin = reads && !(process.stdin.isTTY ?? false) ? await readStdin(io.stdin) : ''
  const [entry] = console.run(command.map(shellQuote).join(' '), stdin)
  io.stdout(entry?.stdout ?? '')
  io.stderr(entry?.stderr ?? '')
  const save = options.get('--save')
  if (typeof save === 'string') await saveConsoleDesign(console, source, save)
  return withDesignErrors(entry?.exitCode ?? EXIT.ok, errors)
}
