import { formatIpPrefix, parseIpPrefix, prefixesOverlap } from '../../net'
import { calicoAtLeast, type CalicoVersion } from '../../model/calicoVersion'
import { poolBlockSize } from '../../model/ipPoolDefaults'
import { parseSelector } from '../../selector'
import type { ValidationContext } from '../context'
import { poolMoveProposal } from '../poolFix'
import { nameList, overlapsOf, type PlannedRange } from '../ranges'

const IPV4_LINK_LOCAL = parseIpPrefix('169.254.0.0/16')
const IPV6_LINK_LOCAL = parseIpPrefix('fe80::/10')
const KNOWN_USES = ['Workload', 'Tunnel', 'LoadBalancer']
const SELECTOR_FIELDS = ['nodeSelector', 'namespaceSelector'] as const

const enabled = (mode: string | undefined): boolean => mode === 'Always' || mode === 'CrossSubnet'

type Pool = ValidationContext['pools'][number]
type Report = (code: string, message: string, path: (string | number)[], extra?: { suggestion?: string }) => void

/** Reports against one pool; a plain function, because a closure per pool costs at 100,000 pools. */
function reportPool(context: ValidationContext, id: string, code: string, message: string, path: (string | number)[], extra: { suggestion?: string } = {}): void {
  context.report({ code, message, subject: id, path: ['spec', ...path], ...extra })
}

/**
 * The rules Calico's client and validator enforce on an IPPool (calico.md §1.2, v3.30), with
 * Calico's own wording. Rules 12–15 concern changes to a live datastore and do not apply to a design.
 */
export function checkIpPools(context: ValidationContext): void {
  for (const pool of context.pools) checkIpPool(context, pool)
  checkPoolOverlaps(context)
}

function checkIpPool(context: ValidationContext, { id, resource, prefix }: Pool): void {
  const spec = resource.spec
  if (!prefix) {
    // Parsed again only to explain: rule 3 when only host bits are wrong, rule 2 otherwise.
    const parsed = parseIpPrefix(spec.cidr)
    if (!parsed.ok && parsed.suggestion !== undefined)
      reportPool(context, id, 'ippool.cidr-not-masked', `IPPool CIDR is not strictly masked: ${parsed.message}`, ['cidr'], { suggestion: parsed.suggestion })
    else if (!parsed.ok) reportPool(context, id, 'ippool.cidr-invalid', `IPPool CIDR must be a valid subnet: ${parsed.message}`, ['cidr'])
    return
  }

  const isV6 = prefix.family === 6
  const blockSize = poolBlockSize(spec)
  if (!isV6 && (blockSize < 20 || blockSize > 32)) reportPool(context, id, 'ippool.block-size', 'IPv4 block size must be between 20 and 32', ['blockSize'])
  if (isV6 && (blockSize < 116 || blockSize > 128)) reportPool(context, id, 'ippool.block-size', 'IPv6 block size must be between 116 and 128', ['blockSize'])
  if (!spec.disabled && prefix.length > blockSize) {
    reportPool(context, id, 'ippool.smaller-than-block', 'IP pool size is too small for use with Calico IPAM. It must be equal to or greater than the block size.', ['cidr'], {
      suggestion: `use a prefix of /${blockSize} or shorter, or a blockSize of ${prefix.length} or more`,
    })
  }
  if (enabled(spec.ipipMode) && enabled(spec.vxlanMode)) reportPool(context, id, 'ippool.ipip-and-vxlan', 'Cannot enable both VXLAN and IPIP on the same IPPool', ['vxlanMode'])
  if (isV6 && enabled(spec.ipipMode))
    reportPool(context, id, 'ippool.ipip-ipv6', "IPIPMode other than 'Never' is not supported on an IPv6 IP pool", ['ipipMode'], { suggestion: 'use vxlanMode for IPv6 encapsulation' })
  const linkLocal = isV6 ? IPV6_LINK_LOCAL : IPV4_LINK_LOCAL
  if (linkLocal.ok && prefixesOverlap(prefix, linkLocal.value)) {
    reportPool(context, id, 'ippool.link-local', isV6 ? 'IPPool CIDR overlaps with IPv6 Link Local range fe80::/10' : 'IPPool CIDR overlaps with IPv4 Link Local range 169.254.0.0/16', ['cidr'])
  }
  // The v1-era fields Calico's validator still rejects (calico.md §1.1): `ipip` (mustBeNil) and
  // NATOutgoingV1, whose JSON name is `nat-outgoing` (mustBeFalse). From v3.32 the type has
  // neither, and calicoVersionFields.ts reports them as unknown.
  if (!calicoAtLeast(context.calicoVersion, 'v3.32')) {
    if (spec.ipip !== undefined && spec.ipip !== null) reportPool(context, id, 'ippool.deprecated-field', 'ipip is a deprecated v1 field and must not be set: use ipipMode', ['ipip'])
    if (spec['nat-outgoing'] === true) reportPool(context, id, 'ippool.deprecated-field', 'nat-outgoing is a deprecated v1 field and must not be true: use natOutgoing', ['nat-outgoing'])
  }
  if (spec.allowedUses) checkAllowedUses(spec, (...args) => reportPool(context, id, ...args))
  if (calicoAtLeast(context.calicoVersion, 'v3.31') && spec.namespaceSelector) checkNamespaceSelector(spec, context.calicoVersion, (...args) => reportPool(context, id, ...args))
  for (const field of SELECTOR_FIELDS) {
    const selector = spec[field]
    if (selector === undefined || selector === '' || selector === 'all()') continue
    const result = parseSelector(selector)
    if (!result.ok) reportPool(context, id, 'ippool.invalid-selector', `${field} "${selector}" is not a valid selector: ${result.message}`, [field])
  }
}

