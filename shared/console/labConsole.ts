import { applyCommand, type Command } from '../commands/commands'
import type { Design } from '../model/design'
import { clusterOf, displayName, hostsOf, type Host } from '../model/query'
import { computeNetwork, type NetworkState } from '../routing/network'
import { HostFiles } from './hostFiles'
import { clockOf, SECONDS_PER_COMMAND } from './labClock'
import { fail, ok, type Program, type ProgramContext, type ProgramResult } from './program'
import { birdc } from './programs/bird/birdc'
import { calicoctl } from './programs/calicoctl'
import { cat } from './programs/cat'
import { curl } from './programs/curl'
import { ip } from './programs/ip'
import { kubectl } from './programs/kubectl/kubectl'
import { ping, traceroute } from './programs/pingTraceroute'
import { echo, grep, head, tail, wc } from './programs/textTools'
import { parseShellScript, type Pipeline, type ShellCommand, type Stage } from './shellScript'
import { runBuiltin, SUPPORTED, type ShellState } from './shellBuiltins'
import { Timeline } from './timeline'

/** One command as a transcript shows it: where it ran, what was typed, what came back. */
export interface ConsoleEntry {
  /** The host's short name (alias) where the command ran. */
  readonly host: string
  readonly command: string
  /** What the terminal shows: standard output and standard error, in the order they appear. */
  readonly output: string
  /** The same output split into its streams (for a CLI that keeps them apart). */
  readonly stdout: string
  readonly stderr: string
  readonly exitCode: number
}

export interface ConsoleOptions {
  /** Reads a file the console did not write (the CLI gives the files beside a script). */
  readonly readFile?: (path: string) => string | undefined
  /** Told of every change a command makes to the design, so the app can offer undo. */
  readonly onEdit?: (command: Command, before: Design, after: Design) => void
}

const PROGRAMS: Readonly<Record<string, Program>> = { kubectl, calicoctl, ip, birdc, cat, curl, ping, traceroute, grep, head, tail, wc, echo }

/**
 * A lab's terminal over a design: a current host (the jump host first; `ssh` and `exit` move),
 * a simulated clock, and the commands a handout uses, each answering as the real tool would.
 * Commands that change the cluster (`kubectl apply`) change the design, one undoable edit each.
 */
export class LabConsole {
  private current: Design
  private networkOf: { design: Design; network: NetworkState } | undefined
  private readonly hosts: Host[] = []
  private clock: number
  private readonly bootedAt: number
  private readonly timeline = new Timeline()
  private readonly files = new HostFiles()

  constructor(
    design: Design,
    private readonly options: ConsoleOptions = {},
  ) {
    this.current = design
    const clock = clockOf(design)
    this.clock = clock.start
    this.bootedAt = clock.bootedAt
    this.timeline.observe(design, this.network, clock.bootedAt)
    const jump = clusterOf(design)?.spec.jumpHost
    const all = hostsOf(design)
    const first = (jump !== undefined ? this.findHost(jump) : undefined) ?? all.find((h) => h.role === 'router') ?? all[0]
    if (first) this.hosts.push(first)
  }

  get design(): Design {
    return this.current
  }

  /** The short name of the host commands run on, or undefined when the design has no hosts. */
  get host(): string | undefined {
    const host = this.hosts.at(-1)
    return host ? displayName(host) : undefined
  }

  get now(): number {
    return this.clock
  }

  /** The prompt a lab terminal shows, `ubuntu@bastion:~$ `. */
  get prompt(): string {
    return `ubuntu@${this.host ?? 'localhost'}:~$ `
  }

  private get network(): NetworkState {
    if (this.networkOf?.design !== this.current) this.networkOf = { design: this.current, network: computeNetwork(this.current) }
    return this.networkOf.network
  }

  /**
   * Runs what a person typed (one command or a whole script); one entry per command. `stdin`
   * feeds the first command that reads standard input without a here-document (`kubectl apply -f -`
   * with a file piped into the CLI).
   */
  run(text: string, stdin = ''): ConsoleEntry[] {
    let input = stdin
    return parseShellScript(text).map((command) => {
      const entry = this.runCommand(command, input)
      input = ''
      return entry
    })
  }

  private runCommand(command: ShellCommand, stdin: string): ConsoleEntry {
    const host = this.host ?? ''
    this.clock += SECONDS_PER_COMMAND * 1000
    if (command.syntaxError !== undefined) {
      const message = `bash: line ${command.line}: ${command.syntaxError}\n`
      return { host, command: command.source, output: message, stdout: '', stderr: message, exitCode: 2 }
    }
    const warning = command.warning !== undefined ? `bash: line ${command.line}: warning: ${command.warning}\n` : ''
    let output = ''
    let stdout = ''
    let stderr = ''
    let exitCode = 0
    let skip = false
    for (const [index, pipeline] of command.pipelines.entries()) {
      if (!skip) {
        const result = this.runPipeline(pipeline, index === 0 ? stdin : '')
        output += result.output
        stdout += result.stdout
        stderr += result.stderr
        exitCode = result.exitCode
      }
      skip = pipeline.then === '&&' ? exitCode !== 0 : pipeline.then === '||' ? exitCode === 0 : false
    }
    return { host, command: command.source, output: warning + output, stdout, stderr: warning + stderr, exitCode }
  }

