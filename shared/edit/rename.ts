import type { Command } from '../commands/commands'
import { entityId, type Design, type EntityId, type OpaqueResource } from '../model/design'
import { PEERLAB_API_VERSION } from '../model/kinds'
import { resourcesOf } from '../model/query'

const HOSTNAME_LABEL = 'kubernetes.io/hostname'

function renamed(resource: OpaqueResource, name: string): OpaqueResource {
  return { ...resource, metadata: { ...resource.metadata, name } }
}

type Spec = Record<string, unknown>

function isRecord(value: unknown): value is Spec {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A pod spec that pins a pod to the node by name (nodeName, or a nodeSelector on its hostname label), pointed at the new name. */
function repinned(podSpec: unknown, from: string, to: string): Spec | undefined {
  if (!isRecord(podSpec)) return undefined
  const selector = podSpec.nodeSelector
  const byName = podSpec.nodeName === from
  const byLabel = isRecord(selector) && selector[HOSTNAME_LABEL] === from
  if (!byName && !byLabel) return undefined
  return { ...podSpec, ...(byName ? { nodeName: to } : {}), ...(byLabel ? { nodeSelector: { ...selector, [HOSTNAME_LABEL]: to } } : {}) }
}

/**
 * What else names a Kubernetes node, rewritten for its new name: BGPPeers scoped to it
 * (`spec.node`), and pods and workload templates pinned to it, which would otherwise lose their
 * sessions or stop scheduling. Selectors over other labels are the user's to change.
 */
function followers(design: Design, from: string, to: string): OpaqueResource[] {
  const changed: OpaqueResource[] = []
  for (const entry of design.entries) {
    const resource = entry.resource as OpaqueResource
    const spec = (resource as { spec?: unknown }).spec
    if (!isRecord(spec)) continue
    if (resource.apiVersion === 'projectcalico.org/v3' && resource.kind === 'BGPPeer' && spec.node === from) {
      changed.push({ ...resource, spec: { ...spec, node: to } } as OpaqueResource)
      continue
    }
    const own = resource.apiVersion === 'v1' && resource.kind === 'Pod' ? repinned(spec, from, to) : undefined
    if (own) {
      changed.push({ ...resource, spec: own } as OpaqueResource)
      continue
    }
    const template = spec.template
    const inTemplate = isRecord(template) ? repinned(template.spec, from, to) : undefined
    if (inTemplate) changed.push({ ...resource, spec: { ...spec, template: { ...(template as Spec), spec: inTemplate } } } as OpaqueResource)
  }
  return changed
}

/**
 * Renaming changes an entity's id, so it is a remove and an add in one step. What is keyed by the
 * name moves along: a Kubernetes node's Calico Node and hostname label, what names the node
 * (see followers), and the canvas position.
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
    for (const follower of followers(design, resource.metadata.name, name)) commands.push({ type: 'apply', resource: follower })
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
