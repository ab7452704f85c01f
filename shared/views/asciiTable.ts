/**
 * The table `calicoctl ipam show` and `calicoctl node status` print: olekukonko/tablewriter
 * v0.0.5 with its defaults (calico.md §3.1). Headers upper-case and centred, plain numbers
 * right-aligned, everything else left-aligned, `+---+` borders, no line between rows.
 */
const NUMBER = /^-?\d{1,3}(,\d{3})*(\.\d+)?$|^-?\d+(\.\d+)?$/

function border(widths: readonly number[]): string {
  return `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`
}

function centre(text: string, width: number): string {
  const gap = width - text.length
  const left = Math.floor(gap / 2)
  return `${' '.repeat(left)}${text}${' '.repeat(gap - left)}`
}

function line(cells: readonly string[]): string {
  return `|${cells.map((c) => ` ${c} `).join('|')}|`
}

/** Cells longer than this wrap onto more lines (tablewriter's MaxColWidth default). */
export const WRAP_WIDTH = 30
/** What a line longer than the limit costs, so that the search only takes one when it must. */
const OVERFLOW_PENALTY = 100_000

/**
 * Word wrap with minimum raggedness: the breaks that minimise the sum of squared trailing gaps of
 * every line but the last. A word longer than the limit raises the limit to its length.
 */
export function wrapWords(text: string, limit = WRAP_WIDTH): string[] {
  const words = text.replace(/\n/g, ' ').split(' ')
  const width = Math.max(limit, ...words.map((w) => w.length))
  const n = words.length
  const span = (i: number, j: number): number => words.slice(i, j + 1).reduce((sum, w) => sum + w.length, 0) + (j - i)
  const cost = new Array<number>(n + 1).fill(Number.MAX_SAFE_INTEGER)
  const next = new Array<number>(n).fill(n)
  cost[n] = 0
  for (let i = n - 1; i >= 0; i--) {
    if (span(i, n - 1) <= width) {
      cost[i] = 0
      continue
    }
    for (let j = i + 1; j < n; j++) {
      const used = span(i, j - 1)
      const gap = width - used
      const candidate = gap * gap + (cost[j] as number) + (used > width ? OVERFLOW_PENALTY : 0)
      if (candidate < (cost[i] as number)) {
        cost[i] = candidate
        next[i] = j
      }
    }
  }
  const lines: string[] = []
  for (let i = 0; i < n; i = next[i] as number) lines.push(words.slice(i, next[i]).join(' '))
  return lines
}

export function asciiTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const titles = headers.map((h) => h.toUpperCase().replace(/_/g, ' '))
  // A column with a wrapped cell is as wide as the wrap limit (or its longest word), whatever the lines need.
  const wrapLimit = titles.map(() => 0)
  const wrapped = rows.map((row) =>
    titles.map((_, c) => {
      const cell = row[c] ?? ''
      if (cell.length <= WRAP_WIDTH) return [cell]
      wrapLimit[c] = Math.max(wrapLimit[c] ?? 0, WRAP_WIDTH, ...cell.split(' ').map((w) => w.length))
      return wrapWords(cell)
    }),
  )
  // Reduced, not spread: a table of many thousand blocks would overflow the stack as arguments.
  const widths = titles.map((title, c) => wrapped.reduce((width, r) => (r[c] ?? ['']).reduce((w, l) => Math.max(w, l.length), width), Math.max(title.length, wrapLimit[c] ?? 0)))
  const out = [border(widths), line(titles.map((t, c) => centre(t, widths[c] ?? 0))), border(widths)]
  for (const row of wrapped) {
    const height = Math.max(...row.map((cell) => cell.length))
    for (let k = 0; k < height; k++) {
      out.push(
        line(
          widths.map((w, c) => {
            const text = row[c]?.[k] ?? ''
            return NUMBER.test(text.trim()) ? text.padStart(w) : text.padEnd(w)
          }),
        ),
      )
    }
  }
  out.push(border(widths))
  return `${out.join('\n')}\n`
}
