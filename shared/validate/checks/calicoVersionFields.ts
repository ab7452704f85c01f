import { calicoAtLeast, type CalicoVersion } from '../../model/calicoVersion'
import { entityId } from '../../model/design'
import { resourcesOf } from '../../model/query'
import type { ModelledKey } from '../../model/resources'
import type { ValidationContext } from '../context'

/** Codes of the rules Calico's API refuses a resource for here: a field its release does not have. */
export const CALICO_VERSION_FIELD_REFUSALS = ['calico.unknown-field'] as const

/** A spec field that exists only in some releases: added in `since`, or removed in `until`. */
interface VersionedField {
  readonly field: string
  readonly since?: CalicoVersion
  readonly until?: CalicoVersion
}

/**
 * The spec fields each release adds or drops, from the JSON tags of the v3 API types
 * (api/pkg/apis/projectcalico/v3/{ippool,bgppeer,bgpconfig,bgpfilter,ipamconfig}.go at
 * release-v3.30, v3.31.0, v3.32.0 and release-v3.33; calico.md §9.0). `nextHopMode` and
 * `reversePeering` are not here: release-v3.30 (v3.30.7) already has them, v3.30.0 did not.
 */
const SPEC_FIELDS: readonly (readonly [ModelledKey, string, readonly VersionedField[]])[] = [
  [
    'projectcalico.org/v3/IPPool',
    'IPPool',
    [
      { field: 'namespaceSelector', since: 'v3.31' },
      // The v1-era fields the validator only ever refused (mustBeNil, mustBeFalse) leave the type in v3.32.
      { field: 'ipip', until: 'v3.32' },
      { field: 'nat-outgoing', until: 'v3.32' },
    ],
  ],
  [
    'projectcalico.org/v3/BGPPeer',
    'BGPPeer',
    [
      { field: 'localASNumber', since: 'v3.31' },
      { field: 'keepaliveTime', since: 'v3.32' },
    ],
  ],
  [
    'projectcalico.org/v3/BGPConfiguration',
    'BGPConfiguration',
    [
      { field: 'serviceLoadBalancerAggregation', since: 'v3.31' },
      { field: 'programClusterRoutes', since: 'v3.32' },
      { field: 'ipv4NormalRoutePriority', since: 'v3.32' },
      { field: 'ipv6NormalRoutePriority', since: 'v3.32' },
    ],
  ],
  // autoAllocateBlocks is ipamConfig.ts's: v3.30's API server takes it and stores true.
  [
    'projectcalico.org/v3/IPAMConfiguration',
    'IPAMConfiguration',
    [
      { field: 'kubeVirtVMAddressPersistence', since: 'v3.32' },
      { field: 'ipCooldownSeconds', since: 'v3.33' },
    ],
  ],
]

/** BGPFilterRuleV4 and BGPFilterRuleV6 gain these matches and operations in v3.32 (calico.md §9.4). */
const FILTER_RULE_FIELDS: readonly VersionedField[] = ['peerType', 'communities', 'asPathPrefix', 'priority', 'operations'].map((field) => ({ field, since: 'v3.32' as const }))
const FILTER_LISTS = ['exportV4', 'importV4', 'exportV6', 'importV6'] as const

/** Whether `version` has the field. */
function hasField({ since, until }: VersionedField, version: CalicoVersion): boolean {
  return (since === undefined || calicoAtLeast(version, since)) && (until === undefined || !calicoAtLeast(version, until))
}

/**
 * calicoctl decodes a document strictly into its release's Go type (`yaml.UnmarshalStrict` of
 * sigs.k8s.io/yaml in calicoctl/calicoctl/resourcemgr/resourcemgr.go), so a field of another
 * release is refused before any validator runs, in encoding/json's words wrapped by sigs.k8s.io/yaml.
 */
function unknownField(kind: string, path: string, field: VersionedField, version: CalicoVersion): string {
  const why =
    field.since !== undefined && !calicoAtLeast(version, field.since)
      ? `Calico ${version} has no ${kind} ${path}: it is new in ${field.since}`
      : `Calico ${field.until ?? ''} removed ${kind} ${path}, a deprecated v1 field`
  return `error unmarshaling JSON: while decoding JSON: json: unknown field "${field.field}" (${why})`
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/** Fields a Calico resource sets that the design's Calico release does not have. */
export function checkCalicoVersionFields(context: ValidationContext): void {
  const version = context.calicoVersion
  const report = (subject: string, kind: string, path: readonly (string | number)[], field: VersionedField): void => {
    const text = path
      .map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`))
      .join('')
      .slice(1)
    context.report({ code: 'calico.unknown-field', message: unknownField(kind, text, field, version), subject, path })
  }
  for (const [key, kind, fields] of SPEC_FIELDS) {
    for (const resource of resourcesOf(context.design, key)) {
      const spec: unknown = resource.spec
      if (!isRecord(spec)) continue
      for (const field of fields) if (field.field in spec && !hasField(field, version)) report(entityId(resource), kind, ['spec', field.field], field)
    }
  }
  for (const filter of resourcesOf(context.design, 'projectcalico.org/v3/BGPFilter')) {
    for (const list of FILTER_LISTS) {
      const rules: unknown = filter.spec[list]
      if (!Array.isArray(rules)) continue
      rules.forEach((rule: unknown, i) => {
        if (!isRecord(rule)) return
        for (const field of FILTER_RULE_FIELDS) if (field.field in rule && !hasField(field, version)) report(entityId(filter), 'BGPFilter', ['spec', list, i, field.field], field)
      })
    }
  }
}
