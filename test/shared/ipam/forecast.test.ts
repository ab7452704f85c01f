import { describe, expect, it } from 'vitest'
import { computeIpam } from '../../../shared/ipam/computeIpam'
import { FillSimulation } from '../../../shared/ipam/fillSimulation'
import { forecastCapacity, weekDate } from '../../../shared/ipam/forecast'
import { DEFAULT_MAX_PODS, maxPodsOf, parsePodCount } from '../../../shared/ipam/maxPods'
import type { Design } from '../../../shared/model/design'
import { capacityDesign } from './capacityDesign'

const forecast = (design: Design, options: Parameters<typeof forecastCapacity>[2]): ReturnType<typeof forecastCapacity> => forecastCapacity(design, computeIpam(design), options)

describe('capacity forecast', () => {
  it('finds the week pods stop fitting when the nodes fill up before the pool', () => {
    // Two nodes of 110 pods, a pool of 1024: 50 pods a week fit four weeks, not five.
    const design = capacityDesign([{ name: 'a' }, { name: 'b' }], [{ name: 'pool', cidr: '10.48.0.0/22', blockSize: 26 }])
    const result = forecast(design, { podsPerWeek: 50, nodesPerWeek: 0, weeks: 8, startDate: '2025-01-06' })
    expect(result.weeks.map((w) => [w.week, w.podsAdded, w.podsPlaced, w.capacity])).toEqual([
      [0, 0, 0, 220],
      [1, 50, 50, 220],
      [2, 100, 100, 220],
      [3, 150, 150, 220],
      [4, 200, 200, 220],
      [5, 250, 220, 220],
      [6, 300, 220, 220],
      [7, 350, 220, 220],
      [8, 400, 220, 220],
    ])
    expect(result.podsStopFittingWeek).toBe(5)
    expect(result.podsStopFittingDate).toBe('2025-02-10')
    expect(result.pools[0]?.runsOutWeek).toBeNull()
  })

  it('finds the week a pool runs out when nodes keep coming', () => {
    // A /24 of /26 blocks: four blocks. Each new node claims one with its first pod.
    const design = capacityDesign([{ name: 'a' }], [{ name: 'pool', cidr: '10.48.0.0/24', blockSize: 26 }], { ipamConfig: '{strictAffinity: true}' })
    const result = forecast(design, { podsPerWeek: 60, nodesPerWeek: 1, weeks: 6 })
    expect(result.weeks.map((w) => w.nodes)).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(result.weeks.map((w) => w.free[0])).toEqual([256, 196, 136, 76, 16, 0, 0])
    // Week 4's new node finds every block claimed and, with strict affinity, gets no address: the
    // pool has run out for it, although the other nodes' blocks still fit the week's pods.
    expect(result.pools[0]).toMatchObject({ name: 'pool', runsOutWeek: 4, runsOutDate: null })
    expect(result.podsStopFittingWeek).toBe(5)
  })

  it('counts the tunnel addresses new IPIP nodes claim before any pod', () => {
    const design = capacityDesign([{ name: 'a' }], [{ name: 'pool', cidr: '10.48.0.0/24', blockSize: 26, ipipMode: 'Always' }])
    const result = forecast(design, { podsPerWeek: 0, nodesPerWeek: 2, weeks: 1 })
    expect(result.weeks.map((w) => w.free[0])).toEqual([255, 253])
    expect(result.tunnelFailures).toBe(0)
  })
})

describe('maxPods', () => {
  it('reads allocatable, then capacity, then the kubelet default', () => {
    expect(DEFAULT_MAX_PODS).toBe(110)
    const node = (status: Record<string, unknown>): Parameters<typeof maxPodsOf>[0] => ({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, status })
    expect(maxPodsOf(node({ allocatable: { pods: '58' }, capacity: { pods: '60' } }))).toBe(58)
    expect(maxPodsOf(node({ capacity: { pods: 250 } }))).toBe(250)
    expect(maxPodsOf(node({}))).toBe(110)
    expect(parsePodCount('1k')).toMatchObject({ ok: false })
  })

  it('dates weeks from a start day', () => {
    expect(weekDate('2024-12-30', 1)).toBe('2025-01-06')
    expect(weekDate(undefined, 1)).toBeNull()
    expect(weekDate('next week', 1)).toBeNull()
  })
})

describe('forecast nodes', () => {
  it('are like the last ordinary node but for their hostname: a pool pinned to that node does not serve them', () => {
    const design = capacityDesign(
      [{ name: 'a' }, { name: 'b' }],
      [
        { name: 'pinned', cidr: '10.48.0.0/24', blockSize: 26, nodeSelector: "kubernetes.io/hostname == 'b'" },
        { name: 'shared', cidr: '10.48.1.0/24', blockSize: 26, nodeSelector: "kubernetes.io/hostname != 'b'" },
      ],
    )
    const result = forecast(design, { podsPerWeek: 0, nodesPerWeek: 1, weeks: 1 })
    // The new node takes no address from b's pool: its first pods would go to the shared pool.
    const ipam = computeIpam(design)
    const sim = FillSimulation.fromIpam(design, ipam)
    sim.addNode('new', sim.nodes[1] as NonNullable<(typeof sim.nodes)[number]>)
    expect(sim.nodes[2]?.host.labels['kubernetes.io/hostname']).toBe('new')
    expect((sim.nodes[2]?.pools[0] as readonly { name: string }[]).map((p) => p.name)).toEqual(['shared'])
    expect(result.weeks.map((w) => w.nodes)).toEqual([2, 3])
  })
})
