import { fail, ok, type Program, type ProgramResult } from '../program'

const linesOf = (text: string): string[] => {
  if (text === '') return []
  const lines = text.split('\n')
  if (lines.at(-1) === '') lines.pop()
  return lines
}

/** Basic regular expressions (grep without -E): `+ ? | ( ) { }` are literal unless escaped. */
function basicToJs(pattern: string): string {
  let out = ''
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string
    if (c === '\\' && i + 1 < pattern.length) {
      const next = pattern[++i] as string
      out += '+?|(){}'.includes(next) ? next : `\\${next}`
    } else out += '+?|(){}'.includes(c) ? `\\${c}` : c
  }
  return out
}

/** GNU regex's wording for the mistakes people make in a pattern (glibc regcomp messages). */
function gnuRegexError(message: string): string {
  if (/Unterminated group|Unmatched '\('/.test(message)) return 'Unmatched ( or \\('
  if (/Unmatched '\)'/.test(message)) return 'Unmatched ) or \\)'
  if (/Unterminated character class/.test(message)) return 'Unmatched [, [^, [:, [., or [='
  if (/Nothing to repeat/.test(message)) return 'Invalid preceding regular expression'
  if (/Incomplete quantifier|numbers out of order/.test(message)) return 'Invalid content of \\{\\}'
  return 'Invalid regular expression'
}

const escapeFixed = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** GNU grep's options a lab uses: -E, -F, -i, -v, -c, -n, -w, -m N, -e PATTERN, combined (`-iv`, `-m2`). */
export const grep: Program = (_context, args, stdin) => {
  let extended = false
  let fixed = false
  let ignoreCase = false
  let invert = false
  let count = false
  let numbered = false
  let word = false
  let max = Infinity
  const patterns: string[] = []
  const operands: string[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string
    if (arg === '--') {
      operands.push(...args.slice(i + 1))
      break
    }
    if (!arg.startsWith('-') || arg === '-') {
      operands.push(arg)
      continue
    }
    if (arg.startsWith('--max-count=')) {
      max = Number(arg.slice('--max-count='.length))
      continue
    }
    for (let j = 1; j < arg.length; j++) {
      const flag = arg[j] as string
      if (flag === 'E') extended = true
      else if (flag === 'F') fixed = true
      else if (flag === 'i') ignoreCase = true
      else if (flag === 'v') invert = true
      else if (flag === 'c') count = true
      else if (flag === 'n') numbered = true
      else if (flag === 'w') word = true
      else if (flag === 'm' || flag === 'e') {
        const value = j + 1 < arg.length ? arg.slice(j + 1) : args[++i]
        if (value === undefined) return fail(`grep: option requires an argument -- '${flag}'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n`, 2)
        if (flag === 'm') {
          max = Number(value)
          if (!Number.isInteger(max)) return fail(`grep: invalid max count\n`, 2)
        } else patterns.push(value)
        break
      } else return fail(`grep: invalid option -- '${flag}'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n`, 2)
    }
  }
  if (patterns.length === 0) {
    const first = operands.shift()
    if (first === undefined) return fail(`Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n`, 2)
    patterns.push(first)
  }
  if (operands.length > 0) return fail(`peerlab: grep reads what is piped into it here; files (${operands.join(' ')}) are not searched\n`, 2)
  let matcher: RegExp
  try {
    const sources = patterns.flatMap((p) => p.split('\n')).map((p) => (fixed ? escapeFixed(p) : extended ? p : basicToJs(p)))
    const body = sources.map((s) => (word ? `(?<![\\w])(?:${s})(?![\\w])` : `(?:${s})`)).join('|')
    matcher = new RegExp(body, ignoreCase ? 'i' : '')
  } catch (error) {
    return fail(`grep: ${gnuRegexError((error as Error).message)}\n`, 2)
  }
  const selected: string[] = []
  linesOf(stdin).forEach((line, index) => {
    if (selected.length >= max) return
    if (matcher.test(line) !== invert) selected.push(numbered ? `${index + 1}:${line}` : line)
  })
  if (count) return { stdout: `${selected.length}\n`, stderr: '', exitCode: selected.length > 0 ? 0 : 1 }
  return { stdout: selected.map((l) => `${l}\n`).join(''), stderr: '', exitCode: selected.length > 0 ? 0 : 1 }
}

/** `-n N`, `-nN`, `-N` or `--lines=N`; head and tail share it. */
function lineCount(name: string, args: readonly string[]): number | ProgramResult {
  let n = 10
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string
    const value = arg === '-n' ? args[++i] : arg.startsWith('--lines=') ? arg.slice(8) : arg.startsWith('-n') ? arg.slice(2) : /^-\d+$/.test(arg) ? arg.slice(1) : undefined
    if (value === undefined) return fail(`peerlab: ${name} reads what is piped into it here (${arg})\n`, 1)
    n = Number(value)
    if (!Number.isInteger(n) || n < 0) return fail(`${name}: invalid number of lines: '${value}'\n`, 1)
  }
  return n
}

export const head: Program = (_context, args, stdin) => {
  const n = lineCount('head', args)
  if (typeof n !== 'number') return n
  return ok(
    linesOf(stdin)
      .slice(0, n)
      .map((l) => `${l}\n`)
      .join(''),
  )
}

export const tail: Program = (_context, args, stdin) => {
  const n = lineCount('tail', args)
  if (typeof n !== 'number') return n
  return ok(
    n === 0
      ? ''
      : linesOf(stdin)
          .slice(-n)
          .map((l) => `${l}\n`)
          .join(''),
  )
}

/** Bytes of a string in UTF-8, which is what wc -c counts. */
function utf8Length(text: string): number {
  let bytes = 0
  for (const char of text) {
    const code = char.codePointAt(0) as number
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4
  }
  return bytes
}

/** GNU wc on standard input: counts right-aligned in 7 columns, or the bare number for one count. */
export const wc: Program = (_context, args, stdin) => {
  const lines = (stdin.match(/\n/g) ?? []).length
  const words = stdin.split(/\s+/).filter((w) => w !== '').length
  const bytes = utf8Length(stdin)
  const wanted = args.flatMap((a) => (a.startsWith('-') && !a.startsWith('--') ? [...a.slice(1)] : a === '--lines' ? ['l'] : a === '--words' ? ['w'] : a === '--bytes' ? ['c'] : [a]))
  const unknown = wanted.find((f) => !'lwc'.includes(f) || f.length !== 1)
  if (unknown !== undefined) return fail(`wc: invalid option -- '${unknown}'\nTry 'wc --help' for more information.\n`, 1)
  const columns = [
    wanted.includes('l') || wanted.length === 0 ? lines : undefined,
    wanted.includes('w') || wanted.length === 0 ? words : undefined,
    wanted.includes('c') || wanted.length === 0 ? bytes : undefined,
  ].filter((v) => v !== undefined)
  if (columns.length === 1) return ok(`${columns[0]}\n`)
  return ok(`${columns.map((v) => String(v).padStart(7)).join(' ')}\n`)
}

export const echo: Program = (_context, args) => {
  const noNewline = args[0] === '-n'
  const words = noNewline ? args.slice(1) : args
  return ok(`${words.join(' ')}${noNewline ? '' : '\n'}`)
}
