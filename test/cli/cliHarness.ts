import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { afterAll, beforeAll } from 'vitest'
import { runCli } from '../../cli/main'

/** One CLI invocation in-process: its exit code and what it wrote to each stream. */
export async function run(args: string[], stdinText: string | Buffer = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stdin: Readable.from([stdinText]) })
  return { code, stdout, stderr }
}

/** A fresh temporary directory for the calling test file, removed after it; read `.path` inside tests. */
export function temporaryDirectory(prefix: string): { path: string } {
  const dir = { path: '' }
  beforeAll(async () => {
    dir.path = await mkdtemp(join(tmpdir(), prefix))
  })
  afterAll(async () => {
    await rm(dir.path, { recursive: true, force: true })
  })
  return dir
}
