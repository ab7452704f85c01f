import { parseIpAddress, parseIpPrefix } from '../../net'
import type { FieldReader } from '../fieldReader'
import type { FieldPath } from '../yamlBundle'

/** Reads a CIDR field; a bad or non-canonical prefix is reported with the canonical form as suggestion. */
export function readCidr(reader: FieldReader, path: FieldPath, options?: { required?: boolean }): string | undefined {
  const text = reader.string(path, options)
  if (text === undefined) return undefined
  const parsed = parseIpPrefix(text)
  if (!parsed.ok) {
    reader.report('format.invalid-cidr', path, parsed.message, parsed.suggestion)
    return undefined
  }
  return text
}

export function readAddress(reader: FieldReader, path: FieldPath, options?: { required?: boolean }): string | undefined {
  const text = reader.string(path, options)
  if (text === undefined) return undefined
  const parsed = parseIpAddress(text)
  if (!parsed.ok) {
    reader.report('format.invalid-address', path, parsed.message, parsed.suggestion)
    return undefined
  }
  return text
}

export function readCidrList(reader: FieldReader, path: FieldPath): string[] {
  const list = reader.stringList(path) ?? []
  const valid: string[] = []
  list.forEach((_, i) => {
    const cidr = readCidr(reader, [...path, i])
    if (cidr !== undefined) valid.push(cidr)
  })
  return valid
}
