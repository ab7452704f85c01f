import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LabConsole } from '../../../shared/console/labConsole'
import { loadDesign } from '../../../shared/format/loadDesign'
import { labConsole, run } from './labConsoleHelpers'

/**
 * birdc on outside routers, in BIRD 1.6.8's formats. Every expected text here was compared with
 * Debian's bird 1.6.8 running the same design in network namespaces (test/conformance, design
 * test/fixtures/designs/birdc-v1alpha1.yaml); times are the design's lab clock, which starts
 * 2h48m44s after the cluster came up, and each command takes five seconds.
 */
const fixture = (name: string): string => readFileSync(resolve(import.meta.dirname, '../../fixtures/designs', `${name}-v1alpha1.yaml`), 'utf8')

function on(host: string, design = 'birdc'): LabConsole {
  const console = new LabConsole(loadDesign(fixture(design)).design)
  console.startOn(host)
  return console
}

const birdc = (host: string, command: string, design = 'birdc'): string => run(on(host, design), `sudo birdc ${command}`).stdout

const BGP_ATTRIBUTES = (asPath: string, nextHop: string): string => `\tType: BGP unicast univ\n\tBGP.origin: IGP\n\tBGP.as_path: ${asPath}\n\tBGP.next_hop: ${nextHop}\n\tBGP.local_pref: 100\n`

