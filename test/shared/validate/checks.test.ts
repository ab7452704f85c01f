import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkBundle } from '../../../shared/validate/checkBundle'

/**
 * One case per check: a change to a design that passes every check, and the diagnostic that
 * change must produce. The unchanged design is the "does not trigger" half of every case.
 * Wording that comes from Calico or Kubernetes is quoted from calico.md §1.2, §4, §7 and
 * k8s.io/apimachinery/pkg/util/validation.
 */
const BASE = readFileSync(resolve(import.meta.dirname, '../../fixtures/designs/full-v1alpha1.yaml'), 'utf8')

function replace(from: string, to: string): (text: string) => string {
  return (text) => {
    if (!text.includes(from)) throw new Error(`fixture has no ${JSON.stringify(from)}`)
    return text.replace(from, to)
  }
}
const append =
  (doc: string) =>
  (text: string): string =>
    `${text}---\n${doc}`
const pool = (name: string, spec: string): string => `apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata:\n  name: ${name}\nspec:\n${spec.replace(/^/gm, '  ')}\n`

interface Case {
  readonly code: string
  readonly change: (text: string) => string
  readonly subject: string
  readonly message?: string | RegExp
  readonly severity?: 'error' | 'warning'
  readonly line?: number
}

const CASES: Record<string, Case> = {
  'an IPPool CIDR that is not a subnet (rule 2)': {
    code: 'ippool.cidr-invalid',
    change: replace('cidr: 10.48.2.0/24', 'cidr: 10.48.2.0/33'),
    subject: 'ippool/external',
    message: /^IPPool CIDR must be a valid subnet/,
  },
  'an IPPool CIDR with host bits (rule 3)': {
    code: 'ippool.cidr-not-masked',
    change: replace('cidr: 10.48.2.0/24', 'cidr: 10.48.2.5/24'),
    subject: 'ippool/external',
    message: /^IPPool CIDR is not strictly masked/,
  },
  'an IPv4 block size outside 20–32 (rule 4)': {
    code: 'ippool.block-size',
    change: replace('blockSize: 29', 'blockSize: 33'),
    subject: 'ippool/external',
    message: 'IPv4 block size must be between 20 and 32',
  },
  'an IPv6 block size outside 116–128 (rule 5)': {
    code: 'ippool.block-size',
    change: append(pool('v6', 'cidr: fd00:48::/64\nblockSize: 100')),
    subject: 'ippool/v6',
    message: 'IPv6 block size must be between 116 and 128',
  },
  'an enabled pool smaller than one block (rule 6)': {
    code: 'ippool.smaller-than-block',
    change: append(pool('tiny', 'cidr: 10.48.9.0/27')),
    subject: 'ippool/tiny',
    message: 'IP pool size is too small for use with Calico IPAM. It must be equal to or greater than the block size.',
  },
  'IPIP and VXLAN both enabled (rule 7)': {
    code: 'ippool.ipip-and-vxlan',
    change: replace('ipipMode: Always', 'ipipMode: Always\n  vxlanMode: CrossSubnet'),
    subject: 'ippool/pods',
    message: 'Cannot enable both VXLAN and IPIP on the same IPPool',
  },
  'IPIP on an IPv6 pool (rule 8)': {
    code: 'ippool.ipip-ipv6',
    change: append(pool('v6', 'cidr: fd00:48::/64\nipipMode: Always')),
    subject: 'ippool/v6',
    message: "IPIPMode other than 'Never' is not supported on an IPv6 IP pool",
  },
  'a pool in the IPv4 link-local range (rule 9)': {
    code: 'ippool.link-local',
    change: append(pool('ll', 'cidr: 169.254.0.0/24')),
    subject: 'ippool/ll',
    message: 'IPPool CIDR overlaps with IPv4 Link Local range 169.254.0.0/16',
  },
  'a pool in the IPv6 link-local range (rule 10)': {
    code: 'ippool.link-local',
    change: append(pool('ll6', 'cidr: fe80::/64')),
    subject: 'ippool/ll6',
    message: 'IPPool CIDR overlaps with IPv6 Link Local range fe80::/10',
  },
  'two pools that overlap (rule 11)': {
    code: 'ippool.overlap',
    change: append(pool('zz-copy', 'cidr: 10.48.2.0/25')),
    subject: 'ippool/zz-copy',
    message: 'IPPool(zz-copy) CIDR overlaps with IPPool(external) CIDR 10.48.2.0/24',
  },
  'a deprecated v1 field': {
    code: 'ippool.deprecated-field',
    change: replace('blockSize: 29', 'blockSize: 29\n  ipip: {enabled: true}'),
    subject: 'ippool/external',
    message: 'ipip is a deprecated v1 field and must not be set: use ipipMode',
  },
  'an unknown allowed use (rule 17)': {
    code: 'ippool.unknown-use',
    change: replace('blockSize: 29', 'blockSize: 29\n  allowedUses: [Workload, Gateway]'),
    subject: 'ippool/external',
    message: 'unknown use: Gateway',
  },
  'LoadBalancer combined with Workload (rule 18)': {
    code: 'ippool.load-balancer-use',
    change: append(pool('lb', 'cidr: 10.48.3.0/24\nallowedUses: [LoadBalancer, Workload]')),
    subject: 'ippool/lb',
    message: 'LoadBalancer cannot be used at the same time as: Workload',
  },
  'a node selector that does not parse (rule 20)': {
    code: 'ippool.invalid-selector',
    change: replace("nodeSelector: '!all()'", "nodeSelector: 'rack = r1'"),
    subject: 'ippool/external',
    message: /^nodeSelector "rack = r1" is not a valid selector/,
  },
  'a name Kubernetes rejects (rule 21)': {
    code: 'name.invalid',
    change: replace('name: only-external', 'name: Only_External'),
    subject: 'bgpfilter/Only_External',
    message: /^The BGPFilter "Only_External" is invalid: metadata.name: Invalid value: "Only_External": a lowercase RFC 1123 subdomain must consist of/,
  },
  'a namespace name that is not a DNS label': {
    code: 'name.invalid',
    change: append('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team.a\n'),
    subject: 'namespace/team.a',
    message: /a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-'/,
  },
  'a pool outside the pod CIDR': {
    code: 'plan.pool-outside-pod-cidr',
    change: append(pool('outside', 'cidr: 10.60.0.0/24\nnodeSelector: "!all()"')),
    subject: 'ippool/outside',
    severity: 'warning',
    message: /is outside the cluster's pod CIDR 10.48.0.0\/16/,
  },
  'pod and service CIDRs that overlap': {
    code: 'plan.range-overlap',
    change: replace('serviceCIDRs: [10.49.0.0/16]', 'serviceCIDRs: [10.48.128.0/20]'),
    subject: 'cluster/fixture',
    message: /^service CIDR 10.48.128.0\/20 overlaps pod CIDR 10.48.0.0\/16: a service ClusterIP could equal a pod address/,
  },
  'a subnet inside the pod CIDR': {
    code: 'plan.range-overlap',
    change: replace('cidrs: [10.0.1.0/24]', 'cidrs: [10.48.200.0/24]'),
    subject: 'segment/rack1',
    message: /^subnet 10.48.200.0\/24 overlaps pod CIDR 10.48.0.0\/16/,
  },
  'a pool that overlaps a subnet': {
    code: 'plan.range-overlap',
    change: append(pool('onhosts', 'cidr: 10.0.1.0/26\nnodeSelector: "!all()"')),
    subject: 'ippool/onhosts',
    message: /^IP pool 10.0.1.0\/26 overlaps subnet 10.0.1.0\/24: pods would get addresses that hosts on that subnet already use/,
  },
  'an invalid pod CIDR': { code: 'plan.invalid-cidr', change: replace('podCIDRs: [10.48.0.0/16]', 'podCIDRs: [10.48.0.1/16]'), subject: 'cluster/fixture', message: /host bits are set/ },
  'more pods than a pool has addresses': {
    code: 'plan.pool-too-small',
    change: replace('replicas: 3', 'replicas: 300'),
    subject: 'ippool/external',
    message: 'IP pool external has 256 addresses but 300 pods draw from it (Deployment external-ns/web ×300)',
  },
  'more pods than a pool has addresses, from many workloads': {
    code: 'plan.pool-too-small',
    change: (text) =>
      Array.from({ length: 8 }, (_, i) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: extra-${i}\n  namespace: external-ns\nspec:\n  containers: [{ name: app, image: nginx }]\n`).reduce(
        (changed, pod) => append(pod)(changed),
        replace('replicas: 3', 'replicas: 300')(text),
      ),
    subject: 'ippool/external',
    // The workloads are named up to five and then counted: a message naming hundreds of pods cannot be read.
    message:
      'IP pool external has 256 addresses but 308 pods draw from it (Deployment external-ns/web ×300, Pod external-ns/extra-0, Pod external-ns/extra-1, Pod external-ns/extra-2, Pod external-ns/extra-3 and 4 more)',
  },
  'pods of a family no pool serves': {
    code: 'plan.pool-too-small',
    change: (text) => replace('ipFamilies: [IPv4]', 'ipFamilies: [IPv4, IPv6]')(replace('podCIDRs: [10.48.0.0/16]', 'podCIDRs: [10.48.0.0/16, fd00:48::/56]')(text)),
    // With no pool to name, the problem is the first workload's, by its id, so the Problems list can select it.
    subject: 'deployment/external-ns/web',
    message: '4 pods need addresses but no enabled IP pool serves them (Deployment external-ns/web ×3 and Pod default/pinned)',
  },
  'fewer blocks than nodes': {
    code: 'plan.fewer-blocks-than-nodes',
    change: replace('blockSize: 26', 'blockSize: 24'),
    subject: 'ippool/pods',
    severity: 'warning',
    message: /has 1 \/24 block for 2 nodes/,
  },
  'the same address on two hosts': { code: 'address.duplicate', change: replace('address: 10.0.1.21}', 'address: 10.0.1.20}'), subject: 'node/node-b', message: /^10.0.1.20 is assigned to 2 hosts/ },
  'a router address outside its segment': {
    code: 'address.outside-segment',
    change: replace('addresses: [10.0.1.1]', 'addresses: [10.0.2.1]'),
    subject: 'router/tor1',
    message: /address 10.0.2.1 is not inside segment rack1/,
  },
  'a gateway outside its segment': { code: 'address.gateway-outside-segment', change: replace('gateways: [10.0.1.1]', 'gateways: [10.0.9.1]'), subject: 'segment/rack1' },
  'a BGP peer on no segment and no host': { code: 'bgp.peer-unreachable', change: replace('peerIP: 10.0.1.1', 'peerIP: 192.0.2.7'), subject: 'bgppeer/tor', severity: 'warning' },
  'a BGP peer whose filter does not exist': {
    code: 'bgp.filter-missing',
    change: replace('filters: [only-external]', 'filters: [only-external, nope]'),
    subject: 'bgppeer/tor',
    message: 'BGPFilter(s) not found: nope',
  },
  'a BGP peer with node and nodeSelector': { code: 'bgp.peer-node-and-selector', change: replace("nodeSelector: rack == 'r1'", "nodeSelector: rack == 'r1'\n  node: node-a"), subject: 'bgppeer/tor' },
  'a BGP peer with peerSelector and peerIP': { code: 'bgp.peer-selector-with-ip', change: replace('peerIP: 10.0.1.1', 'peerIP: 10.0.1.1\n  peerSelector: all()'), subject: 'bgppeer/tor' },
  'a BGP peer address with a bad port': { code: 'bgp.peer-ip-invalid', change: replace('peerIP: 10.0.1.1', 'peerIP: 10.0.1.1:0'), subject: 'bgppeer/tor', message: /port must be between 1 and 65535/ },
  'a node-level BGPConfiguration that sets the AS': {
    code: 'bgp.config-non-default-field',
    change: append('apiVersion: projectcalico.org/v3\nkind: BGPConfiguration\nmetadata:\n  name: node.node-a\nspec:\n  asNumber: 65000\n'),
    subject: 'bgpconfiguration/node.node-a',
    message: 'Cannot set asNumber on a non default BGP Configuration.',
  },
  'a route-reflector cluster id that is not IPv4': {
    code: 'bgp.rr-cluster-id',
    change: replace('routeReflectorClusterID: 244.0.0.1', 'routeReflectorClusterID: rr-one'),
    subject: 'caliconode/node-a',
  },
  // calicoctl ipam configure's rules: the resource itself is accepted, so they warn.
  'IPAM with neither strict affinity nor auto-allocation': {
    code: 'ipam.config-affinity',
    change: replace('autoAllocateBlocks: true', 'autoAllocateBlocks: false'),
    subject: 'ipamconfiguration/default',
    severity: 'warning',
    message: /^Cannot disable 'StrictAffinity' and 'AutoAllocateBlocks' at the same time: /,
  },
  'maxBlocksPerHost without strict affinity': {
    code: 'ipam.config-max-blocks-strict-affinity',
    change: replace('autoAllocateBlocks: true', 'autoAllocateBlocks: true\n  maxBlocksPerHost: 4'),
    subject: 'ipamconfiguration/default',
    severity: 'warning',
    message: /^MaxBlocksPerHost requires StrictAffinity to be enabled: /,
  },
  'a namespace annotation naming no pool': {
    code: 'workload.pool-annotation',
    change: replace(`'["external"]'`, `'["extrnal"]'`),
    subject: 'namespace/external-ns',
    message: /error parsing pool "extrnal": invalid CIDR address: extrnal/,
  },
  'a namespace annotation naming a disabled pool': {
    code: 'workload.pool-annotation',
    change: replace('blockSize: 29', 'blockSize: 29\n  disabled: true'),
    subject: 'namespace/external-ns',
    message: /the given pool \(10.48.2.0\/24\) does not exist, or is not enabled/,
  },
  'a workload in a namespace that does not exist': {
    code: 'workload.unknown-namespace',
    change: replace('  name: web\n  namespace: external-ns\nspec:\n  replicas', '  name: web\n  namespace: missing-ns\nspec:\n  replicas'),
    subject: 'deployment/missing-ns/web',
    message: /^namespaces "missing-ns" not found/,
  },
  'a pod pinned to a node that does not exist': { code: 'workload.unknown-node', change: replace('nodeName: node-b', 'nodeName: node-z'), subject: 'pod/default/pinned' },
  'a fixed pod address outside every pool': {
    code: 'workload.ip-addrs',
    change: replace('["10.48.0.10"]', '["10.48.7.10"]'),
    subject: 'pod/default/pinned',
    message: '10.48.7.10: The provided IP address is not in a configured pool',
  },
}

describe('the fixture design', () => {
  it('passes every check (the negative half of every case below)', () => {
    expect(checkBundle(BASE).diagnostics.filter((d) => d.severity !== 'info')).toEqual([])
  })
})

describe.each(Object.entries(CASES))('%s', (_, testCase) => {
  it(`gives ${testCase.code}`, () => {
    const { diagnostics } = checkBundle(testCase.change(BASE))
    const found = diagnostics.filter((d) => d.code === testCase.code)
    expect(found, JSON.stringify(diagnostics, null, 1)).toHaveLength(1)
    const [diagnostic] = found
    expect(diagnostic?.subject).toBe(testCase.subject)
    expect(diagnostic?.severity).toBe(testCase.severity ?? 'error')
    if (typeof testCase.message === 'string') expect(diagnostic?.message).toBe(testCase.message)
    else if (testCase.message) expect(diagnostic?.message).toMatch(testCase.message)
    // Every semantic diagnostic is tied back to the file: document and line.
    expect(diagnostic?.location?.document).toBeTypeOf('number')
    expect(diagnostic?.location?.line).toBeTypeOf('number')
  })
})

describe('a partial design', () => {
  it('with only valid Calico resources has warnings and no error', () => {
    const text = `${pool('pods', 'cidr: 10.48.0.0/24')}---\napiVersion: projectcalico.org/v3\nkind: BGPPeer\nmetadata:\n  name: tor\nspec:\n  peerIP: 10.0.1.1\n  asNumber: 65001\n`
    const { diagnostics } = checkBundle(text)
    expect(diagnostics.map((d) => [d.severity, d.code])).toEqual([['warning', 'plan.no-cluster']])
  })
})

it('covers every check code the validator can produce', () => {
  const codes = new Set(Object.values(CASES).map((c) => c.code))
  for (const code of ['ippool.cidr-invalid', 'ippool.overlap', 'plan.range-overlap', 'plan.pool-too-small', 'address.duplicate', 'bgp.peer-unreachable', 'name.invalid']) expect(codes).toContain(code)
  expect(codes.size).toBeGreaterThanOrEqual(30)
})
