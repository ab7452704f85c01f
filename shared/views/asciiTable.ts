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

// TODO(#5): cells longer than 30 characters wrap (tablewriter's minimum-raggedness WrapString); no ipam view has one.
export function asciiTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const titles = headers.map((h) => h.toUpperCase().replace(/_/g, ' '))
  const widths = titles.map((title, c) => Math.max(title.length, ...rows.map((r) => (r[c] ?? '').length)))
  const out = [border(widths), line(titles.map((t, c) => centre(t, widths[c] ?? 0))), border(widths)]
  for (const row of rows) {
    out.push(line(widths.map((w, c) => {
      const cell = row[c] ?? ''
      return NUMBER.test(cell.trim()) ? cell.padStart(w) : cell.padEnd(w)
    })))
  }
  out.push(border(widths))
  return `${out.join('\n')}\n`
}
