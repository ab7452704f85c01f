import type { Design, EntityId } from '../model/design'
import { hostsOf, segmentsOf } from '../model/query'
import { addressAtOffset, formatIpAddress, prefixSize } from '../net'

/** Enough candidates for any subnet a person draws; a /16 full to the last address is not one. */
const MAX_CANDIDATES = 65536

/**
 * The first address of a segment that no host and no gateway uses; undefined when the segment is full.
 */
export function proposeAddress(design: Design, segmentId: EntityId): string | undefined {
  const segment = segmentsOf(design).find((s) => s.id === segmentId)
  const prefix = segment?.prefixes[0]
  if (!segment || !prefix) return undefined
  const used = new Set([...(segment.resource.spec.gateways ?? []), ...hostsOf(design).flatMap((h) => h.interfaces.map((i) => i.address))])
  const size = prefixSize(prefix)
  // IPv4 reserves the first and last address of a subnet; IPv6 the first (the subnet-router anycast, RFC 4291).
  const first = size > 2n ? 1n : 0n
  const last = prefix.family === 4 && size > 2n ? size - 2n : size - 1n
  const end = last < first + BigInt(MAX_CANDIDATES) ? last : first + BigInt(MAX_CANDIDATES)
  for (let offset = first; offset <= end; offset++) {
    const text = formatIpAddress(addressAtOffset(prefix, offset))
    if (!used.has(text)) return text
  }
  return undefined
}
