/**
 * The part of a POSIX shell a lab handout needs: words with quotes and escapes, pipes, `&&`, `;`,
 * here-documents (`<<EOF`, `<<'EOF'`, `<<-EOF`, and `-<<EOF` where `-` is the word before the
 * operator), `> FILE` redirections, `\` line continuations and comments. No expansion: the lab's
 * commands use none, and a `$` is kept as typed.
 */

export interface Redirect {
  readonly fd: 1 | 2
  readonly append: boolean
  readonly target: string
}

/** One program of a pipeline. */
export interface Stage {
  readonly argv: readonly string[]
  /** The here-document's text, when the stage reads one. */
  readonly heredoc: string | undefined
  readonly redirects: readonly Redirect[]
}

/** Stages joined by `|`. */
export interface Pipeline {
  readonly stages: readonly Stage[]
  /** How the next pipeline runs: always (`;`), only on success (`&&`) or only on failure (`||`). */
  readonly then: ';' | '&&' | '||'
}

/** One command as a person types it: a line (with its continuations and here-documents). */
export interface ShellCommand {
  /** The text as typed, here-documents included. */
  readonly source: string
  /** 1-based line of the script where it starts. */
  readonly line: number
  readonly pipelines: readonly Pipeline[]
  /** Why bash would refuse this line (it runs nothing of it, and goes on with the next). */
  readonly syntaxError?: string
  /** What bash warns about and runs anyway: a here-document that the end of the input closed. */
  readonly warning?: string
}

export class ShellSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message)
  }
}

type Token = { readonly kind: 'word'; readonly text: string } | { readonly kind: 'op'; readonly text: string } | { readonly kind: 'heredoc'; readonly delimiter: string; readonly stripTabs: boolean }

const OPERATORS = ['&&', '||', '>>', '2>>', '2>', '>', '|', ';']

/** Splits one logical line into words and operators, bash's way (`-<<EOF` is the word `-` then `<<EOF`). */
function tokenize(text: string, line: number): Token[] {
  const tokens: Token[] = []
  let i = 0
  let word = ''
  let inWord = false
  const endWord = (): void => {
    if (inWord) tokens.push({ kind: 'word', text: word })
    word = ''
    inWord = false
  }
  while (i < text.length) {
    const c = text[i] as string
    if (c === ' ' || c === '\t') {
      endWord()
      i++
    } else if (c === '#' && !inWord) {
      break
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1)
      if (end < 0) throw new ShellSyntaxError("unexpected EOF while looking for matching `''", line)
      word += text.slice(i + 1, end)
      inWord = true
      i = end + 1
    } else if (c === '"') {
      i++
      inWord = true
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1] as string)) i++
        word += text[i]
        i++
      }
      if (i >= text.length) throw new ShellSyntaxError('unexpected EOF while looking for matching `"\'', line)
      i++
    } else if (c === '\\') {
      if (i + 1 < text.length) word += text[i + 1]
      inWord = true
      i += 2
    } else if (text.startsWith('<<', i)) {
      endWord()
      i += 2
      const stripTabs = text[i] === '-'
      if (stripTabs) i++
      while (text[i] === ' ') i++
      let delimiter = ''
      while (i < text.length && !' \t|;&<>'.includes(text[i] as string)) {
        const d = text[i] as string
        if (d === "'" || d === '"') {
          const end = text.indexOf(d, i + 1)
          if (end < 0) throw new ShellSyntaxError(`unterminated here-document delimiter`, line)
          delimiter += text.slice(i + 1, end)
          i = end + 1
        } else {
          delimiter += d
          i++
        }
      }
      if (delimiter === '') throw new ShellSyntaxError("syntax error near unexpected token `newline'", line)
      tokens.push({ kind: 'heredoc', delimiter, stripTabs })
    } else {
      const operator = OPERATORS.find((op) => text.startsWith(op, i) && (op[0] !== '2' || !inWord))
      if (operator) {
        endWord()
        tokens.push({ kind: 'op', text: operator })
        i += operator.length
      } else {
        word += c
        inWord = true
        i++
      }
    }
  }
  endWord()
  return tokens
}

