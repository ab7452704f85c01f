import { anything, asNumber, bool, int, listOf, mapOf, object, oneOf, str, stringMap, type FieldSpec, type ObjectSpec } from '../schema/fieldSpec'
import { CALICO_VERSIONS } from './calicoVersion'
import type { ModelledKey } from './resources'

export const PEERLAB_API_VERSION = 'peerlab.dev/v1alpha1'
export const CALICO_API_VERSION = 'projectcalico.org/v3'

/** What the engine knows about one kind: its shape, scope and place in an export. */
export interface KindInfo {
  readonly apiVersion: string
  readonly kind: string
  readonly namespaced: boolean
  /** Kinds applied earlier come first in an export (pools and BGP config before namespaces before workloads). */
  readonly applyOrder: number
  /** Peerlab's own kinds are design-only and never exported to a cluster. */
  readonly designOnly: boolean
  readonly spec: FieldSpec
  readonly description: string
}

const metadata = object({ name: str('Object name'), namespace: str(), labels: stringMap(), annotations: stringMap() }, { required: ['name'] })

const cidrList = (description: string): FieldSpec => listOf(str(undefined, 'cidr'), description)
/** The fields a prefix rule has in both Calico's BGPFilter and Peerlab's Router filters. */
const prefixRuleFields = {
  action: oneOf(['Accept', 'Reject']),
  cidr: str(undefined, 'cidr'),
  matchOperator: oneOf(['Equal', 'NotEqual', 'In', 'NotIn']),
  prefixLength: object({ min: int(undefined, 0, 128), max: int(undefined, 0, 128) }, { closed: true }),
}
const filterRules = listOf(object({ ...prefixRuleFields, source: oneOf(['RemotePeers']), interface: str() }, { required: ['action'] }))
const routerRules = listOf(object(prefixRuleFields, { required: ['action'], closed: true }))
const podSpec = object({
  nodeName: str(),
  nodeSelector: stringMap(),
  hostNetwork: bool(),
  tolerations: listOf(object({ key: str(), operator: oneOf(['Exists', 'Equal']), value: str(), effect: str() })),
  containers: listOf(
    object({ name: str(), image: str(), ports: listOf(object({ containerPort: int(undefined, 1, 65535), protocol: str() }, { required: ['containerPort'] })) }, { required: ['name'] }),
  ),
})
const selector = object({ matchLabels: stringMap() })
const template = object({ metadata: object({ labels: stringMap(), annotations: stringMap() }), spec: podSpec }, { required: ['spec'] })
/** A kind that runs pods from a template (`spec.template`, required), with its own `spec` fields beside it. */
const templated = (apiVersion: string, name: string, fields: Record<string, FieldSpec>, description: string): KindInfo =>
  resource(apiVersion, name, { spec: object({ ...fields, selector, template }, { required: ['template'] }) }, { namespaced: true, applyOrder: 4, required: ['spec'], description })
const taints = listOf(object({ key: str(), value: str(), effect: oneOf(['NoSchedule', 'PreferNoSchedule', 'NoExecute']) }, { required: ['key', 'effect'] }))
const serviceCidrs = listOf(object({ cidr: str(undefined, 'cidr') }, { required: ['cidr'] }))

/** metav1.LabelSelector, as NetworkPolicies write it. */
const labelSelector = object({
  matchLabels: stringMap(),
  matchExpressions: listOf(object({ key: str(), operator: oneOf(['In', 'NotIn', 'Exists', 'DoesNotExist']), values: listOf(str()) }, { required: ['key', 'operator'] })),
})
/** A NetworkPolicy's ingress (`from`) or egress (`to`) rules: the peers and ports Peerlab evaluates. */
function policyRules(peers: 'from' | 'to'): FieldSpec {
  const peer = object({
    ipBlock: object({ cidr: str(undefined, 'cidr'), except: listOf(str(undefined, 'cidr')) }, { required: ['cidr'] }),
    podSelector: labelSelector,
    namespaceSelector: labelSelector,
  })
  // A port is a number or a named port: the one field here whose type is either.
  const port = object({ protocol: oneOf(['TCP', 'UDP', 'SCTP']), port: anything('Port number or name'), endPort: int(undefined, 1, 65535) })
  return listOf(object({ [peers]: listOf(peer), ports: listOf(port) }))
}

