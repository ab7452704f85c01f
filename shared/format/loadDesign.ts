import type { Diagnostic, SourceLocation } from '../diagnostics'
import { createEmptyDesign, type Design, type DesignEntry, type EntityId, type OpaqueResource } from '../model/design'
import { classifyResource } from '../model/classify'
import { identifyResource } from '../model/identify'
import { KINDS } from '../model/kinds'
import type { FieldPath } from '../schema/checkFields'
import { PEERLAB_GROUP, splitApiVersion, unreadablePeerlabVersion } from './apiVersions'
import { suggestKind } from './kindSuggestion'
import { parseBundle, type BundleDocument } from './yamlBundle'

/** Finds where an entity's field was written in the file a design was loaded from. */
export interface SourceIndex {
  locate(id: EntityId, path?: FieldPath): SourceLocation | undefined
}

export interface LoadResult {
  readonly design: Design
  /** Every problem in the file's structure, in document order; loading never stops at the first. */
  readonly diagnostics: readonly Diagnostic[]
  readonly sourceIndex: SourceIndex
}

const PEERLAB_KINDS = Object.values(KINDS)
  .filter((k) => k.designOnly)
  .map((k) => k.kind)

/**
 * Reads a design bundle: a multi-document YAML of Kubernetes, Calico and Peerlab resources.
 * Structural problems (syntax, wrong types, unknown fields of our own kinds, newer versions)
 * come back as diagnostics naming document, line and field; semantic checks are `validateDesign`'s.
 */
export function loadDesign(text: string, options: { name?: string } = {}): LoadResult {
  const parsed = parseBundle(text)
  const diagnostics: Diagnostic[] = [...parsed.diagnostics]
  const entries: DesignEntry[] = []
  const documentsById = new Map<EntityId, BundleDocument>()

  for (const document of parsed.documents) {
    if (document.value === undefined) continue
    const entry = readEntry(document, diagnostics)
    if (!entry) continue
    if (documentsById.has(entry.id)) {
      diagnostics.push({
        code: 'format.duplicate-resource',
        severity: 'error',
        message: `${entry.resource.kind} "${entry.resource.metadata.name}" is defined twice (first in document ${(documentsById.get(entry.id)?.index ?? 0) + 1}); applying both would keep only the second`,
        subject: entry.id,
        location: document.locate(['metadata', 'name']),
      })
      const id = `${entry.id}#${document.index}`
      // Registered under its own id, so a later check's diagnostic about it still finds its line.
      documentsById.set(id, document)
      entries.push({ id, modelled: false, resource: entry.resource as OpaqueResource, reason: 'invalid' })
      continue
    }
    documentsById.set(entry.id, document)
    entries.push(entry)
  }

  const cluster = entries.find((e) => e.modelled && e.resource.kind === 'Cluster' && e.resource.apiVersion.startsWith(`${PEERLAB_GROUP}/`))
  const name = options.name ?? cluster?.resource.metadata.name ?? createEmptyDesign().name
  return {
    design: { name, entries },
    diagnostics: diagnostics.sort((a, b) => (a.location?.document ?? -1) - (b.location?.document ?? -1)),
    sourceIndex: { locate: (id, path = []) => documentsById.get(id)?.locate(path) },
  }
}

function readEntry(document: BundleDocument, diagnostics: Diagnostic[]): DesignEntry | undefined {
  const report = (code: string, path: FieldPath, message: string, subject?: string, severity: Diagnostic['severity'] = 'error'): void => {
    diagnostics.push({ code, severity, message, location: document.locate(path), ...(subject !== undefined ? { subject } : {}) })
  }
  const identified = identifyResource(document.value)
  if ('problems' in identified) {
    for (const problem of identified.problems) report(problem.path.length === 0 ? 'format.not-a-resource' : problem.code, problem.path, problem.message)
    return undefined
  }
  const { resource, id } = identified
  const name = resource.metadata.name
  const { apiVersion, kind } = resource
  const unreadable = unreadablePeerlabVersion(apiVersion)
  if (unreadable !== undefined) {
    report('format.api-version-too-new', ['apiVersion'], unreadable, id)
    return { id, modelled: false, resource, reason: 'invalid' }
  }
  const { entry, problems, known } = classifyResource(resource)
  if (!known) {
    // A near miss of a modelled kind is a typo that would leave the resource silently unused.
    const meant = suggestKind(apiVersion, kind)
    if (splitApiVersion(apiVersion).group === PEERLAB_GROUP) {
      report('format.unknown-kind', ['kind'], `${PEERLAB_GROUP} has no kind "${kind}"${meant !== undefined ? `: did you mean ${meant}?` : ''} (known: ${PEERLAB_KINDS.join(', ')})`, id)
    } else if (meant !== undefined) {
      report('format.unknown-kind', ['kind'], `${apiVersion} has no kind "${kind}": did you mean ${meant}? As written it is not read as one, and is kept unchanged`, id)
    } else {
      report('format.unmodelled-kind', ['kind'], `${kind} (${apiVersion}) "${name}" is not modelled by Peerlab; it is kept and written back unchanged`, id, 'info')
    }
  }
  for (const problem of problems) report(problem.code, problem.path, problem.message, id)
  return entry
}
