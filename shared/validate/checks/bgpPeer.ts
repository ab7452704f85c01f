import { parseAsNumber } from '../../bgp/asNumber'
import { parsePeerAddress } from '../../bgp/peerAddress'
import { entityId } from '../../model/design'
import { resourcesOf } from '../../model/query'
import { parseIpAddress } from '../../net'
import { parseSelector } from '../../selector'
import type { ValidationContext } from '../context'
import { CALICO_NAME, decodeProblem, isUnset, parseGoDuration, tagFailed, type GoType } from './calicoValues'

/** Codes of the rules Calico's API refuses a BGPPeer for. */
export const BGP_PEER_REFUSALS = [
  'bgp.peer-selector-with-as',
  'bgp.peer-workload-without-as',
  'bgp.peer-workload-with-ip',
  'bgp.peer-workload-with-selector',
  'bgp.peer-reachable-by-without-ip',
  'bgp.peer-reachable-by-invalid',
  'bgp.peer-reachable-by-family',
  'bgp.peer-keep-next-hop',
  'bgp.peer-node-name',
  'bgp.peer-field-type',
  'bgp.peer-duration',
  'bgp.peer-enum',
] as const

/** Fields the loader does not declare for a BGPPeer, with the Go type each decodes into (BGPPeerSpec, release-v3.30). */
const UNDECLARED: Readonly<Record<string, GoType>> = {
  localWorkloadSelector: 'string',
  reachableBy: 'string',
  maxRestartTime: 'string',
  ttlSecurity: 'uint8',
  numAllowedLocalASNumbers: 'int32',
  nextHopMode: 'string',
  reversePeering: 'string',
  password: 'v3.BGPPassword',
}

/** The enums of the BGPPeer CRD (kubebuilder markers), which the API server enforces on the stored object. */
const ENUMS: Readonly<Record<string, readonly string[]>> = { nextHopMode: ['Auto', 'Self', 'Keep'], reversePeering: ['Auto', 'Manual'] }

/**
 * BGPPeer rules as Calico decides them (release-v3.30): the struct rule `validateBGPPeerSpec`
 * and `validateReachableBy` (libcalico-go/lib/validator/v3/validator.go), the field tags of
 * `BGPPeerSpec` (api/pkg/apis/projectcalico/v3/bgppeer.go), what its fields decode into, and the
 * CRD's enums, with Calico's wording. peerIP's format, selectors, and filters that must exist
 * are checked in bgp.ts.
 */
