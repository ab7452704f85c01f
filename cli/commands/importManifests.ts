import { readFile, writeFile } from 'node:fs/promises'
import { formatDiagnostic } from '../../shared/diagnostics'
import { loadDesign } from '../../shared/format/loadDesign'
import { importManifests } from '../../shared/format/manifests'
import { saveDesign } from '../../shared/format/saveDesign'
import { createEmptyDesign } from '../../shared/model/design'
import { SourceError } from '../designSource'
import { EXIT, parseArgs, UsageError, type CliIo } from '../io'

export const IMPORT_USAGE = `Usage: peerlab import FILE... -o DESIGN

Reads manifests as kubectl get ... -o yaml or calicoctl get ... -o yaml print them (a List, or
single resources) and merges them into DESIGN: created if it does not exist, otherwise resources
with the same kind and name are replaced and everything else in it is kept.
Prints what was added, updated and could not be placed. Exits 1 if anything could not be placed.
`

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new SourceError(`cannot read ${path}: ${(error as Error).message}`)
  }
}

export async function importCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { positional, options } = parseArgs(args, ['-o'], [])
  const target = options.get('-o')
  if (typeof target !== 'string') throw new UsageError('-o DESIGN is required: the design file to create or update')
  if (positional.length === 0) throw new UsageError('expected at least one FILE to import')
  const previous = await readOptional(target)
  let design = previous === undefined ? createEmptyDesign() : loadDesign(previous).design
  let failed = false
  for (const file of positional) {
    const text = await readOptional(file)
    if (text === undefined) throw new SourceError(`cannot read ${file}: no such file`)
    const result = importManifests(design, text, file)
    design = result.design
    const { added, updated, unchanged, notPlaced } = result.report
    io.stdout(`${file}: ${added.length} added, ${updated.length} updated, ${unchanged.length} unchanged, ${notPlaced.length} not placed\n`)
    for (const diagnostic of notPlaced) io.stderr(`${formatDiagnostic(diagnostic)}\n`)
    failed ||= notPlaced.length > 0
  }
  await writeFile(target, saveDesign(design, previous ?? ''), 'utf8')
  return failed ? EXIT.designErrors : EXIT.ok
}
