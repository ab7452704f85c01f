import { describe, expect, it } from 'vitest'
import { applyCommand, type Command } from '../../../shared/commands/commands'
import { aligned, alignCommand, distributeCommand, distributed, hostPositions } from '../../../shared/edit/alignHosts'
import { checkEdit } from '../../../shared/edit/checkedEdit'
import { commonFieldsOf, editCommonField } from '../../../shared/edit/commonFields'
import { copySelection, pasteClip, pasteShift, type Clip } from '../../../shared/edit/copyPaste'
import { freshName, renamedForAddress } from '../../../shared/edit/freshName'
import { selectionTitle } from '../../../shared/edit/selectionTitle'
import { loadDesign } from '../../../shared/format/loadDesign'
import type { Design } from '../../../shared/model/design'
import { hostsOf, resourcesOf, segmentsOf } from '../../../shared/model/query'
import { validateDesign } from '../../../shared/validate/validateDesign'
import { readExample } from '../../exampleText'

const lab = loadDesign(readExample('calico-lab-2.2')).design
const CONTROL1 = 'node/ip-10-0-1-20.eu-west-1.compute.internal'
const WORKER1 = 'node/ip-10-0-1-30.eu-west-1.compute.internal'
const WORKER2 = 'node/ip-10-0-1-31.eu-west-1.compute.internal'
const NODES = [CONTROL1, WORKER1, WORKER2]

const errors = (design: Design): string[] =>
  validateDesign(design)
    .filter((d) => d.severity === 'error')
    .map((d) => `${d.code} ${d.subject ?? ''}`)
const host = (design: Design, id: string) => hostsOf(design).find((h) => h.id === id)

describe('fields common to several selected entities', () => {
  it('offers the fields every node has, without names and addresses, and marks values that differ', () => {
    const fields = commonFieldsOf(lab, NODES)
    expect(fields.map((f) => f.key)).toEqual(['alias', 'asNumber', 'routeReflectorClusterID', 'labels'])
    expect(fields.find((f) => f.key === 'alias')).toMatchObject({ mixed: true, text: '' })
    expect(fields.find((f) => f.key === 'asNumber')).toMatchObject({ mixed: false, text: '' })
  })

  it('shows only the labels all of them share, and says each has others', () => {
    const labels = commonFieldsOf(lab, [WORKER1, WORKER2]).find((f) => f.key === 'labels')
    expect(labels).toMatchObject({ text: 'kubernetes.io/os=linux', partial: true, mixed: false })
  })

  it('writes one AS number into every node as one command the engine accepts', () => {
    const command = editCommonField(lab, NODES, 'asNumber', '65010') as Command
    expect(command).toMatchObject({ type: 'batch', label: 'Set AS number of 3 items' })
    const { design, problems } = checkEdit(lab, command)
    expect(problems).toEqual([])
    expect(NODES.map((id) => host(design, id)?.asNumber)).toEqual([65010, 65010, 65010])
    expect(commonFieldsOf(design, NODES).find((f) => f.key === 'asNumber')).toMatchObject({ text: '65010', mixed: false })
  })

  it('adds a shared label and keeps each node its own hostname label', () => {
    const design = applyCommand(lab, editCommonField(lab, [WORKER1, WORKER2], 'labels', 'kubernetes.io/os=linux, rack=r1') as Command)
    expect(host(design, WORKER1)?.labels).toEqual({ 'kubernetes.io/hostname': 'ip-10-0-1-30.eu-west-1.compute.internal', 'kubernetes.io/os': 'linux', rack: 'r1' })
    expect(host(design, WORKER2)?.labels['kubernetes.io/hostname']).toBe('ip-10-0-1-31.eu-west-1.compute.internal')
    // Removing it from the shared text removes it from both, and only it.
    const back = applyCommand(design, editCommonField(design, [WORKER1, WORKER2], 'labels', 'kubernetes.io/os=linux') as Command)
    expect(host(back, WORKER1)?.labels).toEqual(host(lab, WORKER1)?.labels)
  })

  it('treats a node and a router alike where both have the field (AS number, alias, labels)', () => {
    expect(commonFieldsOf(lab, [WORKER1, 'router/bastion']).map((f) => f.key)).toEqual(['alias', 'asNumber', 'labels'])
    const design = applyCommand(lab, editCommonField(lab, [WORKER1, 'router/bastion'], 'asNumber', '65020') as Command)
    expect([host(design, WORKER1)?.asNumber, host(design, 'router/bastion')?.asNumber]).toEqual([65020, 65020])
  })

  it('has nothing to offer for one entity or for kinds that share no field but the name', () => {
    expect(commonFieldsOf(lab, [WORKER1])).toEqual([])
    expect(commonFieldsOf(lab, [WORKER1, 'segment/lab-subnet'])).toEqual([])
    expect(editCommonField(lab, [WORKER1, 'segment/lab-subnet'], 'name', 'x')).toBeUndefined()
  })
})

