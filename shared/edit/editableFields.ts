import type { Command } from '../commands/commands'
import type { Design, EntityId, OpaqueResource } from '../model/design'
import { kindInfo, kindKey } from '../model/kinds'
import type { FieldPath } from '../schema/checkFields'
import { fieldDefsOf, type FieldDef } from './fieldDefs'
import { textValue, valueText } from './fieldText'
import { renameCommand } from './rename'
import { getIn, setIn, specAt } from './resourcePath'

/** One input of the inspector as the renderer shows it. */
export interface EditableField {
  readonly key: string
  readonly label: string
  readonly text: string
  /** The resource and field the value is written to: diagnostics about them are shown beside the input. */
  readonly subject: EntityId
  readonly path: FieldPath
  /** Allowed values, for a choice rather than free text. */
  readonly choices?: readonly string[]
  readonly hint?: string
}

/** Resources that may be absent yet still have a form: editing one creates it. */
function blankResource(id: EntityId): OpaqueResource | undefined {
  if (id === 'bgpconfiguration/default') return { apiVersion: 'projectcalico.org/v3', kind: 'BGPConfiguration', metadata: { name: 'default' }, spec: {} }
  if (id.startsWith('caliconode/')) return { apiVersion: 'projectcalico.org/v3', kind: 'Node', metadata: { name: id.slice('caliconode/'.length) }, spec: {} }
  return undefined
}

export function resourceOf(design: Design, id: EntityId): OpaqueResource | undefined {
  const entry = design.entries.find((e) => e.id === id)
  return entry ? (entry.resource as OpaqueResource) : blankResource(id)
}

export function targetOf(design: Design, id: EntityId, own: OpaqueResource, def: FieldDef): { id: EntityId; resource: OpaqueResource } {
  if (def.target === 'self') return { id, resource: own }
  const companion = `caliconode/${own.metadata.name}`
  return { id: companion, resource: resourceOf(design, companion) as OpaqueResource }
}

export function specOf(resource: OpaqueResource, path: FieldPath): ReturnType<typeof specAt> {
  const info = kindInfo(resource.apiVersion, resource.kind)
  return info ? specAt(info.spec, path) : undefined
}

function choicesOf(resource: OpaqueResource, path: FieldPath): readonly string[] | undefined {
  const spec = specOf(resource, path)
  if (spec?.type === 'enum') return ['', ...spec.values]
  if (spec?.type === 'boolean') return ['', 'true', 'false']
  return undefined
}

/** The inspector's form for an entity: empty for kinds that have none. */
export function fieldsOf(design: Design, id: EntityId): EditableField[] {
  const own = resourceOf(design, id)
  if (!own) return []
  return fieldDefsOf(kindKey(own.apiVersion, own.kind)).map((def) => {
    const target = targetOf(design, id, own, def)
    const value = getIn(target.resource, def.path)
    const choices = def.read ? undefined : choicesOf(target.resource, def.path)
    return {
      key: def.key,
      label: def.label,
      text: def.read ? def.read(value) : valueText(value, specOf(target.resource, def.path)),
      subject: target.id,
      path: def.path,
      ...(choices ? { choices } : {}),
      ...(def.hint !== undefined ? { hint: def.hint } : {}),
    }
  })
}

/** The command that writes `text` into a field; undefined when the entity or field does not exist. */
export function editField(design: Design, id: EntityId, key: string, text: string): Command | undefined {
  const own = resourceOf(design, id)
  const def = own ? fieldDefsOf(kindKey(own.apiVersion, own.kind)).find((d) => d.key === key) : undefined
  if (!own || !def) return undefined
  if (def.key === 'name') return renameCommand(design, id, own, text.trim())
  const target = targetOf(design, id, own, def)
  const value = def.write ? def.write(text, getIn(target.resource, def.path)) : textValue(text, specOf(target.resource, def.path))
  return { type: 'apply', resource: setIn(target.resource, def.path, value) }
}
