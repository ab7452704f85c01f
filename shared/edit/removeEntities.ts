import type { Command } from '../commands/commands'
import type { Design, EntityId } from '../model/design'

/**
 * Deleting what is selected on the canvas. A Kubernetes node takes its Calico Node with it, as
 * deleting the node does in a cluster; ids that name nothing (a session, the mesh) are skipped.
 */
export function removeEntities(design: Design, ids: readonly EntityId[]): Command | undefined {
  const present = new Set(design.entries.map((e) => e.id))
  const doomed = ids.flatMap((id) => (id.startsWith('node/') ? [id, `caliconode/${id.slice('node/'.length)}`] : [id])).filter((id) => present.has(id))
  const unique = [...new Set(doomed)]
  if (unique.length === 0) return undefined
  const label = ids.length === 1 ? `Delete ${ids[0]}` : `Delete ${ids.length} items`
  return { type: 'batch', label, commands: unique.map((id) => ({ type: 'remove', id })) }
}