describe('align and distribute', () => {
  const points = new Map([
    ['a', { x: 0, y: 10 }],
    ['b', { x: 100, y: 50 }],
    ['c', { x: 40, y: 200 }],
  ])

  it('lines centres up on the extreme or the middle of the selection', () => {
    expect([...aligned(points, 'left').values()]).toEqual([
      { x: 0, y: 10 },
      { x: 0, y: 50 },
      { x: 0, y: 200 },
    ])
    expect([...aligned(points, 'right').values()].map((p) => p.x)).toEqual([100, 100, 100])
    expect([...aligned(points, 'centre').values()].map((p) => p.x)).toEqual([50, 50, 50])
    expect([...aligned(points, 'top').values()].map((p) => p.y)).toEqual([10, 10, 10])
    expect([...aligned(points, 'middle').values()].map((p) => p.y)).toEqual([105, 105, 105])
    expect([...aligned(points, 'bottom').values()]).toEqual([
      { x: 0, y: 200 },
      { x: 100, y: 200 },
      { x: 40, y: 200 },
    ])
  })

  it('spreads the hosts between the first and the last at equal steps, in their order', () => {
    expect(Object.fromEntries(distributed(points, 'horizontal'))).toEqual({ a: { x: 0, y: 10 }, c: { x: 50, y: 200 }, b: { x: 100, y: 50 } })
    expect(Object.fromEntries(distributed(points, 'vertical'))).toEqual({ a: { x: 0, y: 10 }, b: { x: 100, y: 105 }, c: { x: 40, y: 200 } })
  })

  it('aligns the lab hosts as one move in the Layout, from where the automatic rows drew them', () => {
    const before = hostPositions(lab, [...NODES, 'router/bastion'])
    const command = alignCommand(lab, [WORKER1, 'router/bastion'], 'top') as Command
    expect(command).toBeUndefined() // one row already: nothing moves, no undo step
    const moved = applyCommand(lab, { type: 'move', positions: { [WORKER1]: { x: 100, y: 80 } } })
    const align = alignCommand(moved, [WORKER1, WORKER2, 'segment/lab-subnet'], 'bottom') as Command
    expect(align).toEqual({ type: 'batch', label: 'Align worker1, worker2 bottom', commands: [{ type: 'move', positions: { [WORKER2]: { x: (before.get(WORKER2) as { x: number }).x, y: 80 } } }] })
    expect(alignCommand(lab, [WORKER1], 'left')).toBeUndefined()
    expect(distributeCommand(lab, [WORKER1, WORKER2], 'horizontal')).toBeUndefined()
  })
})

describe('fresh names for copies', () => {
  it('counts on from a trailing number, else appends one', () => {
    expect(freshName(new Set(['worker2', 'worker3']), 'worker2')).toBe('worker4')
    expect(freshName(new Set(['rack-1']), 'rack-1')).toBe('rack-2')
    expect(freshName(new Set(['bastion']), 'bastion')).toBe('bastion-1')
  })

  it('renames a node named after its address after the new one, and only the whole address', () => {
    expect(renamedForAddress('ip-10-0-1-31.eu-west-1.compute.internal', '10.0.1.31', '10.0.1.2', new Set())).toBe('ip-10-0-1-2.eu-west-1.compute.internal')
    expect(renamedForAddress('ip-10-0-1-31.x', '10.0.1.3', '10.0.1.2', new Set())).toBeUndefined()
    expect(renamedForAddress('worker2', '10.0.1.31', '10.0.1.2', new Set())).toBeUndefined()
  })
})

