import { describe, expect, it } from 'vitest'
import { checkBundle } from '../../../shared/validate/checkBundle'
import { BASE, describeAccepted, describeCases, indent, replace, type Accepted, type Case } from './calicoCases'

/**
 * Field rules that depend on the Calico release a design runs (Cluster spec.calicoVersion). Which
 * fields each release has comes from the JSON tags of api/pkg/apis/projectcalico/v3/*.go at
 * release-v3.30, v3.31.0, v3.32.0 and release-v3.33; calicoctl decodes strictly
 * (yaml.UnmarshalStrict in calicoctl/calicoctl/resourcemgr/resourcemgr.go), so a field of a later
 * release is refused as unknown.
 */
const version = (v: string) => replace('  jumpHost: tor1\n', `  jumpHost: tor1\n  calicoVersion: ${v}\n`)
const both =
  (...changes: ((text: string) => string)[]) =>
  (text: string): string =>
    changes.reduce((t, change) => change(t), text)
const poolField = (field: string) => replace("  nodeSelector: '!all()'\n", `  nodeSelector: '!all()'\n  ${field}\n`)
const peerField = (field: string) => replace('  filters: [only-external]\n', `  filters: [only-external]\n  ${field}\n`)
const configField = (field: string) => replace('  nodeToNodeMeshEnabled: true\n', `  nodeToNodeMeshEnabled: true\n${indent(field)}\n`)
/** The BGPFilter's second export rule, replaced. */
const filterRule = (rule: string) => replace('10.48.2.0/24, matchOperator: In}\n    - {action: Reject}\n', `10.48.2.0/24, matchOperator: In}\n    - ${rule}\n`)
const unknown = (field: string, why: string): string => `error unmarshaling JSON: while decoding JSON: json: unknown field "${field}" (${why})`

const CASES: Record<string, Case> = {
  'an IPPool namespaceSelector on v3.30': {
    mirrors: 'IPPoolSpec of release-v3.30, which has no NamespaceSelector (added in v3.31.0)',
    code: 'calico.unknown-field',
    change: poolField("namespaceSelector: env == 'prod'"),
    subject: 'ippool/external',
    message: unknown('namespaceSelector', 'Calico v3.30 has no IPPool spec.namespaceSelector: it is new in v3.31'),
    at: "namespaceSelector: env == 'prod'",
    field: 'spec.namespaceSelector',
  },
  'a BGPPeer localASNumber on v3.30': {
    mirrors: 'BGPPeerSpec.LocalASNumber, new in v3.31.0',
    code: 'calico.unknown-field',
    change: peerField('localASNumber: 65010'),
    subject: 'bgppeer/tor',
    message: unknown('localASNumber', 'Calico v3.30 has no BGPPeer spec.localASNumber: it is new in v3.31'),
    at: 'localASNumber: 65010',
    field: 'spec.localASNumber',
  },
  'a BGPPeer keepaliveTime on v3.31': {
    mirrors: 'BGPPeerSpec.KeepaliveTime, new in v3.32.0',
    code: 'calico.unknown-field',
    change: both(version('v3.31'), peerField('keepaliveTime: 10s')),
    subject: 'bgppeer/tor',
    message: unknown('keepaliveTime', 'Calico v3.31 has no BGPPeer spec.keepaliveTime: it is new in v3.32'),
    at: 'keepaliveTime: 10s',
    field: 'spec.keepaliveTime',
  },
  'a BGPConfiguration programClusterRoutes on v3.31': {
    mirrors: 'BGPConfigurationSpec.ProgramClusterRoutes, new in v3.32.0',
    code: 'calico.unknown-field',
    change: both(version('v3.31'), configField('programClusterRoutes: Disabled')),
    subject: 'bgpconfiguration/default',
    message: unknown('programClusterRoutes', 'Calico v3.31 has no BGPConfiguration spec.programClusterRoutes: it is new in v3.32'),
    at: 'programClusterRoutes: Disabled',
    field: 'spec.programClusterRoutes',
  },
  'a BGPConfiguration serviceLoadBalancerAggregation on v3.30': {
    mirrors: 'BGPConfigurationSpec.ServiceLoadBalancerAggregation, new in v3.31.0',
    code: 'calico.unknown-field',
    change: configField('serviceLoadBalancerAggregation: Disabled'),
    subject: 'bgpconfiguration/default',
    message: unknown('serviceLoadBalancerAggregation', 'Calico v3.30 has no BGPConfiguration spec.serviceLoadBalancerAggregation: it is new in v3.31'),
    at: 'serviceLoadBalancerAggregation: Disabled',
    field: 'spec.serviceLoadBalancerAggregation',
  },
  'a BGPFilter peerType on v3.31': {
    mirrors: 'BGPFilterRuleV4.PeerType, new in v3.32.0',
    code: 'calico.unknown-field',
    change: both(version('v3.31'), filterRule('{action: Reject, peerType: eBGP}')),
    subject: 'bgpfilter/only-external',
    message: unknown('peerType', 'Calico v3.31 has no BGPFilter spec.exportV4[1].peerType: it is new in v3.32'),
    at: '- {action: Reject, peerType: eBGP}',
    field: 'spec.exportV4[1].peerType',
  },
  'an IPAMConfiguration ipCooldownSeconds on v3.32': {
    mirrors: 'IPAMConfigurationSpec.IPCooldownSeconds, new in release-v3.33',
    code: 'calico.unknown-field',
    change: both(version('v3.32'), replace('  autoAllocateBlocks: true\n', '  autoAllocateBlocks: true\n  ipCooldownSeconds: 30\n')),
    subject: 'ipamconfiguration/default',
    message: unknown('ipCooldownSeconds', 'Calico v3.32 has no IPAMConfiguration spec.ipCooldownSeconds: it is new in v3.33'),
    at: 'ipCooldownSeconds: 30',
    field: 'spec.ipCooldownSeconds',
  },
  'an IPPool ipip on v3.32': {
    mirrors: 'IPPoolSpec of v3.32.0, which dropped the deprecated IPIP (json "ipip")',
    code: 'calico.unknown-field',
    change: both(version('v3.32'), poolField('ipip: {enabled: true}')),
    subject: 'ippool/external',
    message: unknown('ipip', 'Calico v3.32 removed IPPool spec.ipip, a deprecated v1 field'),
    at: 'ipip: {enabled: true}',
    field: 'spec.ipip',
  },
  'a log severity in lower case on v3.32': {
    mirrors: 'tag logLevel (logLevelRegex, case-sensitive) in validator.go at v3.32.0, beside the CRD pattern',
    code: 'bgp.config-log-severity',
    change: both(version('v3.32'), configField('logSeverityScreen: info')),
    subject: 'bgpconfiguration/default',
    message: 'failed to validate Field: LogSeverityScreen because of Tag: logLevel: "info" must be written Info: the values are case-sensitive',
    at: 'logSeverityScreen: info',
    field: 'spec.logSeverityScreen',
  },
  'a log severity Calico does not have on v3.33': {
    mirrors: "the CRD pattern ^(?i)(Trace|Debug|Info|Warning|Error|Fatal)?$ on LogSeverityScreen, release-v3.33's only check",
    code: 'bgp.config-log-severity',
    change: both(version('v3.33'), configField('logSeverityScreen: Verbose')),
    subject: 'bgpconfiguration/default',
    message: `spec.logSeverityScreen in body should match '^(?i)(Trace|Debug|Info|Warning|Error|Fatal)?$': "Verbose" is none of Trace, Debug, Info, Warning, Error, Fatal`,
    at: 'logSeverityScreen: Verbose',
    field: 'spec.logSeverityScreen',
  },
}

