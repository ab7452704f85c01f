import { FileWriteError } from '../platform/node/fileWriteError'
import { SourceError } from './designSource'
import { EXIT, UsageError, type CliIo } from './io'

/**
 * The exit code and message for what a command threw. Problems with the user's input or output
 * are theirs to fix and get one line; anything else is a bug in Peerlab, and gets `internalError`.
 */
export function exitCodeFor(error: unknown, command: string, usage: string, io: CliIo): number {
  if (error instanceof UsageError) {
    io.stderr(`peerlab ${command}: ${error.message}\n\n${usage}`)
    return EXIT.unusable
  }
  if (error instanceof SourceError) {
    io.stderr(`peerlab: ${error.message}\n`)
    return EXIT.unusable
  }
  if (error instanceof FileWriteError) {
    const outcome = error.unchanged ? `nothing was written: ${error.path} is as it was` : `${error.path} was replaced, but the system could not confirm it reached the disk`
    io.stderr(`peerlab: ${error.message}; ${outcome}\n`)
    return EXIT.unusable
  }
  return internalError(error, io)
}

/**
 * A bug, said as one line rather than a Node stack trace, with exit 70 (EX_SOFTWARE in sysexits.h)
 * so a script can tell it from a design's errors. PEERLAB_DEBUG=1 shows the stack for a bug report.
 */
export function internalError(error: unknown, io: CliIo, env: NodeJS.ProcessEnv = process.env): number {
  const message = error instanceof Error ? error.message : String(error)
  const debug = env.PEERLAB_DEBUG !== undefined && env.PEERLAB_DEBUG !== '' && env.PEERLAB_DEBUG !== '0'
  const details =
    debug && error instanceof Error && error.stack !== undefined ? `${error.stack}\n` : 'This is a bug in Peerlab; run again with PEERLAB_DEBUG=1 to see where it happened, and report it.\n'
  io.stderr(`peerlab: internal error: ${message}\n${details}`)
  return EXIT.internal
}
