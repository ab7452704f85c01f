import { describe, expect, it } from 'vitest'
import { loadDesign } from '../../../shared/format/loadDesign'
import { clusterOf, displayName, hostsOf, ipPoolsOf, resourcesOf } from '../../../shared/model/query'
import { checkBundle } from '../../../shared/validate/checkBundle'
import { readExample } from '../../exampleText'

// The starting state of ../shared/seeds/000_072053aa9a42589e.txt (Calico lab 2.2).
describe('the built-in example calico-lab-2.2', () => {
  const { design, diagnostics } = loadDesign(readExample('calico-lab-2.2'))

  it('loads, and passes every check, without a single diagnostic', () => {
    expect(diagnostics).toEqual([])
    expect(checkBundle(readExample('calico-lab-2.2')).diagnostics).toEqual([])
  })

  it('has the cluster ranges kubeadm was given', () => {
    expect(design.name).toBe('calico-lab-2.2')
    expect(clusterOf(design)?.spec).toMatchObject({ podCIDRs: ['10.48.0.0/16'], serviceCIDRs: ['10.49.0.0/16'], ipFamilies: ['IPv4'], jumpHost: 'bastion' })
  })

  it('has the lab subnet on ens5 with its gateway', () => {
    expect(resourcesOf(design, 'peerlab.dev/v1alpha1/Segment').map((s) => [s.metadata.name, s.spec])).toEqual([['lab-subnet', { cidrs: ['10.0.1.0/24'], gateways: ['10.0.1.1'], interface: 'ens5' }]])
  })

  it('has bastion and the three nodes, each on ens5 in the lab subnet', () => {
    const summary = hostsOf(design).map((h) => [displayName(h), h.name, h.role, h.interfaces.map((i) => `${i.name} ${i.address} ${i.segmentId}`)])
    expect(summary).toEqual([
      ['bastion', 'bastion', 'router', ['ens5 10.0.1.10 segment/lab-subnet']],
      ['control1', 'ip-10-0-1-20.eu-west-1.compute.internal', 'control-plane', ['ens5 10.0.1.20 segment/lab-subnet']],
      ['worker1', 'ip-10-0-1-30.eu-west-1.compute.internal', 'worker', ['ens5 10.0.1.30 segment/lab-subnet']],
      ['worker2', 'ip-10-0-1-31.eu-west-1.compute.internal', 'worker', ['ens5 10.0.1.31 segment/lab-subnet']],
    ])
    expect(hostsOf(design)[0]).toMatchObject({ asNumber: 64512, daemon: 'bird' })
  })

  it('has the default IPPool as calicoctl shows it: 10.48.0.0/24, all()', () => {
    expect(ipPoolsOf(design).map((p) => [p.metadata.name, p.spec])).toEqual([
      ['default-ipv4-ippool', { cidr: '10.48.0.0/24', blockSize: 26, ipipMode: 'Always', vxlanMode: 'Never', natOutgoing: true, nodeSelector: 'all()' }],
    ])
  })

  it('keeps every document, in file order, with stable ids', () => {
    expect(design.entries.map((e) => [e.id, e.modelled])).toEqual([
      ['cluster/calico-lab-2.2', true],
      ['segment/lab-subnet', true],
      ['router/bastion', true],
      ['node/ip-10-0-1-20.eu-west-1.compute.internal', true],
      ['node/ip-10-0-1-30.eu-west-1.compute.internal', true],
      ['node/ip-10-0-1-31.eu-west-1.compute.internal', true],
      ['ippool/default-ipv4-ippool', true],
      ['deployment/kube-system/coredns', true],
      ['namespace/yaobank', true],
      ['deployment/yaobank/database', true],
      ['deployment/yaobank/summary', true],
      ['deployment/yaobank/customer', true],
    ])
  })
})
