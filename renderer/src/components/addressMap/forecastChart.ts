import type { Forecast } from '../../../../shared/ipam/forecast'

export interface ForecastChart {
  readonly width: number
  readonly height: number
  readonly left: number
  readonly right: number
  readonly top: number
  readonly bottom: number
  /** SVG `points` of the capacity and pods-added lines. */
  readonly capacity: string
  readonly demand: string
  readonly xTicks: readonly { readonly value: number; readonly x: number }[]
  readonly yTicks: readonly { readonly value: number; readonly y: number }[]
  /** Where the week pods stop fitting sits, if it does. */
  readonly stopX: number | null
}

/** A round step giving about `count` ticks up to `most`: 1, 2 or 5 times a power of ten. */
function tickStep(most: number, count: number): number {
  const rough = Math.max(1, most / count)
  const power = 10 ** Math.floor(Math.log10(rough))
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? rough
}

/** Where the forecast's two lines go in a small chart: weeks across, pods up. */
export function chartOf(forecast: Forecast): ForecastChart {
  const width = 400
  const height = 170
  const left = 36
  const right = 8
  const top = 8
  const bottom = 18
  const lastWeek = Math.max(1, forecast.weeks.length - 1)
  const most = Math.max(1, ...forecast.weeks.map((w) => Math.max(w.capacity, w.podsAdded)))
  const yStep = tickStep(most, 4)
  const yMax = Math.ceil(most / yStep) * yStep
  const x = (week: number): number => left + ((width - left - right) * week) / lastWeek
  const y = (pods: number): number => height - bottom - ((height - top - bottom) * pods) / yMax
  const line = (value: (w: Forecast['weeks'][number]) => number): string => forecast.weeks.map((w) => `${x(w.week).toFixed(1)},${y(value(w)).toFixed(1)}`).join(' ')
  const xStep = tickStep(lastWeek, 6)
  const xTicks = []
  for (let week = 0; week <= lastWeek; week += xStep) xTicks.push({ value: week, x: x(week) })
  const yTicks = []
  for (let pods = 0; pods <= yMax; pods += yStep) yTicks.push({ value: pods, y: y(pods) })
  return {
    width,
    height,
    left,
    right,
    top,
    bottom,
    capacity: line((w) => w.capacity),
    demand: line((w) => w.podsAdded),
    xTicks,
    yTicks,
    stopX: forecast.podsStopFittingWeek === null ? null : x(forecast.podsStopFittingWeek),
  }
}
