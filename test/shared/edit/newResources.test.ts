import { describe, expect, it } from 'vitest'
import { applyCommand } from '../../../shared/commands/commands'
import { addResourceCommand } from '../../../shared/edit/newResources'
import { loadDesign } from '../../../shared/format/loadDesign'
import { ipPoolsOf, resourcesOf } from '../../../shared/model/query'
import { validateDesign } from '../../../shared/validate/validateDesign'
import { readExample } from '../../exampleText'

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
