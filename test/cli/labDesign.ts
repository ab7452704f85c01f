import { join, resolve } from 'node:path'
import { beforeAll, expect } from 'vitest'
import { run, temporaryDirectory } from './cliHarness'

/**
 * The seed lab after the trainee's steps, made as a person would make it: `peerlab replay` of
 * the handout's commands with `--save`. Read `.path` inside tests.
 */
export function labDesignAfterSteps(): { path: string } {
  const dir = temporaryDirectory('peerlab-lab-')
  const lab = { path: '' }
  beforeAll(async () => {
    lab.path = join(dir.path, 'lab.yaml')
    const replay = await run(['replay', 'example:calico-lab-2.2', resolve(import.meta.dirname, '../../examples/calico-lab-2.2.lab.txt'), '--json', '--save', lab.path])
    expect(replay.code).toBe(0)
  })
  return lab
}