/**
 * A namespaceSelector (v3.31+): `validateIPPoolSpec` in validator.go @ v3.31.0 and v3.32.0, the
 * CRD's CEL rules on IPPoolSpec in release-v3.33 (which words them shorter). `allowedUses` is
 * defaulted to Workload and Tunnel before validation, so a pool that leaves it out has Tunnel.
 */
function checkNamespaceSelector(spec: Pool['resource']['spec'], version: CalicoVersion, report: Report): void {
  const cel = calicoAtLeast(version, 'v3.33')
  const uses = spec.allowedUses && spec.allowedUses.length > 0 ? spec.allowedUses : ['Workload', 'Tunnel']
  if (uses.includes('Tunnel')) {
    report(
      'ippool.namespace-selector-tunnel',
      cel ? 'IP Pool with AllowedUse Tunnel cannot have namespaceSelector' : 'IP Pool with AllowedUse Tunnel cannot have namespaceSelector specified - tunnel IPs are not namespaced resources',
      ['namespaceSelector'],
      {
        suggestion: spec.allowedUses ? 'take Tunnel out of allowedUses' : 'add allowedUses: [Workload]: left out, it is Workload and Tunnel',
      },
    )
  }
  if (spec.namespaceSelector?.includes('global('))
    report(
      'ippool.namespace-selector-global',
      cel ? 'global() selector is not valid for IPPool namespaceSelector' : 'global() selector is not valid for IPPool namespaceSelector - use all() instead',
      ['namespaceSelector'],
    )
}

/** Rules 17–19: known uses, and what a LoadBalancer pool may not combine with. */
function checkAllowedUses(spec: Pool['resource']['spec'], report: Report): void {
  const uses = spec.allowedUses ?? []
  uses.forEach((use, i) => {
    if (!KNOWN_USES.includes(use)) report('ippool.unknown-use', `unknown use: ${use}`, ['allowedUses', i])
  })
  if (!uses.includes('LoadBalancer')) return
  for (const other of uses.filter((u) => u === 'Workload' || u === 'Tunnel')) report('ippool.load-balancer-use', `LoadBalancer cannot be used at the same time as: ${other}`, ['allowedUses'])
  if (enabled(spec.ipipMode) || enabled(spec.vxlanMode)) report('ippool.load-balancer-use', 'IPIPMode and VXLANMode cannot be enabled on LoadBalancer IP pool', ['ipipMode'])
  if (spec.disableBGPExport) report('ippool.load-balancer-use', 'DisableBGPExport cannot be true on LoadBalancer IP pool', ['disableBGPExport'])
  if ((spec.nodeSelector ?? 'all()') !== 'all()') report('ippool.load-balancer-use', 'NodeSelector must be all() on LoadBalancer IP pool', ['nodeSelector'])
}

/**
 * Rule 11: pools must not overlap (either way, identical included). Calico refuses each pool that
 * overlaps one before it; a pool repeated many times, or a group of copies overlapping another
 * range, is one error naming every pool involved (the first few in the message, all in `related`).
 */
function checkPoolOverlaps(context: ValidationContext): void {
  const poolsOf = (ranges: readonly PlannedRange[]): PlannedRange[] => ranges.filter((r) => r.pool !== undefined)
  const names = (ranges: readonly PlannedRange[]): string => nameList(ranges.map((r) => `IPPool(${r.pool?.metadata.name ?? ''})`))
  overlapsOf(context.ranges, (group, others, positionOf) => {
    const pools = poolsOf(group)
    // Copies: the first stays, the others are what Calico refuses.
    let [earlier, later] = others === undefined ? [pools.slice(0, 1), pools.slice(1)] : [pools, poolsOf(others)]
    if (earlier.length === 0 || later.length === 0) return
    if (others !== undefined && positionOf(later[0] as PlannedRange) < positionOf(earlier[0] as PlannedRange)) [earlier, later] = [later, earlier]
    const first = earlier[0] as PlannedRange
    const refused = later[0] as PlannedRange
    const proposal = poolMoveProposal(context.ranges, { id: refused.subject, name: refused.pool?.metadata.name ?? '', prefix: refused.prefix })
    context.report({
      code: 'ippool.overlap',
      message: `${names(later)} CIDR overlaps with ${names(earlier)} CIDR ${formatIpPrefix(first.prefix)}`,
      subject: refused.subject,
      related: [...earlier, ...later.slice(1)].map((r) => r.subject),
      path: ['spec', 'cidr'],
      ...(proposal ? { proposal, suggestion: `move it to ${proposal.text}, the next free /${refused.prefix.length} of the pod CIDR` } : {}),
    })
  })
}