const ACCEPTED: Record<string, Accepted> = {
  'an IPPool namespaceSelector on v3.31, without the Tunnel use': {
    mirrors: 'IPPoolSpec.NamespaceSelector (v3.31.0)',
    change: both(version('v3.31'), poolField("namespaceSelector: env == 'prod'\n  allowedUses: [Workload]")),
  },
  'a BGPPeer localASNumber on v3.31': { mirrors: 'BGPPeerSpec.LocalASNumber (v3.31.0)', change: both(version('v3.31'), peerField('localASNumber: 65010')) },
  'a BGPPeer keepaliveTime on v3.32': { mirrors: 'BGPPeerSpec.KeepaliveTime (v3.32.0)', change: both(version('v3.32'), peerField('keepaliveTime: 10s')) },
  'BGPFilter v3.32 matches on v3.33': {
    mirrors: 'BGPFilterRuleV4 peerType, communities, asPathPrefix, priority (release-v3.33)',
    change: both(version('v3.33'), filterRule("{action: Reject, peerType: eBGP, asPathPrefix: [65001], priority: 512, communities: {values: ['65001:100']}}")),
  },
  'a BGPPeer nextHopMode on v3.30': { mirrors: 'BGPPeerSpec.NextHopMode, already in release-v3.30 (v3.30.7)', change: peerField('nextHopMode: Self') },
  'a log severity in lower case on v3.33': { mirrors: 'the CRD pattern is case-insensitive ((?i)), release-v3.33', change: both(version('v3.33'), configField('logSeverityScreen: info')) },
  'an IPAMConfiguration kubeVirtVMAddressPersistence on v3.32': {
    mirrors: 'IPAMConfigurationSpec.KubeVirtVMAddressPersistence (v3.32.0)',
    change: both(version('v3.32'), replace('  autoAllocateBlocks: true\n', '  autoAllocateBlocks: true\n  kubeVirtVMAddressPersistence: Enabled\n')),
  },
}

describe('Calico field rules by release', () => {
  describeCases(CASES)
  describeAccepted(ACCEPTED)
})

describe('calicoVersion', () => {
  it('nat-outgoing, the deprecated v1 field of release-v3.30 (tag mustBeFalse on IPPoolSpec.NATOutgoingV1), is refused by its JSON name', () => {
    const found = checkBundle(poolField("'nat-outgoing': true")(BASE)).diagnostics.filter((d) => d.severity === 'error')
    expect(found).toMatchObject([{ code: 'ippool.deprecated-field', message: 'nat-outgoing is a deprecated v1 field and must not be true: use natOutgoing', location: { field: 'spec.nat-outgoing' } }])
  })

  it('is one of the modelled releases, else an error naming the line and the field', () => {
    const text = version('v3.29')(BASE)
    const found = checkBundle(text, { name: 'lab.yaml' }).diagnostics.filter((d) => d.severity === 'error')
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({
      code: 'format.wrong-type',
      message: 'spec.calicoVersion must be one of v3.30, v3.31, v3.32, v3.33, got "v3.29"',
      location: { line: 12, field: 'spec.calicoVersion' },
    })
  })

  it('autoAllocateBlocks: false warns only before v3.32, whose IPAMConfiguration has the field', () => {
    const off = replace('  autoAllocateBlocks: true\n', '  autoAllocateBlocks: false\n  strictAffinity: true\n')
    const codes = (v: string): string[] => checkBundle(both(version(v), replace('  strictAffinity: false\n', ''), off)(BASE)).diagnostics.map((d) => d.code)
    expect(codes('v3.31')).toContain('ipam.config-auto-allocate-blocks')
    expect(codes('v3.32')).not.toContain('ipam.config-auto-allocate-blocks')
  })
})