describe('copy and paste', () => {
  const paste = (design: Design, clip: Clip) => {
    const result = pasteClip(design, clip)
    if (!result.ok) throw new Error(result.message)
    return { ...result, design: applyCommand(design, result.command) }
  }

  it('pastes a worker on its segment with a fresh name, alias and the first free address, beside the original', () => {
    const clip = copySelection(lab, [WORKER2]) as Clip
    expect(clip.resources.map((r) => r.kind)).toEqual(['Node'])
    const { design, ids, command } = paste(lab, clip)
    expect(ids).toEqual(['node/ip-10-0-1-2.eu-west-1.compute.internal'])
    expect(command).toMatchObject({ label: 'Paste worker3' })
    const copy = host(design, ids[0] as string)
    expect(copy).toMatchObject({ alias: 'worker3', role: 'worker', interfaces: [{ address: '10.0.1.2', segmentId: 'segment/lab-subnet' }] })
    expect(copy?.labels['kubernetes.io/hostname']).toBe('ip-10-0-1-2.eu-west-1.compute.internal')
    expect(errors(design)).toEqual(errors(lab))
    const original = hostPositions(lab, [WORKER2]).get(WORKER2) as { x: number; y: number }
    const placed = hostPositions(design, ids).get(ids[0] as string)
    expect(placed?.y).toBe(original.y)
    expect(placed?.x).toBeGreaterThan(original.x)
  })

  it('pastes again with another name and address, clear of the first copy', () => {
    const clip = copySelection(lab, [WORKER2]) as Clip
    const once = paste(lab, clip)
    const twice = paste(once.design, clip)
    expect(host(twice.design, twice.ids[0] as string)).toMatchObject({ alias: 'worker4', interfaces: [{ address: '10.0.1.3' }] })
    const [a, b] = [hostPositions(once.design, once.ids).get(once.ids[0] as string), hostPositions(twice.design, twice.ids).get(twice.ids[0] as string)]
    expect(b?.x).not.toBe(a?.x)
  })

  it("copies a node's Calico Node with its BGP settings, its address following the node's", () => {
    const withBgp = applyCommand(lab, {
      type: 'apply',
      resource: { apiVersion: 'projectcalico.org/v3', kind: 'Node', metadata: { name: 'ip-10-0-1-31.eu-west-1.compute.internal' }, spec: { bgp: { ipv4Address: '10.0.1.31/24', asNumber: 65001 } } },
    })
    const { design, ids } = paste(withBgp, copySelection(withBgp, [WORKER2]) as Clip)
    const calico = resourcesOf(design, 'projectcalico.org/v3/Node').find((n) => `node/${n.metadata.name}` === ids[0])
    expect(calico?.spec?.bgp).toEqual({ ipv4Address: '10.0.1.2/24', asNumber: 65001 })
  })

  it('duplicates a segment on a free subnet of the same size, its gateway at the same place', () => {
    const { design, ids } = paste(lab, copySelection(lab, ['segment/lab-subnet']) as Clip)
    expect(ids).toEqual(['segment/lab-subnet-1'])
    const copy = segmentsOf(design).find((s) => s.id === 'segment/lab-subnet-1')?.resource
    expect(copy?.spec).toEqual({ cidrs: ['10.0.0.0/24'], gateways: ['10.0.0.1'], interface: 'ens5' })
    expect(errors(design)).toEqual(errors(lab))
    // Again: the next free one, not the one just taken.
    const again = paste(design, copySelection(design, ['segment/lab-subnet']) as Clip)
    expect(segmentsOf(again.design).find((s) => s.id === 'segment/lab-subnet-2')?.resource.spec.cidrs).toEqual(['10.0.2.0/24'])
  })

  it('copies a segment with its hosts: each host the same place in the new subnet, router neighbors among the copies readdressed', () => {
    const everything = ['segment/lab-subnet', 'router/bastion', ...NODES]
    const { design, ids } = paste(lab, copySelection(lab, everything) as Clip)
    expect(ids).toEqual([
      'segment/lab-subnet-1',
      'node/ip-10-0-0-20.eu-west-1.compute.internal',
      'node/ip-10-0-0-30.eu-west-1.compute.internal',
      'node/ip-10-0-0-31.eu-west-1.compute.internal',
      'router/bastion-1',
    ])
    const router = resourcesOf(design, 'peerlab.dev/v1alpha1/Router').find((r) => r.metadata.name === 'bastion-1')
    expect(router?.spec.interfaces).toEqual([{ name: 'ens5', segment: 'lab-subnet-1', addresses: ['10.0.0.10'] }])
    expect(router?.spec.neighbors?.map((n) => n.address)).toEqual(['10.0.0.20', '10.0.0.30', '10.0.0.31'])
    expect(host(design, 'node/ip-10-0-0-20.eu-west-1.compute.internal')).toMatchObject({ alias: 'control2', role: 'control-plane' })
    expect(errors(design)).toEqual(errors(lab))
    // A segment row down, clear of the original row.
    const positions = hostPositions(design, ids)
    expect(positions.get('router/bastion-1')?.y).toBe((hostPositions(lab, ['router/bastion']).get('router/bastion')?.y ?? 0) + 260)
  })

  it('drops an address whose segment is gone since the copy, rather than clash with the original', () => {
    const clip = copySelection(lab, [WORKER2]) as Clip
    const segmentless = applyCommand(lab, { type: 'remove', id: 'segment/lab-subnet' })
    const { design, ids } = paste(segmentless, clip)
    expect(host(design, ids[0] as string)?.interfaces).toEqual([])
  })

  it('copies nothing that is not a host or a segment', () => {
    expect(copySelection(lab, ['ippool/default-ipv4-ippool', 'session/x'])).toBeUndefined()
  })

  it('shifts a pasted group by whole steps until none of it lands on something drawn', () => {
    expect(
      pasteShift(
        [
          { x: 0, y: 0 },
          { x: 200, y: 0 },
        ],
        [{ x: 0, y: 0 }],
        false,
      ),
    ).toEqual({ x: 400, y: 0 })
    expect(
      pasteShift(
        [
          { x: 0, y: 0 },
          { x: 0, y: 260 },
        ],
        [{ x: 0, y: 0 }],
        true,
      ),
    ).toEqual({ x: 0, y: 520 })
  })
})

describe('the title of a multi-selection', () => {
  it('counts what is selected by kind, in a fixed order', () => {
    expect(selectionTitle(NODES)).toBe('3 nodes selected')
    expect(selectionTitle(['router/bastion', WORKER1, 'segment/lab-subnet', WORKER2, 'ippool/x'])).toBe('2 nodes, 1 router, 1 segment, 1 item selected')
  })
})