describe('birdc show route', () => {
  it('lists every route of a net, the best starred, with its attributes under `all` (nest/rt-table.c rt_show_rte, nest/rt-attr.c rta_show)', () => {
    expect(birdc('edge', 'show route for 10.60.0.70 all')).toBe(
      'BIRD 1.6.8 ready.\n' +
        `10.60.0.64/26      via 10.0.7.11 on eth0 [peer_10_0_7_11 17:44:46] * (100) [AS64512i]\n${BGP_ATTRIBUTES('64512', '10.0.7.11')}` +
        `                   via 10.0.7.12 on eth0 [peer_10_0_7_12 17:44:46] (100) [AS64512i]\n${BGP_ATTRIBUTES('64512', '10.0.7.12')}`,
    )
  })

  it('says `from` the neighbor when an iBGP route keeps a next hop that is not the neighbor', () => {
    expect(birdc('core', 'show route all').split('\n').slice(0, 7).join('\n')).toBe(
      `BIRD 1.6.8 ready.\n10.60.0.64/26      via 10.0.7.11 on eth0 [peer_10_0_7_1 17:44:46 from 10.0.7.1] * (100) [AS64512i]\n${BGP_ATTRIBUTES('64512', '10.0.7.11').trimEnd()}`,
    )
  })

  it("shows a reflector's ORIGINATOR_ID and CLUSTER_LIST, an empty iBGP AS path, and origin code i alone (proto/bgp/attrs.c bgp_get_route_info)", () => {
    const text = birdc('inner', 'show route all for 10.60.0.192/26')
    expect(text).toBe(
      `BIRD 1.6.8 ready.\n10.60.0.192/26     via 10.0.7.11 on eth0 [peer_10_0_7_14 17:44:46 from 10.0.7.14] * (100) [i]\n${BGP_ATTRIBUTES('', '10.0.7.11')}\tBGP.originator_id: 10.0.7.11\n\tBGP.cluster_list: 244.0.0.1\n`,
    )
    // What the reflector originates itself carries neither.
    expect(birdc('inner', 'show route all for 10.60.0.130')).toBe(
      `BIRD 1.6.8 ready.\n10.60.0.128/26     via 10.0.7.14 on eth0 [peer_10_0_7_14 17:44:46] * (100) [i]\n${BGP_ATTRIBUTES('', '10.0.7.14')}`,
    )
  })

  it('shows what an eBGP neighbor is sent as it leaves (own AS prepended, a next hop on its subnet kept, routes it will drop for its own AS) and what the export filter holds back', () => {
    const exported = (asPath: string, cidr: string): string => `${cidr.padEnd(18)} via 10.0.7.11 on eth0 [peer_10_0_7_11 17:44:46] * (100) [AS64512i]\n${BGP_ATTRIBUTES(asPath, '10.0.7.11')}`
    // 10.60.0.192/26 is what edge's export filter (peer_export) holds back: noexport shows it, as it would leave.
    expect(birdc('edge', 'show route export peer_10_0_7_12 all')).toBe(`BIRD 1.6.8 ready.\n${exported('65000 64512', '10.60.0.64/26')}${exported('65000 64512', '10.60.0.128/26')}`)
    expect(birdc('edge', 'show route noexport peer_10_0_7_12 all')).toBe(`BIRD 1.6.8 ready.\n${exported('65000 64512', '10.60.0.192/26')}`)
    expect(birdc('edge', 'show route preexport peer_10_0_7_12 count')).toBe('BIRD 1.6.8 ready.\n3 of 6 routes for 3 networks\n')
    // Nothing goes back to where it came from; iBGP gets the route unchanged.
    expect(birdc('edge', 'show route export peer_10_0_7_11')).toBe('BIRD 1.6.8 ready.\n')
    expect(birdc('edge', 'show route export peer_10_0_7_2 all')).toBe(`BIRD 1.6.8 ready.\n${exported('64512', '10.60.0.64/26')}${exported('64512', '10.60.0.128/26')}`)
    expect(birdc('edge', 'show route export peer_10_0_7_11 count')).toBe('BIRD 1.6.8 ready.\n0 of 6 routes for 3 networks\n')
    expect(birdc('edge', 'show route export peer_10_0_7_3')).toBe('BIRD 1.6.8 ready.\nProtocol is down\n')
  })

  it("lists a protocol's routes whether or not they are the best, naming the net on each first one shown", () => {
    expect(birdc('edge', 'show route protocol peer_10_0_7_12')).toBe(
      'BIRD 1.6.8 ready.\n10.60.0.64/26      via 10.0.7.12 on eth0 [peer_10_0_7_12 17:44:46] (100) [AS64512i]\n10.60.0.128/26     via 10.0.7.12 on eth0 [peer_10_0_7_12 17:44:46] (100) [AS64512i]\n10.60.0.192/26     via 10.0.7.12 on eth0 [peer_10_0_7_12 17:44:46] (100) [AS64512i]\n',
    )
    expect(birdc('edge', 'show route primary protocol peer_10_0_7_12')).toBe('BIRD 1.6.8 ready.\n')
  })

  it('keeps no filtered route: no configuration here says `import keep filtered`, so only the banner, or a count of nothing', () => {
    expect(birdc('edge', 'show route filtered')).toBe('BIRD 1.6.8 ready.\n')
    expect(birdc('edge', 'show route filtered count')).toBe('BIRD 1.6.8 ready.\n0 of 0 routes for 0 networks\n')
    expect(birdc('edge', 'show route count')).toBe('BIRD 1.6.8 ready.\n6 of 6 routes for 3 networks\n')
  })

  it('finds a net by exact prefix, or the longest one covering an address or prefix with `for`', () => {
    expect(birdc('edge', 'show route 10.60.0.64/26 primary')).toBe('BIRD 1.6.8 ready.\n10.60.0.64/26      via 10.0.7.11 on eth0 [peer_10_0_7_11 17:44:46] * (100) [AS64512i]\n')
    expect(birdc('edge', 'show route for 10.60.0.64/27 primary')).toBe('BIRD 1.6.8 ready.\n10.60.0.64/26      via 10.0.7.11 on eth0 [peer_10_0_7_11 17:44:46] * (100) [AS64512i]\n')
    expect(birdc('edge', 'show route 10.60.0.0/24')).toBe('BIRD 1.6.8 ready.\nNetwork not in table\n')
    expect(birdc('edge', 'show route for 10.60.0.0/16')).toBe('BIRD 1.6.8 ready.\nNetwork not in table\n')
  })

  it("shows a router's multipath kernel route when it merges paths: gateways in order, the best's protocol, no star", () => {
    expect(birdc('edge', 'show route export kernel1 for 10.91.0.1', 'ecmp')).toBe(
      'BIRD 1.6.8 ready.\n10.91.0.0/16       multipath [peer_10_0_5_21 17:30:00] (100) [AS64512i]\n\tvia 10.0.5.21 on eth0 weight 1\n\tvia 10.0.5.22 on eth0 weight 1\n\tvia 10.0.5.23 on eth0 weight 1\n',
    )
  })
})

