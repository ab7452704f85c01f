import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LabConsole } from '../../../shared/console/labConsole'
import { loadDesign } from '../../../shared/format/loadDesign'
import { labConsole, run } from './labConsoleHelpers'

/**
 * birdcl in calico-node, on the BIRD a Calico node runs with the bird.cfg Peerlab writes. Every
 * text here (times and update counters aside) was compared with real BIRD 1.6.8 running that
 * bird.cfg in network namespaces with the node's pod routes and tunnel address
 * (test/conformance); Calico's fork differs from it only in its version string. The lab's
 * control-plane node is 10.0.1.20, its calico-node pod calico-node-6ttbb; the lab came up at
 * 17:44:46.
 */
const BANNER = 'BIRD v0.3.3+birdv1.6.8 ready.\n'

const onLab = (command: string): string => run(labConsole({ afterSteps: true }), `kubectl exec -n kube-system calico-node-6ttbb -- birdcl ${command}`).stdout

const fixture = (name: string): string => readFileSync(resolve(import.meta.dirname, '../../fixtures/designs', `${name}-v1alpha1.yaml`), 'utf8')

/** birdcl in node `a` of the birdc design (eBGP to edge, mesh with b and c, route reflector rr). */
const onNodeA = (command: string): string => run(new LabConsole(loadDesign(fixture('birdc')).design), `kubectl exec -n kube-system calico-node-jszpx -- birdcl ${command}`).stdout

const BGP = (asPath: string, nextHop: string): string => `\tType: BGP unicast univ\n\tBGP.origin: IGP\n\tBGP.as_path: ${asPath}\n\tBGP.next_hop: ${nextHop}\n\tBGP.local_pref: 100\n`

