import { applyCommand, type Command } from '../../../commands/commands'
import { entityId, type Design, type OpaqueResource } from '../../../model/design'
import { classifyResource } from '../../../model/classify'
import { deepEqual, isPlainObject } from '../../../util/deepEqual'
import { type ProgramContext, type ProgramResult } from '../../program'
import { admissionErrors, kubectlInvalid, type AdmissionError } from './admission'
import { namespacesOf } from './clusterObjects'
import type { KubectlArgs } from './kubectlArgs'
import { readManifestDocuments, readManifestSources } from './manifestInput'
import { qualifiedKind, typeOfKind } from './resourceTypes'

/** The outcome of applying one object: kubectl's line on stdout, or its error on stderr. */
export type Outcome = { readonly line: string } | { readonly error: string; readonly refused?: readonly AdmissionError[] }

/**
 * `kubectl apply -f`: each object is created, configured or left unchanged, as kubectl reports
 * it; an object the cluster would refuse is reported with kubectl's kind of error and changes
 * nothing, while the valid objects of the same input are still applied (kubectl does the same).
 * All the changes of one command are one undoable edit.
 */
export function kubectlApply(context: ProgramContext, args: KubectlArgs, stdin: string): ProgramResult {
  const sources = readManifestSources(context, args.files, stdin, 'apply')
  if (typeof sources === 'string') return { stdout: '', stderr: sources, exitCode: 1 }
  let design: Design = context.design
  const commands: Command[] = []
  const outcomes: Outcome[] = []
  for (const source of sources) {
    const documents = readManifestDocuments(source)
    if (typeof documents === 'string') return { stdout: '', stderr: documents, exitCode: 1 }
    for (const document of documents) {
      if (!document.ok) {
        outcomes.push({ error: document.message })
        continue
      }
      const outcome = applyOne(context, design, document.value, source.label, args.namespace)
      outcomes.push(outcome)
      if ('command' in outcome) {
        design = applyCommand(design, outcome.command)
        commands.push(outcome.command)
      }
    }
  }
  if (commands.length > 0) context.edit(commands.length === 1 ? (commands[0] as Command) : { type: 'batch', label: 'kubectl apply', commands })
  const stdout = outcomes.flatMap((o) => ('line' in o ? [o.line] : [])).join('')
  const errors = outcomes.flatMap((o) => ('error' in o ? [o.error] : []))
  // One error prints as it is; several are an aggregate, printed one per line without "error: " (kubectl's checkErr).
  const stderr = errors.length > 1 ? errors.map((e) => e.replace(/^error: /, '')).join('') : (errors[0] ?? '')
  return { stdout, stderr, exitCode: stderr === '' ? 0 : 1 }
}

/** Applies one object to `design` as the API server would: the line kubectl prints and the edit, or the error. */
export function applyOne(
  context: ProgramContext,
  design: Design,
  value: Record<string, unknown>,
  label: string,
  namespaceFlag: string | undefined,
): Outcome | { readonly line: string; readonly command: Command } {
  const apiVersion = value.apiVersion as string
  const kind = value.kind as string
  const metadata = isPlainObject(value.metadata) ? value.metadata : {}
  const name = typeof metadata.name === 'string' ? metadata.name : ''
  const type = typeOfKind(apiVersion, kind)
  const written = typeof metadata.namespace === 'string' ? metadata.namespace : undefined
  if (!type) {
    return {
      error: `error: resource mapping not found for name: "${name}" namespace: "${written ?? ''}" from "${label}": no matches for kind "${kind}" in version "${apiVersion}"\nensure CRDs are installed first\n`,
    }
  }
  if (name === '')
    return {
      error: `error: error when retrieving current configuration of:\nResource: "${type.plural}", GroupVersionKind: "${kind}"\nName: "", Namespace: "${written ?? namespaceFlag ?? 'default'}"\nfrom server for: "${label}": resource name may not be empty\n`,
    }
  let resource = value as unknown as OpaqueResource
  if (type.namespaced) {
    if (written !== undefined && namespaceFlag !== undefined && written !== namespaceFlag) {
      return {
        error: `error: the namespace from the provided object "${written}" does not match the namespace "${namespaceFlag}". You must pass '--namespace=${written}' to perform this operation.\n`,
      }
    }
    const namespace = written ?? namespaceFlag ?? 'default'
    const known = new Set(namespacesOf(design))
    if (!known.has(namespace)) return { error: `Error from server (NotFound): error when creating "${label}": namespaces "${namespace}" not found\n` }
    if (written === undefined && namespace !== 'default') resource = { ...resource, metadata: { ...resource.metadata, namespace } }
  }
  const { entry, problems } = classifyResource(resource)
  if (problems.length > 0) {
    const version = apiVersion.slice(apiVersion.lastIndexOf('/') + 1)
    return { error: `Error from server (BadRequest): error when creating "${label}": ${kind} in version "${version}" cannot be handled as a ${kind}: ${problems.map((p) => p.message).join('; ')}\n` }
  }
  const id = entityId(resource)
  const current = design.entries.find((e) => e.id === id)
  const object = `${qualifiedKind(type)}/${name}`
  if (current && deepEqual(current.resource, entry.resource)) return { line: `${object} unchanged\n` }
  const command: Command = { type: 'apply', resource }
  const refused = admissionErrors(design, applyCommand(design, command), id)
  if (refused.length > 0) return { error: kubectlInvalid(kind, name, refused), refused }
  return { line: `${object} ${current ? 'configured' : 'created'}\n`, command }
}