describe("birdc's own and the daemon's refusals, as BIRD 1.6.8 words them", () => {
  it('expands abbreviated command words only: `sh ro` is show route, `al` after it is an argument the daemon refuses', () => {
    expect(birdc('edge', 'sh ro for 10.60.0.70')).toBe(birdc('edge', 'show route for 10.60.0.70'))
    expect(birdc('edge', 'sh pro al peer_10_0_7_2')).toBe(birdc('edge', 'show protocols all peer_10_0_7_2'))
    expect(birdc('edge', 'sh ro al')).toBe('BIRD 1.6.8 ready.\nIP address expected\n')
  })

  it('lists the expansions of an ambiguous word and says when there is no such command (client/commands.c cmd_expand)', () => {
    expect(birdc('edge', 's r')).toBe(
      'BIRD 1.6.8 ready.\nAmbiguous command, possible expansions are:\nshow rip ...                                   Show information about RIP protocol\nshow roa ...                                   Show ROA table\nshow route ...                                 Show routing table\n',
    )
    expect(birdc('edge', 'show')).toBe("BIRD 1.6.8 ready.\nNo such command. Press `?' for help.\n")
  })

  it("answers bad arguments with the grammar's errors, and still exits 0", () => {
    const cases: readonly (readonly [string, string])[] = [
      ['show route for 10.60.0.64/24', 'Invalid prefix'],
      ['show route 1.2.3.4/33', 'Invalid prefix length 33'],
      ['show route for 10.60.0.300', 'Invalid IPv4 address 10.60.0.300'],
      ['show route 10.60.0.64', 'syntax error'],
      ['show route 10.60.0.64/26 for 10.60.0.0/26', 'Only one prefix expected'],
      ['show route protocol peer_10_0_7_2 protocol peer_10_0_7_11', 'Protocol specified twice'],
      ['show route export peer_import', 'peer_import is not a protocol'],
      ['show route protocol all', 'syntax error'],
      ['show route table peer_import', 'peer_import is not a table'],
      ['show protocols all Mesh_10_0_7_12', 'Mesh_10_0_7_12 is not a protocol'],
      ['show protocols all peer_10_0_7_2 peer_10_0_7_11', 'syntax error'],
    ]
    for (const [command, error] of cases) expect(run(on('edge'), `sudo birdc ${command}`), command).toMatchObject({ stdout: `BIRD 1.6.8 ready.\n${error}\n`, exitCode: 0 })
  })

  it('says what it does not simulate instead of answering wrongly', () => {
    expect(run(on('edge'), 'sudo birdc show route where net ~ 10.0.0.0/8')).toMatchObject({
      stderr: "BIRD 1.6.8 ready.\nPeerlab's console does not evaluate BIRD filters (show route where ...).\n",
      exitCode: 1,
    })
    expect(run(on('edge'), 'sudo birdc show interfaces').exitCode).toBe(1)
    expect(run(on('edge'), 'sudo birdc -s /tmp/other.ctl show route')).toMatchObject({
      stderr: 'Unable to connect to server control socket (/tmp/other.ctl): No such file or directory\n',
      exitCode: 1,
    })
  })
})

