import { formatDiagnostic, type Diagnostic } from '../shared/diagnostics'
import { loadDesign } from '../shared/format/loadDesign'
import type { Design } from '../shared/model/design'
import { checkBundle } from '../shared/validate/checkBundle'
import { SourceError, type DesignSource } from './designSource'
import type { CliIo } from './io'

/** Enough to see what is wrong without burying the output of a design with a thousand errors. */
const SHOWN_ERRORS = 10

export interface CheckedDesign {
  readonly design: Design
  /** How many errors the design has; the command computed on the rest of it. */
  readonly errors: number
}

export function listErrors(io: CliIo, source: DesignSource, errors: readonly Diagnostic[]): void {
  const lines = errors.slice(0, SHOWN_ERRORS).map((d) => formatDiagnostic(d, source.label))
  if (errors.length > SHOWN_ERRORS) lines.push(`... and ${errors.length - SHOWN_ERRORS} more: peerlab validate ${source.label} lists them all`)
  io.stderr(`${lines.join('\n')}\n`)
}

export const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`

/**
 * The design a command computes on, checked as `peerlab validate` checks it. Text with no resource
 * in it at all (a PNG, a shell script, prose) is not a design: SourceError, exit 2. A design with
 * errors is still computed on, since most of the network may be fine, but the errors are listed on
 * stderr first so no one takes the output for a clean bill.
 */
export function checkedDesign(command: string, source: DesignSource, io: CliIo): CheckedDesign {
  const { design, diagnostics } = checkBundle(source.text)
  const errors = diagnostics.filter((d) => d.severity === 'error')
  if (errors.length === 0) return { design, errors: 0 }
  if (design.entries.length === 0) {
    listErrors(io, source, errors)
    throw new SourceError(`${source.label} is not a Peerlab design: nothing in it could be read as a Kubernetes, Calico or Peerlab resource`)
  }
  io.stderr(`peerlab ${command}: ${source.label} has ${plural(errors.length, 'error')}, so this output may not match a real cluster:\n`)
  listErrors(io, source, errors)
  return { design, errors: errors.length }
}

/**
 * A design that is about to be rewritten (`import -o`). Documents it could not read are written
 * back as they were, so a few broken ones do not stop the merge; but text with no resource in it
 * at all is some other file named by mistake, and is left alone.
 */
export function designToMergeInto(source: DesignSource, io: CliIo): CheckedDesign {
  const { design, diagnostics } = loadDesign(source.text)
  const errors = diagnostics.filter((d) => d.severity === 'error')
  if (errors.length === 0) return { design, errors: 0 }
  if (design.entries.length === 0) {
    listErrors(io, source, errors)
    throw new SourceError(`${source.label} is not a Peerlab design, so nothing was imported into it: nothing in it could be read as a resource. It was left as it was`)
  }
  io.stderr(`peerlab import: ${source.label} has ${plural(errors.length, 'error')}; what could not be read is written back as it was\n`)
  listErrors(io, source, errors)
  return { design, errors: errors.length }
}
