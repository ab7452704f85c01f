/**
 * The resources a design is made of, typed as they are written in the bundle. A design file is
 * the manifests themselves, so these types mirror Kubernetes, Calico (projectcalico.org/v3) and
 * Peerlab (peerlab.dev/v1alpha1) objects field for field; fields the model does not know are
 * kept on the object and written back unchanged. Defaults are applied by readers of the model
 * (as Calico's client does on read), never stored.
 */
export interface ObjectMeta {
  readonly name: string
  readonly namespace?: string
  readonly labels?: Readonly<Record<string, string>>
  readonly annotations?: Readonly<Record<string, string>>
  readonly [field: string]: unknown
}

interface ResourceBase<ApiVersion extends string, Kind extends string> {
  readonly apiVersion: ApiVersion
  readonly kind: Kind
  readonly metadata: ObjectMeta
  readonly [field: string]: unknown
}

type Peerlab<K extends string, S> = ResourceBase<'peerlab.dev/v1alpha1', K> & { readonly spec: S }
type Calico<K extends string, S> = ResourceBase<'projectcalico.org/v3', K> & { readonly spec: S }
/** Calico kinds whose spec may be left out (`calicoctl apply` takes a Node or a BGPConfiguration with no spec). */
type CalicoOptionalSpec<K extends string, S> = ResourceBase<'projectcalico.org/v3', K> & { readonly spec?: S }

export type IpFamilyName = 'IPv4' | 'IPv6'

// ---- Peerlab's own kinds: what Kubernetes and Calico have no resource for.

export interface ClusterSpec {
  /** kubeadm --pod-network-cidr (one per family). */
  readonly podCIDRs?: readonly string[]
  /** kubeadm --service-cidr (one per family). */
  readonly serviceCIDRs?: readonly string[]
  readonly ipFamilies?: readonly IpFamilyName[]
  /** The host a lab's console starts on (its bastion). */
  readonly jumpHost?: string
  /** What kubelets report as their version (kubectl get nodes). */
  readonly kubernetesVersion?: string
  /** The Calico release the cluster runs (`v3.30` when unset): see calicoVersion.ts. */
  readonly calicoVersion?: string
  /** The lab console's simulated clock: when it starts, and when the cluster came up (RFC 3339). */
  readonly clock?: { readonly start?: string; readonly bootedAt?: string }
}
export type ClusterResource = Peerlab<'Cluster', ClusterSpec>

export interface SegmentSpec {
  /** The subnet's prefixes, at most one per family. */
  readonly cidrs: readonly string[]
  /** The default gateway of each family on this subnet. */
  readonly gateways?: readonly string[]
  /** Interface name hosts use on this segment unless they say otherwise (`ens5` in the lab). */
  readonly interface?: string
  /** Rack or zone the segment belongs to, for layout and planning. */
  readonly rack?: string
}
export type SegmentResource = Peerlab<'Segment', SegmentSpec>

export type FilterAction = 'Accept' | 'Reject'
export type MatchOperator = 'Equal' | 'NotEqual' | 'In' | 'NotIn'

/** One prefix-filter rule, in the shape of Calico's BGPFilter rules so both read alike. */
export interface PrefixFilterRule {
  readonly action: FilterAction
  readonly cidr?: string
  readonly matchOperator?: MatchOperator
  readonly prefixLength?: { readonly min?: number; readonly max?: number }
}

export interface RouterInterface {
  readonly name: string
  readonly segment?: string
  readonly addresses: readonly string[]
}

export interface RouterSpec {
  readonly asNumber?: number | string
  /** Routing daemon, for configuration export (`bird` for the lab's bastion). */
  readonly daemon?: 'bird' | 'bird2' | 'frr'
  readonly routerID?: string
  readonly interfaces: readonly RouterInterface[]
  /** BGP neighbors the router is configured for; absent means none yet. */
  readonly neighbors?: readonly { readonly address: string; readonly asNumber: number | string; readonly port?: number; readonly multihop?: boolean }[]
  readonly importFilter?: readonly PrefixFilterRule[]
  readonly exportFilter?: readonly PrefixFilterRule[]
  /** Equal BGP paths become one multipath kernel route (BIRD's `merge paths on`); BIRD's default is off. */
  readonly mergePaths?: boolean
  /** Prefixes the router originates into BGP (a ToR's rack subnet), through its own exportFilter. */
  readonly announce?: readonly string[]
}
export type RouterResource = Peerlab<'Router', RouterSpec>

/** What an annotation is drawn as: a text note, or a rectangle outlining a group with its title. */
export type AnnotationKind = 'note' | 'rectangle'

/** Text or an outline on the canvas for the reader; it has no effect on the network. */
export interface Annotation {
  /** Unique within the Layout; the canvas element is `annotation/<id>`. */
  readonly id: string
  readonly kind: AnnotationKind
  /** Centre, in canvas coordinates. */
  readonly x: number
  readonly y: number
  /** A rectangle's size; a note is as big as its text. */
  readonly width?: number
  readonly height?: number
  readonly text?: string
}

