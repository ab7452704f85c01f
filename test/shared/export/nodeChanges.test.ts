import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { nodeChanges, shellWord } from '../../../shared/export/nodeChanges'
import { loadDesign } from '../../../shared/format/loadDesign'
import { readExample } from '../../exampleText'

const fixture = (name: string): string => readFileSync(resolve(import.meta.dirname, '../../fixtures/designs', name), 'utf8')

describe('node changes', () => {
  it('sets a route reflector’s cluster ID with calicoctl patch node, in the form Calico documents', () => {
    // Calico's calicoctl patch reference (docs.tigera.io/calico/latest/reference/calicoctl/patch):
    //   calicoctl patch node node-0 --patch '{"spec":{"bgp": {"routeReflectorClusterID": "CLUSTER_ID"}}}'
    // and its route-reflector guide labels the node with kubectl label node ... route-reflector=true.
    const { text, count } = nodeChanges(loadDesign(fixture('route-reflector-v1alpha1.yaml')).design)
    expect(text).toBe(
      [
        '#!/bin/sh',
        '# Node changes of route-reflector: run once the nodes have joined the cluster.',
        '# calicoctl patch changes only the fields it names; calicoctl apply would replace the spec calico-node wrote.',
        'set -e',
        'kubectl label node rr1 route-reflector=true --overwrite',
        `calicoctl patch node rr1 --patch '{"spec":{"bgp":{"ipv4Address":"10.0.2.10/24","routeReflectorClusterID":"244.0.0.1"}}}'`,
        '',
      ].join('\n'),
    )
    expect(count).toBe(2)
  })

  it('leaves alone what the kubelet and kubeadm set, and says when there is nothing to change', () => {
    const { text, count } = nodeChanges(loadDesign(readExample('calico-lab-2.2')).design)
    expect(count).toBe(0)
    expect(text).toContain('# The design changes no labels, taints or Calico node settings.')
    expect(text).not.toContain('kubectl')
  })

  it('writes taints with their value and effect, and quotes words the shell would split', () => {
    const design = loadDesign(`apiVersion: v1
kind: Node
metadata: {name: n1, labels: {rack: "r 1"}, annotations: {peerlab.dev/alias: w1}}
spec: {taints: [{key: dedicated, value: bgp, effect: NoSchedule}, {key: node-role.kubernetes.io/control-plane, effect: NoSchedule}]}
status: {addresses: [{type: InternalIP, address: 10.0.0.5}]}
`).design
    expect(nodeChanges(design).text).toContain("kubectl label node n1 'rack=r 1' --overwrite\nkubectl taint node n1 dedicated=bgp:NoSchedule --overwrite\n")
    expect(nodeChanges(design).text).not.toContain('control-plane')
    expect(shellWord(`it's`)).toBe(`'it'\\''s'`)
  })
})
