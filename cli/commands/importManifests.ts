import { access } from 'node:fs/promises'
import { writeFileAtomically } from '../../platform/node/writeFileAtomically'
import { formatDiagnostic } from '../../shared/diagnostics'
import { importManifests } from '../../shared/format/manifests'
import { saveDesign } from '../../shared/format/saveDesign'
import { createEmptyDesign } from '../../shared/model/design'
import { designToMergeInto } from '../designErrors'
import { readTextFile } from '../designSource'
import { parseArgs } from '../args'
import { EXIT, UsageError, withDesignErrors, type CliIo } from '../io'

export const IMPORT_USAGE = `Usage: peerlab import FILE... -o DESIGN

Reads manifests as kubectl get ... -o yaml or calicoctl get ... -o yaml print them (a List, or
single resources) and merges them into DESIGN: created if it does not exist, otherwise resources
with the same kind and name are replaced and everything else in it is kept.
Prints what was added, updated and could not be placed. DESIGN is written atomically: a failed
write leaves it as it was.
Exits 1 if anything could not be placed or DESIGN has errors (listed on stderr), 2 when a FILE
or DESIGN cannot be read or DESIGN is not a design (nothing is written then), or DESIGN cannot be written.
`

/** The design's text, or undefined when there is no file there yet (import creates it). */
async function readExisting(path: string): Promise<string | undefined> {
  const exists = await access(path).then(
    () => true,
    (error: NodeJS.ErrnoException) => error.code !== 'ENOENT',
  )
  return exists ? readTextFile(path) : undefined
}

export async function importCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { positional, options } = parseArgs(args, ['-o'], [])
  const target = options.get('-o')
  if (typeof target !== 'string') throw new UsageError('-o DESIGN is required: the design file to create or update')
  if (positional.length === 0) throw new UsageError('expected at least one FILE to import')
  const previous = await readExisting(target)
  const merged = previous === undefined ? { design: createEmptyDesign(), errors: 0 } : designToMergeInto({ label: target, text: previous }, io)
  // Every FILE is read before anything is written: one that cannot be read leaves DESIGN untouched.
  const dumps = await Promise.all(positional.map(async (file) => ({ file, text: await readTextFile(file) })))
  let design = merged.design
  let failed = false
  for (const { file, text } of dumps) {
    const result = importManifests(design, text, file)
    design = result.design
    const { added, updated, unchanged, notPlaced } = result.report
    io.stdout(`${file}: ${added.length} added, ${updated.length} updated, ${unchanged.length} unchanged, ${notPlaced.length} not placed\n`)
    for (const diagnostic of notPlaced) io.stderr(`${formatDiagnostic(diagnostic)}\n`)
    failed ||= notPlaced.length > 0
  }
  await writeFileAtomically(target, saveDesign(design, previous ?? ''))
  return withDesignErrors(failed ? EXIT.designErrors : EXIT.ok, merged.errors)
}
