/**
 * What File › New starts from: a cluster with kubeadm's default service range and Calico's default
 * pod range (CALICO_IPV4POOL_CIDR), so drawn subnets and pools are checked against them at once.
 */
export const NEW_DESIGN_TEXT = `apiVersion: peerlab.dev/v1alpha1
kind: Cluster
metadata:
  name: untitled
spec:
  podCIDRs: [192.168.0.0/16]
  serviceCIDRs: [10.96.0.0/12]
`
