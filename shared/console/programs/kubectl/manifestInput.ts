import { parseBundle } from '../../../format/yamlBundle'
import { isPlainObject } from '../../../util/deepEqual'
import type { ProgramContext } from '../../program'

export interface ManifestSource {
  /** How kubectl names the input in errors: `STDIN` or the file name. */
  readonly label: string
  readonly text: string
}

/** The manifests `-f` names: `-` for standard input (a here-document), or a file on the current host. */
export function readManifestSources(context: ProgramContext, files: readonly string[], stdin: string, command: string): ManifestSource[] | string {
  if (files.length === 0) return `error: must specify one of -f and -k\n\n`
  const sources: ManifestSource[] = []
  for (const file of files) {
    if (file === '-') sources.push({ label: 'STDIN', text: stdin })
    else if (/^https?:\/\//.test(file)) return `peerlab: ${command} -f ${file}: the console has no internet; paste the manifest in a here-document (kubectl ${command} -f - <<EOF ... EOF)\n`
    else {
      const text = context.readFile(file)
      if (text === undefined) return `error: the path "${file}" does not exist\n`
      sources.push({ label: file, text })
    }
  }
  return sources
}

/** One YAML document of the input, or why it cannot be read. */
export type ManifestDocument = { readonly ok: true; readonly value: Record<string, unknown> } | { readonly ok: false; readonly message: string }

/**
 * The documents of a manifest, kubectl's way: a syntax error anywhere stops everything
 * (`error parsing STDIN`), empty documents are skipped, and `kind: List` is expanded.
 */
export function readManifestDocuments(source: ManifestSource): ManifestDocument[] | string {
  const parsed = parseBundle(source.text)
  const syntax = parsed.diagnostics[0]
  if (syntax) {
    const line = syntax.location?.line
    return `error: error parsing ${source.label}: error converting YAML to JSON: yaml: ${line !== undefined ? `line ${line}: ` : ''}${syntax.message.replace(/^YAML syntax error: /, '')}\n`
  }
  const documents: ManifestDocument[] = []
  for (const document of parsed.documents) {
    const value = document.value
    if (value === undefined || value === null) continue
    if (!isPlainObject(value)) {
      documents.push({
        ok: false,
        message: `error: error validating "${source.label}": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false\n`,
      })
      continue
    }
    if (value.kind === 'List' && Array.isArray(value.items)) {
      for (const item of value.items as unknown[]) if (isPlainObject(item)) documents.push({ ok: true, value: item })
      continue
    }
    const missing = [...(typeof value.apiVersion === 'string' ? [] : ['apiVersion not set']), ...(typeof value.kind === 'string' ? [] : ['kind not set'])]
    if (missing.length > 0) {
      documents.push({
        ok: false,
        message: `error: error validating "${source.label}": error validating data: ${missing.length === 1 ? missing[0] : `[${missing.join(', ')}]`}; if you choose to ignore these errors, turn validation off with --validate=false\n`,
      })
      continue
    }
    documents.push({ ok: true, value })
  }
  return documents
}
