/**
 * Reading electronegativity's CSV report against the allow file. The tool exits 0 whatever it
 * finds, so this is what makes it a gate: every finding needs a line in the allow file saying
 * why it is acceptable, and every line there must still match a finding, so that an explanation
 * cannot outlive the code it explained.
 */

export interface Finding {
  readonly check: string
  readonly severity: string
  readonly confidence: string
  readonly file: string
  readonly location: string
  readonly sample: string
  readonly description: string
}

export interface Allowance {
  readonly check: string
  readonly file: string
  readonly reason: string
  readonly line: number
}

/** RFC 4180 CSV: fields may be quoted, with commas, newlines and doubled quotes inside. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      if (row.some((f) => f.trim() !== '')) rows.push(row)
      row = []
      field = ''
    } else field += c
  }
  row.push(field)
  if (row.some((f) => f.trim() !== '')) rows.push(row)
  return rows
}

/** The findings of a report, whose first row names the columns. */
export function parseFindings(csv: string): Finding[] {
  const [header, ...rows] = parseCsv(csv)
  const columns = (header ?? []).map((name) => name.trim())
  const at = (row: string[], name: string): string => (row[columns.indexOf(name)] ?? '').trim()
  if (!['issue', 'severity', 'filename', 'location'].every((name) => columns.includes(name))) throw new Error(`not an electronegativity report: columns ${columns.join(', ')}`)
  return rows.map((row) => ({
    check: at(row, 'issue'),
    severity: at(row, 'severity'),
    confidence: at(row, 'confidence'),
    file: at(row, 'filename'),
    location: at(row, 'location'),
    sample: at(row, 'sample'),
    description: at(row, 'description'),
  }))
}

/** `CHECK_ID  path  reason`, one allowance a line; blank lines and `#` comments are skipped. A line without a reason is an error. */
export function parseAllowList(text: string): Allowance[] {
  return text.split('\n').flatMap((raw, index) => {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) return []
    const match = /^(\S+)\s+(\S+)\s+(\S.*)$/.exec(line)
    if (!match) throw new Error(`allow file line ${index + 1}: expected "CHECK_ID path reason", got "${line}"`)
    const [, check, file, reason] = match as unknown as [string, string, string, string]
    return [{ check, file, reason, line: index + 1 }]
  })
}

export interface Verdict {
  readonly allowed: readonly { finding: Finding; allowance: Allowance }[]
  readonly unexplained: readonly Finding[]
  readonly stale: readonly Allowance[]
}

export function judge(findings: readonly Finding[], allowances: readonly Allowance[]): Verdict {
  const used = new Set<Allowance>()
  const allowed: { finding: Finding; allowance: Allowance }[] = []
  const unexplained: Finding[] = []
  for (const finding of findings) {
    const allowance = allowances.find((a) => a.check === finding.check && a.file === finding.file)
    if (allowance) {
      used.add(allowance)
      allowed.push({ finding, allowance })
    } else unexplained.push(finding)
  }
  return { allowed, unexplained, stale: allowances.filter((a) => !used.has(a)) }
}
