import { describe, expect, it } from 'vitest'
import { applyCommand, describeCommand, type Command } from '../../../shared/commands/commands'
import { EMPTY_HISTORY, recordEdit, redo, undo } from '../../../shared/commands/history'
import { loadDesign } from '../../../shared/format/loadDesign'
import type { Design, OpaqueResource } from '../../../shared/model/design'
import { ipPoolsOf, resourcesOf } from '../../../shared/model/query'
import { readExample } from '../../exampleText'

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.freeze(value)
    for (const child of Object.values(value)) deepFreeze(child)
  }
  return value
}

const lab = deepFreeze(loadDesign(readExample('calico-lab-2.2')).design)
const externalPool: OpaqueResource = { apiVersion: 'projectcalico.org/v3', kind: 'IPPool', metadata: { name: 'external-pool' }, spec: { cidr: '10.48.2.0/24', blockSize: 29 } }

describe('commands', () => {
  it('apply adds a resource, or replaces the one with the same id, without touching the input', () => {
    const added = applyCommand(lab, { type: 'apply', resource: externalPool })
    expect(ipPoolsOf(added).map((p) => p.metadata.name)).toEqual(['default-ipv4-ippool', 'external-pool'])
    const changed = applyCommand(added, { type: 'apply', resource: { ...externalPool, spec: { cidr: '10.48.3.0/24' } } })
    expect(ipPoolsOf(changed).map((p) => p.spec.cidr)).toEqual(['10.48.0.0/24', '10.48.3.0/24'])
    expect(changed.entries).toHaveLength(lab.entries.length + 1)
    expect(ipPoolsOf(lab)).toHaveLength(1)
  })

  it('keeps a malformed resource opaque instead of modelling it', () => {
    const broken = applyCommand(lab, { type: 'apply', resource: { ...externalPool, spec: { cidr: 42 } } })
    expect(broken.entries.at(-1)).toMatchObject({ id: 'ippool/external-pool', modelled: false, reason: 'invalid' })
  })

  it('returns the same design for a no-op, so it leaves no history', () => {
    const pool = ipPoolsOf(lab)[0] as unknown as OpaqueResource
    expect(applyCommand(lab, { type: 'apply', resource: pool })).toBe(lab)
    expect(applyCommand(lab, { type: 'remove', id: 'ippool/nope' })).toBe(lab)
    expect(recordEdit(EMPTY_HISTORY, { label: 'x', before: lab, after: lab })).toBe(EMPTY_HISTORY)
  })

  it('move stores positions in the Layout resource, creating it once', () => {
    const moved = applyCommand(lab, { type: 'move', positions: { 'router/bastion': { x: 10, y: 20 } } })
    const again = applyCommand(moved, { type: 'move', positions: { 'node/ip-10-0-1-20.eu-west-1.compute.internal': { x: 5, y: 6 } } })
    expect(resourcesOf(again, 'peerlab.dev/v1alpha1/Layout').map((l) => l.spec.positions)).toEqual([
      { 'router/bastion': { x: 10, y: 20 }, 'node/ip-10-0-1-20.eu-west-1.compute.internal': { x: 5, y: 6 } },
    ])
  })

  it.each<[Command, string]>([
    [{ type: 'apply', resource: externalPool }, 'Add IPPool external-pool'],
    [{ type: 'apply', resource: ipPoolsOf(lab)[0] as unknown as OpaqueResource }, 'Change IPPool default-ipv4-ippool'],
    // Elements are named as people know them: a host by its alias, the rest by kind and name.
    [{ type: 'remove', id: 'router/bastion' }, 'Remove bastion'],
    [{ type: 'remove', id: 'segment/lab-subnet' }, 'Remove segment lab-subnet'],
    [{ type: 'move', positions: { 'node/ip-10-0-1-31.eu-west-1.compute.internal': { x: 0, y: 0 } } }, 'Move worker2'],
    [{ type: 'move', positions: { a: { x: 0, y: 0 }, b: { x: 1, y: 1 } } }, 'Move 2 items'],
  ])('describes %j as "%s"', (command, label) => {
    expect(describeCommand(command, lab)).toBe(label)
  })
})

describe('history', () => {
  const step = (design: Design, command: Command) => ({ label: describeCommand(command, design), before: design, after: applyCommand(design, command) })

  it('undoes and redoes edits in order, and a new edit clears redo', () => {
    const first = step(lab, { type: 'apply', resource: externalPool })
    const second = step(first.after, { type: 'remove', id: 'router/bastion' })
    let history = recordEdit(recordEdit(EMPTY_HISTORY, first), second)
    const undone = undo(history)
    expect(undone?.design).toBe(first.after)
    expect(undone?.label).toBe('Remove bastion')
    history = undone?.history ?? history
    expect(redo(history)?.design).toBe(second.after)
    const other = step(first.after, { type: 'remove', id: 'segment/lab-subnet' })
    expect(recordEdit(history, other).future).toEqual([])
    expect(undo(EMPTY_HISTORY)).toBeUndefined()
    expect(redo(EMPTY_HISTORY)).toBeUndefined()
  })

  it('coalesces a gesture into one step', () => {
    const a = { ...step(lab, { type: 'move', positions: { 'router/bastion': { x: 1, y: 1 } } }), group: 'drag:router/bastion' }
    const b = { ...step(a.after, { type: 'move', positions: { 'router/bastion': { x: 2, y: 2 } } }), group: 'drag:router/bastion' }
    const history = recordEdit(recordEdit(EMPTY_HISTORY, a), b)
    expect(history.past).toHaveLength(1)
    expect(undo(history)?.design).toBe(lab)
    expect(redo(undo(history)?.history ?? history)?.design).toBe(b.after)
  })
})
