import type { Command } from '../commands/commands'
import type { Design } from '../model/design'
import type { Host } from '../model/query'
import type { NetworkState } from '../routing/network'
import type { Timeline } from './timeline'

/** What a program prints and how it ends, as a terminal would show it. */
export interface ProgramResult {
  readonly stdout: string
  readonly stderr: string
  readonly exitCode: number
}

/** Everything a console program may read, and the one way it may change the design. */
export interface ProgramContext {
  readonly design: Design
  /** The design's network, computed once per design. */
  readonly network: NetworkState
  /** The host the command runs on. */
  readonly host: Host
  /** The simulated time, in epoch milliseconds. */
  readonly now: number
  /** When the cluster came up: the age of the built-in namespaces and nodes. */
  readonly bootedAt: number
  readonly timeline: Timeline
  /** Run through `sudo` (root: uid 0). */
  readonly sudo: boolean
  /** Replaces the design; `command` is what undo reverts and the label the app shows. */
  edit(command: Command): void
  /** Lets time pass (a timeout, `sleep`). */
  advance(milliseconds: number): void
  /** A file on the current host: written earlier in the console, or given by whoever runs it (the CLI's files). */
  readFile(path: string): string | undefined
}

export type Program = (context: ProgramContext, args: readonly string[], stdin: string) => ProgramResult

export const ok = (stdout: string): ProgramResult => ({ stdout, stderr: '', exitCode: 0 })
export const fail = (stderr: string, exitCode = 1, stdout = ''): ProgramResult => ({ stdout, stderr, exitCode })

/** Joins the results of several steps (kubectl apply of many documents) into one. */
export function combine(results: readonly ProgramResult[]): ProgramResult {
  return {
    stdout: results.map((r) => r.stdout).join(''),
    stderr: results.map((r) => r.stderr).join(''),
    exitCode: results.reduce((code, r) => (r.exitCode !== 0 ? r.exitCode : code), 0),
  }
}
