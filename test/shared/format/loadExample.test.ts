import { describe, expect, it } from 'vitest'
import { loadDesign } from '../../../shared/format/loadDesign'
import { displayName } from '../../../shared/model/design'
import { readExample } from '../../exampleText'

// The starting state of ../shared/seeds/000_072053aa9a42589e.txt (Calico lab 2.2).
describe('the built-in example calico-lab-2.2', () => {
  const { design, diagnostics } = loadDesign(readExample('calico-lab-2.2'))

  it('loads without a single diagnostic', () => {
    expect(diagnostics).toEqual([])
  })

  it('has the cluster ranges kubeadm was given', () => {
    expect(design.name).toBe('calico-lab-2.2')
    expect(design.cluster.podCidrs).toEqual(['10.48.0.0/16'])
    expect(design.cluster.serviceCidrs).toEqual(['10.49.0.0/16'])
    expect(design.cluster.ipFamilies).toEqual(['IPv4'])
    expect(design.cluster.jumpHost).toBe('bastion')
  })

  it('has the lab subnet on ens5 with its gateway', () => {
    expect(design.segments).toEqual([{ id: 'segment/lab-subnet', name: 'lab-subnet', cidr: '10.0.1.0/24', gateway: '10.0.1.1', interfaceName: 'ens5' }])
  })

  it('has bastion and the three nodes, each on ens5 in the lab subnet', () => {
    const summary = design.hosts.map((h) => [displayName(h), h.name, h.role, h.interfaces.map((i) => `${i.name} ${i.address} ${i.segmentId}`)])
    expect(summary).toEqual([
      ['bastion', 'bastion', 'router', ['ens5 10.0.1.10 segment/lab-subnet']],
      ['control1', 'ip-10-0-1-20.eu-west-1.compute.internal', 'control-plane', ['ens5 10.0.1.20 segment/lab-subnet']],
      ['worker1', 'ip-10-0-1-30.eu-west-1.compute.internal', 'worker', ['ens5 10.0.1.30 segment/lab-subnet']],
      ['worker2', 'ip-10-0-1-31.eu-west-1.compute.internal', 'worker', ['ens5 10.0.1.31 segment/lab-subnet']],
    ])
    expect(design.hosts.find((h) => h.name === 'bastion')).toMatchObject({ asNumber: 64512, daemon: 'bird' })
  })

  it('has the default IPPool as calicoctl shows it: 10.48.0.0/24, all()', () => {
    expect(design.ipPools).toEqual([
      {
        id: 'ippool/default-ipv4-ippool',
        name: 'default-ipv4-ippool',
        cidr: '10.48.0.0/24',
        blockSize: 26,
        ipipMode: 'Always',
        vxlanMode: 'Never',
        natOutgoing: true,
        disabled: false,
        nodeSelector: 'all()',
      },
    ])
  })

  it('records every document in file order', () => {
    expect(design.documents.map((d) => `${d.kind}/${d.name}`)).toEqual([
      'Cluster/calico-lab-2.2',
      'Segment/lab-subnet',
      'Router/bastion',
      'Node/ip-10-0-1-20.eu-west-1.compute.internal',
      'Node/ip-10-0-1-30.eu-west-1.compute.internal',
      'Node/ip-10-0-1-31.eu-west-1.compute.internal',
      'IPPool/default-ipv4-ippool',
    ])
    expect(design.documents.every((d) => d.understood)).toBe(true)
  })
})