/** Groups tokens into pipelines; here-document bodies are filled in by the caller, in order. */
function buildPipelines(tokens: readonly Token[], bodies: readonly string[], line: number): Pipeline[] {
  const pipelines: Pipeline[] = []
  let stages: Stage[] = []
  let argv: string[] = []
  let heredoc: string | undefined
  let redirects: Redirect[] = []
  let bodyIndex = 0
  const endStage = (operator: string): void => {
    if (argv.length === 0) throw new ShellSyntaxError(`syntax error near unexpected token \`${operator}'`, line)
    stages.push({ argv, heredoc, redirects })
    argv = []
    heredoc = undefined
    redirects = []
  }
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t] as Token
    if (token.kind === 'word') argv.push(token.text)
    else if (token.kind === 'heredoc') heredoc = bodies[bodyIndex++]
    else if (token.text === '|') endStage('|')
    else if (token.text === ';' || token.text === '&&' || token.text === '||') {
      endStage(token.text)
      pipelines.push({ stages, then: token.text })
      stages = []
    } else {
      const target = tokens[t + 1]
      if (target?.kind !== 'word') throw new ShellSyntaxError(`syntax error near unexpected token \`${target?.kind === 'op' ? target.text : 'newline'}'`, line)
      redirects.push({ fd: token.text.startsWith('2') ? 2 : 1, append: token.text.endsWith('>>'), target: target.text })
      t++
    }
  }
  if (argv.length > 0 || heredoc !== undefined || redirects.length > 0) endStage('newline')
  else if (stages.length > 0) throw new ShellSyntaxError('syntax error: unexpected end of file', line)
  if (stages.length > 0) pipelines.push({ stages, then: ';' })
  return pipelines
}

function endsWithJoiner(tokens: readonly Token[]): boolean {
  const last = tokens.at(-1)
  return last?.kind === 'op' && (last.text === '|' || last.text === '&&' || last.text === '||')
}

/**
 * Parses a script (or one typed command) into the commands a person would have typed, in order.
 * A line bash cannot parse becomes a command that carries its syntax error, so the lines before
 * and after it still run, as they would in bash.
 */
export function parseShellScript(text: string): ShellCommand[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n')
  if (lines.at(-1) === '') lines.pop()
  const commands: ShellCommand[] = []
  let index = 0
  while (index < lines.length) {
    const start = index
    let logical = lines[index++] as string
    // A trailing backslash joins the next line (outside quotes, which the lab never spans).
    while (/(^|[^\\])(\\\\)*\\$/.test(logical) && index < lines.length) logical = logical.slice(0, -1) + (lines[index++] as string)
    try {
      let tokens = tokenize(logical, start + 1)
      // A line ending in |, && or || goes on at the next line, as in bash.
      while (index < lines.length && endsWithJoiner(tokens)) {
        logical = `${logical}\n${lines[index++] as string}`
        tokens = tokenize(logical.replace(/\n/g, ' '), start + 1)
      }
      const bodies: string[] = []
      let warning: string | undefined
      for (const token of tokens) {
        if (token.kind !== 'heredoc') continue
        const body: string[] = []
        for (;;) {
          if (index >= lines.length) {
            warning = `here-document at line ${start + 1} delimited by end-of-file (wanted \`${token.delimiter}')`
            break
          }
          const raw = lines[index++] as string
          const bodyLine = token.stripTabs ? raw.replace(/^\t+/, '') : raw
          if (bodyLine === token.delimiter) break
          body.push(bodyLine)
        }
        bodies.push(body.length > 0 ? `${body.join('\n')}\n` : '')
      }
      const pipelines = buildPipelines(tokens, bodies, start + 1)
      if (pipelines.length === 0) continue
      commands.push({ source: lines.slice(start, index).join('\n'), line: start + 1, pipelines, ...(warning !== undefined ? { warning } : {}) })
    } catch (error) {
      if (!(error instanceof ShellSyntaxError)) throw error
      commands.push({ source: lines.slice(start, index).join('\n'), line: start + 1, pipelines: [], syntaxError: error.message })
    }
  }
  return commands
}

/**
 * Whether a shell would keep reading after this text: an open here-document or quote, a trailing
 * pipe, `&&` or backslash. A terminal then starts a new line instead of running what was typed.
 */
export function needsMoreInput(text: string): boolean {
  if (/(^|[^\\])\\$/.test(text) || /(\||&&|\|\|)\s*$/.test(text)) return true
  const last = parseShellScript(text).at(-1)
  return last?.warning !== undefined || /unexpected EOF while looking for matching/.test(last?.syntaxError ?? '')
}
