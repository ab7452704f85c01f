// The synthetic cluster the IPAM benches allocate: nodes, three pools, namespaces pinned to them, deployments of 50 pods.
import type { Design, DesignEntry } from '../shared/model/design'
import type { DeploymentResource, IPPoolResource, KubernetesNodeResource, NamespaceResource } from '../shared/model/resources'

function ipv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.')
}

export function syntheticDesign(nodes: number, pods: number): Design {
  const entries: DesignEntry[] = []
  const add = (id: string, resource: unknown): void => void entries.push({ id, modelled: true, resource: resource as DesignEntry['resource'] & { kind: string } } as DesignEntry)
  for (let i = 0; i < nodes; i++) {
    const node: KubernetesNodeResource = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: `node-${i}`, labels: { rack: `r${i % 25}` } },
      status: { addresses: [{ type: 'InternalIP', address: ipv4((10 << 24) + (1 << 16) + i) }] },
    }
    add(`node/node-${i}`, node)
  }
  const pools: IPPoolResource[] = [
    { apiVersion: 'projectcalico.org/v3', kind: 'IPPool', metadata: { name: 'pods-a' }, spec: { cidr: '10.64.0.0/12', blockSize: 26, ipipMode: 'Always' } },
    { apiVersion: 'projectcalico.org/v3', kind: 'IPPool', metadata: { name: 'pods-b' }, spec: { cidr: '10.96.0.0/13', blockSize: 26 } },
    { apiVersion: 'projectcalico.org/v3', kind: 'IPPool', metadata: { name: 'small' }, spec: { cidr: '10.112.0.0/14', blockSize: 29 } },
  ]
  for (const pool of pools) add(`ippool/${pool.metadata.name}`, pool)
  const namespaces = ['team-a', 'team-b', 'edge']
  const poolFor: Record<string, string> = { 'team-a': 'pods-a', 'team-b': 'pods-b', edge: 'small' }
  for (const name of namespaces) {
    const ns: NamespaceResource = { apiVersion: 'v1', kind: 'Namespace', metadata: { name, annotations: { 'cni.projectcalico.org/ipv4pools': JSON.stringify([poolFor[name]]) } } }
    add(`namespace/${name}`, ns)
  }
  const perDeployment = 50
  for (let d = 0; d < pods / perDeployment; d++) {
    const namespace = namespaces[d % namespaces.length] as string
    const deployment: DeploymentResource = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: `app-${d}`, namespace },
      spec: { replicas: perDeployment, template: { metadata: { labels: { app: `app-${d}` } }, spec: { containers: [{ name: 'c' }] } } },
    }
    add(`deployment/${namespace}/app-${d}`, deployment)
  }
  return { name: 'bench', entries }
}
