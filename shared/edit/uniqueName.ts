/** `base-1`, `base-2`, …: the first that `taken` does not hold, as new things on a canvas are usually named. */
export function uniqueName(taken: ReadonlySet<string>, base: string): string {
  for (let n = 1; ; n++) {
    const name = `${base}-${n}`
    if (!taken.has(name)) return name
  }
}
