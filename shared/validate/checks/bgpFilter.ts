import { entityId } from '../../model/design'
import { resourcesOf } from '../../model/query'
import type { BGPFilterRule } from '../../model/resources'
import type { ValidationContext } from '../context'
import { isUnset, networkProblem, parseCidrOrIp, tagFailed } from './calicoValues'

/** The rule lists of a BGPFilter and the family of each (`BGPFilterRuleV4` or `BGPFilterRuleV6`). */
const LISTS = [
  ['exportV4', 4],
  ['importV4', 4],
  ['exportV6', 6],
  ['importV6', 6],
] as const

/** `bgpFilterInterfaceRegex` (validator.go): a BIRD interface glob, or `*`. */
const INTERFACE = /^[a-zA-Z0-9_.*-]{1,15}$/

/** Codes of the rules Calico's API refuses a BGPFilter for. */
export const BGP_FILTER_REFUSALS = [
  'bgp.filter-cidr',
  'bgp.filter-cidr-without-operator',
  'bgp.filter-operator-without-cidr',
  'bgp.filter-prefix-length-without-cidr',
  'bgp.filter-prefix-length',
  'bgp.filter-interface',
] as const

/**
 * BGPFilter rules as Calico decides them (release-v3.30): the field tags of `BGPFilterRuleV4`
 * and `BGPFilterRuleV6` (api/pkg/apis/projectcalico/v3/bgpfilter.go) and the struct rule
 * `validateBGPFilterRule` (libcalico-go/lib/validator/v3/validator.go), with their wording.
 * `action`, `matchOperator` and `source` values are checked when the file is loaded (they are
 * enums of the kind), and so is `action` being required.
 */
export function checkBgpFilters(context: ValidationContext): void {
  for (const filter of resourcesOf(context.design, 'projectcalico.org/v3/BGPFilter')) {
    const id = entityId(filter)
    for (const [list, family] of LISTS) {
      const rules: readonly BGPFilterRule[] = filter.spec[list] ?? []
      rules.forEach((rule, i) => checkRule(context, id, ['spec', list, i], rule, family))
    }
  }
}

function checkRule(context: ValidationContext, id: string, at: readonly (string | number)[], rule: BGPFilterRule, family: 4 | 6): void {
  const report = (code: string, message: string, field: readonly (string | number)[]): void => context.report({ code, message, subject: id, path: [...at, ...field] })
  const cidr = isUnset(rule.cidr) ? undefined : rule.cidr
  const hasOperator = !isUnset(rule.matchOperator)
  const prefixLength = rule.prefixLength ?? undefined
  const bits = family === 4 ? 32 : 128

  // Tag netv4 / netv6: the rule list's family, strictly masked.
  const cidrProblem = cidr === undefined ? undefined : networkProblem(cidr, family)
  if (cidr !== undefined && cidrProblem !== undefined) report('bgp.filter-cidr', `${tagFailed('CIDR', `netv${family}`)}: ${cidrProblem}`, ['cidr'])

  // validateBGPFilterRule.
  if (cidr !== undefined && !hasOperator) report('bgp.filter-cidr-without-operator', 'MatchOperator cannot be empty when CIDR is not', ['cidr'])
  if (cidr === undefined && hasOperator) report('bgp.filter-operator-without-cidr', 'CIDR cannot be empty when MatchOperator is not', ['matchOperator'])
  if (cidr === undefined && prefixLength !== undefined) report('bgp.filter-prefix-length-without-cidr', 'CIDR cannot be empty when PrefixLength is not', ['prefixLength'])

  // Tag bgpFilterPrefixLengthV4 / V6 on Min and Max, each on its own.
  let boundsValid = true
  for (const bound of ['min', 'max'] as const) {
    const value = prefixLength?.[bound] ?? undefined
    if (value === undefined || (value >= 0 && value <= bits)) continue
    boundsValid = false
    report('bgp.filter-prefix-length', `${tagFailed(bound === 'min' ? 'Min' : 'Max', `bgpFilterPrefixLengthV${family}`)}: ${value} is outside 0-${bits}, the prefix lengths of IPv${family}`, [
      'prefixLength',
      bound,
    ])
  }

  // What Calico does not check: confd's filterMatchPrefixLength writes [ cidr{lo,hi} ] with
  // lo = max(cidr length, min) and hi = min(bits, max), and BIRD refuses lo > hi.
  if (cidr !== undefined && cidrProblem === undefined && prefixLength !== undefined && boundsValid) {
    const parsed = parseCidrOrIp(cidr)
    const length = parsed.ok ? parsed.value.length : bits
    const lo = Math.max(length, prefixLength.min ?? length)
    const hi = Math.min(bits, prefixLength.max ?? bits)
    if (lo > hi) {
      context.report({
        code: 'bgp.filter-prefix-length-range',
        message: `prefixLength leaves no length to match: confd writes [ ${cidr}{${lo},${hi}} ] into ${family === 4 ? 'bird.cfg' : 'bird6.cfg'} and BIRD refuses it (Invalid prefix pattern range: {${lo}, ${hi}}.), so calico-node keeps its previous BIRD configuration on every node. Calico's validator accepts the resource`,
        subject: id,
        path: [...at, 'prefixLength'],
        suggestion: `keep max at least ${Math.max(length, prefixLength.min ?? 0)}: the CIDR's own length and min`,
      })
    }
  }

  // Tag bgpFilterInterface.
  const name = rule.interface
  if (!isUnset(name) && name !== '*' && !INTERFACE.test(name)) {
    report('bgp.filter-interface', `${tagFailed('Interface', 'bgpFilterInterface')}: "${name}" must be * or 1 to 15 of a-z, A-Z, 0-9, _ . * -`, ['interface'])
  }
}
