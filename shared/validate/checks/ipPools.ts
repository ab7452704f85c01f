import { findOverlaps, formatIpPrefix, parseIpPrefix, prefixesOverlap, type IpPrefix } from '../../net'
import { parseSelector } from '../../selector'
import type { ValidationContext } from '../context'

const IPV4_LINK_LOCAL = parseIpPrefix('169.254.0.0/16')
const IPV6_LINK_LOCAL = parseIpPrefix('fe80::/10')
const KNOWN_USES = ['Workload', 'Tunnel', 'LoadBalancer']

const enabled = (mode: string | undefined): boolean => mode === 'Always' || mode === 'CrossSubnet'

/**
 * The rules Calico's client and validator enforce on an IPPool (calico.md §1.2, v3.30), with
 * Calico's own wording. Rules 12–15 concern changes to a live datastore and do not apply to a design.
 */
export function checkIpPools(context: ValidationContext): void {
  for (const { id, resource, prefix } of context.pools) {
    const spec = resource.spec
    const report = (code: string, message: string, path: (string | number)[], extra: { suggestion?: string; related?: string[] } = {}): void =>
      context.report({ code, message, subject: id, path: ['spec', ...path], ...extra })

    const parsed = parseIpPrefix(spec.cidr)
    if (!parsed.ok) {
      // Rule 3 when only host bits are wrong (Calico then stores nothing), rule 2 otherwise.
      if (parsed.suggestion !== undefined) report('ippool.cidr-not-masked', `IPPool CIDR is not strictly masked: ${parsed.message}`, ['cidr'], { suggestion: parsed.suggestion })
      else report('ippool.cidr-invalid', `IPPool CIDR must be a valid subnet: ${parsed.message}`, ['cidr'])
    }
    if (!prefix) continue

    const isV6 = prefix.family === 6
    const blockSize = spec.blockSize ?? (isV6 ? 122 : 26)
    if (!isV6 && (blockSize < 20 || blockSize > 32)) report('ippool.block-size', 'IPv4 block size must be between 20 and 32', ['blockSize'])
    if (isV6 && (blockSize < 116 || blockSize > 128)) report('ippool.block-size', 'IPv6 block size must be between 116 and 128', ['blockSize'])
    if (!spec.disabled && prefix.length > blockSize) {
      report('ippool.smaller-than-block', 'IP pool size is too small for use with Calico IPAM. It must be equal to or greater than the block size.', ['cidr'], {
        suggestion: `use a prefix of /${blockSize} or shorter, or a blockSize of ${prefix.length} or more`,
      })
    }
    if (enabled(spec.ipipMode) && enabled(spec.vxlanMode)) report('ippool.ipip-and-vxlan', 'Cannot enable both VXLAN and IPIP on the same IPPool', ['vxlanMode'])
    if (isV6 && enabled(spec.ipipMode)) report('ippool.ipip-ipv6', "IPIPMode other than 'Never' is not supported on an IPv6 IP pool", ['ipipMode'], { suggestion: 'use vxlanMode for IPv6 encapsulation' })
    const linkLocal = isV6 ? IPV6_LINK_LOCAL : IPV4_LINK_LOCAL
    if (linkLocal.ok && prefixesOverlap(prefix, linkLocal.value)) {
      report('ippool.link-local', isV6 ? 'IPPool CIDR overlaps with IPv6 Link Local range fe80::/10' : 'IPPool CIDR overlaps with IPv4 Link Local range 169.254.0.0/16', ['cidr'])
    }

    const uses = spec.allowedUses ?? []
    uses.forEach((use, i) => {
      if (!KNOWN_USES.includes(use)) report('ippool.unknown-use', `unknown use: ${use}`, ['allowedUses', i])
    })
    if (uses.includes('LoadBalancer')) {
      for (const other of uses.filter((u) => u === 'Workload' || u === 'Tunnel')) report('ippool.load-balancer-use', `LoadBalancer cannot be used at the same time as: ${other}`, ['allowedUses'])
      if (enabled(spec.ipipMode) || enabled(spec.vxlanMode)) report('ippool.load-balancer-use', 'IPIPMode and VXLANMode cannot be enabled on LoadBalancer IP pool', ['ipipMode'])
      if (spec.disableBGPExport) report('ippool.load-balancer-use', 'DisableBGPExport cannot be true on LoadBalancer IP pool', ['disableBGPExport'])
      if ((spec.nodeSelector ?? 'all()') !== 'all()') report('ippool.load-balancer-use', 'NodeSelector must be all() on LoadBalancer IP pool', ['nodeSelector'])
    }
    for (const field of ['nodeSelector', 'namespaceSelector'] as const) {
      const selector = spec[field]
      if (selector === undefined || selector === '') continue
      const result = parseSelector(selector)
      if (!result.ok) report('ippool.invalid-selector', `${field} "${selector}" is not a valid selector: ${result.message}`, [field])
    }
  }
  checkPoolOverlaps(context)
}

/** Rule 11: pools must not overlap (either way, identical included). One error per overlapping pool, as Calico gives. */
function checkPoolOverlaps(context: ValidationContext): void {
  const items = context.pools.flatMap((p) => (p.prefix ? [{ id: p.id, prefix: p.prefix }] : []))
  const byId = new Map(context.pools.map((p) => [p.id, p]))
  for (const pair of findOverlaps(items)) {
    const first = byId.get(pair.a)
    const second = byId.get(pair.b)
    if (!first?.prefix || !second?.prefix) continue
    context.report({
      code: 'ippool.overlap',
      message: `IPPool(${second.resource.metadata.name}) CIDR overlaps with IPPool(${first.resource.metadata.name}) CIDR ${formatIpPrefix(first.prefix as IpPrefix)}`,
      subject: second.id,
      related: [first.id],
      path: ['spec', 'cidr'],
    })
  }
}
