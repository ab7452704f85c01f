/**
 * The value checks Calico's validator and decoder apply to single fields, with their wording:
 * libcalico-go/lib/validator/v3/validator.go (release-v3.30, the same as v3.30.7), Go's net,
 * time and encoding/json packages. The per-kind checks beside this file combine them.
 */
import { formatIpPrefix, parseIpAddress, prefixFromAddress, type IpAddress, type IpPrefix } from '../../net'

/** The reason a failed field tag gives (`extractReason`); Calico prints it after `Reason: `. */
export function tagFailed(field: string, tag: string): string {
  return `failed to validate Field: ${field} because of Tag: ${tag}`
}

/** A field the file leaves unset: absent, `null`, or Go's zero value for a string. */
export function isUnset(value: unknown): value is undefined | null | '' {
  return value === undefined || value === null || value === ''
}

/** An address with an optional length, as `cnet.ParseCIDROrIP` reads it: a bare address has the family's full length. */
export interface CidrOrIp {
  readonly address: IpAddress
  readonly length: number
  readonly hasLength: boolean
  /** The address with its host bits cleared. */
  readonly network: IpPrefix
  /** No host bits set: the address is the network's first. */
  readonly masked: boolean
}

export type CidrOrIpResult = { readonly ok: true; readonly value: CidrOrIp } | { readonly ok: false; readonly message: string }

/**
 * `cnet.ParseCIDROrIP`: Go's net.ParseCIDR, or net.ParseIP with a full mask when there is no
 * "/". Go reads the length as decimal digits (leading zeros allowed) up to the family's bits.
 */
export function parseCidrOrIp(text: string): CidrOrIpResult {
  const slash = text.indexOf('/')
  const address = parseIpAddress(slash < 0 ? text : text.slice(0, slash))
  if (!address.ok) return { ok: false, message: address.message }
  const bits = address.value.family === 4 ? 32 : 128
  const lengthText = slash < 0 ? String(bits) : text.slice(slash + 1)
  if (!/^\d+$/.test(lengthText) || Number(lengthText) > bits) return { ok: false, message: `${text} is not a valid CIDR: the length must be a number from 0 to ${bits}` }
  const length = Number(lengthText)
  const network = prefixFromAddress(address.value, length)
  return { ok: true, value: { address: address.value, length, hasLength: slash >= 0, network, masked: network.network === address.value.value } }
}

const familyName = (family: 4 | 6): string => `IPv${family}`

/**
 * Tags `netv4`, `netv6` and `net` (`ValidateIPv4Network`, `validateIPNetwork`): a strictly
 * masked network of the family (either, for `net`); a bare address counts as /32 or /128.
 * Why the text fails, or undefined when it passes.
 */
export function networkProblem(text: string, family?: 4 | 6): string | undefined {
  const parsed = parseCidrOrIp(text)
  if (!parsed.ok) return parsed.message
  const { address, masked, network } = parsed.value
  if (family !== undefined && address.family !== family) return `${text} is an ${familyName(address.family)} network, not ${familyName(family)}`
  if (!masked) return `${text} has host bits set (did you mean ${formatIpPrefix(network)}?)`
  return undefined
}

/** Tags `cidrv4` and `cidrv6` (`ValidateCIDRv4`): an address of the family with an optional length; host bits allowed. */
export function cidrProblem(text: string, family: 4 | 6): string | undefined {
  const parsed = parseCidrOrIp(text)
  if (!parsed.ok) return parsed.message
  if (parsed.value.address.family !== family) return `${text} is ${familyName(parsed.value.address.family)}, not ${familyName(family)}`
  return undefined
}

/** Tags `ipv4` and `ipv6` (`validateIPv4`, `validateIPv6`): one address of the family, no length. */
export function addressProblem(text: string, family: 4 | 6): string | undefined {
  const parsed = parseIpAddress(text)
  if (!parsed.ok) return parsed.message
  if (parsed.value.family !== family) return `${text} is an ${familyName(parsed.value.family)} address, not ${familyName(family)}`
  return undefined
}

/** Calico's resource names (`nameRegex`, tag `name`): a lower-case DNS subdomain, without Kubernetes' length limit. */
export const CALICO_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/

/** The Go types a field decodes into, as `encoding/json` names them in its errors. */
export type GoType = 'string' | 'bool' | 'int32' | 'uint8' | `[]${string}` | `v3.${string}`

const INTEGER_RANGE: Readonly<Record<string, readonly [number, number]>> = { int32: [-2147483648, 2147483647], uint8: [0, 255] }

