import { entityId } from '../../model/design'
import { resourcesOf } from '../../model/query'
import type { BGPConfigurationResource } from '../../model/resources'
import { calicoAtLeast } from '../../model/calicoVersion'
import type { ValidationContext } from '../context'
import { addressProblem, CALICO_NAME, decodeProblem, isUnset, networkProblem, parseCidrOrIp, parseGoDuration, tagFailed, type GoType } from './calicoValues'

/** Codes of the rules Calico's API refuses a BGPConfiguration for. */
export const BGP_CONFIGURATION_REFUSALS = [
  'bgp.config-field-type',
  'bgp.config-log-severity',
  'bgp.config-service-cidr',
  'bgp.config-mesh-password',
  'bgp.config-mesh-restart-time',
  'bgp.config-duration',
  'bgp.config-community',
  'bgp.config-communities-unused',
  'bgp.config-prefix-advertisement',
  'bgp.config-ignored-interface',
  'bgp.config-workload-peering-ip',
] as const

/** `logLevelRegex` (validator.go, release-v3.30 to v3.32.0; v3.30.0 lacked Trace): case-sensitive. */
const LOG_LEVELS = ['Trace', 'Debug', 'Info', 'Warning', 'Error', 'Fatal']
/** The CRD's pattern (kubebuilder marker on LogSeverityScreen, api/pkg/apis/projectcalico/v3/bgpconfig.go, v3.32.0 on), the only check left in v3.33. */
const LOG_LEVEL_PATTERN = '^(?i)(Trace|Debug|Info|Warning|Error|Fatal)?$'
/** `ignoredInterfaceRegex`; `*` alone is refused, since it would ignore every interface. */
const IGNORED_INTERFACE = /^[a-zA-Z0-9_.*-]{1,15}$/
const STANDARD_COMMUNITY = /^(\d+):(\d+)$/
const LARGE_COMMUNITY = /^(\d+):(\d+):(\d+)$/
const SERVICE_FIELDS = ['serviceClusterIPs', 'serviceExternalIPs', 'serviceLoadBalancerIPs'] as const

/** Fields the loader does not declare for a BGPConfiguration, with the Go type each decodes into (BGPConfigurationSpec). */
const UNDECLARED: Readonly<Record<string, GoType>> = {
  communities: '[]v3.Community',
  prefixAdvertisements: '[]v3.PrefixAdvertisement',
  nodeMeshPassword: 'v3.BGPPassword',
  nodeMeshMaxRestartTime: 'string',
  bindMode: 'string',
  ignoredInterfaces: '[]string',
  localWorkloadPeeringIPV4: 'string',
  localWorkloadPeeringIPV6: 'string',
}

type Spec = NonNullable<BGPConfigurationResource['spec']>
type Path = readonly (string | number)[]
type Report = (code: string, message: string, path: Path) => void

/** Calico's reason, then why: after a colon, or a space when the reason is a sentence of its own. */
const because = (reason: string, detail: string): string => `${reason}${reason.endsWith('.') ? ' ' : ': '}${detail}`

/**
 * BGPConfiguration rules as Calico decides them (release-v3.30): the struct rule
 * `validateBGPConfigurationSpec` with `isValidCommunity` (libcalico-go/lib/validator/v3/validator.go),
 * the field tags of `BGPConfigurationSpec` (api/pkg/apis/projectcalico/v3/bgpconfig.go), and
 * what its fields decode into, with Calico's wording. `listenPort` (1–65535) is checked when the
 * file is loaded; the fields only `default` may set are checked in bgp.ts.
 */
