import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { run, temporaryDirectory } from './cliHarness'

const LAB = 'example:calico-lab-2.2'
const dir = temporaryDirectory('peerlab-option-forms-')

describe('options written --name=value', () => {
  it('export --format=bird --host=bastion prints what --format bird --host bastion does', async () => {
    const spaced = await run(['export', LAB, '--format', 'bird', '--host', 'bastion'])
    expect(spaced).toMatchObject({ code: 0, stdout: expect.stringContaining('protocol bgp') })
    expect(await run(['export', LAB, '--format=bird', '--host=bastion'])).toEqual(spaced)
  })

  it('routes, why and sessions take --host=H', async () => {
    for (const args of [
      ['routes', LAB, '--host', 'bastion'],
      ['why', LAB, '--host', 'bastion', '10.48.2.216/29'],
      ['sessions', LAB, '--host', 'worker1', '--json'],
    ]) {
      const joined = args.flatMap((arg, i) => (arg === '--host' ? [] : args[i - 1] === '--host' ? [`--host=${arg}`] : [arg]))
      const spaced = await run(args)
      expect(spaced.stdout).not.toBe('')
      expect(await run(joined)).toEqual(spaced)
    }
  })

  it('-o FILE and -oFILE write the file; -o - writes to standard output', async () => {
    const stdout = (await run(['export', LAB, '--format', 'calicoctl'])).stdout
    const spaced = join(dir.path, 'spaced.yaml')
    const joined = join(dir.path, 'joined.yaml')
    expect(await run(['export', LAB, '--format', 'calicoctl', '-o', spaced])).toEqual({ code: 0, stdout: '', stderr: '' })
    expect(await run(['export', LAB, '--format', 'calicoctl', `-o${joined}`])).toEqual({ code: 0, stdout: '', stderr: '' })
    expect(await readFile(spaced, 'utf8')).toBe(stdout)
    expect(await readFile(joined, 'utf8')).toBe(stdout)
    expect(await run(['export', LAB, '--format', 'calicoctl', '-o', '-'])).toEqual({ code: 0, stdout, stderr: '' })
  })

  it('exec --host=H --save=OUT runs the command after --, whose own options stay its own', async () => {
    const out = join(dir.path, 'after-exec.yaml')
    const result = await run(['exec', LAB, '--host=worker1', `--save=${out}`, '--', 'kubectl', 'get', 'nodes', '-o', 'wide'])
    expect(result).toMatchObject({ code: 0, stderr: '' })
    expect(result.stdout).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\s+INTERNAL-IP/)
    expect(await readFile(out, 'utf8')).toContain('kind: IPPool')
    expect(await run(['exec', LAB, '--host=worker1', '--', 'hostname'])).toEqual({ code: 0, stdout: 'ip-10-0-1-30.eu-west-1.compute.internal\n', stderr: '' })
  })
})

describe('a wrong command line: usage error, exit 2', () => {
  it('names an unknown option, in either form, above the command’s usage', async () => {
    expect(await run(['validate', LAB, '--bogus'])).toEqual({ code: 2, stdout: '', stderr: expect.stringMatching(/^peerlab validate: unknown option --bogus\n\nUsage: peerlab validate DESIGN/) })
    expect(await run(['routes', LAB, '--colour=never'])).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/^peerlab routes: unknown option --colour\n\nUsage: peerlab routes /) })
    expect(await run(['exec', LAB, '--user=root', '--', 'hostname'])).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/^peerlab exec: unknown option --user\n/) })
  })

  it('names an option missing its value, at the end or empty after =', async () => {
    expect(await run(['routes', LAB, '--host'])).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/^peerlab routes: --host needs a value\n/) })
    expect(await run(['export', LAB, '--format='])).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/^peerlab export: --format needs a value\n/) })
    expect(await run(['import', 'dump.yaml', '-o'])).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/^peerlab import: -o needs a value\n/) })
  })

  it('refuses a value given to a flag', async () => {
    expect(await run(['validate', LAB, '--json=false'])).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/^peerlab validate: --json takes no value\n/) })
  })

  it('still reads an unknown --format value as the export’s own error', async () => {
    expect(await run(['export', LAB, '--format=helm'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--format must be manifests, calicoctl, nodes, bird, frr, design, svg, png, mermaid, drawio; got helm'),
    })
  })
})
