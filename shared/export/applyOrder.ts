/**
 * The order kubectl-applied kinds go in so that each finds what it needs: Helm's InstallOrder
 * (helm/helm pkg/release/util/kind_sorter.go), the order Kubernetes users already rely on.
 * Namespaces come first, workloads after the ConfigMaps, Secrets and ServiceAccounts they mount.
 */
export const KUBERNETES_ORDER: readonly string[] = [
  'PriorityClass',
  'Namespace',
  'NetworkPolicy',
  'ResourceQuota',
  'LimitRange',
  'PodSecurityPolicy',
  'PodDisruptionBudget',
  'ServiceAccount',
  'Secret',
  'SecretList',
  'ConfigMap',
  'StorageClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'CustomResourceDefinition',
  'ClusterRole',
  'ClusterRoleList',
  'ClusterRoleBinding',
  'ClusterRoleBindingList',
  'Role',
  'RoleList',
  'RoleBinding',
  'RoleBindingList',
  'Service',
  'DaemonSet',
  'Pod',
  'ReplicationController',
  'ReplicaSet',
  'Deployment',
  'HorizontalPodAutoscaler',
  'StatefulSet',
  'Job',
  'CronJob',
  'IngressClass',
  'Ingress',
  'APIService',
]

/**
 * Calico's kinds in the order that satisfies their references: IPAM settings and pools before
 * reservations within them, BGPFilters before the BGPPeers that name them in `spec.filters`,
 * a Tier before the policies in it (calicoctl refuses a policy whose tier does not exist), and
 * network sets before the policies that select them.
 */
export const CALICO_ORDER: readonly string[] = [
  'IPAMConfiguration',
  'IPPool',
  'IPReservation',
  'BGPConfiguration',
  'BGPFilter',
  'BGPPeer',
  'FelixConfiguration',
  'KubeControllersConfiguration',
  'HostEndpoint',
  'Tier',
  'GlobalNetworkSet',
  'NetworkSet',
  'GlobalNetworkPolicy',
  'StagedGlobalNetworkPolicy',
  'NetworkPolicy',
  'StagedNetworkPolicy',
  'StagedKubernetesNetworkPolicy',
]

/** Sorts by the kind's place in `order`; kinds it does not list go last, and equal places keep the design's order. */
export function inApplyOrder<T extends { readonly kind: string }>(items: readonly T[], order: readonly string[]): T[] {
  const rank = (kind: string): number => {
    const at = order.indexOf(kind)
    return at < 0 ? order.length : at
  }
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => rank(a.item.kind) - rank(b.item.kind) || a.index - b.index)
    .map(({ item }) => item)
}
