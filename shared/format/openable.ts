import type { Diagnostic } from '../diagnostics'
import type { LoadResult } from './loadDesign'

/**
 * What stops a file from replacing the open design: problems with the file itself rather than
 * with a resource in it. The loader names the resource (`subject`) of every problem it can tie
 * to one; an error it cannot is a document it could not read as a resource at all (a YAML syntax
 * error, a document without apiVersion, kind or metadata.name), which the canvas would not show
 * and the app could not repair. A file with no resources at all is not a design either: opening
 * it would only trade the user's work for an empty canvas.
 *
 * Problems in a resource (a CIDR not masked, a field of the wrong type) do not stop it: the
 * design opens with them in the Problems list, where they can be fixed.
 */
export function reasonsNotToOpen(result: LoadResult): readonly Diagnostic[] {
  const unreadable = result.diagnostics.filter((d) => d.severity === 'error' && d.subject === undefined)
  if (unreadable.length > 0) return unreadable
  if (result.design.entries.length === 0) {
    return [{ code: 'format.no-resources', severity: 'error', message: 'the file holds no resources: a design is YAML documents, each with apiVersion, kind and metadata.name' }]
  }
  return []
}
