import { hostsOf, clusterOf, type Host } from '../../../model/query'
import { workloadsOf } from '../../../model/workloads'
import { rfc3339 } from '../../labClock'
import type { ProgramContext } from '../../program'
import { CONTROL_PLANE_COMPONENTS, systemPods } from './systemPods'

/**
 * `kubectl cluster-info dump`: what the cluster would print, built from the design. kubectl
 * (k8s.io/kubectl/pkg/cmd/clusterinfo/clusterinfo_dump.go) prints the NodeList, then for
 * kube-system and default the events, replication controllers, services, daemon sets,
 * deployments, replica sets and pods, then each container's logs; every object as
 * json.MarshalIndent with four spaces, fields in the Go structs' order. The kubeadm
 * control-plane pods carry the flags a lab greps for: `--service-cluster-ip-range` (kube-apiserver)
 * and `--cluster-cidr` (kube-controller-manager).
 */
export function clusterInfoDump(context: ProgramContext): string {
  const { design } = context
  const cluster = clusterOf(design)?.spec
  const podCidrs = (cluster?.podCIDRs ?? []).join(',')
  const serviceCidrs = (cluster?.serviceCIDRs ?? []).join(',')
  const version = cluster?.kubernetesVersion ?? 'v1.28.0'
  const nodes = hostsOf(design).filter((h) => h.role !== 'router')
  const controlPlanes = nodes.filter((h) => h.role === 'control-plane')
  const booted = rfc3339(context.bootedAt)
  const list = (kind: string, items: readonly unknown[]): string =>
    `${JSON.stringify({ kind, apiVersion: kind === 'DaemonSetList' || kind === 'DeploymentList' || kind === 'ReplicaSetList' ? 'apps/v1' : 'v1', metadata: { resourceVersion: '1' }, items }, null, 4)}\n`

  const nodeItems = nodes.map((node) => ({
    metadata: { name: node.name, labels: node.labels, creationTimestamp: booted },
    spec: {},
    status: {
      addresses: [...node.interfaces.map((i) => ({ type: 'InternalIP', address: i.address })), { type: 'Hostname', address: node.name }],
      nodeInfo: { kubeletVersion: version, kubeProxyVersion: version, operatingSystem: 'linux', architecture: 'amd64' },
    },
  }))

  const staticPod = (node: Host, component: string, command: readonly string[]): object => ({
    metadata: { name: `${component}-${node.name}`, namespace: 'kube-system', labels: { component, tier: 'control-plane' }, creationTimestamp: booted },
    spec: {
      containers: [{ name: component, image: `registry.k8s.io/${component}:${version}`, command, resources: {}, imagePullPolicy: 'IfNotPresent' }],
      nodeName: node.name,
      hostNetwork: true,
      priorityClassName: 'system-node-critical',
    },
    status: { phase: 'Running', hostIP: node.interfaces[0]?.address ?? '', podIP: node.interfaces[0]?.address ?? '' },
  })
  const controlPlanePods = controlPlanes.flatMap((node) => {
    const address = node.interfaces[0]?.address ?? ''
    return [
      staticPod(node, 'kube-apiserver', [
        'kube-apiserver',
        `--advertise-address=${address}`,
        '--allow-privileged=true',
        '--authorization-mode=Node,RBAC',
        '--client-ca-file=/etc/kubernetes/pki/ca.crt',
        '--enable-admission-plugins=NodeRestriction',
        '--enable-bootstrap-token-auth=true',
        '--etcd-servers=https://127.0.0.1:2379',
        '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname',
        '--secure-port=6443',
        '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
        '--service-account-key-file=/etc/kubernetes/pki/sa.pub',
        '--service-account-signing-key-file=/etc/kubernetes/pki/sa.key',
        ...(serviceCidrs !== '' ? [`--service-cluster-ip-range=${serviceCidrs}`] : []),
        '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt',
        '--tls-private-key-file=/etc/kubernetes/pki/apiserver.key',
      ]),
      staticPod(node, 'kube-controller-manager', [
        'kube-controller-manager',
        ...(podCidrs !== '' ? ['--allocate-node-cidrs=true'] : []),
        '--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf',
        '--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf',
        '--bind-address=127.0.0.1',
        '--client-ca-file=/etc/kubernetes/pki/ca.crt',
        ...(podCidrs !== '' ? [`--cluster-cidr=${podCidrs}`] : []),
        '--cluster-name=kubernetes',
        '--controllers=*,bootstrapsigner,tokencleaner',
        '--kubeconfig=/etc/kubernetes/controller-manager.conf',
        '--leader-elect=true',
        '--root-ca-file=/etc/kubernetes/pki/ca.crt',
        '--service-account-private-key-file=/etc/kubernetes/pki/sa.key',
        ...(serviceCidrs !== '' ? [`--service-cluster-ip-range=${serviceCidrs}`] : []),
        '--use-service-account-credentials=true',
      ]),
      staticPod(node, 'kube-scheduler', [
        'kube-scheduler',
        '--authentication-kubeconfig=/etc/kubernetes/scheduler.conf',
        '--authorization-kubeconfig=/etc/kubernetes/scheduler.conf',
        '--bind-address=127.0.0.1',
        '--kubeconfig=/etc/kubernetes/scheduler.conf',
        '--leader-elect=true',
      ]),
    ]
  })

  const containersOf = new Map(workloadsOf(design).map((w) => [w.id, w.podSpec.containers ?? []]))
  const designPods = (namespace: string): object[] =>
    context.network.ipam.pods
      .filter((pod) => pod.namespace === namespace)
      .map((pod) => ({
        metadata: { name: pod.name, namespace: pod.namespace, labels: pod.labels, creationTimestamp: rfc3339(context.timeline.podStartedAt(pod) ?? context.now) },
        spec: { containers: containersOf.get(pod.workloadId) ?? [], ...(pod.node !== undefined ? { nodeName: pod.node } : {}) },
        status: { phase: pod.phase, ...(pod.ips[0] !== undefined ? { podIP: pod.ips[0] } : {}) },
      }))
  const byName = (a: object, b: object): number => {
    const x = (a as { metadata: { name: string } }).metadata.name
    const y = (b as { metadata: { name: string } }).metadata.name
    return x < y ? -1 : x > y ? 1 : 0
  }
  const namespaceDump = (namespace: string, pods: object[]): string =>
    ['EventList', 'ReplicationControllerList', 'ServiceList', 'DaemonSetList', 'DeploymentList', 'ReplicaSetList'].map((kind) => list(kind, [])).join('') +
    list('PodList', pods.sort(byName)) +
    pods
      .flatMap((pod) => {
        const { name } = (pod as { metadata: { name: string } }).metadata
        const containers = (pod as { spec: { containers: { name: string }[] } }).spec.containers
        return containers.map((c) => `==== START logs for container ${c.name} of pod ${namespace}/${name} ====\n==== END logs for container ${c.name} of pod ${namespace}/${name} ====\n`)
      })
      .join('')
  // The DaemonSets' pods on every node (the static ones are above, with their flags).
  const daemonPods = systemPods(design)
    .filter((pod) => !CONTROL_PLANE_COMPONENTS.some((c) => pod.name.startsWith(`${c}-`)))
    .map((pod) => {
      const app = pod.labels['k8s-app'] ?? ''
      return {
        metadata: { name: pod.name, namespace: pod.namespace, labels: pod.labels, creationTimestamp: booted },
        spec: { containers: [{ name: app, image: app === 'kube-proxy' ? `registry.k8s.io/kube-proxy:${version}` : 'docker.io/calico/node' }], nodeName: pod.node, hostNetwork: true },
        status: { phase: 'Running', podIP: pod.ips[0] ?? '' },
      }
    })
  return list('NodeList', nodeItems) + namespaceDump('kube-system', [...controlPlanePods, ...daemonPods, ...designPods('kube-system')]) + namespaceDump('default', designPods('default'))
}
