import { uniqueName } from './uniqueName'

/**
 * A name for a copy that reads like the original's neighbour: `worker2` → `worker3`, `rack-1` →
 * `rack-2` (the next number free), anything else `name-1`, `name-2`, … (uniqueName).
 */
export function freshName(taken: ReadonlySet<string>, name: string): string {
  const numbered = /^(.*?)(\d{1,9})$/.exec(name)
  if (numbered) {
    const [, stem, digits] = numbered as unknown as [string, string, string]
    for (let n = Number(digits) + 1; ; n++) {
      const candidate = `${stem}${n}`
      if (!taken.has(candidate)) return candidate
    }
  }
  return uniqueName(taken, name)
}

/**
 * Cloud nodes are named after their address (`ip-10-0-1-31.eu-west-1.compute.internal`): a copy
 * given another address is named after that one, when the name is free.
 */
export function renamedForAddress(name: string, from: string | undefined, to: string | undefined, taken: ReadonlySet<string>): string | undefined {
  if (from === undefined || to === undefined || !from.includes('.') || from === to) return undefined
  const dashed = (address: string): string => `ip-${address.replaceAll('.', '-')}`
  // Not ip-10-0-1-3 inside ip-10-0-1-31.
  const pattern = new RegExp(`${dashed(from)}(?![0-9])`)
  if (!pattern.test(name)) return undefined
  const candidate = name.replace(pattern, dashed(to))
  return taken.has(candidate) ? undefined : candidate
}
