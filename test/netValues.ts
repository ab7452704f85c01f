import { parseIpAddress, parseIpPrefix, type IpAddress, type IpPrefix } from '../shared/net'

/** A prefix a test knows to be valid; a typo in the test fails loudly with the parser's message. */
export function prefix(text: string): IpPrefix {
  const result = parseIpPrefix(text)
  if (!result.ok) throw new Error(result.message)
  return result.value
}

/** An address a test knows to be valid. */
export function address(text: string): IpAddress {
  const result = parseIpAddress(text)
  if (!result.ok) throw new Error(result.message)
  return result.value
}
