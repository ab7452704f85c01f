import { IPV4_POOLS_ANNOTATION, IPV6_POOLS_ANNOTATION } from '../ipam/poolAnnotations'
import { KINDS } from '../model/kinds'
import { ALIAS_ANNOTATION } from '../model/query'
import type { ModelledKey } from '../model/resources'
import type { FieldPath } from '../schema/checkFields'
import { filterRulesText, readFilterRules } from './filterRulesText'

/** Which resource a field is written to: the entity itself, or the Calico Node that carries a node's BGP settings. */
export type FieldTarget = 'self' | 'calicoNode'

/** One input of the inspector, declared as data so every kind's form is built by the same code. */
export interface FieldDef {
  readonly key: string
  readonly label: string
  readonly target: FieldTarget
  readonly path: FieldPath
  readonly hint?: string
  /** Text for fields that are not one value at one path; `write` gives the field's new value at `path`. */
  readonly read?: (value: unknown) => string
  readonly write?: (text: string, current: unknown) => unknown
}

const NAME: FieldDef = { key: 'name', label: 'Name', target: 'self', path: ['metadata', 'name'] }
const LABELS: FieldDef = { key: 'labels', label: 'Labels', target: 'self', path: ['metadata', 'labels'], hint: 'key=value, key2=value2' }
const ALIAS: FieldDef = { key: 'alias', label: 'Alias', target: 'self', path: ['metadata', 'annotations', ALIAS_ANNOTATION], hint: 'the short name people use' }

/** Every spec field that is one value, a list of values or a map of strings: all a one-line input can hold. */
function simpleSpecFields(key: ModelledKey, skip: readonly string[] = []): FieldDef[] {
  const spec = KINDS[key].spec
  const specFields = spec.type === 'object' ? spec.fields.spec : undefined
  if (specFields?.type !== 'object') return []
  return Object.entries(specFields.fields).flatMap(([name, field]): FieldDef[] => {
    const simple = field.type !== 'object' && field.type !== 'any' && !(field.type === 'list' && (field.items.type === 'object' || field.items.type === 'any'))
    if (!simple || skip.includes(name)) return []
    return [{ key: name, label: name, target: 'self', path: ['spec', name], ...(field.description !== undefined && field.description !== '' ? { hint: field.description } : {}) }]
  })
}

/** A host's addresses, edited as one comma-separated list wherever the kind keeps them. */
function addressesField(path: FieldPath, hint: string, read: (value: unknown) => string, write: (addresses: string[], current: unknown) => unknown): FieldDef {
  return { key: 'addresses', label: 'Addresses', target: 'self', path, hint, read, write: (text, current) => write(splitList(text), current) }
}

type AddressEntry = { readonly type: string; readonly address: string }

/** A node's InternalIPs; its other addresses (Hostname, ExternalIP) stay as they are. */
const NODE_ADDRESSES = addressesField(
  ['status', 'addresses'],
  'InternalIP addresses, comma separated',
  (value) =>
    ((value as readonly AddressEntry[] | undefined) ?? [])
      .filter((a) => a.type === 'InternalIP')
      .map((a) => a.address)
      .join(', '),
  (addresses, current) => {
    const others = ((current as readonly AddressEntry[] | undefined) ?? []).filter((a) => a.type !== 'InternalIP')
    const all = [...addresses.map((address) => ({ type: 'InternalIP', address })), ...others]
    return all.length > 0 ? all : undefined
  },
)

type RouterInterfaceValue = { readonly name: string; readonly segment?: string; readonly addresses: readonly string[] }

/** A router's addresses on its first interface; a router drawn from the palette has just one. */
const ROUTER_ADDRESSES = addressesField(
  ['spec', 'interfaces'],
  'addresses of the first interface, comma separated',
  (value) => ((value as readonly RouterInterfaceValue[] | undefined)?.[0]?.addresses ?? []).join(', '),
  (addresses, current) => {
    const interfaces = (current as readonly RouterInterfaceValue[] | undefined) ?? []
    return [{ ...(interfaces[0] ?? { name: 'eth0' }), addresses }, ...interfaces.slice(1)]
  },
)

const filterField = (key: 'importFilter' | 'exportFilter', label: string): FieldDef => ({
  key,
  label,
  target: 'self',
  path: ['spec', key],
  hint: 'rules in order, e.g. Accept 10.48.2.0/24 In; Reject',
  read: (value) => filterRulesText(value),
  write: (text) => readFilterRules(text),
})

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
}

const FORMS: Partial<Record<ModelledKey, readonly FieldDef[]>> = {
  'v1/Node': [
    NAME,
    ALIAS,
    NODE_ADDRESSES,
    { key: 'asNumber', label: 'AS number', target: 'calicoNode', path: ['spec', 'bgp', 'asNumber'], hint: "empty: the cluster's AS" },
    { key: 'routeReflectorClusterID', label: 'Route-reflector cluster ID', target: 'calicoNode', path: ['spec', 'bgp', 'routeReflectorClusterID'], hint: 'set to make this node a route reflector' },
    LABELS,
  ],
  'peerlab.dev/v1alpha1/Router': [
    NAME,
    ALIAS,
    ROUTER_ADDRESSES,
    ...simpleSpecFields('peerlab.dev/v1alpha1/Router'),
    filterField('importFilter', 'Import filter'),
    filterField('exportFilter', 'Export filter'),
    LABELS,
  ],
  'peerlab.dev/v1alpha1/Segment': [NAME, ...simpleSpecFields('peerlab.dev/v1alpha1/Segment')],
  'peerlab.dev/v1alpha1/Cluster': simpleSpecFields('peerlab.dev/v1alpha1/Cluster'),
  'projectcalico.org/v3/IPPool': [NAME, ...simpleSpecFields('projectcalico.org/v3/IPPool')],
  'projectcalico.org/v3/BGPPeer': [NAME, ...simpleSpecFields('projectcalico.org/v3/BGPPeer')],
  'projectcalico.org/v3/BGPConfiguration': simpleSpecFields('projectcalico.org/v3/BGPConfiguration'),
  'v1/Namespace': [
    NAME,
    { key: 'ipv4pools', label: 'IPv4 pools', target: 'self', path: ['metadata', 'annotations', IPV4_POOLS_ANNOTATION], hint: 'JSON list, e.g. ["external-pool"]' },
    { key: 'ipv6pools', label: 'IPv6 pools', target: 'self', path: ['metadata', 'annotations', IPV6_POOLS_ANNOTATION], hint: 'JSON list of pool names or CIDRs' },
    LABELS,
  ],
  'apps/v1/Deployment': [
    NAME,
    { key: 'replicas', label: 'Replicas', target: 'self', path: ['spec', 'replicas'] },
    { key: 'nodeSelector', label: 'Node selector', target: 'self', path: ['spec', 'template', 'spec', 'nodeSelector'], hint: 'placement: key=value labels a node must have' },
    { key: 'nodeName', label: 'Node name', target: 'self', path: ['spec', 'template', 'spec', 'nodeName'], hint: 'placement: pin every replica to one node' },
    { key: 'podLabels', label: 'Pod labels', target: 'self', path: ['spec', 'template', 'metadata', 'labels'] },
  ],
}

export function fieldDefsOf(key: string): readonly FieldDef[] {
  return (FORMS as Readonly<Record<string, readonly FieldDef[]>>)[key] ?? []
}