describe('birdc show protocols all', () => {
  const statsTable = (importUpdates: string, exportUpdates: string): string =>
    '  Route change stats:     received   rejected   filtered    ignored   accepted\n' +
    `    Import updates:     ${importUpdates}\n` +
    '    Import withdraws:            0          0        ---          0          0\n' +
    `    Export updates:     ${exportUpdates}\n` +
    '    Export withdraws:            0        ---        ---        ---          0\n'

  it('details an Established eBGP session: filters, counts, what the neighbor announced, timers from the lab clock (nest/proto.c proto_show_basic_info, proto/bgp/bgp.c bgp_show_proto_info)', () => {
    expect(birdc('edge', 'show protocols all peer_10_0_7_11')).toBe(
      'BIRD 1.6.8 ready.\n' +
        'name     proto    table    state  since       info\n' +
        'peer_10_0_7_11 BGP      master   up     17:44:46    Established   \n' +
        '  Preference:     100\n  Input filter:   peer_import\n  Output filter:  peer_export\n' +
        // Five routes arrive from node a, two of them in the pool peer_import drops; all three nets' best come from a, so none go back.
        '  Routes:         3 imported, 0 exported, 3 preferred\n' +
        statsTable('         5          0          2          0          3', '         3          3          0        ---          0') +
        '  BGP state:          Established\n    Neighbor address: 10.0.7.11\n    Neighbor AS:      64512\n    Neighbor ID:      10.0.7.11\n' +
        '    Neighbor caps:    refresh enhanced-refresh restart-able llgr-aware AS4 add-path-rx add-path-tx\n' +
        '    Session:          external AS4\n    Source address:   10.0.7.1\n    Hold timer:       191/240\n    Keepalive timer:  31/80\n\n',
    )
  })

  it('counts as exported what BIRD sends and the neighbor drops for its own AS, and shows a BIRD router as the neighbor over iBGP', () => {
    expect(birdc('edge', 'show protocols all peer_10_0_7_12')).toContain(
      `  Routes:         3 imported, 2 exported, 0 preferred\n${statsTable('         5          0          2          0          3', '         3          0          1        ---          2')}`,
    )
    const core = birdc('edge', 'show protocols all peer_10_0_7_2')
    expect(core).toContain('    Neighbor caps:    refresh enhanced-refresh restart-aware llgr-aware AS4\n    Session:          internal AS4\n')
  })

  it('shows a session that is not up with its state, retry timer and last error, and no neighbor details', () => {
    expect(birdc('edge', 'show protocols all peer_10_0_7_3').split('\n').slice(-7).join('\n')).toBe(
      '  BGP state:          Active\n    Neighbor address: 10.0.7.3\n    Neighbor AS:      65010\n    Connect delay:    1/5\n    Last error:       Socket: Connection refused\n\n',
    )
    // Error waits double from 60 s to 300 s (error wait time 60,300): 2h48m49s after the first error, 191 s are left of a 300 s wait.
    expect(birdc('edge', 'show protocols all peer_10_0_7_4').split('\n').slice(-7).join('\n')).toBe(
      '  BGP state:          Idle\n    Neighbor address: 10.0.7.4\n    Neighbor AS:      65021\n    Error wait:       191/300\n    Last error:       BGP Error: Bad peer AS\n\n',
    )
    expect(birdc('odd', 'show protocols all peer_10_0_7_1')).toContain('    Last error:       Received: Bad peer AS\n')
  })

  it("details the device and kernel protocols: BIRD's preferences, `import none; export all`, one export per net", () => {
    expect(birdc('edge', 'show protocols all kernel1')).toBe(
      'BIRD 1.6.8 ready.\nname     proto    table    state  since       info\nkernel1  Kernel   master   up     17:44:46    \n  Preference:     10\n  Input filter:   REJECT\n  Output filter:  ACCEPT\n' +
        `  Routes:         0 imported, 3 exported, 0 preferred\n${statsTable('         0          0          0          0          0', '         3          0          0        ---          3')}\n`,
    )
    expect(birdc('edge', 'show protocols all device1')).toContain(
      'device1  Device   master   up     17:44:46    \n  Preference:     240\n  Input filter:   ACCEPT\n  Output filter:  REJECT\n  Routes:         0 imported, 0 exported, 0 preferred\n',
    )
  })

  it("selects protocols by a quoted pattern (lib/patmatch.c), and counts what an import filter drops on the lab's bastion", () => {
    expect(run(on('edge'), `sudo birdc show protocols '"peer_10_0_7_1*"'`).stdout).toBe(
      'BIRD 1.6.8 ready.\nname     proto    table    state  since       info\npeer_10_0_7_11 BGP      master   up     17:44:46    Established   \npeer_10_0_7_12 BGP      master   up     17:44:46    Established   \n',
    )
    const bastion = run(labConsole({ afterSteps: true }), 'sudo birdc show protocols all peer_10_0_1_30').stdout
    // worker1 sends its default-pool block, which bastion's filter refuses (it accepts only 10.48.2.0/24),
    // and gets nothing back: bastion's one route came from worker2 over iBGP.
    expect(bastion).toContain(
      `  Routes:         0 imported, 0 exported, 0 preferred\n${statsTable('         1          0          1          0          0', '         1          1          0        ---          0')}`,
    )
  })

  it('answers show status with the router ID and the lab clock (sysdep/unix/main.c cmd_show_status)', () => {
    expect(birdc('edge', 'show status')).toBe(
      'BIRD 1.6.8 ready.\nBIRD 1.6.8\nRouter ID is 10.0.7.1\nCurrent server time is 2024-05-14 20:33:35\nLast reboot on 2024-05-14 17:44:46\nLast reconfiguration on 2024-05-14 17:44:46\nDaemon is up and running\n',
    )
  })
})
