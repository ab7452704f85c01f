import { addressAtOffset, formatIpAddress, formatIpPrefix, parseIpAddress, prefixContainsAddress, prefixContainsPrefix, prefixSize, type IpAddress, type IpPrefix } from '../net'
import type { FieldPath } from '../schema/checkFields'

/**
 * Moving a range: every address written inside `from` goes to the same offset inside `to`. The
 * text is searched rather than known fields read, so every way a design can name an address is
 * followed (an InternalIP, a router's neighbor, a BGPPeer's `peerIP` with its port, a Calico
 * Node's `ipv4Address` with its mask, a JSON list in a pod annotation, a NetworkPolicy ipBlock,
 * a kind the engine does not model), and nothing else is touched.
 */
export interface RangeMove {
  readonly from: IpPrefix
  readonly to: IpPrefix
  /** Addresses stay where they are (the new range holds them all): only mentions of the range itself follow it. */
  readonly inPlace: boolean
  /** A subnet's hosts may not take its first or last IPv4 address (network and broadcast). */
  readonly reserveEnds: boolean
}

/** One address (or prefix inside the range) found in a resource, and where it goes. */
export interface Mention {
  readonly path: FieldPath
  readonly text: string
  /** Offset of the address (or the prefix's network) from the range's start. */
  readonly offset: bigint
  /** Addresses the mention spans: 1 for an address, the size of a prefix. */
  readonly span: bigint
  /** Whether it is a host's own address, which may not be a subnet's network or broadcast address. */
  readonly host: boolean
  /** It names the range itself (a filter rule for the pool): it becomes the new range, whatever its size. */
  readonly whole: boolean
  /** Its new text, or undefined when it does not fit in the new range. */
  readonly moved: string | undefined
}

const IPV4_TOKEN = /(?<![\w.])(\d{1,3}(?:\.\d{1,3}){3})(?:\/(\d{1,2}))?(?![\w.])/g
const IPV6_TOKEN = /(?<![\w:.])([0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})(?:\/(\d{1,3}))?(?![\w:.])/g

const bits = (p: IpPrefix): number => (p.family === 4 ? 32 : 128)
const asBig = (a: IpAddress): bigint => BigInt(a.value)

/** Whether an address at `offset` spanning `span` addresses fits in a range of `size`. */
function fits(offset: bigint, span: bigint, size: bigint, host: boolean, reserveEnds: boolean, family: 4 | 6): boolean {
  if (offset + span > size) return false
  if (!host || !reserveEnds || family !== 4 || size <= 2n) return true
  return offset >= 1n && offset <= size - 2n
}

interface Token {
  readonly address: IpAddress
  readonly length: number | undefined
}

function tokenOf(addressText: string, lengthText: string | undefined): Token | undefined {
  const address = parseIpAddress(addressText)
  if (!address.ok) return undefined
  const length = lengthText === undefined ? undefined : Number(lengthText)
  if (length !== undefined && length > (address.value.family === 4 ? 32 : 128)) return undefined
  return { address: address.value, length }
}

/** The mention a token makes of `move.from`, or undefined when it names something else. */
function mentionOf(token: Token, text: string, path: FieldPath, move: RangeMove): Mention | undefined {
  const { from, to } = move
  const { address, length } = token
  if (!prefixContainsAddress(from, address)) return undefined
  const offset = asBig(address) - BigInt(from.network)
  const hostBits = length === undefined ? 0n : (1n << BigInt(bits(from) - length)) - 1n
  const isPrefix = length !== undefined && (asBig(address) & hostBits) === 0n
  // An address with its subnet's mask (`10.0.1.31/24`) is a host address; the mask follows the subnet.
  const maskOfRange = length === from.length
  if (isPrefix && length !== undefined && length < from.length) return undefined
  const span = isPrefix ? hostBits + 1n : 1n
  const host = !isPrefix
  const offsetTo = move.inPlace ? asBig(address) - BigInt(to.network) : offset
  const ok = isPrefix && maskOfRange ? true : fits(offsetTo, span, prefixSize(to), host, move.reserveEnds, from.family)
  let moved: string | undefined
  if (ok) {
    if (isPrefix && maskOfRange) moved = formatIpPrefix(to)
    else {
      const at = formatIpAddress(addressAtOffset(to, offsetTo))
      moved = length === undefined ? at : `${at}/${maskOfRange ? to.length : length}`
    }
  }
  return { path, text, offset, span, host, whole: isPrefix && maskOfRange, moved }
}

/** Every mention of `move.from` in one string, and the string with those that fit moved. */
function moveInString(value: string, path: FieldPath, move: RangeMove, mentions: Mention[]): string {
  const pattern = move.from.family === 4 ? IPV4_TOKEN : IPV6_TOKEN
  return value.replace(pattern, (match: string, addressText: string, lengthText: string | undefined) => {
    const token = tokenOf(addressText, lengthText)
    const mention = token ? mentionOf(token, match, path, move) : undefined
    if (!mention) return match
    mentions.push(mention)
    return mention.moved ?? match
  })
}

/** Keys whose values are names, not addresses: renaming is rename.ts's job. */
const NAME_PATHS = new Set(['apiVersion', 'kind', 'metadata.name', 'metadata.namespace'])

/**
 * A copy of `value` with every mention of `move.from` moved, sharing what is unchanged, and the
 * mentions found (those that do not fit keep their text and have `moved` undefined).
 */
export function moveMentions<T>(value: T, move: RangeMove, skip: (path: FieldPath) => boolean = () => false): { value: T; mentions: Mention[] } {
  const mentions: Mention[] = []
  const walk = (node: unknown, path: (string | number)[]): unknown => {
    if (NAME_PATHS.has(path.join('.')) || skip(path)) return node
    if (typeof node === 'string') return moveInString(node, path, move, mentions)
    if (Array.isArray(node)) {
      const items = node.map((item, i) => walk(item, [...path, i]))
      return items.every((item, i) => item === node[i]) ? node : items
    }
    if (node !== null && typeof node === 'object') {
      let changed = false
      const entries = Object.entries(node).map(([key, item]) => {
        const next = walk(item, [...path, key])
        if (next !== item) changed = true
        return [key, next] as const
      })
      return changed ? Object.fromEntries(entries) : node
    }
    return node
  }
  return { value: walk(value, []) as T, mentions }
}

/** Whether the new range holds every address of `mentions` where it is, so nothing need move. */
export function holdsInPlace(mentions: readonly Mention[], from: IpPrefix, to: IpPrefix): boolean {
  return mentions.every((m) => {
    const address = addressAtOffset(from, m.offset)
    if (m.span === 1n) return prefixContainsAddress(to, address)
    const length = bits(from) - (m.span.toString(2).length - 1)
    // The range itself is renamed, not moved; a prefix inside it must lie inside the new one.
    return length === from.length || prefixContainsPrefix(to, { ...prefixOf(address, length) })
  })
}

function prefixOf(address: IpAddress, length: number): IpPrefix {
  return address.family === 4 ? { family: 4, network: address.value, length } : { family: 6, network: address.value, length }
}
