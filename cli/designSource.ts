import { readFile, readdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'

export const EXAMPLES_DIR = fileURLToPath(new URL('../examples/', import.meta.url))
const EXAMPLE_PREFIX = 'example:'

export interface DesignSource {
  /** What to call the design in messages: the file name, `<stdin>`, or `example:NAME`. */
  readonly label: string
  readonly text: string
}

export class SourceError extends Error {}

export async function listExamples(): Promise<string[]> {
  const files = await readdir(EXAMPLES_DIR)
  return files.filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -'.yaml'.length)).sort()
}

/** Everything on standard input, as text. */
export async function readStdin(stdin: AsyncIterable<Buffer | string>): Promise<string> {
  let text = ''
  for await (const chunk of stdin) text += typeof chunk === 'string' ? chunk : chunk.toString('utf8')
  return text
}

/** Resolves the DESIGN argument every command takes: a path, `-` for stdin, or `example:NAME`. */
export async function readDesignSource(spec: string, stdin: AsyncIterable<Buffer | string>): Promise<DesignSource> {
  if (spec === '-') return { label: '<stdin>', text: await readStdin(stdin) }
  if (spec.startsWith(EXAMPLE_PREFIX)) {
    const name = spec.slice(EXAMPLE_PREFIX.length)
    const examples = await listExamples()
    if (!examples.includes(name)) throw new SourceError(`no built-in example "${name}" (available: ${examples.join(', ')})`)
    return { label: spec, text: await readFile(`${EXAMPLES_DIR}${name}.yaml`, 'utf8') }
  }
  try {
    return { label: spec, text: await readFile(spec, 'utf8') }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message
    throw new SourceError(`cannot read ${spec}: ${reason}`)
  }
}
