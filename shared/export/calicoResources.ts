import { stringify } from 'yaml'
import type { Design, OpaqueResource } from '../model/design'
import { CALICO_API_VERSION } from '../model/kinds'
import { CALICO_ORDER, inApplyOrder } from './applyOrder'
import { forCluster } from './clusterResource'
import type { LeftOut, ManifestFile } from './kubernetesManifests'

const STRINGIFY_OPTIONS = { lineWidth: 0, flowCollectionPadding: false } as const

export const CALICOCTL_HEADER = (design: string): string =>
  [
    `# Calico resources of ${design}, for: calicoctl apply -f FILE`,
    '# Calico Nodes are not here: apply replaces a whole spec, so node changes are',
    '# calicoctl patch node commands (peerlab export --format nodes).',
    '',
  ].join('\n')

/**
 * The design's Calico resources as `calicoctl apply -f` takes them: only `projectcalico.org/v3`
 * kinds (calicoctl refuses Kubernetes kinds), without Calico Nodes, in the order their references
 * need (applyOrder.ts). calico-node creates each Node and writes its spec (addresses, tunnel
 * addresses): `apply` would replace that spec with the design's, so the design's node settings
 * go out as `calicoctl patch node` (nodeChanges.ts), as Calico's docs set a route reflector's
 * cluster ID.
 */
export function calicoResources(design: Design): ManifestFile {
  const leftOut: LeftOut[] = []
  const kept: OpaqueResource[] = []
  for (const entry of design.entries) {
    const resource = entry.resource as OpaqueResource
    if (resource.apiVersion.startsWith('crd.projectcalico.org/')) {
      leftOut.push({ id: entry.id, reason: `${resource.apiVersion} is Calico’s storage, which only Calico writes: calicoctl applies it as ${CALICO_API_VERSION}` })
      continue
    }
    if (resource.apiVersion !== CALICO_API_VERSION) continue
    if (!entry.modelled && entry.reason === 'invalid') {
      leftOut.push({ id: entry.id, reason: 'its fields are malformed (see the design’s errors)' })
      continue
    }
    if (resource.kind === 'Node') continue
    kept.push(forCluster(resource))
  }
  const body = inApplyOrder(kept, CALICO_ORDER)
    .map((r) => stringify(r, STRINGIFY_OPTIONS))
    .join('---\n')
  return { text: `${CALICOCTL_HEADER(design.name)}${body}`, count: kept.length, leftOut }
}
