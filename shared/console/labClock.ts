import type { Design } from '../model/design'
import { clusterOf } from '../model/query'
import { parseRfc3339 } from '../util/rfc3339'

/**
 * The console's simulated time, in milliseconds since the Unix epoch (UTC). Nothing reads the
 * machine's clock: a replay gives the same SINCE and AGE columns every time.
 */
export interface LabClockSettings {
  /** When the console starts. */
  readonly start: number
  /** When the cluster came up: what the design holds at the start was created then. */
  readonly bootedAt: number
}

/** Used when a design sets no clock: a fixed day, the cluster up for three hours. */
export const DEFAULT_CLOCK: LabClockSettings = { start: Date.UTC(2024, 0, 15, 20, 30, 0), bootedAt: Date.UTC(2024, 0, 15, 17, 30, 0) }

/** How long a typed command takes, as the simulated clock sees it. */
export const SECONDS_PER_COMMAND = 5

/** The clock a design asks for (Cluster spec.clock), each missing part from the default. */
export function clockOf(design: Design): LabClockSettings {
  const clock = clusterOf(design)?.spec.clock
  const start = clock?.start !== undefined ? parseRfc3339(clock.start) : undefined
  const bootedAt = clock?.bootedAt !== undefined ? parseRfc3339(clock.bootedAt) : undefined
  if (start === undefined && bootedAt === undefined) return DEFAULT_CLOCK
  const startTime = start ?? (bootedAt as number) + (DEFAULT_CLOCK.start - DEFAULT_CLOCK.bootedAt)
  return { start: startTime, bootedAt: Math.min(bootedAt ?? startTime - (DEFAULT_CLOCK.start - DEFAULT_CLOCK.bootedAt), startTime) }
}

const two = (n: number): string => String(n).padStart(2, '0')

/** `20:35:04`: how BIRD prints a protocol's last state change when it happened today (UTC, as on a cloud VM). */
export function timeOfDay(ms: number): string {
  const date = new Date(ms)
  return `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}`
}

/** RFC 3339 with second precision, as Kubernetes writes creationTimestamp. */
export function rfc3339(ms: number): string {
  return new Date(ms - (ms % 1000)).toISOString().replace('.000Z', 'Z')
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** `date` in the C locale on a UTC host: `Tue May 14 20:35:04 UTC 2024`. */
export function dateCommandText(ms: number): string {
  const d = new Date(ms)
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${timeOfDay(ms)} UTC ${d.getUTCFullYear()}`
}

/**
 * BIRD's SINCE column: the time of day when the change was today, else the date (BIRD 1.6's
 * default `timeformat protocol`, iso short: `%T` within a day, `%F` before).
 */
export function birdSince(ms: number, now: number): string {
  if (now - ms < 20 * 3600 * 1000) return timeOfDay(ms)
  return new Date(ms).toISOString().slice(0, 10)
}
