/** Go's fmt verbs that the imitated CLIs print numbers with. */

/** Go `%.f`: round to the nearest integer, ties to even (12.5 → 12, 37.5 → 38). */
export function formatRoundHalfEven(value: number): string {
  const floor = Math.floor(value)
  const fraction = value - floor
  const rounded = fraction > 0.5 ? floor + 1 : fraction < 0.5 ? floor : floor % 2 === 0 ? floor : floor + 1
  return String(rounded)
}

/**
 * Go `%.5g` for a non-negative count: plain up to 5 significant digits, else `d.dddde+XX`
 * (Go drops trailing zeros in %g and writes at least two exponent digits: 131072 → 1.3107e+05).
 */
export function formatG5(value: number | bigint): string {
  const n = typeof value === 'bigint' ? Number(value) : value
  if (n === 0) return '0'
  const exponent = Math.floor(Math.log10(Math.abs(n)))
  if (exponent < -4 || exponent >= 5) {
    const [mantissa, exp] = n.toExponential(4).split('e') as [string, string]
    const trimmed = mantissa.includes('.') ? mantissa.replace(/0+$/, '').replace(/\.$/, '') : mantissa
    const sign = exp.startsWith('-') ? '-' : '+'
    const digits = exp.replace(/^[+-]/, '').padStart(2, '0')
    return `${trimmed}e${sign}${digits}`
  }
  const fixed = n.toPrecision(5)
  return fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed
}
