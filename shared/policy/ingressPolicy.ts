import type { PodState } from '../ipam/computeIpam'
import type { Design } from '../model/design'
import { resourcesOf } from '../model/query'
import type { LabelSelector, NetworkPolicyResource } from '../model/resources'
import { parseIpAddress, parseIpPrefix, prefixContainsAddress } from '../net'

export type Protocol = 'TCP' | 'UDP' | 'ICMP'

/** A connection attempt to a pod from outside every pod (a host or a router). */
export interface IngressRequest {
  readonly source: string
  readonly protocol: Protocol
  /** The destination port; undefined for ICMP. */
  readonly port: number | undefined
}

export interface IngressVerdict {
  readonly allowed: boolean
  /** The policy that decides, in words: which one allows it, or which ones isolate the pod. */
  readonly reason: string
}

/** metav1.LabelSelector: every matchLabels pair and every expression must hold; empty selects all. */
function selects(selector: LabelSelector | undefined, labels: Readonly<Record<string, string>>): boolean {
  if (!selector) return true
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) if (labels[key] !== value) return false
  return (selector.matchExpressions ?? []).every((e) => {
    const has = Object.hasOwn(labels, e.key)
    if (e.operator === 'Exists') return has
    if (e.operator === 'DoesNotExist') return !has
    if (e.operator === 'In') return has && (e.values ?? []).includes(labels[e.key] as string)
    return !has || !(e.values ?? []).includes(labels[e.key] as string)
  })
}

/** A policy covers ingress when it lists Ingress, or lists no types at all (the API's default). */
const coversIngress = (policy: NetworkPolicyResource): boolean => policy.spec.policyTypes === undefined || policy.spec.policyTypes.includes('Ingress')

type Rule = NonNullable<NetworkPolicyResource['spec']['ingress']>[number]

function portMatches(rule: Rule, request: IngressRequest): boolean {
  if (!rule.ports || rule.ports.length === 0) return true
  // A rule with ports names TCP, UDP or SCTP: ICMP never matches it.
  if (request.protocol === 'ICMP') return false
  return rule.ports.some(
    (p) =>
      (p.protocol ?? 'TCP') === request.protocol &&
      (p.port === undefined || (typeof p.port === 'number' && request.port !== undefined && request.port >= p.port && request.port <= (p.endPort ?? p.port))),
  )
}

/** A host is no pod: only `ipBlock` peers can match it (pod and namespace selectors select pods). */
function sourceMatches(rule: Rule, source: string): boolean {
  if (!rule.from || rule.from.length === 0) return true
  const address = parseIpAddress(source)
  if (!address.ok) return false
  return rule.from.some((peer) => {
    if (!peer.ipBlock) return false
    const cidr = parseIpPrefix(peer.ipBlock.cidr)
    if (!cidr.ok || !prefixContainsAddress(cidr.value, address.value)) return false
    return !(peer.ipBlock.except ?? []).some((text) => {
      const except = parseIpPrefix(text)
      return except.ok && prefixContainsAddress(except.value, address.value)
    })
  })
}

/**
 * Kubernetes NetworkPolicy semantics for traffic into a pod: a pod no ingress policy selects
 * accepts everything; once selected, only what some rule of some selecting policy allows. (The
 * reply of an allowed connection is allowed whatever the egress rules say: it is tracked.)
 */
export function ingressVerdict(design: Design, pod: PodState, request: IngressRequest): IngressVerdict {
  const selecting = resourcesOf(design, 'networking.k8s.io/v1/NetworkPolicy').filter(
    (p) => (p.metadata.namespace ?? 'default') === pod.namespace && coversIngress(p) && selects(p.spec.podSelector, pod.labels),
  )
  if (selecting.length === 0) return { allowed: true, reason: `no NetworkPolicy selects ${pod.namespace}/${pod.name}` }
  for (const policy of selecting) {
    const rules = policy.spec.ingress ?? []
    if (rules.some((rule) => portMatches(rule, request) && sourceMatches(rule, request.source))) return { allowed: true, reason: `allowed by NetworkPolicy ${pod.namespace}/${policy.metadata.name}` }
  }
  const what = request.protocol === 'ICMP' ? 'ICMP' : `${request.protocol} port ${request.port}`
  return {
    allowed: false,
    reason: `dropped: ${selecting.map((p) => `NetworkPolicy ${pod.namespace}/${p.metadata.name}`).join(', ')} select${selecting.length === 1 ? 's' : ''} the pod and no rule allows ${what} from ${request.source}`,
  }
}
