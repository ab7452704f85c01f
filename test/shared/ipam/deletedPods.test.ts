import { describe, expect, it } from 'vitest'
import { loadDesign } from '../../../shared/format/loadDesign'
import { computeIpam } from '../../../shared/ipam/computeIpam'
import { labAfterAllSteps } from '../../labSteps'

/** The lab after its steps, with the nginx Deployment recording the given deleted pods. */
function withDeleted(deleted: readonly string[]): ReturnType<typeof computeIpam> {
  const annotation = deleted.length > 0 ? `  annotations:\n    peerlab.dev/deleted-pods: ${deleted.join(',')}\n` : ''
  const text = labAfterAllSteps().replace('  name: nginx\n  namespace: external-ns\nspec:\n  replicas: 1\n', `  name: nginx\n  namespace: external-ns\n${annotation}spec:\n  replicas: 1\n`)
  return computeIpam(loadDesign(text).design)
}

const nginxPods = (ipam: ReturnType<typeof computeIpam>): { name: string; ips: readonly string[] }[] =>
  ipam.pods.filter((p) => p.namespace === 'external-ns').map((p) => ({ name: p.name, ips: p.ips }))

describe('pods deleted from a Deployment (peerlab.dev/deleted-pods)', () => {
  const original = nginxPods(withDeleted([]))[0]

  it('come back under a new name with the next address of the block: Calico queues a released address last', () => {
    const replaced = nginxPods(withDeleted([original?.name ?? '']))
    expect(replaced).toHaveLength(1)
    expect(replaced[0]?.name).not.toBe(original?.name)
    expect(replaced[0]?.name).toMatch(/^nginx-[a-z0-9]{10}-[a-z0-9]{5}$/)
    expect(replaced[0]?.ips).toEqual(['10.48.2.217'])
  })

  it('walk through the block as pods keep being replaced, and leave it in use by one address', () => {
    const first = nginxPods(withDeleted([original?.name ?? '']))[0]?.name ?? ''
    const twice = withDeleted([original?.name ?? '', first])
    expect(nginxPods(twice)[0]?.ips).toEqual(['10.48.2.218'])
    expect(twice.blocks.find((b) => b.pool === 'external-pool')).toMatchObject({ cidr: '10.48.2.216/29', inUse: 1 })
  })

  it("ignore names that are not the Deployment's pods", () => {
    expect(nginxPods(withDeleted(['someone-else']))).toEqual([original])
  })
})
