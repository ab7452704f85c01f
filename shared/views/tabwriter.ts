/**
 * Go's text/tabwriter, as the CLIs Peerlab imitates configure it, for tables whose rows all have
 * the same columns: a column is as wide as its widest cell plus the padding, and never narrower
 * than the minimum width.
 */
export interface TabwriterOptions {
  readonly minWidth: number
  readonly padding: number
  /**
   * calicoctl ends every cell, the last one too, with a tab, so the last column is padded as well;
   * kubectl ends the line after the last cell, which is then printed as it is.
   */
  readonly terminateLastCell: boolean
}

/** calicoctl's table printer (calicoctl/commands/common/printer.go: minwidth 5, tabwidth 1, padding 3). */
export const CALICOCTL_TABWRITER: TabwriterOptions = { minWidth: 5, padding: 3, terminateLastCell: true }
/** kubectl's printer (k8s.io/cli-runtime printers: minwidth 6, tabwidth 4, padding 3). */
export const KUBECTL_TABWRITER: TabwriterOptions = { minWidth: 6, padding: 3, terminateLastCell: false }

export function tabwrite(rows: readonly (readonly string[])[], options: TabwriterOptions): string {
  // Loops, not Math.max(...rows): spreading a table of 150,000 pods overflows the stack.
  let columns = 0
  for (const row of rows) columns = Math.max(columns, row.length)
  const aligned = options.terminateLastCell ? columns : columns - 1
  const widths: number[] = []
  for (let c = 0; c < aligned; c++) {
    let width = options.minWidth
    for (const row of rows) width = Math.max(width, (row[c] ?? '').length + options.padding)
    widths.push(width)
  }
  return rows
    .map((row) => row.map((cell, c) => (c < aligned ? cell.padEnd(widths[c] ?? 0) : cell)).join(''))
    .map((line) => `${line}\n`)
    .join('')
}
