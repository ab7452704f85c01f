import { writeFile } from 'node:fs/promises'
import { LabConsole, type ConsoleOptions } from '../../shared/console/labConsole'
import { loadDesign } from '../../shared/format/loadDesign'
import { saveDesign } from '../../shared/format/saveDesign'
import { readDesignSource, SourceError, type DesignSource } from '../designSource'
import { UsageError, type CliIo } from '../io'

/** A console over the DESIGN argument, logged in on `--host` when one is given. */
export async function openConsole(spec: string, host: string | true | undefined, io: CliIo, options: ConsoleOptions = {}): Promise<{ console: LabConsole; source: DesignSource }> {
  const source = await readDesignSource(spec, io.stdin)
  const { design } = loadDesign(source.text)
  const console = new LabConsole(design, options)
  if (typeof host === 'string' && !console.startOn(host)) throw new SourceError(`${source.label}: no host "${host}" (use a name, an alias or an address)`)
  if (host === true) throw new UsageError('--host needs a value')
  return { console, source }
}

/** `--save OUT`: the design after the commands, unchanged documents kept byte for byte. */
export async function saveConsoleDesign(console: LabConsole, source: DesignSource, path: string): Promise<void> {
  await writeFile(path, saveDesign(console.design, source.text), 'utf8')
}
