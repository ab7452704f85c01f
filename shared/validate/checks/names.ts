import { entityId } from '../../model/design'
import type { ValidationContext } from '../context'

// Kubernetes' wording, from k8s.io/apimachinery/pkg/util/validation (IsDNS1123Label, IsDNS1123Subdomain, RegexError).
const LABEL_FORMAT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?'
const SUBDOMAIN_FORMAT = `${LABEL_FORMAT}(\\.${LABEL_FORMAT})*`
const LABEL_MESSAGE = `a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '${LABEL_FORMAT}')`
const SUBDOMAIN_MESSAGE = `a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '${SUBDOMAIN_FORMAT}')`
const LABEL = new RegExp(`^${LABEL_FORMAT}$`)
const SUBDOMAIN = new RegExp(`^${SUBDOMAIN_FORMAT}$`)

/** Namespaces are DNS labels; every other kind we model takes a DNS subdomain. */
export function nameProblems(kind: string, name: string): string[] {
  const isLabel = kind === 'Namespace'
  const problems: string[] = []
  const max = isLabel ? 63 : 253
  if (name.length > max) problems.push(`must be no more than ${max} characters`)
  if (!(isLabel ? LABEL : SUBDOMAIN).test(name)) problems.push(isLabel ? LABEL_MESSAGE : SUBDOMAIN_MESSAGE)
  return problems
}

const NAME_FIELDS = ['name', 'namespace'] as const

/** Names Kubernetes (or Calico's validator, which uses the same rule) would reject. */
export function checkNames(context: ValidationContext): void {
  for (const entry of context.design.entries) {
    if (!entry.modelled) continue
    const { kind, metadata } = entry.resource
    for (const field of NAME_FIELDS) {
      const value = metadata[field]
      // Most names are fine: test the pattern before building any message.
      if (value === undefined || (value.length <= 63 && LABEL.test(value))) continue
      const problems = nameProblems(field === 'namespace' ? 'Namespace' : kind, value)
      if (problems.length === 0) continue
      context.report({
        code: 'name.invalid',
        message: `The ${kind} "${metadata.name}" is invalid: metadata.${field}: Invalid value: "${value}": ${problems.join(', ')}`,
        subject: entityId(entry.resource),
        path: ['metadata', field],
      })
    }
  }
}
