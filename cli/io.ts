import { writeFileAtomically } from '../platform/node/writeFileAtomically'

/** Exit codes, documented in `peerlab --help` and the README. 70 is sysexits.h's EX_SOFTWARE. */
export const EXIT = { ok: 0, designErrors: 1, unusable: 2, internal: 70 } as const

export interface CliIo {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  readonly stdin: AsyncIterable<Buffer | string>
}

/** A wrong command line: reported with the command's usage, exit 2. */
export class UsageError extends Error {}

/** Writes to FILE, or to standard output when there is none or it is `-`. */
export async function emit(io: CliIo, text: string, file: string | true | undefined): Promise<void> {
  if (typeof file === 'string' && file !== '-') await writeFileAtomically(file, text)
  else io.stdout(text)
}

/** The status of a command that computed on a design with errors: never success. */
export function withDesignErrors(code: number, errors: number): number {
  return errors > 0 && code === EXIT.ok ? EXIT.designErrors : code
}
