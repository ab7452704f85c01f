import { displayName, hostsOf } from '../../shared/model/query'
import { parseArgs } from '../args'
import { EXIT, UsageError, withDesignErrors, type CliIo } from '../io'
import { openConsole } from './consoleDesign'

/**
 * Runs one console command on one host (`--host`) or on every host it applies to, each table
 * under a `# host` heading: what `peerlab routes` and `peerlab status` print.
 */
export async function perHostCommand(name: string, args: readonly string[], io: CliIo, command: string, applies: (role: string) => boolean): Promise<number> {
  const { positional, options } = parseArgs(args, ['--host'], [])
  if (positional.length !== 1) throw new UsageError('expected exactly one DESIGN')
  const host = options.get('--host')
  const { console, errors } = await openConsole(name, positional[0] as string, host, io)
  if (typeof host === 'string') {
    const [entry] = console.run(command)
    io.stdout(entry?.stdout ?? '')
    io.stderr(entry?.stderr ?? '')
    return withDesignErrors(entry?.exitCode === 0 ? EXIT.ok : EXIT.designErrors, errors)
  }
  const sections: string[] = []
  for (const each of hostsOf(console.design).filter((h) => applies(h.role))) {
    console.startOn(each.name)
    const [entry] = console.run(command)
    sections.push(`# ${displayName(each)}\n${entry?.output ?? ''}`)
  }
  io.stdout(sections.join('\n'))
  return withDesignErrors(EXIT.ok, errors)
}
