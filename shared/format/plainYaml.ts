/**
 * A quick reader for the plain YAML that Peerlab and generators write: documents split by `---`
 * lines, block maps and lists, one-line flow maps and lists, plain and simply quoted scalars. The
 * general YAML library spent most of the time to open a design of thousands of hosts lexing such
 * text one character at a time. Anything else (comments, anchors, tags, block or multi-line
 * scalars, numbers other than whole ones, escapes, tabs, odd keys, duplicate keys, empty
 * documents) makes it give up, and the library reads the text instead: where it answers, its
 * values are the ones the library's core schema gives.
 */

/** Each document's value and where its text starts; undefined when the text is not of the kind read here. */
export interface PlainBundle {
  readonly values: readonly unknown[]
  readonly offsets: readonly number[]
}

class NotPlain extends Error {}
const give = (): never => {
  throw new NotPlain()
}

interface Line {
  readonly indent: number
  readonly text: string
}

const MAX_DEPTH = 50
const KEY = /^([A-Za-z_][A-Za-z0-9_./-]*):(?: (.*))?$/
/** Keys the core schema reads as no string, and the one a plain object cannot hold as its own. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE'])
const WHOLE = /^[-+]?[0-9]{1,15}$/
const DECIMAL = /^-?[0-9]{1,15}\.[0-9]{1,15}$/
/** Plain scalars the core schema reads as something this reader does not: floats, infinities, hex and octal numbers. */
const OTHER_NUMBER = /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|0x[0-9a-fA-F]+|0o[0-7]+|[-+]?[0-9]+)$/
/** What a plain scalar may not start with, or contain, here: indicators, comments and map syntax (in a flow collection, any colon). */
const PLAIN_START = /^[-?:,[\]{}#&*!|>'"%@`]/
const PLAIN_BAD = /: |:$|\s#/
const FLOW_PLAIN_BAD = /:|\s#/

function scalar(raw: string, inFlow = false): unknown {
  const text = raw.trimEnd()
  if (text !== raw) give()
  switch (text) {
    case '':
    case '~':
    case 'null':
    case 'Null':
    case 'NULL':
      return null
    case 'true':
    case 'True':
    case 'TRUE':
      return true
    case 'false':
    case 'False':
    case 'FALSE':
      return false
  }
  if (WHOLE.test(text) || DECIMAL.test(text)) return Number(text)
  if (OTHER_NUMBER.test(text)) give()
  if (PLAIN_START.test(text) && !/^-[^\s]/.test(text)) give()
  if ((inFlow ? FLOW_PLAIN_BAD : PLAIN_BAD).test(text)) give()
  return text
}

/** A quoted scalar at `from` in `text`: its value and where it ends. Escapes and line breaks make it give up. */
function quoted(text: string, from: number): { value: string; end: number } {
  const quote = text[from]
  let value = ''
  for (let i = from + 1; i < text.length; i++) {
    const c = text[i]
    if (c === '\\' && quote === '"') give()
    if (c !== quote) {
      value += c
      continue
    }
    if (quote === "'" && text[i + 1] === "'") {
      value += "'"
      i++
      continue
    }
    return { value, end: i + 1 }
  }
  return give()
}

/** A one-line flow collection or scalar within `{…}` or `[…]`, from `from`; returns its value and where it ends. */
function flow(text: string, from: number, depth: number): { value: unknown; end: number } {
  if (depth > MAX_DEPTH) give()
  const skip = (i: number): number => {
    while (text[i] === ' ') i++
    return i
  }
  const open = text[from]
  if (open === "'" || open === '"') return quoted(text, from)
  if (open === '{' || open === '[') {
    const close = open === '{' ? '}' : ']'
    const map: Record<string, unknown> = {}
    const list: unknown[] = []
    let i = skip(from + 1)
    if (text[i] === close) return { value: open === '{' ? map : list, end: i + 1 }
    for (;;) {
      if (open === '{') {
        const match = /^([A-Za-z_][A-Za-z0-9_./-]*): /.exec(text.slice(i))
        if (!match) give()
        const key = (match as RegExpExecArray)[1] as string
        if (FORBIDDEN_KEYS.has(key) || Object.prototype.hasOwnProperty.call(map, key)) give()
        const item = flow(text, skip(i + (match as RegExpExecArray)[0].length), depth + 1)
        map[key] = item.value
        i = item.end
      } else {
        const item = flow(text, i, depth + 1)
        list.push(item.value)
        i = item.end
      }
      i = skip(i)
      if (text[i] === close) return { value: open === '{' ? map : list, end: i + 1 }
      if (text[i] !== ',') give()
      i = skip(i + 1)
    }
  }
  let end = from
  while (end < text.length && !',[]{}'.includes(text[end] as string)) end++
  let raw = text.slice(from, end)
  raw = raw.replace(/ +$/, '')
  if (raw === '') give()
  return { value: scalar(raw, true), end: from + raw.length }
}

/** The value written after `key: ` or `- ` on one line. */
function inline(text: string): unknown {
  if (text.startsWith(' ')) give()
  if (text.startsWith('{') || text.startsWith('[') || text.startsWith("'") || text.startsWith('"')) {
    const { value, end } = flow(text, 0, 0)
    if (end !== text.length) give()
    return value
  }
  return scalar(text)
}

class Reader {
  private at = 0
  constructor(private readonly lines: Line[]) {}

  done(): boolean {
    return this.at >= this.lines.length
  }

  private peek(): Line | undefined {
    return this.lines[this.at]
  }

  block(indent: number, depth: number): unknown {
    if (depth > MAX_DEPTH) give()
    const line = this.peek() as Line
    return line.text === '-' || line.text.startsWith('- ') ? this.list(indent, depth) : this.map(indent, depth)
  }

  /** What follows `key:` with nothing after it: a nested block, a list at the key's own indent, or null. */
  private nested(indent: number, depth: number, listHere: boolean): unknown {
    const next = this.peek()
    if (next && next.indent > indent) return this.block(next.indent, depth + 1)
    if (listHere && next && next.indent === indent && (next.text === '-' || next.text.startsWith('- '))) return this.list(indent, depth + 1)
    return null
  }

  private map(indent: number, depth: number): Record<string, unknown> {
    const map: Record<string, unknown> = {}
    for (let line = this.peek(); line && line.indent === indent; line = this.peek()) {
      if (line.text === '-' || line.text.startsWith('- ')) break
      const match = KEY.exec(line.text)
      if (!match) give()
      const key = (match as RegExpExecArray)[1] as string
      const rest = (match as RegExpExecArray)[2]
      if (FORBIDDEN_KEYS.has(key) || Object.prototype.hasOwnProperty.call(map, key)) give()
      this.at++
      if (rest === undefined || rest === '') {
        if (rest === '') give()
        map[key] = this.nested(indent, depth, true)
      } else {
        map[key] = inline(rest)
        if ((this.peek()?.indent ?? -1) > indent) give()
      }
    }
    if ((this.peek()?.indent ?? -1) > indent) give()
    return map
  }

  private list(indent: number, depth: number): unknown[] {
    const list: unknown[] = []
    for (let line = this.peek(); line && line.indent === indent && (line.text === '-' || line.text.startsWith('- ')); line = this.peek()) {
      if (line.text === '-') {
        this.at++
        list.push(this.nested(indent, depth, false))
        continue
      }
      const rest = line.text.slice(2)
      if (rest.startsWith(' ') || rest === '' || rest.startsWith('-')) give()
      if (KEY.test(rest)) {
        // A map begun on the item's own line: its keys stand two columns in.
        this.lines[this.at] = { indent: indent + 2, text: rest }
        list.push(this.map(indent + 2, depth + 1))
      } else {
        this.at++
        list.push(inline(rest))
        if ((this.peek()?.indent ?? -1) > indent) give()
      }
    }
    if ((this.peek()?.indent ?? -1) > indent) give()
    return list
  }
}

function readDocument(lines: Line[]): unknown {
  if (lines.length === 0 || (lines[0] as Line).indent !== 0) give()
  const reader = new Reader(lines)
  const value = reader.block(0, 1)
  if (!reader.done() || Array.isArray(value)) give()
  return value
}

export function readPlainBundle(text: string): PlainBundle | undefined {
  // Comments, tabs, carriage returns and escapes are left to the library.
  if (/[#\t\r\\]/.test(text)) return undefined
  const values: unknown[] = []
  const offsets: number[] = [0]
  let lines: Line[] = []
  try {
    let start = 0
    while (start < text.length) {
      let end = text.indexOf('\n', start)
      if (end === -1) end = text.length
      const raw = text.slice(start, end)
      if (raw === '---') {
        if (start > 0) {
          values.push(readDocument(lines))
          offsets.push(start)
          lines = []
        }
      } else if (raw.startsWith('---') || raw.startsWith('...') || raw.startsWith('%')) give()
      else {
        const body = raw.trimStart()
        if (body !== '') {
          if (body !== raw.trim()) give()
          lines.push({ indent: raw.length - body.length, text: body })
        } else if (raw !== '') give()
      }
      start = end + 1
    }
    values.push(readDocument(lines))
  } catch (error) {
    if (error instanceof NotPlain) return undefined
    throw error
  }
  return { values, offsets }
}
