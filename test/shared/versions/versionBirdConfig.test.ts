import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { birdConfigs } from '../../../shared/export/birdConfig'
import { loadDesign } from '../../../shared/format/loadDesign'
import { computeNetwork } from '../../../shared/routing/network'

/** worker1's bird.cfg on each release of the lab fixture. */
function worker1Config(version: string): string {
  const design = loadDesign(readFileSync(resolve(import.meta.dirname, `../../fixtures/designs/calico-${version}.yaml`), 'utf8')).design
  const file = birdConfigs(design, computeNetwork(design)).find((f) => f.host === 'node/ip-10-0-1-30.eu-west-1.compute.internal')
  if (!file) throw new Error('no bird.cfg for worker1')
  return file.text
}

describe("a Calico node's bird.cfg by release", () => {
  it('v3.30 and v3.31 are the same, with no metric or LOCAL_PREF mapping', () => {
    expect(worker1Config('v3.31')).toBe(worker1Config('v3.30'))
    expect(worker1Config('v3.30')).not.toContain('krt_metric')
  })

  it('v3.32 maps kernel metric and LOCAL_PREF both ways (buildExportFilter and SetMetricForBGPRoutes in confd/pkg/backends/calico/bgp_processor.go @ v3.32.0)', () => {
    const text = worker1Config('v3.32')
    expect(text).toContain(
      [
        'filter calico_export_to_bgp_peers {',
        '  if (defined(source) && source = RTS_BGP && defined(bgp_local_pref)) then {',
        '    krt_metric = 2147483647 - bgp_local_pref;',
        '  } else {',
        '    if (!defined(krt_metric)) then { krt_metric = 1024; }',
        '    bgp_local_pref = 2147483647 - krt_metric;',
        '  }',
      ].join('\n'),
    )
    expect(text).toContain(
      [
        'filter calico_kernel_programming {',
        '  if (defined(source) && (source = RTS_BGP) && !defined(krt_metric)) then {',
        '      krt_metric = 1024;',
        '      if (defined(bgp_local_pref)) then {',
        '          krt_metric = 2147483647 - bgp_local_pref;',
        '      }',
        '      if (krt_metric < 1024) then {',
        '          preference = 200;',
        '      }',
        '  }',
        '  if ( net ~ 10.48.0.0/24 ) then { krt_tunnel = "tunl0"; accept; }',
      ].join('\n'),
    )
    // Peers sorted by protocol name: Global_ before Mesh_ (sort.Slice on config.Peers by Name).
    expect(text.indexOf('protocol bgp Global_10_0_1_10')).toBeLessThan(text.indexOf('protocol bgp Mesh_10_0_1_20'))
    // Before v3.33 only explicit peers carry `ttl security off; multihop;`, never mesh peers.
    const mesh = text.slice(text.indexOf('protocol bgp Mesh_10_0_1_20'))
    expect(mesh.slice(0, mesh.indexOf('}'))).not.toContain('ttl security off;')
  })

  it('v3.33 leaves IPIP pools to Felix and gives mesh peers ttl security off; multihop; (processMeshPeers @ release-v3.33)', () => {
    const text = worker1Config('v3.33')
    expect(text).toContain('  if ( net ~ 10.48.0.0/24 ) then { reject; } # Felix programs IPIP routes (v3.33).')
    expect(text).toContain(
      'protocol bgp Mesh_10_0_1_20 from bgp_template {\n  neighbor 10.0.1.20 as 64512;\n  source address 10.0.1.30;  # The local address we use for the TCP connection\n  ttl security off;\n  multihop;\n}',
    )
    expect(text).toContain('protocol bgp Global_10_0_1_10 from bgp_template {\n  ttl security off;\n  multihop;\n  neighbor 10.0.1.10 as 64512;\n  source address 10.0.1.30;')
  })
})