function kind(apiVersion: string, name: string, spec: FieldSpec, options: { namespaced?: boolean; applyOrder: number; description: string }): KindInfo {
  return { apiVersion, kind: name, spec, namespaced: options.namespaced ?? false, applyOrder: options.applyOrder, designOnly: apiVersion === PEERLAB_API_VERSION, description: options.description }
}

const peerlab = (name: string, spec: ObjectSpec, description: string): KindInfo =>
  kind(PEERLAB_API_VERSION, name, object({ apiVersion: str(), kind: str(), metadata, spec }, { required: ['metadata', 'spec'], closed: true }), { applyOrder: 0, description })
const resource = (apiVersion: string, name: string, fields: Record<string, FieldSpec>, options: { namespaced?: boolean; applyOrder: number; description: string; required?: string[] }): KindInfo =>
  kind(apiVersion, name, object({ apiVersion: str(), kind: str(), metadata, ...fields }, { required: ['metadata', ...(options.required ?? [])] }), options)

/** Every modelled kind. The order of this table is the order of the design-format documentation. */
export const KINDS: Readonly<Record<ModelledKey, KindInfo>> = {
  'peerlab.dev/v1alpha1/Cluster': peerlab(
    'Cluster',
    object(
      {
        podCIDRs: cidrList('kubeadm --pod-network-cidr, at most one per family'),
        serviceCIDRs: cidrList('kubeadm --service-cidr, at most one per family'),
        ipFamilies: listOf(oneOf(['IPv4', 'IPv6']), 'IP families the cluster runs (default [IPv4])'),
        jumpHost: str('Name of the host a lab console starts on'),
        kubernetesVersion: str('Kubelet version the nodes report (kubectl get nodes VERSION), e.g. v1.28.4'),
        calicoVersion: oneOf(CALICO_VERSIONS, 'Calico release the cluster runs (default v3.30): which fields Calico accepts, who programs which routes, and what calicoctl prints'),
        clock: object(
          {
            start: str('RFC 3339 time the lab console starts at'),
            bootedAt: str('RFC 3339 time the cluster came up: the age of what the design already holds, and the SINCE of sessions already up'),
          },
          { closed: true, description: "The lab console's simulated clock" },
        ),
      },
      { closed: true },
    ),
    'The Kubernetes cluster: the ranges fixed when it was created. One per design.',
  ),
  'peerlab.dev/v1alpha1/Segment': peerlab(
    'Segment',
    object(
      {
        cidrs: cidrList('The subnet prefixes, at most one per family'),
        gateways: listOf(str(undefined, 'ip'), 'Default gateway of each family'),
        interface: str('Interface name hosts use on this segment (default eth0)'),
        rack: str('Rack or zone, for layout and planning'),
      },
      { required: ['cidrs'], closed: true },
    ),
    'An L2 segment (subnet) that hosts attach to.',
  ),
  'peerlab.dev/v1alpha1/Router': peerlab(
    'Router',
    object(
      {
        asNumber: asNumber('Local AS number'),
        daemon: oneOf(['bird', 'bird2', 'frr'], 'Routing daemon, for configuration export'),
        routerID: str('BGP router id (default: first interface address)', 'ip'),
        interfaces: listOf(object({ name: str(), segment: str('Segment name'), addresses: listOf(str(undefined, 'ip')) }, { required: ['name', 'addresses'], closed: true })),
        neighbors: listOf(
          object(
            {
              address: str(undefined, 'ip'),
              asNumber: asNumber(),
              port: int(undefined, 1, 65535),
              multihop: bool('BIRD `multihop`: the neighbor need not be on a connected subnet (default false: `direct`, as BIRD does for eBGP)'),
            },
            { required: ['address', 'asNumber'], closed: true },
          ),
          'BGP neighbors configured on the router',
        ),
        importFilter: routerRules,
        exportFilter: routerRules,
        mergePaths: bool('Install equal BGP paths as one multipath (ECMP) route, as BIRD does with `merge paths on` (default false)'),
        announce: cidrList(
          "Prefixes the router originates into BGP, e.g. a ToR's rack subnet (BIRD: a static protocol the BGP export filter accepts; FRR: `network`). They pass the router's exportFilter like any other route. One no connected subnet covers is originated all the same (static origination).",
        ),
      },
      { required: ['interfaces'], closed: true },
    ),
    'A router outside the cluster (a ToR, or the lab bastion running BIRD).',
  ),
  'peerlab.dev/v1alpha1/Layout': peerlab(
    'Layout',
    object(
      {
        positions: mapOf(object({ x: { type: 'number' }, y: { type: 'number' } }, { required: ['x', 'y'], closed: true }), 'Canvas positions by entity id'),
        annotations: listOf(
          object(
            {
              id: str('Unique within the Layout'),
              kind: oneOf(['note', 'rectangle'], 'A text note, or a rectangle outlining a group'),
              x: { type: 'number', description: 'Centre, in canvas coordinates' },
              y: { type: 'number', description: 'Centre, in canvas coordinates' },
              width: int("A rectangle's width", 1, 100000),
              height: int("A rectangle's height", 1, 100000),
              text: str("The note's text, or the rectangle's title"),
            },
            { required: ['id', 'kind', 'x', 'y'], closed: true },
          ),
          'Notes and rectangles drawn on the canvas for the reader; they change nothing in the network',
        ),
      },
      { closed: true },
    ),
    'Where things are on the canvas, and the notes and outlines drawn on it. One per design.',
  ),
  'v1/Node': resource(
    'v1',
    'Node',
    {
      spec: object({ podCIDR: str(undefined, 'cidr'), podCIDRs: cidrList(''), taints }),
      status: object({
        addresses: listOf(object({ type: str(), address: str() }, { required: ['type', 'address'] })),
        allocatable: object({ pods: anything('The most pods the node runs, as the kubelet reports its maxPods ("110" by default)') }),
        capacity: object({ pods: anything("The kubelet's maxPods; allocatable.pods wins when both are set") }),
      }),
    },
    { applyOrder: 5, description: 'A Kubernetes node. Peerlab reads its labels, InternalIP addresses, status.allocatable.pods (maxPods) and the peerlab.dev/alias annotation.' },
  ),
  'v1/Namespace': resource('v1', 'Namespace', {}, { applyOrder: 3, description: 'A namespace; cni.projectcalico.org/ipv4pools and ipv6pools annotations choose pools.' }),
  'v1/Pod': resource('v1', 'Pod', { spec: podSpec }, { namespaced: true, applyOrder: 4, required: ['spec'], description: 'A single pod.' }),
  'apps/v1/Deployment': resource(
    'apps/v1',
    'Deployment',
    {
      spec: object(
        {
          replicas: int('Pods to run: an int32, as Kubernetes validates it', 0, 2147483647),
          selector: object({ matchLabels: stringMap() }),
          template: object({ metadata: object({ name: str(), namespace: str(), labels: stringMap(), annotations: stringMap() }), spec: podSpec }, { required: ['spec'] }),
        },
        { required: ['template'] },
      ),
    },
    { namespaced: true, applyOrder: 4, required: ['spec'], description: 'A Deployment; Peerlab creates its replicas as pods.' },
  ),
  'apps/v1/ReplicaSet': templated('apps/v1', 'ReplicaSet', { replicas: int(undefined, 0) }, 'A ReplicaSet; Peerlab creates its replicas as pods.'),
  'apps/v1/StatefulSet': templated(
    'apps/v1',
    'StatefulSet',
    { replicas: int(undefined, 0), serviceName: str(), podManagementPolicy: oneOf(['OrderedReady', 'Parallel']) },
    'A StatefulSet; Peerlab creates its pods NAME-0, NAME-1, ... in order.',
  ),
  'apps/v1/DaemonSet': templated('apps/v1', 'DaemonSet', {}, 'A DaemonSet; Peerlab creates one pod on each node it may run on.'),
  'batch/v1/Job': templated(
    'batch/v1',
    'Job',
    { parallelism: int(undefined, 0), completions: int(undefined, 0), suspend: bool() },
    "A Job; Peerlab creates its parallelism's worth of pods, which run until the lab ends.",
  ),
  'networking.k8s.io/v1/NetworkPolicy': resource(
    'networking.k8s.io/v1',
    'NetworkPolicy',
    { spec: object({ podSelector: labelSelector, policyTypes: listOf(oneOf(['Ingress', 'Egress'])), ingress: policyRules('from'), egress: policyRules('to') }, { required: ['podSelector'] }) },
    { namespaced: true, applyOrder: 4, required: ['spec'], description: 'A Kubernetes NetworkPolicy.' },
  ),
  'projectcalico.org/v3/IPPool': resource(
    CALICO_API_VERSION,
    'IPPool',
    {
      spec: object(
        {
          cidr: str(undefined, 'cidr'),
          blockSize: { type: 'integer' },
          ipipMode: oneOf(['Always', 'CrossSubnet', 'Never']),
          vxlanMode: oneOf(['Always', 'CrossSubnet', 'Never']),
          natOutgoing: bool(),
          disabled: bool(),
          disableBGPExport: bool(),
          nodeSelector: str(),
          allowedUses: listOf(str()),
          assignmentMode: oneOf(['Automatic', 'Manual']),
          namespaceSelector: str(),
        },
        { required: ['cidr'] },
      ),
    },
    { applyOrder: 1, required: ['spec'], description: 'A Calico IP pool.' },
  ),
  'projectcalico.org/v3/Node': resource(
    CALICO_API_VERSION,
    'Node',
    { spec: object({ bgp: object({ ipv4Address: str(), ipv6Address: str(), asNumber: asNumber(), routeReflectorClusterID: str() }) }) },
    { applyOrder: 2, description: 'Calico per-node settings: BGP address, AS number, route-reflector cluster id.' },
  ),
  'projectcalico.org/v3/BGPConfiguration': resource(
    CALICO_API_VERSION,
    'BGPConfiguration',
    {
      spec: object({
        asNumber: asNumber(),
        nodeToNodeMeshEnabled: bool(),
        logSeverityScreen: str(),
        listenPort: int(undefined, 1, 65535),
        serviceClusterIPs: serviceCidrs,
        serviceExternalIPs: serviceCidrs,
        serviceLoadBalancerIPs: serviceCidrs,
      }),
    },
    { applyOrder: 1, description: 'Cluster-wide (default) or per-node BGP settings.' },
  ),
  'projectcalico.org/v3/BGPPeer': resource(
    CALICO_API_VERSION,
    'BGPPeer',
    {
      spec: object({
        node: str(),
        nodeSelector: str(),
        peerIP: str(),
        peerSelector: str(),
        asNumber: asNumber(),
        keepOriginalNextHop: bool(),
        sourceAddress: oneOf(['UseNodeIP', 'None']),
        filters: listOf(str()),
      }),
    },
    { applyOrder: 2, required: ['spec'], description: 'A BGP peering.' },
  ),
  'projectcalico.org/v3/BGPFilter': resource(
    CALICO_API_VERSION,
    'BGPFilter',
    { spec: object({ exportV4: filterRules, importV4: filterRules, exportV6: filterRules, importV6: filterRules }) },
    { applyOrder: 1, required: ['spec'], description: 'Prefix filters that BGPPeers refer to.' },
  ),
  'projectcalico.org/v3/IPAMConfiguration': resource(
    CALICO_API_VERSION,
    'IPAMConfiguration',
    { spec: object({ strictAffinity: bool(), autoAllocateBlocks: bool(), maxBlocksPerHost: { type: 'integer' } }) },
    { applyOrder: 1, description: 'Calico IPAM settings (name: default).' },
  ),
}

/**
 * What every resource has, whatever its kind: a kind Peerlab does not model is still checked
 * against this (its metadata is Kubernetes' own), so nothing in a design has labels that are not
 * a map of strings.
 */
export const ANY_RESOURCE: FieldSpec = object({ apiVersion: str(), kind: str(), metadata }, { required: ['metadata'] })

/** Kinds Peerlab does not know (Services, ConfigMaps, ...) are applied with the workloads. */
export const UNKNOWN_KIND_APPLY_ORDER = 4

export function applyOrderOf(apiVersion: string, kindName: string): number {
  return kindInfo(apiVersion, kindName)?.applyOrder ?? UNKNOWN_KIND_APPLY_ORDER
}

/** Peerlab's own API group: design-only, never applied to a cluster, whatever the kind. */
export function isPeerlabApiVersion(apiVersion: string): boolean {
  return apiVersion.startsWith('peerlab.dev/')
}

export function kindKey(apiVersion: string, kindName: string): string {
  return `${apiVersion}/${kindName}`
}

export function kindInfo(apiVersion: string, kindName: string): KindInfo | undefined {
  return (KINDS as Readonly<Record<string, KindInfo>>)[kindKey(apiVersion, kindName)]
}
