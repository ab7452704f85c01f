import { parsePeerAddress } from '../../bgp/peerAddress'
import { entityId } from '../../model/design'
import { resourcesOf, segmentHolds, segmentsOf } from '../../model/query'
import { formatIpAddress, parseIpAddress } from '../../net'
import { parseSelector } from '../../selector'
import type { ValidationContext } from '../context'

/** Fields only the cluster-wide `default` BGPConfiguration may set (calico.md §4.1). */
const DEFAULT_ONLY_FIELDS = ['asNumber', 'nodeToNodeMeshEnabled', 'serviceClusterIPs', 'serviceExternalIPs', 'serviceLoadBalancerIPs', 'nodeMeshPassword', 'nodeMeshMaxRestartTime']
const IPV4_TEXT = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/

function checkSelector(context: ValidationContext, subject: string, field: string, selector: string | undefined): void {
  if (selector === undefined || selector === '') return
  const parsed = parseSelector(selector)
  if (!parsed.ok) context.report({ code: 'bgp.invalid-selector', message: `${field} "${selector}" is not a valid selector: ${parsed.message}`, subject, path: ['spec', field] })
}

/** True when some segment holds the address or some host has it: the peer can be reached without a route. */
function isReachable(context: ValidationContext, text: string): boolean {
  const ip = parseIpAddress(text)
  if (!ip.ok) return false
  const key = formatIpAddress(ip.value)
  if (context.hosts.some((h) => h.interfaces.some((i) => i.address === key))) return true
  return segmentsOf(context.design).some((s) => segmentHolds(s, key))
}

export function checkBgp(context: ValidationContext): void {
  const filterNames = new Set(resourcesOf(context.design, 'projectcalico.org/v3/BGPFilter').map((f) => f.metadata.name))
  const nodeNames = new Set(context.nodes.map((n) => n.name))
  const hasTopology = resourcesOf(context.design, 'peerlab.dev/v1alpha1/Segment').length > 0

  for (const peer of resourcesOf(context.design, 'projectcalico.org/v3/BGPPeer')) {
    const id = entityId(peer)
    const spec = peer.spec
    // Calico's own rules on combining fields are bgpPeer.ts's; a localWorkloadSelector peer peers with workloads.
    if (spec.peerSelector === undefined && spec.peerIP === undefined && (spec.localWorkloadSelector ?? undefined) === undefined) {
      context.report({ code: 'bgp.peer-no-target', message: 'BGPPeer needs peerIP (with asNumber) or peerSelector: it names no one to peer with', subject: id, path: ['spec'] })
    }
    checkSelector(context, id, 'nodeSelector', spec.nodeSelector)
    checkSelector(context, id, 'peerSelector', spec.peerSelector)
    if (spec.node !== undefined && nodeNames.size > 0 && !nodeNames.has(spec.node)) {
      context.report({
        code: 'bgp.peer-unknown-node',
        severity: 'warning',
        message: `BGPPeer ${peer.metadata.name} applies to node "${spec.node}", which is not in the design: no session is created`,
        subject: id,
        path: ['spec', 'node'],
      })
    }
    if (spec.peerIP !== undefined) {
      const address = parsePeerAddress(spec.peerIP)
      if (!address.ok) context.report({ code: 'bgp.peer-ip-invalid', message: `peerIP ${address.message}`, subject: id, path: ['spec', 'peerIP'] })
      else if (spec.asNumber === undefined)
        context.report({ code: 'bgp.peer-no-as', message: 'BGPPeer with peerIP needs asNumber: BIRD cannot open a session without the remote AS', subject: id, path: ['spec', 'asNumber'] })
      if (address.ok && hasTopology && !isReachable(context, formatIpAddress(address.address))) {
        context.report({
          code: 'bgp.peer-unreachable',
          severity: 'warning',
          message: `peerIP ${spec.peerIP} is on no segment of the design and belongs to no host: the session can only come up through a gateway (multi-hop)`,
          subject: id,
          path: ['spec', 'peerIP'],
          suggestion: 'add the router to a segment, or check the address',
        })
      }
    }
    const missing = (spec.filters ?? []).filter((name) => !filterNames.has(name))
    if (missing.length > 0) context.report({ code: 'bgp.filter-missing', message: `BGPFilter(s) not found: ${missing.join(', ')}`, subject: id, path: ['spec', 'filters'] })
  }

  for (const config of resourcesOf(context.design, 'projectcalico.org/v3/BGPConfiguration')) {
    const id = entityId(config)
    if (config.metadata.name === 'default') continue
    if (!config.metadata.name.startsWith('node.')) {
      context.report({
        code: 'bgp.config-name',
        severity: 'warning',
        message: `BGPConfiguration "${config.metadata.name}" is ignored: Calico reads only "default" and "node.<nodeName>"`,
        subject: id,
        path: ['metadata', 'name'],
      })
    }
    for (const field of DEFAULT_ONLY_FIELDS.filter((f) => config.spec?.[f] !== undefined)) {
      context.report({ code: 'bgp.config-non-default-field', message: `Cannot set ${field} on a non default BGP Configuration.`, subject: id, path: ['spec', field] })
    }
  }

  for (const node of resourcesOf(context.design, 'projectcalico.org/v3/Node')) {
    const clusterId = node.spec?.bgp?.routeReflectorClusterID
    if (clusterId !== undefined && !IPV4_TEXT.test(clusterId)) {
      context.report({
        code: 'bgp.rr-cluster-id',
        message: `failed to validate Field: RouteReflectorClusterID because of Tag: ipv4: "${clusterId}" is not an IPv4 address such as 244.0.0.1`,
        subject: entityId(node),
        path: ['spec', 'bgp', 'routeReflectorClusterID'],
      })
    }
    if (node.spec?.bgp !== undefined && Object.keys(node.spec.bgp).length === 0) {
      context.report({ code: 'bgp.empty-node-spec', message: 'Spec.BGP should not be empty', subject: entityId(node), path: ['spec', 'bgp'] })
    }
  }
}