  private runPipeline(pipeline: Pipeline, input: string): { output: string; stdout: string; stderr: string; exitCode: number } {
    let stdin = input
    const results: ProgramResult[] = []
    for (const stage of pipeline.stages) {
      const result = this.redirect(stage, this.runStage(stage, stage.heredoc ?? stdin))
      results.push(result)
      stdin = result.stdout
    }
    // Earlier stages' errors reach the terminal directly; their output only feeds the next stage.
    const last = results.at(-1) ?? ok('')
    const earlier = results
      .slice(0, -1)
      .map((r) => r.stderr)
      .join('')
    return { output: earlier + last.stdout + last.stderr, stdout: last.stdout, stderr: earlier + last.stderr, exitCode: last.exitCode }
  }

  /** `> FILE` and `2> FILE` send a stream to a file on the current host instead of the terminal. */
  private redirect(stage: Stage, result: ProgramResult): ProgramResult {
    let { stdout, stderr } = result
    const host = this.hosts.at(-1)
    for (const r of stage.redirects) {
      const text = r.fd === 1 ? stdout : stderr
      if (r.target !== '/dev/null' && host) this.files.write(host.id, r.target, text, r.append)
      if (r.fd === 1) stdout = ''
      else stderr = ''
    }
    return { stdout, stderr, exitCode: result.exitCode }
  }

  private runStage(stage: Stage, stdin: string): ProgramResult {
    let args = [...stage.argv]
    let sudo = false
    while (args[0] === 'sudo') {
      sudo = true
      args = args.slice(1)
      while (args[0]?.startsWith('-')) args = args.slice(1)
    }
    const [name, ...rest] = args
    if (name === undefined) return ok('')
    const builtin = runBuiltin(this.shell, name, rest, sudo)
    if (builtin) return builtin
    const host = this.hosts.at(-1)
    const program = PROGRAMS[name.replace(/^.*\//, '')]
    if (!program || !host)
      return fail(
        `${name}: command not found\n(Peerlab's console runs: ${SUPPORTED.map((s) => s.split(' ')[0])
          .filter((s, i, all) => all.indexOf(s) === i)
          .join(', ')}; type help for more.)\n`,
        127,
      )
    return program(this.contextFor(host, sudo), rest, stdin)
  }

  private contextFor(host: Host, sudo: boolean): ProgramContext {
    const design = (): Design => this.current
    const network = (): NetworkState => this.network
    const now = (): number => this.clock
    return {
      get design() {
        return design()
      },
      get network() {
        return network()
      },
      host,
      get now() {
        return now()
      },
      bootedAt: this.bootedAt,
      timeline: this.timeline,
      sudo,
      edit: (command) => this.edit(command),
      advance: (ms) => {
        this.clock += ms
      },
      readFile: (path) => this.files.read(host.id, path) ?? this.options.readFile?.(path),
    }
  }

  private edit(command: Command): void {
    const before = this.current
    const after = applyCommand(before, command)
    if (after === before) return
    this.current = after
    this.timeline.observe(after, this.network, this.clock)
    this.options.onEdit?.(command, before, after)
  }

  /** Replaces the design from outside (the app's undo, an edit on the canvas); the clock and host stay. */
  setDesign(design: Design): void {
    this.current = design
    this.timeline.observe(design, this.network, this.clock)
    const stack = this.hosts.map((h) => hostsOf(design).find((n) => n.id === h.id)).filter((h): h is Host => h !== undefined)
    this.hosts.splice(0, this.hosts.length, ...stack)
  }

  /**
   * What a read-only command prints on a host, leaving the terminal as it was: the same host
   * stack and clock after it. The host panel shows the tools' own views this way, with the
   * session history the console has seen. Undefined when no host has that name.
   */
  peek(hostName: string, command: string): ConsoleEntry | undefined {
    const host = this.findHost(hostName)
    if (!host) return undefined
    const hosts = [...this.hosts]
    const clock = this.clock
    this.hosts.splice(0, this.hosts.length, host)
    try {
      return this.run(command)[0]
    } finally {
      this.hosts.splice(0, this.hosts.length, ...hosts)
      this.clock = clock
    }
  }

  /** Logs in on another host as the first one (`peerlab exec --host`); false when no host has that name. */
  startOn(name: string): boolean {
    const host = this.findHost(name)
    if (!host) return false
    this.hosts.splice(0, this.hosts.length, host)
    return true
  }

  /** What the shell's own commands may read and change: the host stack, the clock, the files. */
  private get shell(): ShellState {
    return {
      hosts: this.hosts,
      files: this.files,
      clock: () => this.clock,
      setClock: (ms) => {
        this.clock = ms
      },
      findHost: (name) => this.findHost(name),
      contextFor: (host, sudo) => this.contextFor(host, sudo),
    }
  }

  private findHost(name: string): Host | undefined {
    const target = name.includes('@') ? name.slice(name.indexOf('@') + 1) : name
    return hostsOf(this.current).find((h) => h.alias === target || h.name === target || h.interfaces.some((i) => i.address === target))
  }
}
