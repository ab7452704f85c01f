import { describe, expect, it } from 'vitest'
import { needsMoreInput, parseShellScript, ShellSyntaxError } from '../../../shared/console/shellScript'

const argvOf = (text: string): string[][] => parseShellScript(text).flatMap((c) => c.pipelines.flatMap((p) => p.stages.map((s) => [...s.argv])))

describe('parseShellScript', () => {
  it("reads the lab's `kubectl apply -f -<<EOF` as the word - and a here-document", () => {
    const [command] = parseShellScript('kubectl apply -f -<<EOF\nkind: A\n  x: 1\nEOF\n')
    const stage = command?.pipelines[0]?.stages[0]
    expect(stage?.argv).toEqual(['kubectl', 'apply', '-f', '-'])
    expect(stage?.heredoc).toBe('kind: A\n  x: 1\n')
    expect(command?.source).toBe('kubectl apply -f -<<EOF\nkind: A\n  x: 1\nEOF')
  })

  it('takes <<\'EOF\', <<"EOF" and <<EOF alike (nothing is expanded), and <<-EOF strips leading tabs', () => {
    expect(parseShellScript("cat <<'EOF'\n$HOME\nEOF\n")[0]?.pipelines[0]?.stages[0]?.heredoc).toBe('$HOME\n')
    expect(parseShellScript('cat <<"END"\na\nEND\n')[0]?.pipelines[0]?.stages[0]?.heredoc).toBe('a\n')
    expect(parseShellScript('cat <<-EOF\n\t\tindented\n\tEOF\n')[0]?.pipelines[0]?.stages[0]?.heredoc).toBe('indented\n')
  })

  it('splits pipes, && , || and ; and keeps what each joins with', () => {
    const [command] = parseShellScript('a | b x && c || d; e')
    expect(command?.pipelines.map((p) => [p.stages.map((s) => s.argv.join(' ')), p.then])).toEqual([
      [['a', 'b x'], '&&'],
      [['c'], '||'],
      [['d'], ';'],
      [['e'], ';'],
    ])
  })

  it('honours single and double quotes, backslashes and comments', () => {
    expect(argvOf(`grep -E "a|b c" 'd "e"' f\\ g # comment`)).toEqual([['grep', '-E', 'a|b c', 'd "e"', 'f g']])
    expect(argvOf('echo "say \\"hi\\""')).toEqual([['echo', 'say "hi"']])
  })

  it('joins lines ending in a backslash and skips blank lines', () => {
    const commands = parseShellScript('kubectl get \\\n  pods\n\n\nip route\n')
    expect(commands.map((c) => c.line)).toEqual([1, 5])
    expect(argvOf('kubectl get \\\n  pods\n')).toEqual([['kubectl', 'get', 'pods']])
  })

  it('reads > FILE, >> FILE and 2> FILE as redirections, and 2 alone as a word', () => {
    const stage = parseShellScript('ip route > out.txt 2>> err.txt')[0]?.pipelines[0]?.stages[0]
    expect(stage?.argv).toEqual(['ip', 'route'])
    expect(stage?.redirects).toEqual([
      { fd: 1, append: false, target: 'out.txt' },
      { fd: 2, append: true, target: 'err.txt' },
    ])
    expect(argvOf('head -n 2')).toEqual([['head', '-n', '2']])
  })

  it('goes on at the next line after a trailing |, && or ||, as bash does', () => {
    const commands = parseShellScript('ip route |\n  grep bird &&\n  echo yes\nhostname\n')
    expect(commands.map((c) => c.pipelines.map((p) => p.stages.map((st) => st.argv.join(' '))))).toEqual([[['ip route', 'grep bird'], ['echo yes']], [['hostname']]])
    expect(commands[0]?.source).toBe('ip route |\n  grep bird &&\n  echo yes')
  })

  it('gives one command per typed line, here-documents and all', () => {
    expect(parseShellScript('ssh worker1\ncat <<EOF\nx\nEOF\nexit\n').map((c) => c.source)).toEqual(['ssh worker1', 'cat <<EOF\nx\nEOF', 'exit'])
  })

  it("keeps bash's syntax errors on their line and parses the lines around them", () => {
    const commands = parseShellScript("echo before\necho 'open\nip route |\n| grep x\necho after\n")
    expect(commands.map((c) => [c.line, c.syntaxError ?? c.pipelines.map((p) => p.stages.map((st) => st.argv.join(' ')))])).toEqual([
      [1, [['echo before']]],
      [2, "unexpected EOF while looking for matching `''"],
      [3, "syntax error near unexpected token `|'"],
      [5, [['echo after']]],
    ])
    expect(parseShellScript('| grep x')[0]?.syntaxError).toBe("syntax error near unexpected token `|'")
    expect(() => parseShellScript('x')).not.toThrow(ShellSyntaxError)
  })

  it("runs a here-document the end of the input closes, with bash's warning", () => {
    const [command] = parseShellScript('\n\ncat <<EOF\nno end\n')
    expect(command?.warning).toBe("here-document at line 3 delimited by end-of-file (wanted `EOF')")
    expect(command?.pipelines[0]?.stages[0]?.heredoc).toBe('no end\n')
  })
})

describe('needsMoreInput', () => {
  it('keeps reading an open here-document, quote, pipe, && or continuation, and runs a complete line', () => {
    expect(needsMoreInput('kubectl apply -f -<<EOF\nkind: A')).toBe(true)
    expect(needsMoreInput('kubectl apply -f -<<EOF\nkind: A\nEOF')).toBe(false)
    expect(needsMoreInput("echo 'open")).toBe(true)
    expect(needsMoreInput('ip route |')).toBe(true)
    expect(needsMoreInput('true &&')).toBe(true)
    expect(needsMoreInput('kubectl get \\')).toBe(true)
    expect(needsMoreInput('ip route')).toBe(false)
    expect(needsMoreInput('| grep')).toBe(false)
  })
})