describe('birdcl show route on a Calico node', () => {
  it('lists the static blackhole, the kernel-learned DHCP and pod routes, the direct subnet and tunl0 address, and BGP routes with their (100/0) next-hop metric, in FIB order', () => {
    const kernel = (source: number, metric: number, prefsrc?: string): string =>
      `\tType: inherit unicast univ\n\tKernel.source: ${source}\n\tKernel.metric: ${metric}\n${prefsrc !== undefined ? `\tKernel.prefsrc: ${prefsrc}\n` : ''}`
    expect(onLab('show route all')).toBe(
      BANNER +
        `0.0.0.0/0          via 10.0.1.1 on ens5 [kernel1 17:44:46] * (10)\n${kernel(16, 100, '10.0.1.20')}` +
        '10.0.1.0/24        dev ens5 [direct1 17:44:46] * (240)\n\tType: device unicast univ\n' +
        `10.0.1.1/32        dev ens5 [kernel1 17:44:46] * (10)\n${kernel(16, 100, '10.0.1.20')}` +
        `10.48.2.216/29     via 10.0.1.31 on ens5 [Mesh_10_0_1_31 17:44:46] * (100/0) [i]\n${BGP('', '10.0.1.31')}` +
        `10.48.0.0/26       via 10.0.1.31 on ens5 [Mesh_10_0_1_31 17:44:46] * (100/0) [i]\n${BGP('', '10.0.1.31')}` +
        '10.48.0.128/26     blackhole [static1 17:44:46] * (200)\n\tType: static unicast univ\n' +
        '10.48.0.128/32     dev tunl0 [direct1 17:44:46] * (240)\n\tType: device unicast univ\n' +
        `10.48.0.192/26     via 10.0.1.30 on ens5 [Mesh_10_0_1_30 17:44:46] * (100/0) [i]\n${BGP('', '10.0.1.30')}` +
        `10.48.0.129/32     dev calic0f381a78ca [kernel1 17:44:46] * (10)\n${kernel(3, 0)}`,
    )
  })

  it('selects by protocol, by the longest prefix covering an address, and what the kernel protocol takes (not its own routes, not device routes)', () => {
    expect(onLab('show route protocol kernel1')).toBe(
      `${BANNER}0.0.0.0/0          via 10.0.1.1 on ens5 [kernel1 17:44:46] * (10)\n10.0.1.1/32        dev ens5 [kernel1 17:44:46] * (10)\n10.48.0.129/32     dev calic0f381a78ca [kernel1 17:44:46] * (10)\n`,
    )
    expect(onLab('show route for 10.48.2.220')).toBe(`${BANNER}10.48.2.216/29     via 10.0.1.31 on ens5 [Mesh_10_0_1_31 17:44:46] * (100/0) [i]\n`)
    expect(onLab('show route export kernel1')).toBe(
      `${BANNER}10.48.2.216/29     via 10.0.1.31 on ens5 [Mesh_10_0_1_31 17:44:46] * (100/0) [i]\n10.48.0.0/26       via 10.0.1.31 on ens5 [Mesh_10_0_1_31 17:44:46] * (100/0) [i]\n10.48.0.128/26     blackhole [static1 17:44:46] * (200)\n10.48.0.192/26     via 10.0.1.30 on ens5 [Mesh_10_0_1_30 17:44:46] * (100/0) [i]\n`,
    )
    expect(onLab('show route count')).toBe(`${BANNER}9 of 9 routes for 9 networks\n`)
    // Static, device and direct protocols have no rt_notify: nothing of any net is looked at.
    expect(onLab('show route export static1 count')).toBe(`${BANNER}0 of 0 routes for 0 networks\n`)
  })

  it('exports to an iBGP peer only its own block, with the BGP attributes BIRD creates (bgp_create_attrs), and holds back what calico_export_to_bgp_peers rejects', () => {
    expect(onLab('show route export Mesh_10_0_1_30 all')).toBe(
      `${BANNER}10.48.0.128/26     blackhole [static1 17:44:46] * (200)\n\tType: static unicast univ\n${BGP('', '10.0.1.20').slice('\tType: BGP unicast univ\n'.length)}`,
    )
    expect(onLab('show route noexport Mesh_10_0_1_30')).toBe(
      `${BANNER}0.0.0.0/0          via 10.0.1.1 on ens5 [kernel1 17:44:46] * (10)\n10.0.1.0/24        dev ens5 [direct1 17:44:46] * (240)\n10.0.1.1/32        dev ens5 [kernel1 17:44:46] * (10)\n10.48.0.128/32     dev tunl0 [direct1 17:44:46] * (240)\n10.48.0.129/32     dev calic0f381a78ca [kernel1 17:44:46] * (10)\n`,
    )
  })

  it('exports to an eBGP peer what it learned over the mesh and the reflector, its own AS prepended, itself as next hop, the route info showing the new origin AS', () => {
    expect(onNodeA('show route export Node_10_0_7_1')).toBe(
      BANNER +
        '10.60.0.64/26      via 10.0.7.12 on eth0 [Mesh_10_0_7_12 17:44:46] * (100/0) [AS64512i]\n' +
        '10.60.0.128/26     via 10.0.7.14 on eth0 [Node_10_0_7_14 17:44:46] * (100/0) [AS64512i]\n' +
        '10.60.0.192/26     blackhole [static1 17:44:46] * (200)\n' +
        '10.60.1.64/26      via 10.0.7.13 on eth0 [Mesh_10_0_7_13 17:44:46] * (100/0) [AS64512i]\n' +
        '10.60.1.128/26     via 10.0.7.14 on eth0 [Node_10_0_7_14 17:44:46] * (100/0) [AS64512i]\n',
    )
    expect(onNodeA('show route export Node_10_0_7_1 all for 10.60.0.64/26')).toBe(
      `${BANNER}10.60.0.64/26      via 10.0.7.12 on eth0 [Mesh_10_0_7_12 17:44:46] * (100/0) [AS64512i]\n${BGP('64512', '10.0.7.11')}`,
    )
  })

  it('keeps a reflected copy beside the mesh route, naming the reflector it came from and its ORIGINATOR_ID and CLUSTER_LIST', () => {
    expect(onNodeA('show route all for 10.60.0.70')).toBe(
      BANNER +
        `10.60.0.64/26      via 10.0.7.12 on eth0 [Mesh_10_0_7_12 17:44:46] * (100/0) [i]\n${BGP('', '10.0.7.12')}` +
        `                   via 10.0.7.12 on eth0 [Node_10_0_7_14 17:44:46 from 10.0.7.14] (100/0) [i]\n${BGP('', '10.0.7.12')}\tBGP.originator_id: 10.0.7.12\n\tBGP.cluster_list: 244.0.0.1\n`,
    )
  })

  it('reflects to its clients with ADD-PATH what it learned from other clients, adding ORIGINATOR_ID and its cluster ID (proto/bgp/attrs.c bgp_update_attrs)', () => {
    const rr = run(new LabConsole(loadDesign(fixture('route-reflector')).design), 'kubectl exec -n kube-system calico-node-zdzbg -- birdcl show route export Node_10_0_2_11 all').stdout
    expect(rr).toBe(
      BANNER +
        `10.60.0.0/26       via 10.0.2.13 on eth0 [Node_10_0_2_13 17:30:00] * (100/0) [i]\n${BGP('', '10.0.2.13')}\tBGP.originator_id: 10.0.2.13\n\tBGP.cluster_list: 244.0.0.1\n` +
        `10.60.0.64/26      via 10.0.2.12 on eth0 [Node_10_0_2_12 17:30:00] * (100/0) [i]\n${BGP('', '10.0.2.12')}\tBGP.originator_id: 10.0.2.12\n\tBGP.cluster_list: 244.0.0.1\n` +
        `10.60.0.192/26     blackhole [static1 17:30:00] * (200)\n\tType: static unicast univ\n${BGP('', '10.0.2.10').slice('\tType: BGP unicast univ\n'.length)}`,
    )
  })
})

