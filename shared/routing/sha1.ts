/**
 * SHA-1 of a string's UTF-8 bytes, as lowercase hex. Felix names a pod's host-side interface
 * `cali` + the first 11 hex digits of SHA-1("<namespace>.<pod>") (calico.md §6); the engine has no
 * crypto library, and SHA-1 is short enough to write out (FIPS 180-4).
 */
function utf8(text: string): number[] {
  const bytes: number[] = []
  for (const char of text) {
    const code = char.codePointAt(0) as number
    if (code < 0x80) bytes.push(code)
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f))
    else if (code < 0x10000) bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f))
    else bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 0x3f), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f))
  }
  return bytes
}

const rotl = (x: number, n: number): number => ((x << n) | (x >>> (32 - n))) >>> 0

export function sha1Hex(text: string): string {
  const bytes = utf8(text)
  const bitLength = bytes.length * 8
  bytes.push(0x80)
  while (bytes.length % 64 !== 56) bytes.push(0)
  // Message length in bits, big-endian 64-bit (the high word is 0 for any string we hash).
  bytes.push(0, 0, 0, 0, (bitLength >>> 24) & 0xff, (bitLength >>> 16) & 0xff, (bitLength >>> 8) & 0xff, bitLength & 0xff)
  let [h0, h1, h2, h3, h4] = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0]
  const w = new Uint32Array(80)
  for (let chunk = 0; chunk < bytes.length; chunk += 64) {
    for (let i = 0; i < 16; i++) w[i] = ((bytes[chunk + 4 * i]! << 24) | (bytes[chunk + 4 * i + 1]! << 16) | (bytes[chunk + 4 * i + 2]! << 8) | bytes[chunk + 4 * i + 3]!) >>> 0
    for (let i = 16; i < 80; i++) w[i] = rotl(w[i - 3]! ^ w[i - 8]! ^ w[i - 14]! ^ w[i - 16]!, 1)
    let [a, b, c, d, e] = [h0, h1, h2, h3, h4]
    for (let i = 0; i < 80; i++) {
      const [f, k] = i < 20 ? [(b & c) | (~b & d), 0x5a827999] : i < 40 ? [b ^ c ^ d, 0x6ed9eba1] : i < 60 ? [(b & c) | (b & d) | (c & d), 0x8f1bbcdc] : [b ^ c ^ d, 0xca62c1d6]
      const t = (rotl(a, 5) + (f >>> 0) + e + k + w[i]!) >>> 0
      ;[e, d, c, b, a] = [d, c, rotl(b, 30), a, t]
    }
    h0 = (h0 + a) >>> 0
    h1 = (h1 + b) >>> 0
    h2 = (h2 + c) >>> 0
    h3 = (h3 + d) >>> 0
    h4 = (h4 + e) >>> 0
  }
  return [h0, h1, h2, h3, h4].map((h) => h.toString(16).padStart(8, '0')).join('')
}

/** Felix's host-side interface name for a pod (FELIX_INTERFACEPREFIX defaults to `cali`). */
export function podInterfaceName(namespace: string, pod: string, prefix = 'cali'): string {
  return `${prefix}${sha1Hex(`${namespace}.${pod}`).slice(0, 11)}`
}
