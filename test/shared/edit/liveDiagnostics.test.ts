import { describe, expect, it } from 'vitest'
import { applyCommand } from '../../../shared/commands/commands'
import { liveDiagnostics } from '../../../shared/edit/liveDiagnostics'
import { removeEntities } from '../../../shared/edit/removeEntities'
import { loadDesign } from '../../../shared/format/loadDesign'
import { resourcesOf } from '../../../shared/model/query'
import { readExample } from '../../exampleText'

const broken = `apiVersion: projectcalico.org/v3
kind: IPPool
metadata: {name: pods}
spec: {cidr: 10.48.0.0/24, blockSize: big}
---
apiVersion: projectcalico.org/v3
kind: IPPool
metadata: {name: other}
spec: {cidr: 10.48.0.5/24}
`

describe('problems while editing', () => {
  const loaded = loadDesign(broken)
  const codes = (list: readonly { code: string; subject?: string }[]): string[] => list.map((d) => `${d.code} ${d.subject ?? ''}`)

  it("keeps the file's problems with their lines, beside the semantic checks", () => {
    const live = liveDiagnostics(loaded, loaded.design, [])
    expect(codes(live)).toEqual(['format.wrong-type ippool/pods', 'ippool.cidr-not-masked ippool/other', 'plan.no-cluster '])
    expect(live.filter((d) => d.subject !== undefined).every((d) => d.location?.line !== undefined)).toBe(true)
  })

  it('drops a file problem once its resource was edited, and adds what the network found', () => {
    const fixed = applyCommand(loaded.design, {
      type: 'apply',
      resource: { apiVersion: 'projectcalico.org/v3', kind: 'IPPool', metadata: { name: 'pods' }, spec: { cidr: '10.48.0.0/24', blockSize: 26 } },
    })
    const live = liveDiagnostics(loaded, fixed, [{ code: 'bgp.session-down', severity: 'warning', message: 'down' }])
    expect(codes(live)).toContain('bgp.session-down ')
    expect(codes(live)).not.toContain('format.wrong-type ippool/pods')
  })
})

describe('deleting the selection', () => {
  const lab = loadDesign(readExample('calico-lab-2.2')).design

  it("takes a node's Calico Node along and skips what is not an entity", () => {
    const withCalicoNode = applyCommand(lab, {
      type: 'apply',
      resource: { apiVersion: 'projectcalico.org/v3', kind: 'Node', metadata: { name: 'ip-10-0-1-31.eu-west-1.compute.internal' }, spec: { bgp: { asNumber: 65001 } } },
    })
    const command = removeEntities(withCalicoNode, ['node/ip-10-0-1-31.eu-west-1.compute.internal', 'mesh/node-to-node'])
    expect(command).toMatchObject({ type: 'batch', label: 'Delete 2 items' })
    const after = applyCommand(withCalicoNode, command as NonNullable<typeof command>)
    expect(after.entries.map((e) => e.id)).not.toContain('node/ip-10-0-1-31.eu-west-1.compute.internal')
    expect(resourcesOf(after, 'projectcalico.org/v3/Node')).toEqual([])
    expect(removeEntities(lab, ['mesh/node-to-node'])).toBeUndefined()
  })
})
