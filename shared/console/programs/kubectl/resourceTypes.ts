/**
 * The API resources a Calico cluster serves (`kubectl api-resources`): what `kubectl get X`
 * accepts for X, and how kubectl names an object in its messages (`ippool.projectcalico.org/x`).
 * Calico's kinds come from its API server (projectcalico.org/v3), as in the lab.
 */
export interface ResourceType {
  readonly apiVersion: string
  readonly kind: string
  readonly plural: string
  readonly shortNames: readonly string[]
  readonly namespaced: boolean
}

const type = (apiVersion: string, kind: string, plural: string, namespaced: boolean, shortNames: readonly string[] = []): ResourceType => ({ apiVersion, kind, plural, namespaced, shortNames })

export const RESOURCE_TYPES: readonly ResourceType[] = [
  type('v1', 'Pod', 'pods', true, ['po']),
  type('v1', 'Node', 'nodes', false, ['no']),
  type('v1', 'Namespace', 'namespaces', false, ['ns']),
  type('v1', 'Service', 'services', true, ['svc']),
  type('v1', 'ConfigMap', 'configmaps', true, ['cm']),
  type('v1', 'Secret', 'secrets', true),
  type('v1', 'ServiceAccount', 'serviceaccounts', true, ['sa']),
  type('v1', 'Endpoints', 'endpoints', true, ['ep']),
  type('apps/v1', 'Deployment', 'deployments', true, ['deploy']),
  type('apps/v1', 'DaemonSet', 'daemonsets', true, ['ds']),
  type('apps/v1', 'StatefulSet', 'statefulsets', true, ['sts']),
  type('apps/v1', 'ReplicaSet', 'replicasets', true, ['rs']),
  type('batch/v1', 'Job', 'jobs', true),
  type('batch/v1', 'CronJob', 'cronjobs', true, ['cj']),
  type('networking.k8s.io/v1', 'NetworkPolicy', 'networkpolicies', true, ['netpol']),
  type('networking.k8s.io/v1', 'Ingress', 'ingresses', true, ['ing']),
  type('projectcalico.org/v3', 'IPPool', 'ippools', false),
  type('projectcalico.org/v3', 'BGPPeer', 'bgppeers', false),
  type('projectcalico.org/v3', 'BGPConfiguration', 'bgpconfigurations', false, ['bgpconfig', 'bgpconfigs']),
  type('projectcalico.org/v3', 'BGPFilter', 'bgpfilters', false),
  type('projectcalico.org/v3', 'IPAMConfiguration', 'ipamconfigurations', false, ['ipamconfig']),
  type('projectcalico.org/v3', 'IPReservation', 'ipreservations', false),
  type('projectcalico.org/v3', 'FelixConfiguration', 'felixconfigurations', false, ['felixconfig', 'felixconfigs']),
  type('projectcalico.org/v3', 'GlobalNetworkPolicy', 'globalnetworkpolicies', false, ['gnp', 'cgnp', 'calicoglobalnetworkpolicies']),
  type('projectcalico.org/v3', 'NetworkPolicy', 'networkpolicies', true, ['cnp', 'caliconetworkpolicy', 'caliconetworkpolicies']),
  type('projectcalico.org/v3', 'GlobalNetworkSet', 'globalnetworksets', false),
  type('projectcalico.org/v3', 'NetworkSet', 'networksets', true, ['netsets']),
  type('projectcalico.org/v3', 'HostEndpoint', 'hostendpoints', false, ['hep', 'heps']),
  type('projectcalico.org/v3', 'Profile', 'profiles', false),
]

const groupOf = (apiVersion: string): string => (apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.lastIndexOf('/')) : '')

/** `ippool.projectcalico.org`, `deployment.apps`, `namespace`: how kubectl apply names a kind. */
export function qualifiedKind(resource: ResourceType): string {
  const group = groupOf(resource.apiVersion)
  return group === '' ? resource.kind.toLowerCase() : `${resource.kind.toLowerCase()}.${group}`
}

/** `ippools.projectcalico.org`, `pods`: how the API server names a resource in NotFound errors. */
export function qualifiedPlural(resource: ResourceType): string {
  const group = groupOf(resource.apiVersion)
  return group === '' ? resource.plural : `${resource.plural}.${group}`
}

export function typeOfKind(apiVersion: string, kind: string): ResourceType | undefined {
  return RESOURCE_TYPES.find((t) => t.apiVersion === apiVersion && t.kind === kind)
}

/**
 * What `kubectl get X` means by X: a plural, singular, short name or Kind, optionally qualified
 * by group (`networkpolicies.projectcalico.org`). Unqualified names prefer the core groups, as kubectl does.
 */
export function resolveResourceType(name: string): ResourceType | undefined {
  const lower = name.toLowerCase()
  const dot = lower.indexOf('.')
  const base = dot < 0 ? lower : lower.slice(0, dot)
  const group = dot < 0 ? undefined : lower.slice(dot + 1)
  return RESOURCE_TYPES.find((t) => (group === undefined || groupOf(t.apiVersion) === group) && (t.plural === base || t.kind.toLowerCase() === base || t.shortNames.includes(base)))
}
