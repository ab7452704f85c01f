import { describe, expect, it } from 'vitest'
import { computeIpam } from '../../../shared/ipam/computeIpam'
import { loadDesign } from '../../../shared/format/loadDesign'
import { checkBundle } from '../../../shared/validate/checkBundle'

/**
 * IPPool namespaceSelector (v3.31): determinePools in libcalico-go/lib/ipam/ipam.go @ v3.31.0
 * takes an auto-selected pool only when its nodeSelector matches the node and its
 * namespaceSelector the pod's namespace labels (SelectsNamespace, lib/ipam/pools.go); requested
 * pools (annotations) are used whatever either selector says. v3.30 has no such field.
 */
function design(version: string): string {
  const pod = (name: string, namespace: string) => `---\napiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: ${namespace}}\nspec:\n  containers: [{name: c, image: nginx}]\n`
  return [
    `apiVersion: peerlab.dev/v1alpha1\nkind: Cluster\nmetadata: {name: ns}\nspec:\n  calicoVersion: ${version}\n`,
    '---\napiVersion: peerlab.dev/v1alpha1\nkind: Segment\nmetadata: {name: s}\nspec:\n  cidrs: [10.0.1.0/24]\n',
    '---\napiVersion: v1\nkind: Node\nmetadata: {name: n1}\nstatus:\n  addresses: [{type: InternalIP, address: 10.0.1.11}]\n',
    // Name order puts the selective pool first: without its selector every pod would take it.
    "---\napiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata: {name: a-blue}\nspec:\n  cidr: 10.60.0.0/24\n  namespaceSelector: team == 'blue'\n  allowedUses: [Workload]\n",
    '---\napiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata: {name: b-any}\nspec:\n  cidr: 10.61.0.0/24\n',
    '---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: blue\n  labels: {team: blue}\n',
    '---\napiVersion: v1\nkind: Namespace\nmetadata: {name: red}\n',
    '---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: green\n  annotations: {cni.projectcalico.org/ipv4pools: \'["a-blue"]\'}\n',
    pod('b1', 'blue'),
    pod('r1', 'red'),
    pod('g1', 'green'),
  ].join('')
}

const addresses = (version: string): Record<string, string | undefined> => Object.fromEntries(computeIpam(loadDesign(design(version)).design).pods.map((p) => [p.name, p.ips[0]]))

describe('IPPool namespaceSelector in IPAM', () => {
  it('v3.31 on: an auto-selected pool serves only the namespaces it selects; a requested pool serves any', () => {
    for (const version of ['v3.31', 'v3.32', 'v3.33']) {
      expect(checkBundle(design(version)).diagnostics.filter((d) => d.severity !== 'info')).toEqual([])
      expect(addresses(version), version).toEqual({ b1: '10.60.0.128', r1: '10.61.0.128', g1: '10.60.0.129' })
    }
  })

  it('v3.30 has no namespaceSelector: refused as an unknown field, and every pod takes the first pool', () => {
    expect(checkBundle(design('v3.30')).diagnostics.map((d) => d.code)).toContain('calico.unknown-field')
    expect(addresses('v3.30')).toEqual({ b1: '10.60.0.128', r1: '10.60.0.129', g1: '10.60.0.130' })
  })

  it('a pool that leaves allowedUses out has Tunnel, which a namespaceSelector refuses (validateIPPoolSpec @ v3.31.0; CEL on IPPoolSpec @ release-v3.33)', () => {
    const withTunnel = design('v3.31').replace('  allowedUses: [Workload]\n', '')
    expect(
      checkBundle(withTunnel)
        .diagnostics.filter((d) => d.code === 'ippool.namespace-selector-tunnel')
        .map((d) => d.message),
    ).toEqual(['IP Pool with AllowedUse Tunnel cannot have namespaceSelector specified - tunnel IPs are not namespaced resources'])
    const cel = design('v3.33').replace('  allowedUses: [Workload]\n', '')
    expect(
      checkBundle(cel)
        .diagnostics.filter((d) => d.code === 'ippool.namespace-selector-tunnel')
        .map((d) => d.message),
    ).toEqual(['IP Pool with AllowedUse Tunnel cannot have namespaceSelector'])
  })

  it('global() is refused in a namespaceSelector', () => {
    const global = design('v3.32').replace("namespaceSelector: team == 'blue'", 'namespaceSelector: global()')
    expect(
      checkBundle(global)
        .diagnostics.filter((d) => d.code === 'ippool.namespace-selector-global')
        .map((d) => d.message),
    ).toEqual(['global() selector is not valid for IPPool namespaceSelector - use all() instead'])
  })
})