export function checkBgpConfigurations(context: ValidationContext): void {
  for (const config of resourcesOf(context.design, 'projectcalico.org/v3/BGPConfiguration')) {
    const id = entityId(config)
    const spec: Spec = config.spec ?? {}
    const report: Report = (code, message, path) => context.report({ code, message, subject: id, path: ['spec', ...path] })

    const decodes = new Set<string>()
    for (const [field, type] of Object.entries(UNDECLARED)) {
      const problem = decodeProblem(spec[field], type, 'BGPConfigurationSpec', `spec.${field}`)
      if (problem === undefined) decodes.add(field)
      else report('bgp.config-field-type', problem, [field])
    }
    const field = (name: string): unknown => (decodes.has(name) ? (spec[name] ?? undefined) : undefined)

    const level = spec.logSeverityScreen
    if (!isUnset(level)) checkLogSeverity(level, calicoAtLeast(context.calicoVersion, 'v3.33'), report)

    for (const list of SERVICE_FIELDS) {
      for (const [i, { cidr }] of (spec[list] ?? []).entries()) {
        // `omitempty,net`: an empty CIDR passes.
        const problem = isUnset(cidr) ? undefined : networkProblem(cidr)
        if (problem !== undefined) report('bgp.config-service-cidr', because(tagFailed('CIDR', 'net'), problem), [list, i, 'cidr'])
      }
    }

    // The mesh's own settings, refused only when the same object turns the mesh off.
    if (spec.nodeToNodeMeshEnabled === false) {
      if (field('nodeMeshPassword') !== undefined) report('bgp.config-mesh-password', 'spec.NodeMeshPassword cannot be set if spec.NodeToNodeMesh is disabled', ['nodeMeshPassword'])
      if (field('nodeMeshMaxRestartTime') !== undefined)
        report('bgp.config-mesh-restart-time', 'spec.NodeMeshMaxRestartTime cannot be set if spec.NodeToNodeMesh is disabled', ['nodeMeshMaxRestartTime'])
    }
    const restart = field('nodeMeshMaxRestartTime')
    if (typeof restart === 'string') {
      const duration = parseGoDuration(restart)
      if (!duration.ok) report('bgp.config-duration', duration.message, ['nodeMeshMaxRestartTime'])
    }

    checkCommunities(field('communities'), field('prefixAdvertisements'), report)

    const ignored = field('ignoredInterfaces')
    if (Array.isArray(ignored)) {
      ignored.forEach((name: unknown, i) => {
        const problem = decodeProblem(name, 'string', 'BGPConfigurationSpec', 'spec.ignoredInterfaces')
        if (problem !== undefined) report('bgp.config-field-type', problem, ['ignoredInterfaces', i])
        else if (typeof name === 'string' && (name === '*' || !IGNORED_INTERFACE.test(name))) {
          report('bgp.config-ignored-interface', because(tagFailed(`IgnoredInterfaces[${i}]`, 'ignoredInterface'), `"${name}" must be 1 to 15 of a-z, A-Z, 0-9, _ . * -, and not * alone`), [
            'ignoredInterfaces',
            i,
          ])
        }
      })
    }

    for (const [name, family] of [
      ['localWorkloadPeeringIPV4', 4],
      ['localWorkloadPeeringIPV6', 6],
    ] as const) {
      const address = field(name)
      const problem = typeof address === 'string' && address !== '' ? addressProblem(address, family) : undefined
      if (problem !== undefined) report('bgp.config-workload-peering-ip', because(tagFailed(name.charAt(0).toUpperCase() + name.slice(1), `ipv${family}`), problem), [name])
    }
  }
}

/**
 * `logSeverityScreen`: up to v3.32 the validator's `logLevel` tag, case-sensitive (`info` is
 * refused); release-v3.33 drops that Go check and keeps only the CRD's case-insensitive pattern,
 * refused in apiextensions' words (kube-openapi's FailedPattern).
 */
function checkLogSeverity(level: string, patternOnly: boolean, report: Report): void {
  const known = LOG_LEVELS.find((l) => l.toLowerCase() === level.toLowerCase())
  if (patternOnly) {
    if (known === undefined)
      report('bgp.config-log-severity', `spec.logSeverityScreen in body should match '${LOG_LEVEL_PATTERN}': "${level}" is none of ${LOG_LEVELS.join(', ')}`, ['logSeverityScreen'])
    return
  }
  if (LOG_LEVELS.includes(level)) return
  report(
    'bgp.config-log-severity',
    because(tagFailed('LogSeverityScreen', 'logLevel'), known ? `"${level}" must be written ${known}: the values are case-sensitive` : `"${level}" is none of ${LOG_LEVELS.join(', ')}`),
    ['logSeverityScreen'],
  )
}

