import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LabConsole } from '../../../shared/console/labConsole'
import { loadDesign } from '../../../shared/format/loadDesign'
import { readExample } from '../../exampleText'
import { labConsole, run } from './labConsoleHelpers'

describe('calicoctl', () => {
  it('needs root for node status before anything else, and says Calico is not running off a node (calicoctl/commands/node/permissions.go)', () => {
    const console = labConsole()
    expect(run(console, 'calicoctl node status')).toMatchObject({ stdout: 'Need super user privileges: Operation not permitted\n', exitCode: 1 })
    expect(run(console, 'sudo calicoctl node status')).toMatchObject({ stdout: 'Calico process is not running.\n', exitCode: 1 })
    console.run('ssh worker1')
    expect(run(console, 'calicoctl node status').stdout).toBe('Need super user privileges: Operation not permitted\n')
    expect(run(console, 'sudo calicoctl node status').stdout).toContain('| 10.0.1.20    | node-to-node mesh | up    | 17:44:46 | Established |')
  })

  it('shows a session that is down with the state BIRD reports', () => {
    const console = labConsole({ extra: 'apiVersion: projectcalico.org/v3\nkind: BGPPeer\nmetadata:\n  name: nowhere\nspec:\n  peerIP: 10.0.1.99\n  asNumber: 64512\n' })
    console.run('ssh worker1')
    expect(run(console, 'sudo calicoctl node status').stdout).toMatch(/\| 10\.0\.1\.99 +\| global +\| start \| 17:44:46 \| Connect +\|/)
  })

  it('lists BGP peers and nodes with its own columns', () => {
    const console = labConsole({ afterSteps: true })
    expect(run(console, 'calicoctl get bgppeers').stdout).toBe('NAME                   PEERIP      NODE       ASN     \nbgppeer-global-64512   10.0.1.10   (global)   64512   \n\n')
    expect(run(console, 'calicoctl get nodes').stdout).toBe(
      'NAME                                      \nip-10-0-1-20.eu-west-1.compute.internal   \nip-10-0-1-30.eu-west-1.compute.internal   \nip-10-0-1-31.eu-west-1.compute.internal   \n\n',
    )
    // The AS number a node inherits shows in parentheses (calicoctl resourcemgr/node.go).
    expect(run(console, 'calicoctl get nodes -o wide').stdout.split('\n')[1]).toBe('ip-10-0-1-20.eu-west-1.compute.internal   (64512)   10.0.1.20/24          ')
    expect(run(console, 'calicoctl get ippool nope')).toMatchObject({ stderr: 'resource does not exist: IPPool(nope) with error: ippools.crd.projectcalico.org "nope" not found\n', exitCode: 1 })
    expect(run(console, 'calicoctl get ippool default-ipv4-ippool -o yaml').stdout).toMatch(/^apiVersion: projectcalico.org\/v3\nkind: IPPool\nmetadata:\n {2}name: default-ipv4-ippool\n/)
  })

  it('applies, creates and deletes Calico resources with its messages (calicoctl/commands/apply.go, delete.go)', () => {
    const console = labConsole()
    const pool = (name: string, cidr: string): string => `apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata:\n  name: ${name}\nspec:\n  cidr: ${cidr}\n`
    expect(run(console, `calicoctl apply -f - <<EOF\n${pool('p2', '10.48.3.0/24')}EOF`).stdout).toBe("Successfully applied 1 'IPPool' resource(s)\n")
    expect(run(console, `calicoctl create -f - <<EOF\n${pool('p2', '10.48.3.0/24')}EOF`)).toMatchObject({
      stderr: "Failed to create 'IPPool' resource: [resource already exists: IPPool(p2)]\n",
      exitCode: 1,
    })
    expect(run(console, `calicoctl apply -f - <<EOF\n${pool('p3', '10.48.0.0/25')}EOF`).stderr).toBe(
      "Failed to apply 'IPPool' resource: [error with field IPPool.Spec.CIDR = '10.48.0.0/25' (IPPool(p3) CIDR overlaps with IPPool(default-ipv4-ippool) CIDR 10.48.0.0/24)]\n",
    )
    const partial = run(console, `calicoctl apply -f - <<EOF\n${pool('p4', '10.48.4.0/24')}---\n${pool('p5', '10.48.4.0/25')}EOF`)
    expect(partial).toMatchObject({ stdout: "Partial success: applied the first 1 out of 2 'IPPool' resources:\n", exitCode: 1 })
    expect(partial.stderr).toMatch(/^Hit error: \[error with field IPPool\.Spec\.CIDR = '10\.48\.4\.0\/25' \(IPPool\(p5\) CIDR overlaps with IPPool\(p4\)/)
    expect(run(console, 'calicoctl delete ippool p2').stdout).toBe("Successfully deleted 1 'IPPool' resource(s)\n")
    expect(run(console, 'calicoctl delete ippool p2')).toMatchObject({
      stderr: 'Failed to delete \'IPPool\' resource: resource does not exist: IPPool(p2) with error: ippools.crd.projectcalico.org "p2" not found\n\n',
      exitCode: 1,
    })
    expect(run(console, 'calicoctl apply -f - <<EOF\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\nEOF').stderr).toBe(
      'Failed to execute command: Unknown resource type (Namespace) and/or version (v1)\n',
    )
  })

  it('shows IPAM as calicoctl ipam show does, blocks too', () => {
    const out = run(labConsole(), 'calicoctl ipam show --show-blocks').stdout
    expect(out).toContain('| Block    | 10.48.0.0/26   |        64 | 3 (5%)     | 61 (95%)  |')
  })
})

describe('ip', () => {
  it("prints the table of the host it runs on, in any of iproute2's spellings", () => {
    const console = labConsole({ afterSteps: true })
    const bastion =
      'default via 10.0.1.1 dev ens5 proto dhcp src 10.0.1.10 metric 100 \n10.0.1.0/24 dev ens5 proto kernel scope link src 10.0.1.10 \n10.0.1.1 dev ens5 proto dhcp scope link src 10.0.1.10 metric 100 \n10.48.2.216/29 via 10.0.1.31 dev ens5 proto bird \n'
    for (const spelling of ['ip route', 'ip r', 'ip -4 route show', 'ip ro li']) expect(run(console, spelling).stdout).toBe(bastion)
    expect(run(console, 'ip -6 route').stdout).toBe('')
  })

  it("answers ip route get with the route, source address and uid, and the kernel's errors", () => {
    const console = labConsole({ afterSteps: true })
    expect(run(console, 'ip route get 10.48.2.216').stdout).toBe('10.48.2.216 via 10.0.1.31 dev ens5 src 10.0.1.10 uid 1000 \n    cache \n')
    expect(run(console, 'ip route get 10.0.1.30').stdout).toBe('10.0.1.30 dev ens5 src 10.0.1.10 uid 1000 \n    cache \n')
    expect(run(console, 'sudo ip route get 10.0.1.10').stdout).toBe('local 10.0.1.10 dev lo src 10.0.1.10 uid 0 \n    cache <local> \n')
    console.run('ssh worker1')
    // worker1 reaches control1's IPIP block over tunl0, from its own tunnel address.
    const tunnel = run(console, 'ip route get 10.48.0.130').stdout
    expect(tunnel).toMatch(/^10\.48\.0\.130 via 10\.0\.1\.20 dev tunl0 src 10\.48\.0\.\d+ uid 1000 \n {4}cache \n$/)
    expect(run(console, 'ip route get 10.48.0.250')).toMatchObject({ stderr: 'RTNETLINK answers: Invalid argument\n', exitCode: 2 })
    expect(run(console, 'ip route get nonsense').exitCode).toBe(1)
  })

  it("lists addresses: loopback, the NIC with its subnet, and on a node tunl0 and the pods' cali veths", () => {
    const console = labConsole({ afterSteps: true })
    const bastion = run(console, 'ip addr').stdout
    expect(bastion).toContain('2: ens5: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 9001 qdisc mq state UP group default qlen 1000\n    link/ether 02:')
    expect(bastion).toContain('    inet 10.0.1.10/24 brd 10.0.1.255 scope global dynamic ens5\n')
    // With a family, iproute2 leaves out link lines and interfaces without such an address.
    expect(run(console, 'ip -4 addr').stdout).not.toContain('link/')
    expect(run(console, 'ip -6 addr').stdout).toBe(
      '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000\n    inet6 ::1/128 scope host \n       valid_lft forever preferred_lft forever\n',
    )
    console.run('ssh worker2')
    const worker2 = run(console, 'ip addr').stdout
    expect(worker2).toMatch(/\n3: tunl0@NONE: <NOARP,UP,LOWER_UP> mtu 8981 .*\n {4}link\/ipip 0\.0\.0\.0 brd 0\.0\.0\.0\n {4}inet 10\.48\.0\.\d+\/32 scope global tunl0\n/)
    expect(worker2).toMatch(/\n\d+: cali[0-9a-f]{11}@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 8981/)
    expect(run(console, 'ip addr show dev nope')).toMatchObject({ stderr: 'Device "nope" does not exist.\n', exitCode: 1 })
  })
})

describe('birdc and cat on the outside router', () => {
  it('needs root, as the control socket does', () => {
    expect(run(labConsole(), 'birdc show protocols')).toMatchObject({ stderr: 'Unable to connect to server control socket (/run/bird/bird.ctl): Permission denied\n', exitCode: 1 })
    expect(run(labConsole(), 'cat /etc/bird/bird.conf')).toMatchObject({ stderr: 'cat: /etc/bird/bird.conf: Permission denied\n', exitCode: 1 })
  })

  it("shows protocols in BIRD 1.6's columns, sessions waiting for Calico in start", () => {
    const out = run(labConsole(), 'sudo birdc show protocols').stdout
    expect(out.split('\n').slice(0, 4)).toEqual([
      'BIRD 1.6.8 ready.',
      'name     proto    table    state  since       info',
      'device1  Device   master   up     17:44:46    ',
      'kernel1  Kernel   master   up     17:44:46    ',
    ])
    expect(out).toContain('peer_10_0_1_20 BGP      master   start  17:44:46    Active        Socket: Connection closed\n')
  })

  it('shows the nginx block learned from worker2, marked best, once the lab is done', () => {
    const console = labConsole({ afterSteps: true })
    expect(run(console, 'sudo birdc show route').stdout).toBe('BIRD 1.6.8 ready.\n10.48.2.216/29     via 10.0.1.31 on ens5 [peer_10_0_1_31 17:44:46] * (100) [i]\n')
    expect(run(console, 'sudo birdc show protocols').stdout).toContain('peer_10_0_1_31 BGP      master   up     17:44:46    Established   \n')
  })

  it("lists a net's other routes newest first, taking sessions to come up in configuration order", () => {
    const text = readFileSync(resolve(import.meta.dirname, '../../fixtures/designs/ecmp-v1alpha1.yaml'), 'utf8')
    const console = new LabConsole(loadDesign(text).design)
    const lines = run(console, 'sudo birdc show route').stdout.split('\n')
    const service = lines.indexOf(lines.find((l) => l.startsWith('10.91.0.0/16')) ?? '')
    expect(lines.slice(service, service + 3).map((l) => / via (\S+) /.exec(l)?.[1])).toEqual(['10.0.5.21', '10.0.5.23', '10.0.5.22'])
  })

  it('has no birdc on a Calico node host: BIRD lives in calico-node, reached with kubectl exec and birdcl', () => {
    const console = labConsole()
    console.run('ssh worker1')
    expect(run(console, 'sudo birdc show protocols')).toMatchObject({
      stderr: 'birdc: command not found\n(On a Calico node, BIRD runs inside calico-node: kubectl exec -n kube-system calico-node-... -- birdcl show protocols)\n',
      exitCode: 127,
    })
  })

  it("prints an FRR router's frr.conf to root, and has no bird.conf there", () => {
    const console = new LabConsole(loadDesign(readExample('calico-lab-2.2').replace('  daemon: bird\n', '  daemon: frr\n')).design)
    expect(run(console, 'sudo cat /etc/frr/frr.conf').stdout).toContain('router bgp 64512\n')
    expect(run(console, 'sudo cat /etc/bird/bird.conf').stderr).toBe('cat: /etc/bird/bird.conf: No such file or directory\n')
  })

  it("prints the router's bird.conf to root", () => {
    expect(run(labConsole(), 'sudo cat /etc/bird/bird.conf').stdout).toMatch(/^# Generated by Peerlab: a standalone BIRD configuration for bastion\.\n[\s\S]*protocol bgp peer_10_0_1_31 \{\n/)
  })
})
