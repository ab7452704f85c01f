import type { PrefixFilterRule } from '../model/resources'

/** A prefix rule as a BIRD 1.6 filter condition (`~` is "is a subnet of" between prefixes). */
export function ruleCondition(rule: PrefixFilterRule): string {
  const parts: string[] = []
  if (rule.cidr !== undefined) {
    const operator = { Equal: '=', NotEqual: '!=', In: '~', NotIn: '!~' }[rule.matchOperator ?? 'Equal']
    parts.push(`net ${operator} ${rule.cidr}`)
  }
  if (rule.prefixLength?.min !== undefined) parts.push(`net.len >= ${rule.prefixLength.min}`)
  if (rule.prefixLength?.max !== undefined) parts.push(`net.len <= ${rule.prefixLength.max}`)
  return parts.length === 0 ? 'true' : parts.map((p) => `(${p})`).join(' && ')
}

/** Rules in order, first match decides, as `if … then accept|reject;` lines. */
export function ruleLines(rules: readonly PrefixFilterRule[], indent: string): string[] {
  return rules.map((rule) => {
    const verdict = rule.action === 'Accept' ? 'accept' : 'reject'
    const condition = ruleCondition(rule)
    return condition === 'true' ? `${indent}${verdict};` : `${indent}if ${condition} then ${verdict};`
  })
}
