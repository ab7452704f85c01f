import { BirdError, SYNTAX_ERROR, type Token } from './birdLexer'

/** What a name stands for in the daemon's configuration, as its symbol table would say. */
export type SymbolClass = 'protocol' | 'table' | 'filter' | undefined

export type ExportMode = 'export' | 'preexport' | 'noexport'

/** `show route`'s arguments (nest/config.Y r_args, struct rt_show_data). */
export interface ShowRouteQuery {
  /** The prefix asked about: every net when undefined. */
  readonly prefix: { readonly network: number; readonly length: number } | undefined
  /** `for`: the longest match covering the prefix (net_route), not the exact net (net_find). */
  readonly longestMatch: boolean
  readonly verbose: boolean
  readonly primaryOnly: boolean
  readonly filtered: boolean
  readonly exportMode: ExportMode | undefined
  readonly exportProtocol: string | undefined
  readonly protocol: string | undefined
  /** 0 for the routes, 1 (`stats`) for the routes and a count, 2 (`count`) for the count only. */
  readonly stats: 0 | 1 | 2
}

/** Thrown for what BIRD would do but Peerlab's console does not: evaluating a filter. */
export class UnsupportedArgument extends Error {}

class Reader {
  private index = 0
  constructor(private readonly tokens: readonly Token[]) {}

  get done(): boolean {
    return this.index >= this.tokens.length
  }

  peek(): Token | undefined {
    return this.tokens[this.index]
  }

  next(): Token {
    const token = this.tokens[this.index++]
    if (token === undefined) throw new BirdError(SYNTAX_ERROR)
    return token
  }

  symbol(): string {
    const token = this.next()
    if (token.kind !== 'symbol') throw new BirdError(SYNTAX_ERROR)
    return token.text
  }
}

/** conf/confbase.Y ipa: an address, or a symbol that must be an IP constant (none is, here). */
function readAddress(reader: Reader): number {
  const token = reader.next()
  if (token.kind === 'ip') return token.value
  if (token.kind === 'symbol') throw new BirdError('IP address expected')
  throw new BirdError(SYNTAX_ERROR)
}

/** The length a netmask stands for (lib/ip.c ipa_masklen), or -1 when its ones are not contiguous. */
function maskLength(mask: number): number {
  for (let length = 0; length <= 32; length++) if ((length === 0 ? 0 : (0xffffffff << (32 - length)) >>> 0) === mask >>> 0) return length
  return -1
}

const formatAddress = (value: number): string => [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join('.')

/** conf/confbase.Y prefix and prefix_or_ipa: `ADDR/LEN` or `ADDR:MASK`, and a bare address where one may stand. */
function readPrefix(reader: Reader, addressAlone: boolean): { network: number; length: number } {
  const network = readAddress(reader)
  const separator = reader.peek()
  let length: number
  if (separator?.kind === 'char' && separator.text === '/') {
    reader.next()
    const token = reader.next()
    if (token.kind !== 'number') throw new BirdError(SYNTAX_ERROR)
    if (token.value > 32) throw new BirdError(`Invalid prefix length ${token.value}`)
    length = token.value
  } else if (separator?.kind === 'char' && separator.text === ':') {
    reader.next()
    const mask = readAddress(reader)
    length = maskLength(mask)
    if (length < 0) throw new BirdError(`Invalid netmask ${formatAddress(mask)}`)
  } else if (addressAlone) {
    return { network, length: 32 }
  } else {
    throw new BirdError(SYNTAX_ERROR)
  }
  const hostBits = length === 32 ? 0 : (0xffffffff >>> length) >>> 0
  if ((network & hostBits) !== 0) throw new BirdError('Invalid prefix')
  return { network, length }
}

/**
 * `show route` arguments in any order, with BIRD's checks in the order its grammar makes them:
 * one prefix only, one export protocol and one `protocol`, each name a protocol (or a table for
 * `table`). Later `stats`/`count` override earlier ones, as the grammar's actions do.
 */
export function parseShowRoute(tokens: readonly Token[], classOf: (name: string) => SymbolClass): ShowRouteQuery {
  const reader = new Reader(tokens)
  let query: ShowRouteQuery = {
    prefix: undefined,
    longestMatch: false,
    verbose: false,
    primaryOnly: false,
    filtered: false,
    exportMode: undefined,
    exportProtocol: undefined,
    protocol: undefined,
    stats: 0,
  }
  const setPrefix = (prefix: { network: number; length: number }, longestMatch: boolean): void => {
    if (query.prefix !== undefined) throw new BirdError('Only one prefix expected')
    query = { ...query, prefix, longestMatch }
  }
  const protocolName = (): string => reader.symbol()
  while (!reader.done) {
    const token = reader.peek() as Token
    if (token.kind === 'ip' || token.kind === 'symbol') {
      setPrefix(readPrefix(reader, false), false)
      continue
    }
    reader.next()
    if (token.kind !== 'keyword') throw new BirdError(SYNTAX_ERROR)
    switch (token.text) {
      case 'for':
        setPrefix(readPrefix(reader, true), true)
        break
      case 'table': {
        const name = reader.symbol()
        if (classOf(name) !== 'table') throw new BirdError(`${name} is not a table`)
        break
      }
      case 'filter':
      case 'where':
        throw new UnsupportedArgument(token.text)
      case 'all':
        query = { ...query, verbose: true }
        break
      case 'primary':
        query = { ...query, primaryOnly: true }
        break
      case 'filtered':
        query = { ...query, filtered: true }
        break
      case 'stats':
        query = { ...query, stats: 1 }
        break
      case 'count':
        query = { ...query, stats: 2 }
        break
      case 'export':
      case 'preexport':
      case 'noexport': {
        const name = protocolName()
        if (query.exportMode !== undefined) throw new BirdError('Protocol specified twice')
        if (classOf(name) !== 'protocol') throw new BirdError(`${name} is not a protocol`)
        query = { ...query, exportMode: token.text, exportProtocol: name }
        break
      }
      case 'protocol': {
        const name = protocolName()
        if (query.protocol !== undefined) throw new BirdError('Protocol specified twice')
        if (classOf(name) !== 'protocol') throw new BirdError(`${name} is not a protocol`)
        query = { ...query, protocol: name }
        break
      }
      default:
        throw new BirdError(SYNTAX_ERROR)
    }
  }
  return query
}

/** Which protocols `show protocols [all]` lists: every one, one by name, or those a quoted pattern matches. */
export type ProtocolSelection = { readonly kind: 'all' } | { readonly kind: 'name'; readonly name: string } | { readonly kind: 'pattern'; readonly pattern: string }

/** nest/config.Y proto_patt2: nothing, one name, or one quoted pattern. */
export function parseShowProtocols(tokens: readonly Token[]): ProtocolSelection {
  const [first, ...rest] = tokens
  if (rest.length > 0) throw new BirdError(SYNTAX_ERROR)
  if (first === undefined) return { kind: 'all' }
  if (first.kind === 'symbol') return { kind: 'name', name: first.text }
  if (first.kind === 'text') return { kind: 'pattern', pattern: first.text }
  throw new BirdError(SYNTAX_ERROR)
}

/** lib/patmatch.c patmatch: `*` any run of characters, `?` one character. */
export function patternMatches(pattern: string, name: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    's',
  )
  return regex.test(name)
}