/** How `encoding/json` describes a value it cannot store (`UnmarshalTypeError.Value`), or undefined when it can. */
function undecodable(value: unknown, type: GoType): string | undefined {
  if (value === null || value === undefined) return undefined
  const kind = typeof value === 'string' ? 'string' : typeof value === 'boolean' ? 'bool' : typeof value === 'number' ? 'number' : Array.isArray(value) ? 'array' : 'object'
  if (type === 'string' || type === 'bool') return kind === type ? undefined : kind
  if (type.startsWith('[]')) return kind === 'array' ? undefined : kind
  if (type.startsWith('v3.')) return kind === 'object' ? undefined : kind
  const range = INTEGER_RANGE[type]
  if (kind !== 'number' || !range) return kind
  const number = value as number
  return Number.isInteger(number) && number >= range[0] && number <= range[1] ? undefined : `number ${String(number)}`
}

/**
 * The error Go's `encoding/json` gives when a field's value does not fit its Go type, e.g.
 * `json: cannot unmarshal number 300 into Go struct field BGPPeerSpec.spec.ttlSecurity of type uint8`:
 * calicoctl and the API server refuse the document with it before any validator runs.
 * `struct` is the Go struct holding the field, `jsonPath` the field's JSON path from the resource.
 */
export function decodeProblem(value: unknown, type: GoType, struct: string, jsonPath: string): string | undefined {
  const what = undecodable(value, type)
  return what === undefined ? undefined : `json: cannot unmarshal ${what} into Go struct field ${struct}.${jsonPath} of type ${type}`
}

const DURATION_UNITS: Readonly<Record<string, number>> = { ns: 1, us: 1e3, µs: 1e3, μs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 }
const MAX_DURATION = 2 ** 63

/** Go's `time.quote`: the text in double quotes, `"` and `\` escaped, other bytes outside printable ASCII as `\x..`. */
function goQuote(text: string): string {
  let out = '"'
  for (const char of text) {
    if (char === '"' || char === '\\') out += `\\${char}`
    else if (char >= ' ' && char <= '~') out += char
    else {
      let bytes: string
      try {
        bytes = encodeURIComponent(char)
      } catch {
        bytes = '%EF%BF%BD' // a lone surrogate: Go would see the replacement character
      }
      out += bytes.replace(/%([0-9A-F]{2})/g, (_, hex: string) => `\\x${hex.toLowerCase()}`)
    }
  }
  return `${out}"`
}

/**
 * Go's `time.ParseDuration`, which `metav1.Duration` uses to read `maxRestartTime` and
 * `nodeMeshMaxRestartTime`: `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+`, units ns, us (µs), ms, s, m, h,
 * or a lone `0`. The nanoseconds, or Go's error.
 */
export function parseGoDuration(text: string): { readonly ok: true; readonly nanoseconds: number } | { readonly ok: false; readonly message: string } {
  const invalid = { ok: false, message: `time: invalid duration ${goQuote(text)}` } as const
  let rest = text
  let negative = false
  if (rest.startsWith('-') || rest.startsWith('+')) {
    negative = rest.startsWith('-')
    rest = rest.slice(1)
  }
  if (rest === '0') return { ok: true, nanoseconds: 0 }
  if (rest === '') return invalid
  let total = 0
  while (rest !== '') {
    const number = /^(\d*)(?:\.(\d*))?/.exec(rest)
    const whole = number?.[1] ?? ''
    const fraction = number?.[2]
    if (!/^[0-9.]/.test(rest) || (whole === '' && (fraction ?? '') === '')) return invalid
    if (whole !== '' && BigInt(whole) > 2n ** 63n) return invalid
    rest = rest.slice(number?.[0].length ?? 0)
    const unit = /^[^0-9.]*/.exec(rest)?.[0] ?? ''
    if (unit === '') return { ok: false, message: `time: missing unit in duration ${goQuote(text)}` }
    const scale = DURATION_UNITS[unit]
    if (scale === undefined) return { ok: false, message: `time: unknown unit ${goQuote(unit)} in duration ${goQuote(text)}` }
    rest = rest.slice(unit.length)
    total += Number(whole === '' ? 0 : whole) * scale + (fraction ? Number(`0.${fraction}`) * scale : 0)
    if (total > MAX_DURATION) return invalid
  }
  if (!negative && total > MAX_DURATION - 1) return invalid
  return { ok: true, nanoseconds: negative ? -total : total }
}
