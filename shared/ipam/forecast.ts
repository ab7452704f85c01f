import type { Design } from '../model/design'
import { formatIpPrefix } from '../net'
import type { IpamResult } from './computeIpam'
import { FillSimulation, type SimNode } from './fillSimulation'

export interface ForecastOptions {
  /** Pods without annotations added each week. */
  readonly podsPerWeek: number
  /** Nodes added each week, each like the last node that takes ordinary pods. */
  readonly nodesPerWeek: number
  readonly weeks: number
  /** `YYYY-MM-DD` of week 0, to date each week; without it weeks have no date. */
  readonly startDate?: string
}

/** The most weeks a forecast runs: ten years. */
export const MAX_FORECAST_WEEKS = 520

export interface ForecastWeek {
  readonly week: number
  readonly date: string | null
  readonly nodes: number
  /** Pods added since week 0. */
  readonly podsAdded: number
  /** Of those, pods that got a node and their addresses. */
  readonly podsPlaced: number
  /** Pods added since week 0 plus those that still fit: the line demand must stay under. */
  readonly capacity: number
  /** Free addresses per pool, in the report's pool order. */
  readonly free: readonly number[]
}

export interface PoolForecast {
  readonly name: string
  readonly cidr: string
  readonly total: number
  /** First week it has no address left for a node it serves, or null if it lasts the forecast. */
  readonly runsOutWeek: number | null
  readonly runsOutDate: string | null
}

export interface Forecast {
  readonly options: ForecastOptions
  /** Week 0 (now) to `weeks`. */
  readonly weeks: readonly ForecastWeek[]
  readonly pools: readonly PoolForecast[]
  /** First week some added pod fits nowhere, or null. */
  readonly podsStopFittingWeek: number | null
  readonly podsStopFittingDate: string | null
  /** Added nodes that got no tunnel address, with Calico's message for the first. */
  readonly tunnelFailures: number
  readonly firstTunnelFailure: string | null
}

const DAY_MS = 86_400_000

/** The date `weeks` weeks after `start` (`YYYY-MM-DD`), or null without a valid start. */
export function weekDate(start: string | undefined, weeks: number): string | null {
  if (start === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(start)) return null
  const base = Date.parse(`${start}T00:00:00Z`)
  if (Number.isNaN(base) || !Number.isFinite(weeks)) return null
  return new Date(base + weeks * 7 * DAY_MS).toISOString().slice(0, 10)
}

/** The node new ones are modelled on: the last that takes ordinary pods, else the last node. */
function templateNode(nodes: readonly SimNode[]): SimNode | undefined {
  return [...nodes].reverse().find((n) => n.schedulable) ?? nodes[nodes.length - 1]
}

/**
 * Week by week from IPAM's result: add the nodes (each claims its tunnel addresses first, as
 * calico-node does), then the pods (each where the scheduler puts it, addresses from Calico's
 * auto-assign), and record how much room is left. A pool runs out in the first week it has no
 * free address, or every block is claimed and a node it serves is refused an address.
 */
export function forecastCapacity(design: Design, ipam: IpamResult, options: ForecastOptions): Forecast {
  const weeksToRun = Math.max(0, Math.min(MAX_FORECAST_WEEKS, Math.floor(options.weeks)))
  const podsPerWeek = Math.max(0, Math.floor(options.podsPerWeek))
  const nodesPerWeek = Math.max(0, Math.floor(options.nodesPerWeek))
  const sim = FillSimulation.fromIpam(design, ipam)
  const template = templateNode(sim.nodes)
  const totals = sim.pools.map((p) => Number(1n << BigInt((p.prefix.family === 4 ? 32 : 128) - p.prefix.length)))
  const runsOut: (number | null)[] = sim.pools.map(() => null)
  const weeks: ForecastWeek[] = []
  let added = 0
  let placed = 0
  let stopWeek: number | null = null
  let tunnelFailures = 0
  let firstTunnelFailure: string | null = null
  let newNodes = 0

  const record = (week: number): void => {
    const use = sim.poolUse()
    const free = sim.pools.map((p, i) => (totals[i] ?? 0) - (use.get(p.name)?.inUse ?? 0))
    const room = sim.clone().addPods(Infinity)
    sim.pools.forEach((pool, i) => {
      if (runsOut[i] !== null) return
      const blocksLeft = Number(pool.numBlocks) - (use.get(pool.name)?.blocks ?? 0)
      const refused = sim.nodes.some((n) => (n.stopped === 'poolsFull' || n.stopped === 'strictAffinity') && n.pools.some((p) => typeof p !== 'string' && p.includes(pool)))
      if (free[i] === 0 || (blocksLeft === 0 && refused)) runsOut[i] = week
    })
    weeks.push({ week, date: weekDate(options.startDate, week), nodes: sim.nodes.length, podsAdded: added, podsPlaced: placed, capacity: placed + room, free })
  }

  record(0)
  for (let week = 1; week <= weeksToRun; week++) {
    if (template) {
      for (let i = 0; i < nodesPerWeek; i++) {
        newNodes += 1
        for (const result of sim.addNode(`forecast-node-${newNodes}`, template)) {
          if (result.ok) continue
          tunnelFailures += 1
          firstTunnelFailure ??= result.message
        }
      }
    }
    added += podsPerWeek
    placed += sim.addPods(podsPerWeek)
    if (stopWeek === null && placed < added) stopWeek = week
    record(week)
  }
  return {
    options,
    weeks,
    pools: sim.pools.map((pool, i) => {
      const week = runsOut[i] ?? null
      return { name: pool.name, cidr: formatIpPrefix(pool.prefix), total: totals[i] ?? 0, runsOutWeek: week, runsOutDate: week === null ? null : weekDate(options.startDate, week) }
    }),
    podsStopFittingWeek: stopWeek,
    podsStopFittingDate: stopWeek === null ? null : weekDate(options.startDate, stopWeek),
    tunnelFailures,
    firstTunnelFailure,
  }
}
