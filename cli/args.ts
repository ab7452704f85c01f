import { parseArgs as parseNodeArgs, type ParseArgsConfig } from 'node:util'
import { UsageError } from './io'

export interface ParsedArgs {
  readonly positional: string[]
  /** Keyed by the option as the command spells it (`--host`, `-o`): a value, or `true` for a flag. */
  readonly options: Map<string, string | true>
}

/** `--host` → `host`, `-o` → `o`: node's parseArgs names options without their dashes. */
function nameOf(spelling: string): string {
  return spelling.replace(/^--?/, '')
}

/**
 * Splits a command's arguments with node's parseArgs: `--host H`, `--host=H`, `-o FILE`, `-oFILE`,
 * and `--` ending the options (what follows is positional even if it starts with a dash).
 *
 * It runs non-strict and the tokens are checked here, so that the messages stay Peerlab's own
 * one-liners rather than node's, and so that an option is taken only as the command spells it:
 * node would take `--o` for `-o`, which no usage text offers.
 */
export function parseArgs(args: readonly string[], valued: readonly string[], flags: readonly string[]): ParsedArgs {
  const config: NonNullable<ParseArgsConfig['options']> = {}
  for (const spelling of valued) config[nameOf(spelling)] = { type: 'string' }
  for (const spelling of flags) config[nameOf(spelling)] = { type: 'boolean' }
  const { tokens } = parseNodeArgs({ args: [...args], options: config, strict: false, allowPositionals: true, tokens: true })
  const positional: string[] = []
  const options = new Map<string, string | true>()
  for (const token of tokens) {
    if (token.kind === 'positional') positional.push(token.value)
    else if (token.kind === 'option') {
      const spelling = token.rawName
      if (valued.includes(spelling)) {
        // Non-strict, node leaves the value out when the arguments end; `--host=` gives an empty one.
        if (token.value === undefined || token.value === '') throw new UsageError(`${spelling} needs a value`)
        options.set(spelling, token.value)
      } else if (flags.includes(spelling)) {
        if (token.value !== undefined) throw new UsageError(`${spelling} takes no value`)
        options.set(spelling, true)
      } else throw new UsageError(`unknown option ${spelling}`)
    }
  }
  return { positional, options }
}
