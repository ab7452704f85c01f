import type { PrefixFilterRule } from '../model/resources'
import { parseIpPrefix, prefixContainsPrefix, type IpPrefix } from '../net'

/**
 * Whether a rule matches a prefix, with Calico BGPFilter semantics (shared by Peerlab's Router
 * filters): `Equal`/`NotEqual` compare the prefix itself, `In`/`NotIn` ask whether it lies inside
 * the rule's CIDR; `prefixLength` bounds the prefix length; a rule without a CIDR matches everything.
 */
export function ruleMatches(rule: PrefixFilterRule, prefix: IpPrefix): boolean {
  const length = rule.prefixLength
  if (length?.min !== undefined && prefix.length < length.min) return false
  if (length?.max !== undefined && prefix.length > length.max) return false
  if (rule.cidr === undefined) return true
  const parsed = parseIpPrefix(rule.cidr)
  if (!parsed.ok || parsed.value.family !== prefix.family) return false
  const cidr = parsed.value
  const equal = cidr.network === prefix.network && cidr.length === prefix.length
  switch (rule.matchOperator ?? 'Equal') {
    case 'Equal':
      return equal
    case 'NotEqual':
      return !equal
    case 'In':
      return prefixContainsPrefix(cidr, prefix)
    case 'NotIn':
      return !prefixContainsPrefix(cidr, prefix)
  }
}

/** The first matching rule decides; undefined when none matches (the caller's default applies). */
export function filterVerdict(rules: readonly PrefixFilterRule[] | undefined, prefix: IpPrefix): 'accept' | 'reject' | undefined {
  for (const rule of rules ?? []) if (ruleMatches(rule, prefix)) return rule.action === 'Accept' ? 'accept' : 'reject'
  return undefined
}

/** The index of the rule that decides for a prefix, or -1 when none matches: what an explanation quotes. */
export function decidingRule(rules: readonly PrefixFilterRule[] | undefined, prefix: IpPrefix): number {
  return (rules ?? []).findIndex((rule) => ruleMatches(rule, prefix))
}
