import type { Command } from '../commands/commands'
import type { Design, EntityId } from '../model/design'
import { kindKey } from '../model/kinds'
import { editField, fieldsOf, resourceOf, specOf, targetOf, type EditableField } from './editableFields'
import { fieldDefsOf } from './fieldDefs'
import { textValue, valueText } from './fieldText'
import { getIn, setIn } from './resourcePath'

/** One input of the inspector standing for the same field of several entities. */
export interface CommonField {
  readonly key: string
  readonly label: string
  /** The value every entity has; empty when they differ. */
  readonly text: string
  /** The entities hold different values: the input shows that rather than one of them. */
  readonly mixed: boolean
  /**
   * A map (labels) shows only the entries every entity has: editing it adds, changes or removes
   * those and leaves each entity's own entries (its hostname label) as they are.
   */
  readonly partial: boolean
  readonly choices?: readonly string[]
  readonly hint?: string
}

/** Fields whose values must differ between entities: one value typed for several would only make duplicates. */
const OWN_FIELDS: ReadonlySet<string> = new Set(['name', 'addresses'])

type StringMap = Readonly<Record<string, unknown>>

/** Where a field of an entity is written and whether it is a map, or undefined when the entity has no such field. */
function locate(design: Design, id: EntityId, key: string) {
  const own = resourceOf(design, id)
  const def = own ? fieldDefsOf(kindKey(own.apiVersion, own.kind)).find((d) => d.key === key) : undefined
  if (!own || !def) return undefined
  const target = targetOf(design, id, own, def)
  const spec = specOf(target.resource, def.path)
  return { target, def, spec, isMap: def.read === undefined && spec?.type === 'map' }
}

function mapAt(design: Design, id: EntityId, key: string): StringMap {
  const at = locate(design, id, key)
  const value = at ? getIn(at.target.resource, at.def.path) : undefined
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as StringMap) : {}
}

/** The entries every entity's map holds with the same value. */
function sharedEntries(design: Design, ids: readonly EntityId[], key: string): Record<string, unknown> {
  const [first, ...rest] = ids.map((id) => mapAt(design, id, key))
  if (!first) return {}
  return Object.fromEntries(Object.entries(first).filter(([k, v]) => rest.every((map) => k in map && map[k] === v)))
}

/** Entities of the selection the inspector has a form for (a session or the mesh has none). */
export function editableOf(design: Design, ids: readonly EntityId[]): EntityId[] {
  return ids.filter((id) => fieldsOf(design, id).length > 0)
}

/**
 * The fields every selected entity has (a node's and a router's AS number count as one), with
 * the value they share or a mark that they differ. Names and addresses are left out.
 */
export function commonFieldsOf(design: Design, ids: readonly EntityId[]): CommonField[] {
  const editable = editableOf(design, ids)
  const forms = editable.map((id) => fieldsOf(design, id))
  const [first, ...rest] = forms
  if (!first || rest.length === 0) return []
  return first.flatMap((field): CommonField[] => {
    if (OWN_FIELDS.has(field.key)) return []
    const all = [field, ...rest.map((form) => form.find((f) => f.key === field.key))]
    if (all.some((f) => f === undefined)) return []
    const fields = all as EditableField[]
    const choices = fields.every((f) => f.choices?.join('\n') === field.choices?.join('\n')) ? field.choices : undefined
    // A router's spec fields are labelled by their key; a node's form has the words for them ("AS number").
    const label = fields.find((f) => f.label !== f.key)?.label ?? field.label
    const base = { key: field.key, label, ...(choices ? { choices } : {}), ...(field.hint !== undefined ? { hint: field.hint } : {}) }
    if (fields.every((f, i) => locate(design, editable[i] as EntityId, f.key)?.isMap)) {
      const shared = sharedEntries(design, editable, field.key)
      const partial = editable.some((id) => Object.keys(mapAt(design, id, field.key)).length > Object.keys(shared).length)
      return [{ ...base, text: valueText(shared, undefined), mixed: false, partial }]
    }
    const mixed = fields.some((f) => f.text !== field.text)
    return [{ ...base, text: mixed ? '' : field.text, mixed, partial: false }]
  })
}

/**
 * Writes one field of every selected entity as one undo step. A map replaces only the entries
 * all of them shared, so typing a label for three nodes keeps each one's hostname label.
 */
export function editCommonField(design: Design, ids: readonly EntityId[], key: string, text: string): Command | undefined {
  const editable = editableOf(design, ids)
  const field = commonFieldsOf(design, editable).find((f) => f.key === key)
  if (!field) return undefined
  const shared = locate(design, editable[0] as EntityId, key)?.isMap ? sharedEntries(design, editable, key) : undefined
  const commands = editable.flatMap((id): Command[] => {
    if (shared === undefined) {
      const command = editField(design, id, key, text)
      return command ? [command] : []
    }
    const at = locate(design, id, key)
    if (!at) return []
    const own = Object.fromEntries(Object.entries(mapAt(design, id, key)).filter(([k]) => !(k in shared)))
    const typed = textValue(text, at.spec) as Record<string, unknown> | undefined
    const next = { ...own, ...typed }
    return [{ type: 'apply', resource: setIn(at.target.resource, at.def.path, Object.keys(next).length > 0 ? next : undefined) }]
  })
  if (commands.length === 0) return undefined
  return { type: 'batch', label: `Set ${field.label} of ${editable.length} items`, commands }
}
