import { describe, expect, it } from 'vitest'
import { capacityOf } from '../../../shared/ipam/capacity'
import { computeIpam } from '../../../shared/ipam/computeIpam'
import { FillSimulation } from '../../../shared/ipam/fillSimulation'
import { ipamUtilisation } from '../../../shared/ipam/utilisation'
import { calicoctlIpamShow } from '../../../shared/views/calicoctlIpamShow'
import type { Design } from '../../../shared/model/design'
import { validateDesign } from '../../../shared/validate/validateDesign'
import { capacityDesign, deployment } from './capacityDesign'

const report = (design: Design): ReturnType<typeof capacityOf> => capacityOf(design, computeIpam(design))
const fits = (design: Design): Record<string, number> => Object.fromEntries(report(design).nodes.map((n) => [n.name, n.podsThatFit]))
const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0)

describe('pods that fit', () => {
  it('stops each node at the kubelet maxPods: 110 unless status.allocatable.pods says otherwise', () => {
    const design = capacityDesign([{ name: 'a', maxPods: '20' }, { name: 'b' }], [{ name: 'pool', cidr: '10.48.0.0/22', blockSize: 26 }])
    const capacity = report(design)
    expect(capacity.nodes.map((n) => [n.name, n.maxPods, n.podsThatFit, n.limitedBy])).toEqual([
      ['a', 20, 20, 'maxPods'],
      ['b', 110, 110, 'maxPods'],
    ])
    expect(capacity.totalPodsThatFit).toBe(130)
  })

  it('counts every pod on the node against maxPods, host-network DaemonSet pods included', () => {
    const daemon = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: kube-system}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec: {hostNetwork: true, containers: [{name: agent}]}`
    const design = capacityDesign([{ name: 'a' }], [{ name: 'pool', cidr: '10.48.0.0/22', blockSize: 26 }], { yaml: `${daemon}\n---\n${deployment('web', 5)}` })
    const [node] = report(design).nodes
    expect(node?.pods).toBe(6)
    expect(node?.podsThatFit).toBe(104)
  })

  it('never counts a pool more than once: with more nodes than blocks the nodes share it, the last borrowing', () => {
    // Two /26 blocks, three nodes of 110 pods: 128 addresses in all, however they are shared.
    const design = capacityDesign([{ name: 'a' }, { name: 'b' }, { name: 'c' }], [{ name: 'pool', cidr: '10.48.0.0/25', blockSize: 26 }])
    const capacity = report(design)
    expect(capacity.totalPodsThatFit).toBe(128)
    expect(sum(capacity.nodes.map((n) => n.podsThatFit))).toBe(128)
    expect(capacity.pools[0]).toMatchObject({ free: 128, podsThatFit: 128, freeAfterFill: 0 })
    // a and b claim the two blocks with their first pods; c, third in line, finds none left.
    expect(capacity.borrowingOrder[0]).toBe('c')
    expect(capacity.nodes.every((n) => n.limitedBy === 'poolsFull')).toBe(true)
  })

  it('with strict affinity a node without a block gets nothing, and the others keep their whole blocks', () => {
    const design = capacityDesign([{ name: 'a' }, { name: 'b' }, { name: 'c' }], [{ name: 'pool', cidr: '10.48.0.0/25', blockSize: 26 }], { ipamConfig: '{strictAffinity: true}' })
    const capacity = report(design)
    expect(fits(design)).toEqual({ a: 64, b: 64, c: 0 })
    expect(capacity.nodes.find((n) => n.name === 'c')?.limitedBy).toBe('strictAffinity')
    expect(capacity.nodes.find((n) => n.name === 'c')?.message).toBe('No more free affine blocks and strict affinity enabled')
    expect(capacity.borrowingOrder).toEqual([])
  })

  it('stops a node at 20 blocks when maxBlocksPerHost is 0 (unset), and at the limit the config sets', () => {
    // /30 blocks hold 4 addresses: 20 blocks are 80 pods, under the 110 of maxPods.
    const pools = [{ name: 'pool', cidr: '10.48.0.0/20', blockSize: 30 }]
    const unset = report(capacityDesign([{ name: 'a' }], pools, { ipamConfig: '{maxBlocksPerHost: 0}' }))
    expect(unset.maxBlocksPerHost).toBe(20)
    expect(unset.nodes[0]).toMatchObject({ podsThatFit: 80, podsThatFitAlone: 80, limitedBy: 'blockLimit' })
    const five = report(capacityDesign([{ name: 'a' }], pools, { ipamConfig: '{strictAffinity: true, maxBlocksPerHost: 5}' }))
    expect(five.nodes[0]).toMatchObject({ podsThatFit: 20, podsThatFitAlone: 20, limitedBy: 'blockLimit' })
  })

  it('leaves out the tunnel address each IPIP node took from its first block', () => {
    const design = capacityDesign([{ name: 'a' }, { name: 'b' }], [{ name: 'pool', cidr: '10.48.0.0/24', blockSize: 30, ipipMode: 'Always' }], {
      ipamConfig: '{strictAffinity: true, maxBlocksPerHost: 1}',
    })
    const capacity = report(design)
    expect(capacity.nodes.map((n) => [n.name, n.addressesInUse, n.podsThatFit])).toEqual([
      ['a', 1, 3],
      ['b', 1, 3],
    ])
  })

  it('gives each node the pools whose nodeSelector picks it', () => {
    const design = capacityDesign(
      [
        { name: 'a', labels: { zone: 'a' } },
        { name: 'b', labels: { zone: 'b' } },
      ],
      [
        { name: 'pool-a', cidr: '10.48.0.0/26', blockSize: 26, nodeSelector: "zone == 'a'" },
        { name: 'pool-b', cidr: '10.48.1.0/28', blockSize: 28, nodeSelector: "zone == 'b'" },
      ],
    )
    expect(fits(design)).toEqual({ a: 64, b: 16 })
    expect(report(design).pools.map((p) => [p.name, p.nodes, p.podsThatFit])).toEqual([
      ['pool-a', 1, 64],
      ['pool-b', 1, 16],
    ])
  })

  it('shows a node that already borrows with its borrowed addresses in use', () => {
    // One /26 block for two nodes: the first pod claims it for a, b's pods borrow from it.
    const design = capacityDesign([{ name: 'a' }, { name: 'b' }], [{ name: 'pool', cidr: '10.48.0.0/26', blockSize: 26 }], { yaml: deployment('web', 4) })
    const capacity = report(design)
    expect(capacity.nodes.map((n) => [n.name, n.blocks, n.addressesInUse, n.borrowed])).toEqual([
      ['a', 1, 2, 0],
      ['b', 0, 2, 2],
    ])
    expect(capacity.totalPodsThatFit).toBe(60)
  })

  it('keeps a tainted control plane out of ordinary pods', () => {
    const design = capacityDesign([{ name: 'cp', taint: true }, { name: 'w' }], [{ name: 'pool', cidr: '10.48.0.0/22', blockSize: 26 }])
    expect(report(design).nodes.map((n) => [n.name, n.schedulable, n.podsThatFit, n.limitedBy])).toEqual([
      ['cp', false, 0, 'unschedulable'],
      ['w', true, 110, 'maxPods'],
    ])
  })

  it('counts what a node could take alone apart from its share', () => {
    // Alone, either node could claim the pool's only block; together, the first claims it and the other borrows.
    const design = capacityDesign([{ name: 'a' }, { name: 'b' }], [{ name: 'pool', cidr: '10.48.0.0/26', blockSize: 26 }], { ipamConfig: '{strictAffinity: true}' })
    const capacity = report(design)
    expect(capacity.nodes.map((n) => [n.podsThatFitAlone, n.podsThatFit])).toEqual([
      [64, 64],
      [64, 0],
    ])
    expect(capacity.totalPodsThatFit).toBe(64)
  })
})

describe('a node pod count that is not a number', () => {
  it('is a warning naming the node and field, and capacity falls back to the default', () => {
    const design = capacityDesign([{ name: 'a', maxPods: 'lots' }], [{ name: 'pool', cidr: '10.48.0.0/22', blockSize: 26 }])
    const warning = validateDesign(design).find((d) => d.code === 'node.max-pods')
    expect(warning).toMatchObject({ severity: 'warning', subject: 'node/a', path: ['status', 'allocatable', 'pods'] })
    expect(warning?.message).toContain('Node a status.allocatable.pods: "lots" is not a number of pods')
    expect(report(design).nodes[0]?.maxPods).toBe(110)
  })
})

describe('filling in bulk', () => {
  it('gives each node what one pod at a time gives it, borrowing and block limits included', () => {
    // Many nodes on few blocks (borrowing from the start), and few nodes on many small blocks (in
    // bulk until the pool nears full, then borrowing at the end): both as one pod at a time.
    const many = Array.from({ length: 40 }, (_, i) => ({ name: `n${String(i).padStart(2, '0')}`, ...(i % 7 === 0 ? { maxPods: '30' } : {}) }))
    const cases = [
      {
        nodes: many,
        pools: [
          { name: 'a', cidr: '10.48.0.0/20', blockSize: 26 },
          { name: 'b', cidr: '10.48.16.0/22', blockSize: 26 },
        ],
        pods: 700,
      },
      { nodes: many.slice(0, 6), pools: [{ name: 'a', cidr: '10.48.0.0/23', blockSize: 28 }], pods: 20 },
      // Two pool lists: zone-a nodes may use both pools, the others the shared one only.
      {
        nodes: many.slice(0, 8).map((n, i) => ({ ...n, labels: { zone: i % 2 === 0 ? 'a' : 'b' } })),
        pools: [
          { name: 'shared', cidr: '10.48.0.0/23', blockSize: 28 },
          { name: 'zone-a', cidr: '10.48.4.0/25', blockSize: 28, nodeSelector: "zone == 'a'" },
        ],
        pods: 30,
      },
    ]
    for (const { nodes, pools, pods } of cases) {
      for (const ipamConfig of ['{strictAffinity: false}', '{strictAffinity: true}', '{maxBlocksPerHost: 2}']) {
        const design = capacityDesign(nodes, pools, { ipamConfig, yaml: deployment('web', pods) })
        const ipam = computeIpam(design)
        const shares = (oneByOne: boolean): number[][] => {
          const sim = FillSimulation.fromIpam(design, ipam, { oneByOne })
          sim.addPods(Infinity)
          return sim.nodes.map((n) => [n.placed, n.borrowed])
        }
        expect(shares(false), `${nodes.length} nodes, ${ipamConfig}`).toEqual(shares(true))
      }
    }
  })
})

describe('utilisation', () => {
  it('counts pools and blocks as calicoctl ipam show --show-blocks prints them', () => {
    // calicoctl/calicoctl/commands/ipam/show.go (v3.30, tablewriter): pool TOTAL is 2^(bits−prefix),
    // pool IN USE the sum of its blocks' (capacity − available), FREE the rest; blocks follow their pool.
    const design = capacityDesign([{ name: 'a' }, { name: 'b' }], [{ name: 'pool', cidr: '10.48.0.0/26', blockSize: 26 }], { yaml: deployment('web', 4) })
    const ipam = computeIpam(design)
    const use = ipamUtilisation(ipam)
    const rows = calicoctlIpamShow(ipam, { showBlocks: true })
      .split('\n')
      .filter((l) => l.startsWith('| IP Pool') || l.startsWith('| Block'))
      .map((l) =>
        l
          .split('|')
          .slice(2, 6)
          .map((c) => c.trim().split(' ')[0]),
      )
    expect(rows).toEqual([...use.pools.map((p) => [p.cidr, String(p.total), String(p.used), String(p.free)]), ...use.blocks.map((b) => [b.cidr, String(b.total), String(b.used), String(b.free)])])
    expect(use.blocks).toEqual([{ cidr: '10.48.0.0/26', pool: 'pool', affinity: 'a', total: 64, used: 4, free: 60, lent: 2 }])
    expect(use.nodes.get('a')).toEqual({ node: 'a', blocks: 1, usedInBlocks: 4, freeInBlocks: 60, used: 2, borrowed: 0, lent: 2 })
    expect(use.nodes.get('b')).toEqual({ node: 'b', blocks: 0, usedInBlocks: 0, freeInBlocks: 0, used: 2, borrowed: 2, lent: 0 })
  })
})
