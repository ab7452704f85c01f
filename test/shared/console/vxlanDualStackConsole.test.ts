import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LabConsole } from '../../../shared/console/labConsole'
import { loadDesign } from '../../../shared/format/loadDesign'
import { run } from './labConsoleHelpers'

const fixture = (name: string): LabConsole => new LabConsole(loadDesign(readFileSync(resolve(import.meta.dirname, '../../fixtures/designs', `${name}-v1alpha1.yaml`), 'utf8')).design)

describe('a dual-stack VXLAN CrossSubnet node’s console', () => {
  const console = fixture('vxlan-cross-subnet')
  console.run('ssh node-a')

  it('ip route and ip -6 route print Felix’s VXLAN routes as iproute2 does (calico.md §6, §6.2)', () => {
    expect(run(console, 'ip route').stdout).toContain(
      '10.70.0.64/26 via 10.0.1.12 dev eth0 proto 80 onlink \nblackhole 10.70.0.128/26 proto 80 \n10.70.0.129 dev cali6701786237d scope link \n10.70.0.192/26 via 10.70.0.192 dev vxlan.calico onlink \n',
    )
    expect(run(console, 'ip -6 route').stdout).toContain(
      'fd00:70::40/122 via fd00:0:1::12 dev eth0 proto 80 metric 1024 onlink pref medium \nblackhole fd00:70::80/122 dev lo proto 80 metric 1024 pref medium \nfd00:70::81 dev cali6701786237d scope link \nfd00:70::c0/122 via fd00:70::c0 dev vxlan-v6.calico metric 1024 onlink pref medium \n',
    )
  })

  it('shows the node’s IPv6 VTEP address as a /128 on vxlan-v6.calico, with Felix’s MTU (host MTU − 70)', () => {
    expect(run(console, 'ip -6 address show dev vxlan-v6.calico').stdout).toBe(
      '5: vxlan-v6.calico: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 8931 qdisc noqueue state UNKNOWN group default qlen 1000\n    inet6 fd00:70::80/128 scope global \n       valid_lft forever preferred_lft forever\n',
    )
  })

  it('ip route get picks the VTEP address as the source over vxlan-v6.calico', () => {
    expect(run(console, 'ip route get fd00:70::c1').stdout).toBe('fd00:70::c1 via fd00:70::c0 dev vxlan-v6.calico src fd00:70::80 uid 1000 \n    cache \n')
  })

  it('calicoctl ipam show counts the VTEP addresses among the addresses in use', () => {
    expect(run(console, 'calicoctl ipam show').stdout).toContain('| IP Pool  | fd00:70::/120 |       256 | 6 (2%)     | 250 (98%) |\n')
  })
})

describe('pods IPAM gives no address, in kubectl', () => {
  const console = fixture('dual-stack-ipam-failures')

  it('are ContainerCreating with no IP, as Kubernetes shows a pod whose sandbox the CNI plugin failed', () => {
    const lines = run(console, 'kubectl get pods -o wide').stdout.split('\n')
    expect(lines.find((l) => l.startsWith('tunnel-pool'))).toBe('tunnel-pool            0/1     ContainerCreating   0          3h    <none>        node-a   <none>           <none>')
    expect(lines.filter((l) => l.includes('ContainerCreating'))).toHaveLength(2)
    expect(run(console, 'kubectl get pod tunnel-pool -o yaml').stdout).toContain('  message: cannot find a qualified ippool, no pools match the required use (Workload)\n')
  })

  it('calicoctl ipam show holds no address of the pod that lost its IPv6 one: its IPv4 address was released', () => {
    expect(run(console, 'calicoctl ipam show --show-blocks').stdout).toContain('| Block    | 10.80.0.128/26 |        64 | 4 (6%)     | 60 (94%)   |\n')
  })
})
