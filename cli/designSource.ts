import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { decodeUtf8, NotUtf8Error } from '../platform/node/decodeUtf8'
import { PACKAGE_ROOT } from './packageRoot'

/** Shipped in the package beside package.json (package.json `files`), found from source and when installed. */
export const EXAMPLES_DIR = join(PACKAGE_ROOT, 'examples')
const EXAMPLE_PREFIX = 'example:'

export interface DesignSource {
  /** What to call the design in messages: the file name, `<stdin>`, or `example:NAME`. */
  readonly label: string
  readonly text: string
}

export class SourceError extends Error {}

export async function listExamples(): Promise<string[]> {
  const files = await readdir(EXAMPLES_DIR)
  return files
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort()
}

/** Text that must be UTF-8: anything else is refused, naming where it breaks, never read with replacement characters. */
function decoded(bytes: Uint8Array, label: string): string {
  try {
    return decodeUtf8(bytes, label)
  } catch (error) {
    if (error instanceof NotUtf8Error) throw new SourceError(error.message)
    throw error
  }
}

/** Everything on standard input, as text. */
export async function readStdin(stdin: AsyncIterable<Buffer | string>): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk)
  return decoded(Buffer.concat(chunks), '<stdin>')
}

/** A file's text; a file that is missing, a folder or not UTF-8 is a SourceError saying which. */
export async function readTextFile(path: string): Promise<string> {
  let bytes: Buffer
  try {
    bytes = await readFile(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message
    throw new SourceError(`cannot read ${path}: ${reason}`)
  }
  return decoded(bytes, path)
}

/** Resolves the DESIGN argument every command takes: a path, `-` for stdin, or `example:NAME`. */
export async function readDesignSource(spec: string, stdin: AsyncIterable<Buffer | string>): Promise<DesignSource> {
  if (spec === '-') return { label: '<stdin>', text: await readStdin(stdin) }
  if (spec.startsWith(EXAMPLE_PREFIX)) {
    const name = spec.slice(EXAMPLE_PREFIX.length)
    const examples = await listExamples()
    if (!examples.includes(name)) throw new SourceError(`no built-in example "${name}" (available: ${examples.join(', ')})`)
    return { label: spec, text: await readTextFile(join(EXAMPLES_DIR, `${name}.yaml`)) }
  }
  return { label: spec, text: await readTextFile(spec) }
}
