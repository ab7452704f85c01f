import { splitApiVersion } from './apiVersions'
import { KINDS } from '../model/kinds'

/**
 * Real kinds of the groups Peerlab models part of: a kind Peerlab does not model but Calico or
 * Kubernetes has (a Calico GlobalNetworkPolicy, a Kubernetes Service) is kept as written and never
 * taken for a misspelling of a modelled one.
 */
const REAL_KINDS: Readonly<Record<string, readonly string[]>> = {
  'projectcalico.org': [
    'BGPConfiguration',
    'BGPFilter',
    'BGPPeer',
    'BlockAffinity',
    'CalicoNodeStatus',
    'ClusterInformation',
    'FelixConfiguration',
    'GlobalNetworkPolicy',
    'GlobalNetworkSet',
    'HostEndpoint',
    'IPAMConfiguration',
    'IPPool',
    'IPReservation',
    'KubeControllersConfiguration',
    'NetworkPolicy',
    'NetworkSet',
    'Node',
    'Profile',
    'StagedGlobalNetworkPolicy',
    'StagedKubernetesNetworkPolicy',
    'StagedNetworkPolicy',
    'Tier',
    'WorkloadEndpoint',
  ],
  '': [
    'Binding',
    'ComponentStatus',
    'ConfigMap',
    'Endpoints',
    'Event',
    'LimitRange',
    'Namespace',
    'Node',
    'PersistentVolume',
    'PersistentVolumeClaim',
    'Pod',
    'PodTemplate',
    'ReplicationController',
    'ResourceQuota',
    'Secret',
    'Service',
    'ServiceAccount',
  ],
  apps: ['ControllerRevision', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet'],
  batch: ['CronJob', 'Job'],
  'networking.k8s.io': ['Ingress', 'IngressClass', 'NetworkPolicy'],
}

/** Edits (insert, delete, replace, swap two neighbours) from one word to another, ignoring case. */
function editDistance(a: string, b: string): number {
  const x = a.toLowerCase()
  const y = b.toLowerCase()
  const rows = Array.from({ length: x.length + 1 }, (_, i) => Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)))
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const row = rows[i] as number[]
      const previous = rows[i - 1] as number[]
      row[j] = Math.min((previous[j] as number) + 1, (row[j - 1] as number) + 1, (previous[j - 1] as number) + (x[i - 1] === y[j - 1] ? 0 : 1))
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) row[j] = Math.min(row[j] as number, ((rows[i - 2] as number[])[j - 2] as number) + 1)
    }
  }
  return (rows[x.length] as number[])[y.length] as number
}

/**
 * The modelled kind a kind Peerlab does not know was probably meant to be (`IPPol` → `IPPool`,
 * `Deployments` → `Deployment`, `ippool` → `IPPool`): of the same API group, at most two edits
 * away, and not itself a real kind of that group. Undefined when nothing is that close.
 */
export function suggestKind(apiVersion: string, kindName: string): string | undefined {
  const { group } = splitApiVersion(apiVersion)
  if ((REAL_KINDS[group] ?? []).includes(kindName) || kindName.length < 3) return undefined
  let best: { name: string; distance: number } | undefined
  for (const info of Object.values(KINDS)) {
    if (splitApiVersion(info.apiVersion).group !== group) continue
    const distance = editDistance(kindName, info.kind)
    // A short name leaves little room: one edit for names of up to five letters, two beyond.
    if (distance > (kindName.length <= 5 ? 1 : 2)) continue
    if (!best || distance < best.distance) best = { name: info.kind, distance }
  }
  return best?.name
}
