/** Text that is not UTF-8: where the first byte that breaks it sits, so the user can find it. */
export class NotUtf8Error extends Error {
  constructor(
    readonly label: string,
    readonly offset: number,
    readonly byte: number,
  ) {
    super(`${label} is not UTF-8 text: the byte at offset ${offset} (0x${byte.toString(16).padStart(2, '0')}) is not part of a valid UTF-8 character`)
    this.name = 'NotUtf8Error'
  }
}

/**
 * Decodes strictly. Node's lenient decoding turns each bad byte into U+FFFD, so a Latin-1 file would
 * load with its accents replaced, and saving it would destroy the original bytes for good.
 */
export function decodeUtf8(bytes: Uint8Array, label: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    const offset = firstInvalidUtf8Offset(bytes) ?? 0
    throw new NotUtf8Error(label, offset, bytes[offset] ?? 0)
  }
}

/** Allowed range of each continuation byte after a lead byte, per the WHATWG UTF-8 decoder (no overlongs, no surrogates, nothing past U+10FFFF). */
function continuationRanges(lead: number): [number, number][] | undefined {
  const any: [number, number] = [0x80, 0xbf]
  if (lead >= 0xc2 && lead <= 0xdf) return [any]
  if (lead === 0xe0) return [[0xa0, 0xbf], any]
  if (lead === 0xed) return [[0x80, 0x9f], any]
  if (lead >= 0xe1 && lead <= 0xef) return [any, any]
  if (lead === 0xf0) return [[0x90, 0xbf], any, any]
  if (lead >= 0xf1 && lead <= 0xf3) return [any, any, any]
  if (lead === 0xf4) return [[0x80, 0x8f], any, any]
  return undefined
}

/** Offset of the first byte of the first ill-formed sequence, or undefined when every byte is well placed. */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number | undefined {
  let i = 0
  while (i < bytes.length) {
    const lead = bytes[i] as number
    if (lead < 0x80) {
      i++
      continue
    }
    const ranges = continuationRanges(lead)
    if (!ranges) return i
    for (const [index, [low, high]] of ranges.entries()) {
      const next = bytes[i + 1 + index]
      if (next === undefined || next < low || next > high) return i
    }
    i += 1 + ranges.length
  }
  return undefined
}
