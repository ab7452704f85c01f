import { describe, expect, it } from 'vitest'
import type { Diagnostic } from '../../../shared/diagnostics'
import { loadDesign } from '../../../shared/format/loadDesign'
import { computeNetwork } from '../../../shared/routing/network'
import { validateDesign } from '../../../shared/validate/validateDesign'
import { readExample } from '../../exampleText'

const LAB = readExample('calico-lab-2.2')

/** Everything the Problems list shows for a design: its checks and the network's findings. */
function problems(text: string): Diagnostic[] {
  const loaded = loadDesign(text)
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  return [...validateDesign(loaded.design), ...computeNetwork(loaded.design).diagnostics]
}
const codes = (list: readonly Diagnostic[]): string[] => list.map((d) => d.code)
const withCode = (list: readonly Diagnostic[], code: string): Diagnostic[] => list.filter((d) => d.code === code)

const DEPLOYMENT = (name: string, podSpec: string, annotations = ''): string => `
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: yaobank}
spec:
  replicas: 2
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}${annotations}}
    spec: {containers: [{name: c, image: nginx}]${podSpec}}`

describe('design warnings about workloads', () => {
  it('says nothing of the kind on the lab as it ships', () => {
    const found = codes(problems(LAB))
    for (const code of ['ipam.no-pool-for-workloads', 'workload.pods-pending', 'workload.daemonset-no-nodes']) expect(found).not.toContain(code)
  })

  it('no pool for workloads: every pool disabled', () => {
    const [warning, ...more] = withCode(problems(LAB.replace('nodeSelector: all()', 'nodeSelector: all()\n  disabled: true')), 'ipam.no-pool-for-workloads')
    expect(more).toEqual([])
    expect(warning).toMatchObject({ severity: 'warning', subject: 'ippool/default-ipv4-ippool', path: ['spec', 'disabled'] })
    expect(warning?.message).toBe(
      'no enabled IP pool gives IPv4 addresses to pods: default-ipv4-ippool is disabled, so the pods of Deployment kube-system/coredns, Deployment yaobank/database, Deployment yaobank/summary and Deployment yaobank/customer get none unless an annotation names a pool',
    )
    expect(warning?.suggestion).toContain('disabled false')
  })

  it('no pool for workloads: a nodeSelector that selects no node, allowedUses without Workload', () => {
    const bySelector = withCode(problems(LAB.replace('nodeSelector: all()', `nodeSelector: rack == 'r9'`)), 'ipam.no-pool-for-workloads')
    expect(bySelector[0]?.message).toContain("the nodeSelector of default-ipv4-ippool (rack == 'r9') selects no node")
    const byUse = withCode(problems(LAB.replace('nodeSelector: all()', 'nodeSelector: all()\n  allowedUses: [Tunnel]')), 'ipam.no-pool-for-workloads')
    expect(byUse[0]?.message).toContain('default-ipv4-ippool has allowedUses [Tunnel], without Workload')
  })

  it('no pool for workloads: none at all', () => {
    const noPool = LAB.replace(/apiVersion: projectcalico.org\/v3\nkind: IPPool[\s\S]*?nodeSelector: all\(\)\n---\n/, '')
    const [warning] = withCode(problems(noPool), 'ipam.no-pool-for-workloads')
    expect(warning?.message).toContain('the design has no IPv4 IPPool')
    expect(warning?.subject).toBe('deployment/kube-system/coredns')
  })

  it("a namespace annotation naming a pool that does not exist: Calico's error, and the pools it could name", () => {
    const text = LAB.replace('name: yaobank\n', 'name: yaobank\n  annotations: {cni.projectcalico.org/ipv4pools: \'["external-pool"]\'}\n')
    const [error] = withCode(problems(text), 'workload.pool-annotation')
    expect(error?.message).toBe('pods in namespace yaobank cannot start: error parsing pool "external-pool": invalid CIDR address: external-pool')
    expect(error?.suggestion).toBe('name an enabled pool: "default-ipv4-ippool"')
    // Those pods ask for a pool by name, so the default pools being fine or not is not their problem.
    expect(codes(problems(text))).not.toContain('ipam.no-pool-for-workloads')
  })

  it("pods that cannot be scheduled: kube-scheduler's reason, once per workload", () => {
    // Only the control plane carries the label, and its taint is not tolerated.
    const found = problems(LAB + DEPLOYMENT('on-control-plane', ', nodeSelector: {node-role.kubernetes.io/control-plane: ""}'))
    const [warning, ...more] = withCode(found, 'workload.pods-pending')
    expect(more).toEqual([])
    expect(warning?.subject).toBe('deployment/yaobank/on-control-plane')
    expect(warning?.message).toMatch(/^2 pods of Deployment yaobank\/on-control-plane stay Pending: 0\/3 nodes are available: /)
    expect(warning?.suggestion).toContain('toleration')
  })

  it('a nodeSelector no node matches is said once, by the validator', () => {
    const found = problems(LAB + DEPLOYMENT('nowhere', ', nodeSelector: {disk: ssd}'))
    expect(codes(found)).toContain('workload.no-matching-node')
    expect(codes(found)).not.toContain('workload.pods-pending')
  })

  it('a DaemonSet with no eligible node', () => {
    const daemonSet = `
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: kube-system}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec: {nodeSelector: {disk: ssd}, containers: [{name: c, image: agent}]}`
    const [warning] = withCode(problems(LAB + daemonSet), 'workload.daemonset-no-nodes')
    expect(warning?.message).toBe('DaemonSet kube-system/agent runs no pod: none of the 3 nodes fits its pod spec (its nodeSelector, nodeName or the taints it does not tolerate)')
  })

  it('IPAM exhaustion leaves pods without an address, reported by IPAM pod by pod', () => {
    const tiny = LAB.replace('cidr: 10.48.0.0/24\n  blockSize: 26', 'cidr: 10.48.0.0/29\n  blockSize: 29')
    const failures = withCode(problems(tiny), 'ipam.pod-address')
    expect(failures.length).toBeGreaterThan(0)
    expect(failures[0]?.message).toMatch(/gets no address: failed to request IPv4 addresses: Assigned 0 out of 1 requested IPv4 addresses/)
  })

  it('a design that cannot route (mesh off, no peers) warns of every isolated node', () => {
    const meshOff = `${LAB}\n---\napiVersion: projectcalico.org/v3\nkind: BGPConfiguration\nmetadata: {name: default}\nspec: {nodeToNodeMeshEnabled: false}`
    const isolated = withCode(problems(meshOff), 'bgp.node-isolated')
    expect(isolated.map((d) => d.subject)).toEqual(['node/ip-10-0-1-20.eu-west-1.compute.internal', 'node/ip-10-0-1-30.eu-west-1.compute.internal', 'node/ip-10-0-1-31.eu-west-1.compute.internal'])
    expect(isolated[0]?.message).toBe('control1 has no BGP session: the node-to-node mesh is off and no BGPPeer selects it, so no other node learns the routes to its pods, and it learns none')
    // bastion's BIRD has a neighbor for each node, but no node peers back.
    expect(codes(problems(meshOff))).toContain('bgp.session-down')
  })
})
