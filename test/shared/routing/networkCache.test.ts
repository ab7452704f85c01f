import { describe, expect, it } from 'vitest'
import { applyCommand } from '../../../shared/commands/commands'
import { loadDesign } from '../../../shared/format/loadDesign'
import { computeNetwork } from '../../../shared/routing/network'
import { readExample } from '../../exampleText'

describe('computeNetwork', () => {
  it('serves the same design twice from one computation (the canvas and the console share it), and an edit afresh', () => {
    const design = loadDesign(readExample('calico-lab-2.2')).design
    const first = computeNetwork(design)
    expect(computeNetwork(design)).toBe(first)
    const edited = applyCommand(design, { type: 'remove', id: 'deployment/yaobank/customer' })
    const second = computeNetwork(edited)
    expect(second).not.toBe(first)
    expect(second.ipam.pods.length).toBe(first.ipam.pods.length - 1)
  })
})
