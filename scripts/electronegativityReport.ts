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

interface SarifResult {
  readonly ruleId?: string
  readonly level?: string
  readonly message?: { readonly text?: string }
  readonly locations?: readonly {
    readonly physicalLocation?: {
      readonly artifactLocation?: { readonly uri?: string }
      readonly region?: { readonly startLine?: number; readonly startColumn?: number; readonly charLength?: number }
    }
  }[]
}

/**
 * The findings of a SARIF report. The tool writes its CSV report as two unawaited writes (a
 * truncating header and an appended body) that race: in one CI run the header landed over the
 * body and the report was garbled. Its SARIF report is one write. SARIF has no severity or
 * confidence column: `severity` is SARIF's level (`warning`, or `note` for a check that only asks
 * for a review), and `sample` is read from the audited source by the caller when it has it.
 */
export function parseSarif(json: string, sampleOf: (file: string, line: number, column: number, length: number) => string = () => ''): Finding[] {
  let report: { runs?: readonly { results?: readonly SarifResult[] }[] }
  try {
    report = JSON.parse(json) as typeof report
  } catch {
    throw new Error('not an electronegativity report: not JSON')
  }
  if (!Array.isArray(report.runs)) throw new Error('not an electronegativity report: no runs')
  return report.runs.flatMap((run) =>
    (run.results ?? []).map((result: SarifResult) => {
      const where = result.locations?.[0]?.physicalLocation
      const file = where?.artifactLocation?.uri ?? ''
      const line = where?.region?.startLine ?? 1
      // SARIF counts columns from 1; the tool and the allow file's readers from 0.
      const column = (where?.region?.startColumn ?? 1) - 1
      return {
        check: result.ruleId ?? '',
        severity: result.level ?? '',
        confidence: '',
        file,
        location: `${line}:${column}`,
        sample: sampleOf(file, line, column, where?.region?.charLength ?? 0),
        description: result.message?.text ?? '',
      }
    }),
  )
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
