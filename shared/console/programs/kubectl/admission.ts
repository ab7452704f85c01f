import type { Diagnostic } from '../../../diagnostics'
import type { Design, EntityId } from '../../../model/design'
import { CALICO_REFUSALS } from '../../../validate/calicoRefusals'
import { validateDesign } from '../../../validate/validateDesign'

/** One reason the API server refuses an object, with the field it names. */
export interface AdmissionError {
  /** The field as the validator names it: `IPPool.Spec.CIDR` (libcalico-go) or `metadata.name` (apimachinery). */
  readonly field: string
  readonly value: unknown
  readonly reason: string
}

/**
 * Which of the engine's errors the API server itself refuses on create or update: Kubernetes'
 * name rules and Calico's resource validators (libcalico-go's IPPool, BGPPeer, BGPConfiguration
 * and IPAMConfiguration checks, IPPool overlap in clientv3's ippool.go). Every other finding
 * (an unreachable peer, a pool too small) is a design problem that the cluster accepts.
 */
function refusedByApiServer(diagnostic: Diagnostic): boolean {
  if (diagnostic.severity !== 'error') return false
  if (diagnostic.code.startsWith('ippool.') || CALICO_REFUSALS.has(diagnostic.code)) return true
  return [
    'name.invalid',
    'bgp.peer-node-and-selector',
    'bgp.peer-selector-with-ip',
    'bgp.peer-ip-invalid',
    'bgp.invalid-selector',
    'bgp.config-name',
    'bgp.config-non-default-field',
    'bgp.rr-cluster-id',
    'ipam.config-name',
    'ipam.config-max-blocks',
  ].includes(diagnostic.code)
}

/** Go's field names where they are not the JSON name capitalised (libcalico-go api/v3 structs). */
const GO_NAMES: Readonly<Record<string, string>> = {
  cidr: 'CIDR',
  ipipMode: 'IPIPMode',
  vxlanMode: 'VXLANMode',
  natOutgoing: 'NATOutgoing',
  disableBGPExport: 'DisableBGPExport',
  peerIP: 'PeerIP',
  asNumber: 'ASNumber',
  routeReflectorClusterID: 'RouteReflectorClusterID',
  ipv4Address: 'IPv4Address',
  ipv6Address: 'IPv6Address',
  serviceClusterIPs: 'ServiceClusterIPs',
  serviceExternalIPs: 'ServiceExternalIPs',
  serviceLoadBalancerIPs: 'ServiceLoadBalancerIPs',
}

function fieldName(kind: string, path: readonly (string | number)[]): string {
  if (path[0] !== 'spec') return path.join('.')
  return [kind, 'Spec', ...path.slice(1).map((p) => (typeof p === 'number' ? `[${p}]` : (GO_NAMES[p] ?? `${p.charAt(0).toUpperCase()}${p.slice(1)}`)))].join('.').replace(/\.\[/g, '[')
}

function valueAt(resource: unknown, path: readonly (string | number)[]): unknown {
  return path.reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[key] : undefined), resource)
}

const key = (d: Diagnostic): string => `${d.code} ${d.subject ?? ''} ${d.message}`

/** The reasons the API server would refuse `id` in `after`, ignoring what was already wrong in `before`. */
export function admissionErrors(before: Design, after: Design, id: EntityId): AdmissionError[] {
  const known = new Set(validateDesign(before).filter(refusedByApiServer).map(key))
  const resource = after.entries.find((e) => e.id === id)?.resource
  const kind = resource?.kind ?? ''
  return validateDesign(after)
    .filter((d) => d.subject === id && refusedByApiServer(d) && !known.has(key(d)))
    .map((d) => ({ field: fieldName(kind, d.path ?? []), value: valueAt(resource, d.path ?? []), reason: d.message }))
}

/** Go's `%q` of a value, as apimachinery's field.Invalid prints it. */
const quoted = (value: unknown): string => (typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value ?? null))

/**
 * kubectl's report of an Invalid status (k8s.io/kubectl/pkg/cmd/util/helpers.go checkErr and
 * MultilineError): one cause on the same line, several as a `* ` list.
 */
export function kubectlInvalid(kind: string, name: string, errors: readonly AdmissionError[]): string {
  const causes = errors.map((e) => `${e.field}: Invalid value: ${quoted(e.value)}: ${e.reason}`)
  const prefix = `The ${kind} "${name}" is invalid: `
  return causes.length === 1 ? `${prefix}${causes[0]}\n` : `${prefix}\n${causes.map((c) => `* ${c}\n`).join('')}`
}

/** libcalico-go's ErrorValidation text, which calicoctl prints: `error with field F = 'v' (reason)`. */
export function calicoValidation(errors: readonly AdmissionError[]): string {
  const item = (e: AdmissionError): string => `${e.field} = '${typeof e.value === 'string' ? e.value : JSON.stringify(e.value)}' (${e.reason})`
  return errors.length === 1 ? `error with field ${item(errors[0] as AdmissionError)}` : `error with the following fields:\n${errors.map((e) => `-  ${item(e)}\n`).join('')}`
}
