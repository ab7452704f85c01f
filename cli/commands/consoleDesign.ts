import { writeFileAtomically } from '../../platform/node/writeFileAtomically'
import { LabConsole, type ConsoleOptions } from '../../shared/console/labConsole'
import { saveDesign } from '../../shared/format/saveDesign'
import { checkedDesign } from '../designErrors'
import { readDesignSource, SourceError, type DesignSource } from '../designSource'
import { UsageError, type CliIo } from '../io'

/** A console over the DESIGN argument, logged in on `--host` when one is given; `errors` counts the design's errors. */
export async function openConsole(
  command: string,
  spec: string,
  host: string | true | undefined,
  io: CliIo,
  options: ConsoleOptions = {},
): Promise<{ console: LabConsole; source: DesignSource; errors: number }> {
  if (host === true) throw new UsageError('--host needs a value')
  const source = await readDesignSource(spec, io.stdin)
  const { design, errors } = checkedDesign(command, source, io)
  const console = new LabConsole(design, options)
  if (typeof host === 'string' && !console.startOn(host)) throw new SourceError(`${source.label}: no host "${host}" (use a name, an alias or an address)`)
  return { console, source, errors }
}

/** `--save OUT`: the design after the commands, unchanged documents kept byte for byte, written atomically. */
export async function saveConsoleDesign(console: LabConsole, source: DesignSource, path: string): Promise<void> {
  await writeFileAtomically(path, saveDesign(console.design, source.text))
}
