import { describe, expect, it } from 'vitest'
import { generatedPodName, generatedPodNamer, replicaName, replicaNamer } from '../../../shared/ipam/podNames'

// The namers hash a workload's shared key start once; every name must be the one the plain functions give.
describe('pod namers', () => {
  it('give replicaName for every replica and generation', () => {
    const name = replicaNamer('team-a', 'web')
    for (const replica of [0, 1, 9, 10, 99, 100, 12345, 149_999, 2_147_483_647])
      for (const generation of [0, 1, 10, 305]) expect(name(replica, generation)).toBe(replicaName('team-a', 'web', replica, undefined, generation))
  })

  it('give generatedPodName for numbered and named keys', () => {
    const name = generatedPodNamer('DaemonSet', 'kube-system', 'agent')
    for (const key of [0, 7, 10, 1000]) for (const generation of [0, 2]) expect(name(key, generation)).toBe(generatedPodName('DaemonSet', 'kube-system', 'agent', String(key), generation))
    for (const key of ['node-1', 'worker-b', '']) expect(name(key, 3)).toBe(generatedPodName('DaemonSet', 'kube-system', 'agent', key, 3))
  })
})
