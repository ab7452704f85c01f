import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LabConsole } from '../../../shared/console/labConsole'
import { loadDesign } from '../../../shared/format/loadDesign'

/** One console command on worker1 of the lab fixture of a Calico release. */
function run(version: string, command: string): string {
  const design = loadDesign(readFileSync(resolve(import.meta.dirname, `../../fixtures/designs/calico-${version}.yaml`), 'utf8')).design
  const lab = new LabConsole(design)
  lab.run('ssh worker1')
  const [entry] = lab.run(command)
  return entry?.stdout ?? ''
}

const STATUS_HEAD = 'Calico process is running.\n\nIPv4 BGP status\n'
const STATUS_TAIL = '\nIPv6 BGP status\nNo IPv6 peers found.\n\n'

describe('calicoctl node status by release', () => {
  it('v3.30 and v3.31: tablewriter, peers in bird.cfg order (mesh, global, node)', () => {
    const expected = `${STATUS_HEAD}+--------------+-------------------+-------+----------+-------------+
| PEER ADDRESS |     PEER TYPE     | STATE |  SINCE   |    INFO     |
+--------------+-------------------+-------+----------+-------------+
| 10.0.1.20    | node-to-node mesh | up    | 17:44:46 | Established |
| 10.0.1.31    | node-to-node mesh | up    | 17:44:46 | Established |
| 10.0.1.10    | global            | up    | 17:44:46 | Established |
+--------------+-------------------+-------+----------+-------------+
${STATUS_TAIL}`
    expect(run('v3.30', 'sudo calicoctl node status')).toBe(expected)
    expect(run('v3.31', 'sudo calicoctl node status')).toBe(expected)
  })

  it('v3.32: peers sorted by protocol name, Global_ before Mesh_ (sort.Slice in GetBirdBGPConfig, confd/pkg/backends/calico/bgp_processor.go @ v3.32.0)', () => {
    expect(run('v3.32', 'sudo calicoctl node status')).toBe(`${STATUS_HEAD}+--------------+-------------------+-------+----------+-------------+
| PEER ADDRESS |     PEER TYPE     | STATE |  SINCE   |    INFO     |
+--------------+-------------------+-------+----------+-------------+
| 10.0.1.10    | global            | up    | 17:44:46 | Established |
| 10.0.1.20    | node-to-node mesh | up    | 17:44:46 | Established |
| 10.0.1.31    | node-to-node mesh | up    | 17:44:46 | Established |
+--------------+-------------------+-------+----------+-------------+
${STATUS_TAIL}`)
  })

  it('v3.33: go-pretty StyleDefault, headers left-aligned (printPeers in calicoctl/calicoctl/commands/node/status.go @ release-v3.33; go-pretty v6.8.1)', () => {
    expect(run('v3.33', 'sudo calicoctl node status')).toBe(`${STATUS_HEAD}+--------------+-------------------+-------+----------+-------------+
| PEER ADDRESS | PEER TYPE         | STATE | SINCE    | INFO        |
+--------------+-------------------+-------+----------+-------------+
| 10.0.1.10    | global            | up    | 17:44:46 | Established |
| 10.0.1.20    | node-to-node mesh | up    | 17:44:46 | Established |
| 10.0.1.31    | node-to-node mesh | up    | 17:44:46 | Established |
+--------------+-------------------+-------+----------+-------------+
${STATUS_TAIL}`)
  })
})

describe('calicoctl ipam show by release', () => {
  it('up to v3.32: tablewriter, five columns, FREE = TOTAL − IN USE (showBlockUtilization @ v3.30.7)', () => {
    const expected = `+----------+--------------+-----------+------------+------------+
| GROUPING |     CIDR     | IPS TOTAL | IPS IN USE |  IPS FREE  |
+----------+--------------+-----------+------------+------------+
| IP Pool  | 10.48.0.0/24 |       256 | 9 (4%)     | 247 (96%)  |
| IP Pool  | 10.48.2.0/24 |       256 | 1 (0%)     | 255 (100%) |
+----------+--------------+-----------+------------+------------+
`
    for (const version of ['v3.30', 'v3.31', 'v3.32']) expect(run(version, 'calicoctl ipam show'), version).toBe(expected)
  })

  it('v3.33: go-pretty, six columns with IPS RESERVED, the counts right-aligned (ShowBlockUtilization in calicoctl/calicoctl/commands/ipam/show.go @ release-v3.33)', () => {
    expect(run('v3.33', 'calicoctl ipam show --show-blocks')).toBe(`+----------+----------------+-----------+------------+--------------+------------+
| GROUPING | CIDR           | IPS TOTAL | IPS IN USE | IPS RESERVED | IPS FREE   |
+----------+----------------+-----------+------------+--------------+------------+
| IP Pool  | 10.48.0.0/24   |       256 |     9 (4%) |       0 (0%) |  247 (96%) |
| Block    | 10.48.0.0/26   |        64 |     3 (5%) |       0 (0%) |   61 (95%) |
| Block    | 10.48.0.128/26 |        64 |     2 (3%) |       0 (0%) |   62 (97%) |
| Block    | 10.48.0.192/26 |        64 |     4 (6%) |       0 (0%) |   60 (94%) |
| IP Pool  | 10.48.2.0/24   |       256 |     1 (0%) |       0 (0%) | 255 (100%) |
| Block    | 10.48.2.216/29 |         8 |    1 (12%) |       0 (0%) |    7 (88%) |
+----------+----------------+-----------+------------+--------------+------------+
`)
  })
})

describe('birdcl on a Calico node follows bird.cfg', () => {
  it('v3.32 lists the protocols in protocol-name order', () => {
    const pod =
      run('v3.30', 'kubectl get pods -n kube-system -o wide')
        .split('\n')
        .find((l) => l.startsWith('calico-node-') && l.includes('ip-10-0-1-30'))
        ?.split(' ')[0] ?? ''
    const names = (version: string): string[] =>
      run(version, `kubectl exec -n kube-system ${pod} -- birdcl show protocols`)
        .split('\n')
        .map((l) => l.split(' ')[0] ?? '')
        .filter((n) => /^(Mesh|Global|Node)_/.test(n))
    expect(names('v3.30')).toEqual(['Mesh_10_0_1_20', 'Mesh_10_0_1_31', 'Global_10_0_1_10'])
    expect(names('v3.32')).toEqual(['Global_10_0_1_10', 'Mesh_10_0_1_20', 'Mesh_10_0_1_31'])
  })
})