/** `isValidCommunity` and `validateCommunityValue`: `aa:nn` of 16-bit numbers or `aa:nn:mm` of 32-bit ones. Calico's reason, or undefined. */
function communityProblem(value: string): string | undefined {
  const bits = STANDARD_COMMUNITY.test(value) ? 16 : LARGE_COMMUNITY.test(value) ? 32 : undefined
  if (bits === undefined) return undefined
  const max = 2 ** bits - 1
  const wide = value.split(':').find((part) => Number(part) > max)
  return wide === undefined ? '' : because(`invalid community value, expected ${bits} bit value`, `${wide} is above ${max}`)
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/** `communities` and `prefixAdvertisements`, which name each other. */
function checkCommunities(communities: unknown, advertisements: unknown, report: Report): void {
  const defined = Array.isArray(communities) ? communities : []
  const names = new Set<string>()
  defined.forEach((community: unknown, i) => {
    const at = ['communities', i]
    const problem = decodeProblem(community, 'v3.Community', 'BGPConfigurationSpec', 'spec.communities')
    if (problem !== undefined || !isRecord(community)) {
      if (problem !== undefined) report('bgp.config-field-type', problem, at)
      return
    }
    for (const key of ['name', 'value']) {
      const wrong = decodeProblem(community[key], 'string', 'Community', `spec.communities.${key}`)
      if (wrong !== undefined) report('bgp.config-field-type', wrong, [...at, key])
    }
    const { name, value } = community
    if (typeof name === 'string' && name !== '') names.add(name)
    if (isUnset(name)) report('bgp.config-community', tagFailed('Name', 'required'), [...at, 'name'])
    else if (typeof name === 'string' && !CALICO_NAME.test(name)) report('bgp.config-community', because(tagFailed('Name', 'name'), `"${name}" must be a lower-case DNS subdomain`), [...at, 'name'])
    if (isUnset(value)) report('bgp.config-community', tagFailed('Value', 'required'), [...at, 'value'])
    else if (typeof value === 'string') {
      const range = communityProblem(value)
      if (range === undefined) report('bgp.config-community', because('invalid community value or format used.', `"${value}" is neither aa:nn nor aa:nn:mm`), [...at, 'value'])
      else if (range !== '') report('bgp.config-community', range, [...at, 'value'])
    }
  })

  const advertised = Array.isArray(advertisements) ? advertisements : []
  if (defined.length > 0 && advertised.length === 0) report('bgp.config-communities-unused', 'communities are defined but not used in Spec.PrefixAdvertisement[].', ['communities'])

  advertised.forEach((advertisement: unknown, i) => {
    const at = ['prefixAdvertisements', i]
    const problem = decodeProblem(advertisement, 'v3.PrefixAdvertisement', 'BGPConfigurationSpec', 'spec.prefixAdvertisements')
    if (problem !== undefined || !isRecord(advertisement)) {
      if (problem !== undefined) report('bgp.config-field-type', problem, at)
      return
    }
    const { cidr, communities: used } = advertisement
    const wrongCidr = decodeProblem(cidr, 'string', 'PrefixAdvertisement', 'spec.prefixAdvertisements.cidr')
    if (wrongCidr !== undefined) report('bgp.config-field-type', wrongCidr, [...at, 'cidr'])
    else if (isUnset(cidr)) report('bgp.config-prefix-advertisement', tagFailed('CIDR', 'required'), [...at, 'cidr'])
    else if (typeof cidr === 'string') {
      const parsed = parseCidrOrIp(cidr)
      const problem = parsed.ok ? networkProblem(cidr) : undefined
      if (!parsed.ok) report('bgp.config-prefix-advertisement', because('invalid CIDR value.', parsed.message), [...at, 'cidr'])
      else if (problem !== undefined) report('bgp.config-prefix-advertisement', because(tagFailed('CIDR', 'net'), problem), [...at, 'cidr'])
    }
    const wrongList = decodeProblem(used, '[]string', 'PrefixAdvertisement', 'spec.prefixAdvertisements.communities')
    if (wrongList !== undefined) {
      report('bgp.config-field-type', wrongList, [...at, 'communities'])
      return
    }
    // `validate:"required"` on a slice: absent fails, an empty list does not.
    if (!Array.isArray(used)) {
      report('bgp.config-prefix-advertisement', tagFailed('Communities', 'required'), [...at, 'communities'])
      return
    }
    used.forEach((value: unknown, j) => {
      const wrong = decodeProblem(value, 'string', 'PrefixAdvertisement', 'spec.prefixAdvertisements.communities')
      if (wrong !== undefined) {
        report('bgp.config-field-type', wrong, [...at, 'communities', j])
        return
      }
      if (typeof value !== 'string') return
      const range = communityProblem(value)
      if (range === undefined && !names.has(value))
        report('bgp.config-prefix-advertisement', because('community used is invalid or not defined.', `"${value}" is neither aa:nn, aa:nn:mm nor the name of one of spec.communities`), [
          ...at,
          'communities',
          j,
        ])
      else if (range !== undefined && range !== '') report('bgp.config-prefix-advertisement', range, [...at, 'communities', j])
    })
  })
}
