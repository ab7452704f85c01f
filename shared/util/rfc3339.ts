const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/

/** An RFC 3339 timestamp (`2024-05-14T20:35:04Z`, `…+02:00`) in epoch milliseconds, or undefined. */
export function parseRfc3339(text: string): number | undefined {
  const match = RFC3339.exec(text)
  if (!match) return undefined
  const [, year, month, day, hour, minute, second, fraction, zone] = match as unknown as string[]
  const fields = [year, month, day, hour, minute, second].map(Number) as [number, number, number, number, number, number]
  if (fields[1] < 1 || fields[1] > 12 || fields[2] < 1 || fields[2] > 31 || fields[3] > 23 || fields[4] > 59 || fields[5] > 60) return undefined
  const local = Date.UTC(fields[0], fields[1] - 1, fields[2], fields[3], fields[4], fields[5]) + Math.round(Number(fraction ?? 0) * 1000)
  if (zone === 'Z' || zone === 'z') return local
  const sign = zone?.startsWith('-') ? -1 : 1
  const [zoneHours, zoneMinutes] = (zone as string).slice(1).split(':').map(Number) as [number, number]
  return local - sign * (zoneHours * 60 + zoneMinutes) * 60_000
}
