import { entityId } from '../../model/design'
import { resourcesOf, segmentsOf } from '../../model/query'
import { formatIpAddress, prefixContainsAddress } from '../../net'
import type { ValidationContext } from '../context'
import { addressProblem, cidrProblem, decodeProblem, isUnset, parseCidrOrIp, tagFailed } from './calicoValues'

/** Codes of the rules Calico's API refuses a Calico Node for (`bgp.empty-node-spec` and `bgp.rr-cluster-id` are bgp.ts's). */
export const CALICO_NODE_REFUSALS = ['bgp.node-address', 'bgp.node-field-type', 'bgp.empty-node-spec'] as const

const ADDRESS_FIELDS = [
  ['ipv4Address', 'IPv4Address', 4],
  ['ipv6Address', 'IPv6Address', 6],
] as const

/**
 * A Calico Node's BGP addresses as Calico decides them (release-v3.30): the tags of `NodeBGPSpec`
 * (libcalico-go/lib/apis/v3/node.go) — `cidrv4`/`cidrv6` on the node's addresses, which take an
 * address of the family with or without a length, host bits allowed, and `ipv4` on the IPIP
 * tunnel address — with Calico's wording; and a warning for an address without a length, which
 * Calico accepts but reads as a subnet of one address.
 */
export function checkCalicoNodes(context: ValidationContext): void {
  for (const node of resourcesOf(context.design, 'projectcalico.org/v3/Node')) {
    const id = entityId(node)
    const bgp = node.spec?.bgp
    if (bgp === undefined || bgp === null) continue
    const report = (code: string, message: string, field: string): void => context.report({ code, message, subject: id, path: ['spec', 'bgp', field] })

    for (const [field, goName, family] of ADDRESS_FIELDS) {
      const text = bgp[field]
      if (isUnset(text)) continue
      const problem = cidrProblem(text, family)
      if (problem !== undefined) {
        report('bgp.node-address', `${tagFailed(goName, `cidrv${family}`)}: ${problem}`, field)
        continue
      }
      const parsed = parseCidrOrIp(text)
      if (!parsed.ok || parsed.value.hasLength) continue
      const address = parsed.value.address
      const segment = segmentsOf(context.design)
        .flatMap((s) => s.prefixes)
        .find((p) => prefixContainsAddress(p, address))
      context.report({
        code: 'bgp.node-address-length',
        severity: 'warning',
        message: `${field} ${text} has no prefix length: Calico accepts it as ${formatIpAddress(address)}/${family === 4 ? 32 : 128}, and takes that as the node's subnet, which CrossSubnet compares next hops with: no other node is on it, so CrossSubnet encapsulates to every node`,
        subject: id,
        path: ['spec', 'bgp', field],
        ...(segment ? { suggestion: `${formatIpAddress(address)}/${segment.length}, with its segment's length, as calico-node's autodetection writes it` } : {}),
      })
    }

    const tunnel = bgp.ipv4IPIPTunnelAddr
    const wrongType = decodeProblem(tunnel, 'string', 'NodeBGPSpec', 'spec.bgp.ipv4IPIPTunnelAddr')
    if (wrongType !== undefined) report('bgp.node-field-type', wrongType, 'ipv4IPIPTunnelAddr')
    else if (typeof tunnel === 'string' && tunnel !== '') {
      const problem = addressProblem(tunnel, 4)
      if (problem !== undefined) report('bgp.node-address', `${tagFailed('IPv4IPIPTunnelAddr', 'ipv4')}: ${problem}`, 'ipv4IPIPTunnelAddr')
    }
  }
}
