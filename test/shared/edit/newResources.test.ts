import { describe, expect, it } from 'vitest'
import { applyCommand } from '../../../shared/commands/commands'
import { addEntityCommand } from '../../../shared/edit/newEntities'
import { addResourceCommand } from '../../../shared/edit/newResources'
import { loadDesign } from '../../../shared/format/loadDesign'
import { ipPoolsOf, resourcesOf } from '../../../shared/model/query'
import { validateDesign } from '../../../shared/validate/validateDesign'
import { readExample } from '../../exampleText'
import { prefix } from '../../netValues'

const lab = loadDesign(readExample('calico-lab-2.2')).design

describe('resources added from the side panels', () => {
  it("adds a pool in a free /24 of the cluster's pod CIDR, which the checks accept", () => {
    const added = addResourceCommand(lab, 'pool')
    expect(added?.id).toBe('ippool/pool-1')
    const design = applyCommand(lab, added?.command ?? { type: 'batch', label: '', commands: [] })
    expect(ipPoolsOf(design).map((p) => p.spec.cidr)).toEqual(['10.48.0.0/24', '10.48.1.0/24'])
    expect(validateDesign(design).filter((d) => d.severity === 'error')).toEqual([])
  })

  it('adds a namespace and a one-replica deployment with fresh names', () => {
    const namespace = addResourceCommand(lab, 'namespace')
    const deployment = addResourceCommand(lab, 'deployment')
    expect([namespace?.id, deployment?.id]).toEqual(['namespace/namespace-1', 'deployment/default/app-1'])
    const design = applyCommand(lab, deployment?.command ?? { type: 'batch', label: '', commands: [] })
    expect(resourcesOf(design, 'apps/v1/Deployment').at(-1)?.spec.replicas).toBe(1)
  })
})

describe('ranges created from free space on the address map', () => {
  it('adds a pool exactly where it was picked, with blocks no larger than the pool, in one step the checks accept', () => {
    const small = addResourceCommand(lab, 'pool', prefix('10.48.1.0/28'))
    const design = applyCommand(lab, small?.command ?? { type: 'batch', label: '', commands: [] })
    expect(ipPoolsOf(design).map((p) => [p.spec.cidr, p.spec.blockSize])).toEqual([
      ['10.48.0.0/24', 26],
      ['10.48.1.0/28', 28],
    ])
    expect(validateDesign(design).filter((d) => d.severity === 'error')).toEqual([])
    const v6 = addResourceCommand(lab, 'pool', prefix('fd00:48::/64'))
    expect(v6?.command).toMatchObject({ type: 'apply', resource: { spec: { cidr: 'fd00:48::/64', blockSize: 122 } } })
  })

  it('adds a segment on the picked subnet with its first address as gateway', () => {
    const added = addEntityCommand(lab, 'segment', { x: 0, y: 0 }, prefix('10.0.2.0/23'))
    const design = applyCommand(lab, added?.command ?? { type: 'batch', label: '', commands: [] })
    expect(resourcesOf(design, 'peerlab.dev/v1alpha1/Segment').at(-1)?.spec).toEqual({ cidrs: ['10.0.2.0/23'], gateways: ['10.0.2.1'] })
  })
})