describe('birdcl show protocols and show status on a Calico node', () => {
  const stats = (importUpdates: string, exportUpdates: string): string =>
    '  Route change stats:     received   rejected   filtered    ignored   accepted\n' +
    `    Import updates:     ${importUpdates}\n` +
    '    Import withdraws:            0          0        ---          0          0\n' +
    `    Export updates:     ${exportUpdates}\n` +
    '    Export withdraws:            0        ---        ---        ---          0\n'

  it("lists bird.cfg's protocols in its order: static1, kernel1, device1, direct1, then the mesh and global peers", () => {
    expect(onLab('show protocols')).toBe(
      BANNER +
        'name     proto    table    state  since       info\n' +
        ['static1  Static ', 'kernel1  Kernel ', 'device1  Device ', 'direct1  Direct '].map((p) => `${p}  master   up     17:44:46    \n`).join('') +
        'Mesh_10_0_1_30 BGP      master   up     17:44:46    Established   \nMesh_10_0_1_31 BGP      master   up     17:44:46    Established   \nGlobal_10_0_1_10 BGP      master   up     17:44:46    Established   \n',
    )
  })

  it("details a mesh session: the template's description, `import all` and the export filter, multihop and ADD-PATH both ways with another Calico node", () => {
    expect(onLab('show protocols all Mesh_10_0_1_30')).toBe(
      BANNER +
        'name     proto    table    state  since       info\n' +
        'Mesh_10_0_1_30 BGP      master   up     17:44:46    Established   \n' +
        '  Description:    Connection to BGP peer\n  Preference:     100\n  Input filter:   ACCEPT\n  Output filter:  calico_export_to_bgp_peers\n' +
        '  Routes:         1 imported, 1 exported, 1 preferred\n' +
        // Nine nets offered: three routes go back neither to 10.0.1.30 nor, iBGP to iBGP, anywhere; five are not Calico's to export.
        stats('         1          0          0          0          1', '         9          3          5        ---          1') +
        '  BGP state:          Established\n    Neighbor address: 10.0.1.30\n    Neighbor AS:      64512\n    Neighbor ID:      10.0.1.30\n' +
        '    Neighbor caps:    refresh enhanced-refresh restart-able llgr-aware AS4 add-path-rx add-path-tx\n' +
        '    Session:          internal multihop AS4 add-path-rx add-path-tx\n    Source address:   10.0.1.20\n    Hold timer:       191/240\n    Keepalive timer:  31/80\n\n',
    )
    // bastion's BIRD announces no ADD-PATH: the session to it has none.
    expect(onLab('show protocols all Global_10_0_1_10')).toContain('    Neighbor caps:    refresh enhanced-refresh restart-aware llgr-aware AS4\n    Session:          internal multihop AS4\n')
  })

  it('counts what the kernel protocol learns and what calico_kernel_programming lets it install', () => {
    expect(onLab('show protocols all kernel1')).toBe(
      `${BANNER}name     proto    table    state  since       info\nkernel1  Kernel   master   up     17:44:46    \n  Preference:     10\n  Input filter:   ACCEPT\n  Output filter:  calico_kernel_programming\n  Routes:         3 imported, 4 exported, 3 preferred\n${stats('         3          0          0          0          3', '         9          5          0        ---          4')}\n`,
    )
  })

  it('shows an eBGP session as external multihop, and a session that is not up with its state and no neighbor details', () => {
    expect(onNodeA('show protocols all Node_10_0_7_1')).toContain('  Routes:         0 imported, 5 exported, 0 preferred\n')
    expect(onNodeA('show protocols all Node_10_0_7_1')).toContain('    Session:          external multihop AS4\n    Source address:   10.0.7.11\n')
    const peer = 'apiVersion: projectcalico.org/v3\nkind: BGPPeer\nmetadata:\n  name: nowhere\nspec:\n  peerIP: 10.0.1.99\n  asNumber: 65099\n'
    const console = labConsole({ afterSteps: true, extra: peer })
    expect(run(console, 'kubectl exec -n kube-system calico-node-6ttbb -- birdcl show protocols all Global_10_0_1_99').stdout.split('\n').slice(-5).join('\n')).toBe(
      '  BGP state:          Connect\n    Neighbor address: 10.0.1.99\n    Neighbor AS:      65099\n\n',
    )
  })

  it("answers show status with the fork's version and the node's router ID", () => {
    expect(onLab('show status')).toBe(
      `${BANNER}BIRD v0.3.3+birdv1.6.8\nRouter ID is 10.0.1.20\nCurrent server time is 2024-05-14 20:33:35\nLast reboot on 2024-05-14 17:44:46\nLast reconfiguration on 2024-05-14 17:44:46\nDaemon is up and running\n`,
    )
  })
})

describe("birdcl's client: Calico's build and socket", () => {
  it("expands `s r` to show route: Calico's fork is built without RIP and OSPF, so nothing else starts with r", () => {
    expect(onLab('s r')).toBe(onLab('show route'))
    expect(run(labConsole(), 'sudo birdc s r').stdout).toContain('Ambiguous command')
  })

  it('connects to /var/run/calico/bird.ctl by default or when named, and to nothing else', () => {
    expect(onLab('-s /var/run/calico/bird.ctl show status')).toBe(onLab('show status'))
    expect(run(labConsole({ afterSteps: true }), 'kubectl exec -n kube-system calico-node-6ttbb -- birdcl -s /var/run/bird/bird.ctl show status')).toMatchObject({ stdout: '', exitCode: 1 })
    expect(onLab('show route export calico_aggr')).toBe(`${BANNER}calico_aggr is not a protocol\n`)
  })
})
