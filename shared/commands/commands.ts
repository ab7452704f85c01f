import { entityLabel } from '../model/entityLabel'
import { classifyResource } from '../model/classify'
import type { Design, DesignEntry, EntityId, OpaqueResource } from '../model/design'
import { entityId } from '../model/design'
import { annotationElementId, annotationIdOf } from '../model/annotations'
import type { LayoutResource } from '../model/resources'
import { PEERLAB_API_VERSION } from '../model/kinds'
import { deepEqual } from '../util/deepEqual'

/**
 * Every change to a design is a serialisable command: the unit of undo, the source of labels
 * like "Undo Add IPPool external-pool", and what `kubectl apply` in the console produces.
 */
export type Command =
  /** Add a resource, or replace the one with the same id (as `kubectl apply` does). */
  | { readonly type: 'apply'; readonly resource: OpaqueResource }
  | { readonly type: 'remove'; readonly id: EntityId }
  /** Move entities (and annotations, by their `annotation/` element id) on the canvas; stored in the design's Layout resource. */
  | { readonly type: 'move'; readonly positions: Readonly<Record<EntityId, { readonly x: number; readonly y: number }>> }
  | { readonly type: 'batch'; readonly label: string; readonly commands: readonly Command[] }

const LAYOUT_NAME = 'layout'

function replaceOrAppend(entries: readonly DesignEntry[], entry: DesignEntry): DesignEntry[] {
  const index = entries.findIndex((e) => e.id === entry.id)
  return index < 0 ? [...entries, entry] : entries.map((e, i) => (i === index ? entry : e))
}

function moveEntities(design: Design, positions: Readonly<Record<EntityId, { readonly x: number; readonly y: number }>>): Design {
  const existing = design.entries.find((e) => e.modelled && e.resource.apiVersion === PEERLAB_API_VERSION && e.resource.kind === 'Layout')
  const layout = existing?.resource as LayoutResource | undefined
  const entities = Object.fromEntries(Object.entries(positions).filter(([id]) => annotationIdOf(id) === undefined))
  const annotations = layout?.spec.annotations?.map((a) => {
    const to = positions[annotationElementId(a.id)]
    return to ? { ...a, x: to.x, y: to.y } : a
  })
  const next: LayoutResource = {
    apiVersion: PEERLAB_API_VERSION,
    kind: 'Layout',
    metadata: layout?.metadata ?? { name: LAYOUT_NAME },
    spec: { ...layout?.spec, ...(Object.keys(entities).length > 0 || !layout ? { positions: { ...layout?.spec.positions, ...entities } } : {}), ...(annotations ? { annotations } : {}) },
  }
  return applyCommand(design, { type: 'apply', resource: next as unknown as OpaqueResource })
}

/** Returns the design after `command`; the very same object when nothing changes, so no-ops leave no history. */
export function applyCommand(design: Design, command: Command): Design {
  switch (command.type) {
    case 'apply': {
      const { entry } = classifyResource(command.resource)
      const current = design.entries.find((e) => e.id === entry.id)
      if (current && deepEqual(current.resource, entry.resource)) return design
      return { ...design, entries: replaceOrAppend(design.entries, entry) }
    }
    case 'remove': {
      const entries = design.entries.filter((e) => e.id !== command.id)
      return entries.length === design.entries.length ? design : { ...design, entries }
    }
    case 'move':
      return moveEntities(design, command.positions)
    case 'batch':
      return command.commands.reduce(applyCommand, design)
  }
}

/** A short, human label for menus and the history list. */
export function describeCommand(command: Command, before?: Design): string {
  switch (command.type) {
    case 'apply': {
      const exists = before?.entries.some((e) => e.id === entityId(command.resource)) ?? false
      return `${exists ? 'Change' : 'Add'} ${command.resource.kind} ${command.resource.metadata.name}`
    }
    case 'remove':
      return `Remove ${before ? entityLabel(before, command.id) : command.id}`
    case 'move': {
      const moved = Object.keys(command.positions)
      const only = moved.length === 1 ? (moved[0] as string) : undefined
      return only !== undefined ? `Move ${before ? entityLabel(before, only) : only}` : `Move ${moved.length} items`
    }
    case 'batch':
      return command.label
  }
}
