/**
 * The table calicoctl v3.33 prints for `ipam show` and `node status`: jedib0t/go-pretty/v6
 * v6.8.1's `table.Writer` with `StyleDefault` (calico.md §9.5). Same `+`/`-`/`|` box as
 * tablewriter's (StyleBoxDefault), but headers are upper-cased and left-aligned (FormatOptionsDefault:
 * text.FormatUpper, AlignDefault), nothing wraps, and a cell is left-aligned unless its column is
 * configured right-aligned (`getAlign` in table/table.go: string cells are never "numeric"). A
 * separator follows the header even with no rows (Options.DoNotRenderSeparatorWhenEmpty is false).
 */
export function prettyTable(headers: readonly string[], rows: readonly (readonly string[])[], rightAligned: ReadonlySet<number> = new Set()): string {
  const titles = headers.map((h) => h.toUpperCase())
  // Reduced, not spread: a table of many thousand blocks would overflow the stack as arguments.
  const widths = titles.map((title, c) => rows.reduce((width, row) => Math.max(width, (row[c] ?? '').length), title.length))
  const border = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`
  const line = (cells: readonly string[], align: (c: number) => boolean): string => `|${widths.map((w, c) => ` ${align(c) ? (cells[c] ?? '').padStart(w) : (cells[c] ?? '').padEnd(w)} `).join('|')}|`
  const out = [border, line(titles, () => false), border, ...rows.map((row) => line(row, (c) => rightAligned.has(c))), border]
  return `${out.join('\n')}\n`
}