export interface LayoutSpec {
  /** Canvas positions by entity id. */
  readonly positions?: Readonly<Record<string, { readonly x: number; readonly y: number }>>
  readonly annotations?: readonly Annotation[]
}
export type LayoutResource = Peerlab<'Layout', LayoutSpec>

// ---- Kubernetes.

export interface NodeAddress {
  readonly type: string
  readonly address: string
}
export type KubernetesNodeResource = ResourceBase<'v1', 'Node'> & {
  readonly spec?: {
    readonly podCIDR?: string
    readonly podCIDRs?: readonly string[]
    readonly taints?: readonly { readonly key: string; readonly value?: string; readonly effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' }[]
    readonly [field: string]: unknown
  }
  readonly status?: { readonly addresses?: readonly NodeAddress[]; readonly [field: string]: unknown }
}
export type NamespaceResource = ResourceBase<'v1', 'Namespace'>

export interface PodSpec {
  readonly nodeName?: string
  readonly nodeSelector?: Readonly<Record<string, string>>
  readonly hostNetwork?: boolean
  readonly tolerations?: readonly { readonly key?: string; readonly operator?: 'Exists' | 'Equal'; readonly value?: string; readonly effect?: string }[]
  readonly containers?: readonly {
    readonly name: string
    readonly image?: string
    readonly ports?: readonly { readonly containerPort: number; readonly protocol?: string }[]
    readonly [field: string]: unknown
  }[]
  readonly [field: string]: unknown
}
export type PodResource = ResourceBase<'v1', 'Pod'> & { readonly spec: PodSpec }
export type DeploymentResource = ResourceBase<'apps/v1', 'Deployment'> & {
  readonly spec: {
    readonly replicas?: number
    readonly selector?: { readonly matchLabels?: Readonly<Record<string, string>>; readonly [field: string]: unknown }
    readonly template: { readonly metadata?: Partial<ObjectMeta>; readonly spec: PodSpec }
    readonly [field: string]: unknown
  }
}
/** A pod template, as Deployments, ReplicaSets, StatefulSets, DaemonSets and Jobs hold one. */
export interface PodTemplate {
  readonly metadata?: Partial<ObjectMeta>
  readonly spec: PodSpec
}
interface TemplatedSpec {
  readonly selector?: { readonly matchLabels?: Readonly<Record<string, string>>; readonly [field: string]: unknown }
  readonly template: PodTemplate
  readonly [field: string]: unknown
}
export type ReplicaSetResource = ResourceBase<'apps/v1', 'ReplicaSet'> & { readonly spec: TemplatedSpec & { readonly replicas?: number } }
export type StatefulSetResource = ResourceBase<'apps/v1', 'StatefulSet'> & {
  readonly spec: TemplatedSpec & { readonly replicas?: number; readonly serviceName?: string; readonly podManagementPolicy?: 'OrderedReady' | 'Parallel' }
}
export type DaemonSetResource = ResourceBase<'apps/v1', 'DaemonSet'> & { readonly spec: TemplatedSpec }
export type JobResource = ResourceBase<'batch/v1', 'Job'> & {
  readonly spec: TemplatedSpec & { readonly parallelism?: number; readonly completions?: number; readonly suspend?: boolean }
}
/** metav1.LabelSelector. */
export interface LabelSelector {
  readonly matchLabels?: Readonly<Record<string, string>>
  readonly matchExpressions?: readonly { readonly key: string; readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; readonly values?: readonly string[] }[]
  readonly [field: string]: unknown
}
export interface NetworkPolicyPeer {
  readonly ipBlock?: { readonly cidr: string; readonly except?: readonly string[] }
  readonly podSelector?: LabelSelector
  readonly namespaceSelector?: LabelSelector
}
export interface NetworkPolicyPort {
  readonly protocol?: 'TCP' | 'UDP' | 'SCTP'
  /** A number, or the name of a container port; anything else is kept as written and matches nothing. */
  readonly port?: unknown
  readonly endPort?: number
}
export type NetworkPolicyResource = ResourceBase<'networking.k8s.io/v1', 'NetworkPolicy'> & {
  readonly spec: {
    readonly podSelector: LabelSelector
    readonly policyTypes?: readonly ('Ingress' | 'Egress')[]
    readonly ingress?: readonly { readonly from?: readonly NetworkPolicyPeer[]; readonly ports?: readonly NetworkPolicyPort[] }[]
    readonly egress?: readonly { readonly to?: readonly NetworkPolicyPeer[]; readonly ports?: readonly NetworkPolicyPort[] }[]
  }
}

// ---- Calico (projectcalico.org/v3), fields as in calico.md §1 and §4.

export type EncapsulationMode = 'Always' | 'CrossSubnet' | 'Never'
export type AllowedUse = 'Workload' | 'Tunnel' | 'LoadBalancer'

export interface IPPoolSpec {
  readonly cidr: string
  readonly blockSize?: number
  readonly ipipMode?: EncapsulationMode
  readonly vxlanMode?: EncapsulationMode
  readonly natOutgoing?: boolean
  readonly disabled?: boolean
  readonly disableBGPExport?: boolean
  readonly nodeSelector?: string
  readonly allowedUses?: readonly AllowedUse[]
  readonly assignmentMode?: 'Automatic' | 'Manual'
  readonly namespaceSelector?: string
  readonly [field: string]: unknown
}
export type IPPoolResource = Calico<'IPPool', IPPoolSpec>

export type CalicoNodeResource = CalicoOptionalSpec<
  'Node',
  {
    readonly bgp?: { readonly ipv4Address?: string; readonly ipv6Address?: string; readonly asNumber?: number | string; readonly routeReflectorClusterID?: string; readonly [field: string]: unknown }
    readonly [field: string]: unknown
  }
>

export type BGPConfigurationResource = CalicoOptionalSpec<
  'BGPConfiguration',
  {
    readonly asNumber?: number | string
    readonly nodeToNodeMeshEnabled?: boolean
    readonly logSeverityScreen?: string
    readonly listenPort?: number
    readonly serviceClusterIPs?: readonly { readonly cidr: string }[]
    readonly serviceExternalIPs?: readonly { readonly cidr: string }[]
    readonly serviceLoadBalancerIPs?: readonly { readonly cidr: string }[]
    readonly [field: string]: unknown
  }
>

export type BGPPeerResource = Calico<
  'BGPPeer',
  {
    readonly node?: string
    readonly nodeSelector?: string
    readonly peerIP?: string
    readonly peerSelector?: string
    readonly asNumber?: number | string
    readonly keepOriginalNextHop?: boolean
    readonly sourceAddress?: 'UseNodeIP' | 'None'
    readonly filters?: readonly string[]
    readonly [field: string]: unknown
  }
>

export interface BGPFilterRule {
  readonly action: FilterAction
  readonly cidr?: string
  readonly matchOperator?: MatchOperator
  readonly prefixLength?: { readonly min?: number; readonly max?: number }
  readonly source?: 'RemotePeers'
  readonly interface?: string
}
export type BGPFilterResource = Calico<
  'BGPFilter',
  {
    readonly exportV4?: readonly BGPFilterRule[]
    readonly importV4?: readonly BGPFilterRule[]
    readonly exportV6?: readonly BGPFilterRule[]
    readonly importV6?: readonly BGPFilterRule[]
  }
>

export type IPAMConfigurationResource = CalicoOptionalSpec<
  'IPAMConfiguration',
  {
    readonly strictAffinity?: boolean
    readonly autoAllocateBlocks?: boolean
    readonly maxBlocksPerHost?: number
    readonly [field: string]: unknown
  }
>

export type ModelledResource =
  | ClusterResource
  | SegmentResource
  | RouterResource
  | LayoutResource
  | KubernetesNodeResource
  | NamespaceResource
  | PodResource
  | DeploymentResource
  | ReplicaSetResource
  | StatefulSetResource
  | DaemonSetResource
  | JobResource
  | NetworkPolicyResource
  | IPPoolResource
  | CalicoNodeResource
  | BGPConfigurationResource
  | BGPPeerResource
  | BGPFilterResource
  | IPAMConfigurationResource

/** Every modelled resource by `apiVersion/kind`, the key the engine dispatches on. */
export interface ResourceByKey {
  'peerlab.dev/v1alpha1/Cluster': ClusterResource
  'peerlab.dev/v1alpha1/Segment': SegmentResource
  'peerlab.dev/v1alpha1/Router': RouterResource
  'peerlab.dev/v1alpha1/Layout': LayoutResource
  'v1/Node': KubernetesNodeResource
  'v1/Namespace': NamespaceResource
  'v1/Pod': PodResource
  'apps/v1/Deployment': DeploymentResource
  'apps/v1/ReplicaSet': ReplicaSetResource
  'apps/v1/StatefulSet': StatefulSetResource
  'apps/v1/DaemonSet': DaemonSetResource
  'batch/v1/Job': JobResource
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicyResource
  'projectcalico.org/v3/IPPool': IPPoolResource
  'projectcalico.org/v3/Node': CalicoNodeResource
  'projectcalico.org/v3/BGPConfiguration': BGPConfigurationResource
  'projectcalico.org/v3/BGPPeer': BGPPeerResource
  'projectcalico.org/v3/BGPFilter': BGPFilterResource
  'projectcalico.org/v3/IPAMConfiguration': IPAMConfigurationResource
}
export type ModelledKey = keyof ResourceByKey
