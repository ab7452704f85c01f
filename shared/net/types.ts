/**
 * Value types of the address library.
 *
 * An IPv4 value is an unsigned 32-bit integer held in a `number` (exact, and
 * fast in plain arithmetic); an IPv6 value is a 128-bit `bigint`. The `family`
 * field discriminates the two, so code narrowed on `family === 4` sees a
 * `number` and can never mix the families by accident.
 */

/** Address family: 4 for IPv4, 6 for IPv6. */
export type IpFamily = 4 | 6

/** An IP address. IPv4: integer in [0, 2^32). IPv6: bigint in [0, 2^128). */
export type IpAddress = { readonly family: 4; readonly value: number } | { readonly family: 6; readonly value: bigint }

/**
 * A prefix (CIDR block). Always canonical: the host bits of `network` (those
 * beyond `length`) are zero, so two equal prefixes have equal fields. Every
 * function here returns canonical prefixes and expects canonical input.
 */
export type IpPrefix = { readonly family: 4; readonly network: number; readonly length: number } | { readonly family: 6; readonly network: bigint; readonly length: number }

/**
 * Outcome of parsing user text. Bad text is a normal result, not an
 * exception, so the caller can turn `message` into a diagnostic. `suggestion`
 * is present only when there is one unambiguous fix (the canonical prefix).
 */
export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string; readonly suggestion?: string }

/** Number of bits in an address of the family. */
export function familyBits(family: IpFamily): 32 | 128 {
  return family === 4 ? 32 : 128
}

/**
 * Internal result of parsing one part of the text (an address, a length):
 * the `reason` is a fragment that the public parsers wrap with the input.
 */
export type PartResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string }
