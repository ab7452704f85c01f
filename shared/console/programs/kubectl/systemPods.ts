import type { PodState } from '../../../ipam/computeIpam'
import { nameSuffix } from '../../../ipam/podNames'
import type { Design } from '../../../model/design'
import { hostsOf } from '../../../model/query'

/** The kubeadm control-plane components, one static pod each per control-plane node, named `<component>-<node>`. */
export const CONTROL_PLANE_COMPONENTS = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'] as const

/**
 * The host-network pods every kubeadm cluster with Calico runs in kube-system and that a design
 * does not list: the control plane's static pods, and the calico-node and kube-proxy DaemonSets'
 * pod on every node. They use their node's address, so IPAM never sees them.
 */
export function systemPods(design: Design): PodState[] {
  const pods: PodState[] = []
  const pod = (name: string, node: string, address: string | undefined, labels: Record<string, string>): PodState => ({
    namespace: 'kube-system',
    name,
    workloadId: `system/${name}`,
    labels,
    node,
    ips: address !== undefined ? [address] : [],
    phase: 'Running',
    message: undefined,
  })
  for (const host of hostsOf(design)) {
    if (host.role === 'router') continue
    const address = host.interfaces[0]?.address
    if (host.role === 'control-plane') for (const component of CONTROL_PLANE_COMPONENTS) pods.push(pod(`${component}-${host.name}`, host.name, address, { component, tier: 'control-plane' }))
    pods.push(pod(`calico-node-${nameSuffix(`kube-system/calico-node/${host.name}`)}`, host.name, address, { 'k8s-app': 'calico-node' }))
    pods.push(pod(`kube-proxy-${nameSuffix(`kube-system/kube-proxy/${host.name}`)}`, host.name, address, { 'k8s-app': 'kube-proxy' }))
  }
  return pods
}
