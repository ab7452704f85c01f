import { describe, expect, it } from 'vitest'
import { checkFieldEdit } from '../../../shared/edit/fieldEdit'
import { loadDesign } from '../../../shared/format/loadDesign'
import { validateDesign } from '../../../shared/validate/validateDesign'
import { labAfterAllSteps } from '../../labSteps'

const pool = (name: string, cidr: string, blockSize = 26): string => `---
apiVersion: projectcalico.org/v3
kind: IPPool
metadata: {name: ${name}}
spec: {cidr: ${cidr}, blockSize: ${blockSize}, ipipMode: Never, natOutgoing: true}
`

describe('overlap diagnostics propose an edit', () => {
  it('moves a pool that overlaps external-pool to the first free range of its size in the pod CIDR, and the problem goes', () => {
    const design = loadDesign(`${labAfterAllSteps()}${pool('extra', '10.48.2.0/25')}`).design
    const overlap = validateDesign(design).find((d) => d.code === 'ippool.overlap')
    // external-pool holds 10.48.2.0/24: the next /25 up from extra's place is 10.48.3.0/25.
    expect(overlap?.proposal).toEqual({ label: 'Move IPPool extra to 10.48.3.0/25', subject: 'ippool/extra', field: 'cidr', text: '10.48.3.0/25' })
    expect(overlap?.suggestion).toBe('move it to 10.48.3.0/25, the next free /25 of the pod CIDR')
    // Made as the inspector makes it: one undo step, and the overlap is gone.
    const edit = checkFieldEdit(design, 'ippool/extra', 'cidr', '10.48.3.0/25')
    expect(edit.problems).toEqual([])
    expect(validateDesign(edit.design).filter((d) => d.severity === 'error')).toEqual([])
  })

  it('moves a pool off the service CIDR, and one outside the pod CIDR into it', () => {
    const design = loadDesign(`${labAfterAllSteps()}${pool('on-services', '10.49.0.0/24')}${pool('outside', '192.168.0.0/24')}`).design
    const diagnostics = validateDesign(design)
    const onServices = diagnostics.find((d) => d.code === 'plan.range-overlap' && d.subject === 'ippool/on-services')
    expect(onServices?.proposal?.text).toBe('10.48.1.0/24')
    const outside = diagnostics.find((d) => d.code === 'plan.pool-outside-pod-cidr' && d.subject === 'ippool/outside')
    expect(outside?.proposal?.text).toBe('10.48.1.0/24')
  })

  it('offers no fix for ranges fixed when the cluster was made', () => {
    const design = loadDesign(labAfterAllSteps().replace('serviceCIDRs: [10.49.0.0/16]', 'serviceCIDRs: [10.48.128.0/20]')).design
    const overlap = validateDesign(design).find((d) => d.code === 'plan.range-overlap')
    expect(overlap?.message).toContain('service CIDR 10.48.128.0/20 overlaps pod CIDR 10.48.0.0/16')
    expect(overlap?.proposal).toBeUndefined()
  })
})

describe('hosts inside cluster ranges', () => {
  it('warns for a router address in a pool and a node address in the service CIDR, naming host, address and range', () => {
    const text = labAfterAllSteps().replace('addresses: [10.0.1.10]', 'addresses: [10.0.1.10, 10.48.2.5]').replace('      address: 10.0.1.31\n', '      address: 10.49.0.7\n')
    const warnings = validateDesign(loadDesign(text).design).filter((d) => d.code === 'address.in-cluster-range')
    expect(warnings.map((d) => [d.severity, d.subject, d.message.split(':')[0]])).toEqual([
      ['warning', 'node/ip-10-0-1-31.eu-west-1.compute.internal', 'node ip-10-0-1-31.eu-west-1.compute.internal address 10.49.0.7 is inside the service CIDR 10.49.0.0/16'],
      ['warning', 'router/bastion', 'router bastion address 10.48.2.5 is inside IP pool external-pool (10.48.2.0/24)'],
    ])
  })

  it('says nothing for the lab, whose hosts sit on their own subnet', () => {
    expect(validateDesign(loadDesign(labAfterAllSteps()).design).filter((d) => d.code === 'address.in-cluster-range')).toEqual([])
  })
})
