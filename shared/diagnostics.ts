/**
 * A problem found in user data. The engine reports problems as values, never as exceptions, so a
 * caller always gets every problem at once and the user's other documents survive.
 */
export type Severity = 'error' | 'warning' | 'info'

/** Where in a design file a problem sits; every field is optional because not every problem has a place. */
export interface SourceLocation {
  /** Zero-based index of the YAML document inside the bundle. */
  readonly document?: number
  /** One-based line and column, as editors show them. */
  readonly line?: number
  readonly column?: number
  /** Dotted path of the field inside the document, e.g. `spec.cidr`. */
  readonly field?: string
}

/**
 * An edit that does what a refused one meant, as the inspector applies it: one field of one
 * entity, written as a person would type it, so it goes through the same checks as typing does.
 */
export interface ProposedEdit {
  /** What the button says, e.g. `Renumber to 10.0.2.0/26`. */
  readonly label: string
  readonly subject: string
  /** The inspector field's key (shared/edit/fieldDefs), e.g. `cidrs`. */
  readonly field: string
  readonly text: string
}

export interface Diagnostic {
  /** Stable identifier that tests, the CLI and the UI key on, e.g. `format.invalid-cidr`. */
  readonly code: string
  readonly severity: Severity
  readonly message: string
  /** Id of the design entity the problem is about, when there is one. */
  readonly subject?: string
  readonly location?: SourceLocation
  /** Field of the subject the problem is about, as a path; turned into a line by the loader's source index. */
  readonly path?: readonly (string | number)[]
  readonly suggestion?: string
  /** The suggestion as an edit that can be applied in one click, when it is one. */
  readonly proposal?: ProposedEdit
  /** Other entities involved (the second pool of an overlap, the node a workload names). */
  readonly related?: readonly string[]
}

/** Formats a diagnostic as one line, `file:line:column: severity code: message`, as compilers do. */
export function formatDiagnostic(diagnostic: Diagnostic, fileName?: string): string {
  const where: string[] = []
  const loc = diagnostic.location
  if (fileName !== undefined) where.push(fileName)
  if (loc?.line !== undefined) where.push(String(loc.line))
  if (loc?.line !== undefined && loc.column !== undefined) where.push(String(loc.column))
  const context: string[] = []
  if (loc?.document !== undefined) context.push(`document ${loc.document + 1}`)
  if (loc?.field !== undefined) context.push(`field ${loc.field}`)
  const prefix = where.length > 0 ? `${where.join(':')}: ` : ''
  const suffix = context.length > 0 ? ` (${context.join(', ')})` : ''
  const hint = diagnostic.suggestion !== undefined ? ` Suggestion: ${diagnostic.suggestion}` : ''
  return `${prefix}${diagnostic.severity} ${diagnostic.code}: ${diagnostic.message}${suffix}${hint}`
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error')
}

const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 }

/** Errors first, then warnings, then notes; within a severity, the order they were found in (file order). */
export function bySeverity(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics
    .map((diagnostic, index) => ({ diagnostic, index }))
    .sort((a, b) => SEVERITY_ORDER[a.diagnostic.severity] - SEVERITY_ORDER[b.diagnostic.severity] || a.index - b.index)
    .map(({ diagnostic }) => diagnostic)
}
