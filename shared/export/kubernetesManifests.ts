import { stringify } from 'yaml'
import type { Design, OpaqueResource } from '../model/design'
import { isPeerlabApiVersion } from '../model/kinds'
import { KUBERNETES_ORDER, inApplyOrder } from './applyOrder'
import { forCluster } from './clusterResource'

const STRINGIFY_OPTIONS = { lineWidth: 0, flowCollectionPadding: false } as const

/** A resource a tool's file does not hold, and why; shown to the person exporting. */
export interface LeftOut {
  readonly id: string
  readonly reason: string
}

export interface ManifestFile {
  readonly text: string
  /** How many resources the file holds. */
  readonly count: number
  readonly leftOut: readonly LeftOut[]
}

/** Calico's own API group, applied with calicoctl (calicoResources.ts), and the CRDs behind it, which only Calico writes. */
export function isCalicoApiVersion(apiVersion: string): boolean {
  return apiVersion.startsWith('projectcalico.org/') || apiVersion.startsWith('crd.projectcalico.org/')
}

/** Why a Kubernetes resource of the design does not go to kubectl, or undefined when it does. */
function kubectlRefusal(resource: OpaqueResource): string | undefined {
  if (resource.apiVersion === 'v1' && resource.kind === 'Node')
    return 'a Node is registered by its kubelet when it joins; its labels and taints are in the node changes (peerlab export --format nodes)'
  // The engine simulates kube-system's pods (calico-node, kube-proxy, the control plane) and the
  // design holds the add-ons kubeadm installed (CoreDNS): their real manifests carry far more.
  if (resource.metadata.namespace === 'kube-system' && resource.kind !== 'Namespace')
    return 'kube-system holds the cluster’s own add-ons (kubeadm installed CoreDNS, calico-node and kube-proxy); applying the design’s sketch of one would replace the real one'
  return undefined
}

export const KUBECTL_HEADER = (design: string): string =>
  [
    `# Kubernetes resources of ${design}, for: kubectl apply -f FILE`,
    '# Apply the Calico resources first (calicoctl apply -f, peerlab export --format calicoctl):',
    '# pods take their addresses from the IP pools as they start.',
    '',
  ].join('\n')

/**
 * The design's Kubernetes resources as `kubectl apply -f` takes them: no Peerlab kinds, no Calico
 * kinds (calicoctl's), no Nodes (the kubelet's), nothing in kube-system but its Namespace, and no
 * `peerlab.dev/` annotations, in Helm's install order. Malformed resources (the design's errors)
 * are left out and listed.
 */
export function kubernetesManifests(design: Design): ManifestFile {
  const leftOut: LeftOut[] = []
  const kept: OpaqueResource[] = []
  for (const entry of design.entries) {
    const resource = entry.resource as OpaqueResource
    if (isPeerlabApiVersion(resource.apiVersion) || isCalicoApiVersion(resource.apiVersion)) continue
    if (!entry.modelled && entry.reason === 'invalid') {
      leftOut.push({ id: entry.id, reason: 'its fields are malformed (see the design’s errors)' })
      continue
    }
    const refusal = kubectlRefusal(resource)
    if (refusal !== undefined) leftOut.push({ id: entry.id, reason: refusal })
    else kept.push(forCluster(resource))
  }
  const body = inApplyOrder(kept, KUBERNETES_ORDER)
    .map((r) => stringify(r, STRINGIFY_OPTIONS))
    .join('---\n')
  return { text: `${KUBECTL_HEADER(design.name)}${body}`, count: kept.length, leftOut }
}
