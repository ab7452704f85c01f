import type { PrefixFilterRule } from '../model/resources'

/**
 * A router's prefix filter as one line, the way BIRD filters read: rules in order, `;` between
 * them, each `Action [cidr [operator]]`, e.g. `Accept 10.48.2.0/24 In; Reject`.
 */
export function filterRulesText(value: unknown): string {
  if (!Array.isArray(value)) return ''
  return (value as readonly PrefixFilterRule[]).map((rule) => [rule.action, rule.cidr, rule.matchOperator].filter((part) => part !== undefined).join(' ')).join('; ')
}

/** Rules from their one-line form; words in the wrong place are kept, so the engine's check names them. */
export function readFilterRules(text: string): PrefixFilterRule[] | undefined {
  const rules = text
    .split(';')
    .map((part) => part.trim().split(/\s+/))
    .filter((words) => words[0] !== undefined && words[0] !== '')
    .map(([action, cidr, matchOperator]) => ({
      action: action as PrefixFilterRule['action'],
      ...(cidr !== undefined ? { cidr } : {}),
      ...(matchOperator !== undefined ? { matchOperator: matchOperator as NonNullable<PrefixFilterRule['matchOperator']> } : {}),
    }))
  return rules.length > 0 ? rules : undefined
}
