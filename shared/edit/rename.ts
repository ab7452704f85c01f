import type { Command } from '../commands/commands'
import { entityId, type Design, type EntityId, type OpaqueResource } from '../model/design'
import { PEERLAB_API_VERSION } from '../model/kinds'
import { resourcesOf } from '../model/query'

const HOSTNAME_LABEL = 'kubernetes.io/hostname'

function renamed(resource: OpaqueResource, name: string): OpaqueResource {
  return { ...resource, metadata: { ...resource.metadata, name } }
}

/**
 * Renaming changes an entity's id, so it is a remove and an add in one step. What is keyed by the
 * name moves along: a Kubernetes node's Calico Node and hostname label, and the canvas position.
 */
export function renameCommand(design: Design, id: EntityId, resource: OpaqueResource, name: string): Command | undefined {
  if (name === resource.metadata.name) return undefined
  let next = renamed(resource, name)
  const commands: Command[] = [{ type: 'remove', id }]
  if (resource.apiVersion === 'v1' && resource.kind === 'Node') {
    const labels = resource.metadata.labels
    if (labels?.[HOSTNAME_LABEL] === resource.metadata.name) next = { ...next, metadata: { ...next.metadata, labels: { ...labels, [HOSTNAME_LABEL]: name } } }
    const calicoNode = design.entries.find((e) => e.id === `caliconode/${resource.metadata.name}`)
    if (calicoNode) commands.push({ type: 'remove', id: calicoNode.id }, { type: 'apply', resource: renamed(calicoNode.resource as OpaqueResource, name) })
  }
  commands.push({ type: 'apply', resource: next })
  const layout = resourcesOf(design, 'peerlab.dev/v1alpha1/Layout')[0]
  const position = layout?.spec.positions?.[id]
  if (layout && position) {
    const positions = Object.fromEntries(Object.entries(layout.spec.positions ?? {}).map(([key, value]) => [key === id ? entityId(next) : key, value]))
    commands.push({ type: 'apply', resource: { ...layout, apiVersion: PEERLAB_API_VERSION, spec: { ...layout.spec, positions } } as OpaqueResource })
  }
  return { type: 'batch', label: `Rename ${resource.kind} ${resource.metadata.name} to ${name}`, commands }
}
