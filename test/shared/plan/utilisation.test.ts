import { describe, expect, it } from 'vitest'
import { loadDesign } from '../../../shared/format/loadDesign'
import { computeIpam } from '../../../shared/ipam/computeIpam'
import { utilisationOf } from '../../../shared/plan/utilisation'
import { labAfterAllSteps } from '../../labSteps'

describe('utilisation of the finished lab', () => {
  const design = loadDesign(labAfterAllSteps()).design
  const use = utilisationOf(design, computeIpam(design))

  it('gives each pool its used and total addresses, as calicoctl ipam show counts them', () => {
    expect(use.pools.map((p) => [p.name, p.used, p.total, p.detail])).toEqual([
      ['default-ipv4-ippool', 9, 256, '10.48.0.0/24, 3 of 4 blocks (/26) claimed'],
      ['external-pool', 1, 256, '10.48.2.0/24, 1 of 32 blocks (/29) claimed'],
    ])
  })

  it('gives each node the use of its own blocks across pools, by the name people use', () => {
    expect(use.nodes.map((n) => [n.name, n.used, n.total, n.detail])).toEqual([
      ['control1', 2, 64, '1 block of default-ipv4-ippool'],
      ['worker1', 4, 64, '1 block of default-ipv4-ippool'],
      ['worker2', 4, 72, '2 blocks of default-ipv4-ippool, external-pool'],
    ])
  })

  it('gives each block its pool and node', () => {
    expect(use.blocks.map((b) => [b.name, b.used, b.total, b.detail])).toEqual([
      ['10.48.0.0/26', 3, 64, 'default-ipv4-ippool, worker2'],
      ['10.48.0.128/26', 2, 64, 'default-ipv4-ippool, control1'],
      ['10.48.0.192/26', 4, 64, 'default-ipv4-ippool, worker1'],
      ['10.48.2.216/29', 1, 8, 'external-pool, worker2'],
    ])
  })
})

describe('utilisation of a node that borrows', () => {
  it('counts the addresses it borrows as used on it, not as nothing', () => {
    // One /26 for two nodes: node-a's first pod claims it, node-b's pods borrow from it.
    const text = ['a', 'b'].map((n, i) => `apiVersion: v1\nkind: Node\nmetadata: {name: node-${n}}\nstatus: {addresses: [{type: InternalIP, address: 10.0.1.${i + 10}}]}\n`)
    const pool = 'apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata: {name: pods}\nspec: {cidr: 10.48.0.0/26, blockSize: 26}\n'
    const web = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 4, template: {spec: {containers: [{name: c}]}}}\n'
    const design = loadDesign([...text, pool, web].join('---\n')).design
    expect(utilisationOf(design, computeIpam(design)).nodes.map((n) => [n.name, n.used, n.total, n.detail])).toEqual([
      ['node-a', 2, 64, '1 block of pods'],
      ['node-b', 2, 2, 'no blocks, 2 borrowed'],
    ])
  })
})