export function checkBgpPeers(context: ValidationContext): void {
  for (const peer of resourcesOf(context.design, 'projectcalico.org/v3/BGPPeer')) {
    const id = entityId(peer)
    const spec = peer.spec
    const report = (code: string, message: string, field: string): void => context.report({ code, message, subject: id, path: ['spec', field] })

    // What does not decode is refused before any validator runs; its rules below are skipped.
    const decodes = new Set<string>()
    for (const [field, type] of Object.entries(UNDECLARED)) {
      const problem = decodeProblem(spec[field], type, 'BGPPeerSpec', `spec.${field}`)
      if (problem === undefined) decodes.add(field)
      else report('bgp.peer-field-type', problem, field)
    }
    const text = (field: string): string | undefined => {
      const value = spec[field]
      return decodes.has(field) && typeof value === 'string' && value !== '' ? value : undefined
    }

    const node = isUnset(spec.node) ? undefined : spec.node
    const nodeSelector = !isUnset(spec.nodeSelector)
    const peerIP = isUnset(spec.peerIP) ? undefined : spec.peerIP
    const peerSelector = !isUnset(spec.peerSelector)
    // `uint32(ps.ASNumber) != 0`: an AS number of 0 is no AS number.
    const asNumber = parseAsNumber(spec.asNumber ?? undefined) !== undefined
    const workloadSelector = text('localWorkloadSelector')

    // validateBGPPeerSpec, rule by rule.
    if (node !== undefined && nodeSelector) report('bgp.peer-node-and-selector', 'Node field must be empty when NodeSelector is specified', 'node')
    if (peerIP !== undefined && peerSelector) report('bgp.peer-selector-with-ip', 'PeerIP field must be empty when PeerSelector is specified', 'peerIP')
    if (asNumber && peerSelector) report('bgp.peer-selector-with-as', 'ASNumber field must be empty when PeerSelector is specified', 'asNumber')
    if (!asNumber && workloadSelector !== undefined) report('bgp.peer-workload-without-as', 'ASNumber field must NOT be empty when LocalWorkloadSelector is specified', 'asNumber')
    if (peerIP !== undefined && workloadSelector !== undefined) report('bgp.peer-workload-with-ip', 'PeerIP field must be empty when LocalWorkloadSelector is specified', 'peerIP')
    if (peerSelector && workloadSelector !== undefined) report('bgp.peer-workload-with-selector', 'PeerSelector field must be empty when LocalWorkloadSelector is specified', 'peerSelector')
    checkReachableBy(text('reachableBy'), peerIP, report)
    // `ps.NextHopMode != nil`: any value, even "", configures it.
    if (spec.keepOriginalNextHop === true && decodes.has('nextHopMode') && spec.nextHopMode !== undefined && spec.nextHopMode !== null) {
      report('bgp.peer-keep-next-hop', 'The KeepOriginalNextHop field is deprecated. It must not be set to true when NextHopMode is configured.', 'keepOriginalNextHop')
    }

    // Field tags.
    if (node !== undefined && !CALICO_NAME.test(node))
      report('bgp.peer-node-name', `${tagFailed('Node', 'name')}: "${node}" must be a lower-case DNS subdomain (a-z, 0-9, - and ., starting and ending with a letter or digit)`, 'node')
    if (workloadSelector !== undefined) {
      const parsed = parseSelector(workloadSelector)
      if (!parsed.ok) report('bgp.invalid-selector', `${tagFailed('LocalWorkloadSelector', 'selector')}: ${parsed.message}`, 'localWorkloadSelector')
    }
    const restart = text('maxRestartTime')
    if (restart !== undefined) {
      const duration = parseGoDuration(restart)
      if (!duration.ok) report('bgp.peer-duration', duration.message, 'maxRestartTime')
    }
    for (const [field, values] of Object.entries(ENUMS)) {
      const value = text(field)
      if (value !== undefined && !values.includes(value)) report('bgp.peer-enum', `Unsupported value: "${value}": supported values: ${values.map((v) => `"${v}"`).join(', ')}`, field)
    }
  }
}

/** `validateReachableBy` and the `reachableBy` tag: the gateway to the peer, an address of the peer's family. */
function checkReachableBy(reachableBy: string | undefined, peerIP: string | undefined, report: (code: string, message: string, field: string) => void): void {
  if (reachableBy === undefined) return
  if (peerIP === undefined) report('bgp.peer-reachable-by-without-ip', 'ReachablyBy field must be empty when PeerIP is empty', 'reachableBy')
  const gateway = parseIpAddress(reachableBy)
  if (!gateway.ok) {
    // Calico gives the tag's reason, and with a peerIP also this struct rule's.
    report('bgp.peer-reachable-by-invalid', `${peerIP === undefined ? tagFailed('ReachableBy', 'reachableBy') : 'ReachableBy is invalid address'}: ${gateway.message}`, 'reachableBy')
    return
  }
  // A peerIP that does not parse is bgp.peer-ip-invalid's.
  const peer = peerIP === undefined ? undefined : parsePeerAddress(peerIP)
  if (peer?.ok && peer.address.family !== gateway.value.family) {
    report('bgp.peer-reachable-by-family', `ReachableBy and PeerIP address family mismatched: ${reachableBy} is IPv${gateway.value.family}, the peer IPv${peer.address.family}`, 'reachableBy')
  }
}
