import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeUtf8, firstInvalidUtf8Offset, NotUtf8Error } from '../../../platform/node/decodeUtf8'

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values)

describe('decodeUtf8', () => {
  it('decodes UTF-8, dropping a byte-order mark', () => {
    expect(decodeUtf8(new TextEncoder().encode('name: café ✓ 🐝\n'), 'lab.yaml')).toBe('name: café ✓ 🐝\n')
    expect(decodeUtf8(bytes(0xef, 0xbb, 0xbf, 0x61), 'lab.yaml')).toBe('a')
  })

  it('names the file and the offset of the first bad byte', () => {
    const latin1 = bytes(...new TextEncoder().encode('metadata: {name: caf'), 0xe9, 0x7d)
    expect(() => decodeUtf8(latin1, 'lab.yaml')).toThrow(new NotUtf8Error('lab.yaml', 20, 0xe9))
    expect(() => decodeUtf8(latin1, 'lab.yaml')).toThrow('lab.yaml is not UTF-8 text: the byte at offset 20 (0xe9) is not part of a valid UTF-8 character')
  })

  it.each([
    ['a lone continuation byte', [0x61, 0x80], 1],
    ['an overlong encoding', [0xc0, 0xaf], 0],
    ['a surrogate', [0x61, 0x61, 0xed, 0xa0, 0x80], 2],
    ['a code point past U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
    ['a character cut off at the end', [0x61, 0xe2, 0x9c], 1],
    ['a PNG signature', [0x89, 0x50, 0x4e, 0x47], 0],
  ])('finds %s', (_, values, offset) => {
    expect(firstInvalidUtf8Offset(bytes(...values))).toBe(offset)
  })

  it('agrees with the platform decoder on arbitrary bytes, and everything before the offset is valid', () => {
    const decodes = (data: Uint8Array): boolean => {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(data)
        return true
      } catch {
        return false
      }
    }
    // Mostly text with a few stray bytes, so multi-byte characters and their breakages both occur.
    const mixed = fc
      .array(
        fc.oneof(
          fc.string({ unit: 'grapheme', maxLength: 4 }).map((t) => [...new TextEncoder().encode(t)]),
          fc.uint8Array({ maxLength: 2 }).map((b) => [...b]),
        ),
        { maxLength: 16 },
      )
      .map((parts) => Uint8Array.from(parts.flat()))
    fc.assert(
      fc.property(fc.oneof(mixed, fc.uint8Array({ maxLength: 64 })), (data) => {
        const offset = firstInvalidUtf8Offset(data)
        expect(offset === undefined).toBe(decodes(data))
        if (offset !== undefined) expect(decodes(data.subarray(0, offset))).toBe(true)
      }),
      { numRuns: 2000 },
    )
  })
})
