import type { PodState } from '../ipam/computeIpam'
import { KUBECTL_TABWRITER, tabwrite } from './tabwriter'

export interface GetPodsOptions {
  readonly wide?: boolean
  /** `-A`: every namespace, with a NAMESPACE column. */
  readonly allNamespaces?: boolean
  /** The AGE column's text for a pod (kubectl's HumanDuration of now minus its creation time). */
  readonly age: (pod: PodState) => string
}

const byNamespaceThenName = (a: PodState, b: PodState): number => (a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0)

/**
 * `kubectl get pods [-o wide] [-A]`, with kubectl's columns and `<none>` placeholders. Rows come
 * in the API server's list order: by namespace, then name (the order of its storage keys).
 */
export function kubectlGetPods(pods: readonly PodState[], options: GetPodsOptions): string {
  const header = [...(options.allNamespaces ? ['NAMESPACE'] : []), 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', ...(options.wide ? ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'] : [])]
  const rows = [...pods]
    .sort(byNamespaceThenName)
    .map((pod) => [
      ...(options.allNamespaces ? [pod.namespace] : []),
      pod.name,
      pod.phase === 'Running' ? '1/1' : '0/1',
      pod.phase,
      '0',
      options.age(pod),
      ...(options.wide ? [pod.phase === 'Running' ? (pod.ips[0] ?? '<none>') : '<none>', pod.node ?? '<none>', '<none>', '<none>'] : []),
    ])
  return tabwrite([header, ...rows], KUBECTL_TABWRITER)
}

/** What kubectl says (on stderr) when the list is empty. */
export function noPodsMessage(namespace: string | undefined): string {
  return namespace === undefined ? 'No resources found\n' : `No resources found in ${namespace} namespace.\n`
}
