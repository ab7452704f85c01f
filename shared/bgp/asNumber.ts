/** Calico's default AS when no BGPConfiguration sets one (calico.md §4.1). */
export const DEFAULT_AS_NUMBER = 64512

/** An AS number as Calico reads it: integer, decimal string, or asdot `hi.lo` = hi·65536 + lo (calico.md §4.2). */
export function parseAsNumber(value: number | string | undefined): number | undefined {
  if (value === undefined) return undefined
  if (typeof value === 'number') return Number.isInteger(value) && value > 0 && value <= 4294967295 ? value : undefined
  const match = /^(\d+)(?:\.(\d+))?$/.exec(value)
  if (!match) return undefined
  const high = Number(match[1])
  if (match[2] === undefined) return high > 0 && high <= 4294967295 ? high : undefined
  const low = Number(match[2])
  return high <= 65535 && low <= 65535 && high * 65536 + low > 0 ? high * 65536 + low : undefined
}
