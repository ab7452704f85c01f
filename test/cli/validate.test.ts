import { execFile } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { run, temporaryDirectory } from './cliHarness'

const dir = temporaryDirectory('peerlab-cli-')

describe('peerlab validate', () => {
  it('passes the built-in example with exit 0', async () => {
    expect(await run(['validate', 'example:calico-lab-2.2'])).toEqual({ code: 0, stdout: 'example:calico-lab-2.2: 0 errors, 0 warnings\n', stderr: '' })
  })

  it('prints file:line:column, document and field for an error, and exits 1', async () => {
    const path = join(dir.path, 'bad.yaml')
    await writeFile(path, 'apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata:\n  name: p\nspec:\n  cidr: 10.48.2.1/24\n')
    const { code, stdout } = await run(['validate', path])
    expect(code).toBe(1)
    expect(stdout).toContain(`${path}:6:9: error ippool.cidr-not-masked: IPPool CIDR is not strictly masked:`)
    expect(stdout).toContain('(document 1, field spec.cidr) Suggestion: 10.48.2.0/24')
    expect(stdout).toMatch(/1 error, 1 warning\n$/)
  })

  it('reads standard input for - and prints JSON with --json', async () => {
    const { code, stdout } = await run(['validate', '-', '--json'], 'apiVersion: v1\nkind: Node\nmetadata: {}\n')
    expect(code).toBe(1)
    expect(JSON.parse(stdout)).toMatchObject({ design: '<stdin>', errors: 1, warnings: 0, diagnostics: [{ code: 'format.missing-field', location: { field: 'metadata.name' } }] })
  })

  it('exits 2 with a message on stderr when the input cannot be read', async () => {
    expect(await run(['validate', join(dir.path, 'missing.yaml')])).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('no such file') })
    expect(await run(['validate', 'example:nope'])).toMatchObject({ code: 2, stderr: expect.stringContaining('available: calico-lab-2.2') })
    expect(await run(['validate'])).toMatchObject({ code: 2, stderr: expect.stringContaining('expected exactly one DESIGN') })
    expect(await run(['frobnicate'])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown command "frobnicate"') })
  })

  it('has help for the program and for the command', async () => {
    expect((await run(['--help'])).stdout).toContain('Exit codes:')
    expect((await run(['validate', '--help'])).stdout).toContain('Usage: peerlab validate DESIGN [--json]')
  })
})

describe('peerlab export and import', () => {
  it('exports the lab as manifests for kubectl apply, to a file', async () => {
    const out = join(dir.path, 'manifests.yaml')
    expect(await run(['export', 'example:calico-lab-2.2', '-o', out])).toEqual({ code: 0, stdout: '', stderr: expect.stringContaining('peerlab export: left out node/') })
    const text = await readFile(out, 'utf8')
    expect(text).toMatch(/^# Kubernetes resources of calico-lab-2.2, for: kubectl apply -f FILE\n(#.*\n)*apiVersion: v1\nkind: Namespace\n/)
    expect(text).not.toContain('peerlab.dev')
    expect(text).not.toContain('projectcalico.org')
  })

  it('exports the design bundle unchanged with --format design', async () => {
    const { code, stdout } = await run(['export', 'example:calico-lab-2.2', '--format', 'design'])
    expect(code).toBe(0)
    expect(stdout).toBe(await readFile(join(import.meta.dirname, '../../examples/calico-lab-2.2.yaml'), 'utf8'))
  })

  it('imports a kubectl dump into a new design, then merges a second one into it', async () => {
    const dump = join(dir.path, 'pools.yaml')
    const design = join(dir.path, 'imported.yaml')
    await writeFile(
      dump,
      'apiVersion: v1\nkind: List\nitems:\n- apiVersion: projectcalico.org/v3\n  kind: IPPool\n  metadata: {name: external-pool, uid: x}\n  spec: {cidr: 10.48.2.0/24, blockSize: 29}\n',
    )
    expect(await run(['import', dump, '-o', design])).toEqual({ code: 0, stdout: `${dump}: 1 added, 0 updated, 0 unchanged, 0 not placed\n`, stderr: '' })
    expect(await readFile(design, 'utf8')).toBe('apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata:\n  name: external-pool\nspec:\n  cidr: 10.48.2.0/24\n  blockSize: 29\n')
    await writeFile(dump, 'apiVersion: v1\nkind: Namespace\nmetadata: {name: external-ns}\n---\nkind: Broken\n')
    const second = await run(['import', dump, '-o', design])
    expect(second).toMatchObject({ code: 1, stdout: `${dump}: 1 added, 0 updated, 0 unchanged, 1 not placed\n`, stderr: expect.stringContaining('not a resource') })
    expect(await readFile(design, 'utf8')).toContain('external-pool')
  })

  it('exports the BIRD configuration of one host by alias', async () => {
    const { code, stdout } = await run(['export', 'example:calico-lab-2.2', '--format', 'bird', '--host', 'bastion'])
    expect(code).toBe(0)
    expect(stdout).toContain('protocol bgp peer_10_0_1_31 {')
    expect((await run(['export', 'example:calico-lab-2.2', '--format', 'bird', '--host', 'worker2'])).stdout).toContain('router id 10.0.1.31;')
  })

  it("exports an FRR router's frr.conf, and says when there is none", async () => {
    const path = join(dir.path, 'frr-lab.yaml')
    await writeFile(path, (await readFile(resolve(import.meta.dirname, '../../examples/calico-lab-2.2.yaml'), 'utf8')).replace('  daemon: bird\n', '  daemon: frr\n'))
    const { code, stdout } = await run(['export', path, '--format', 'frr', '--host', 'bastion'])
    expect(code).toBe(0)
    expect(stdout).toContain('router bgp 64512')
    expect(stdout).toContain(' neighbor 10.0.1.31 remote-as 64512')
    expect(await run(['export', 'example:calico-lab-2.2', '--format', 'frr'])).toMatchObject({ code: 2, stderr: expect.stringContaining('the design has no router running FRR') })
  })

  it('says what is wrong with the command line', async () => {
    expect(await run(['export', 'example:calico-lab-2.2', '--format', 'helm'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--format must be manifests, calicoctl, nodes, bird, frr, design, svg, png, mermaid, drawio'),
    })
    expect(await run(['import', 'x.yaml'])).toMatchObject({ code: 2, stderr: expect.stringContaining('-o DESIGN is required') })
  })
})

describe('peerlab ipam', () => {
  it('prints calicoctl ipam show for the lab, with blocks', async () => {
    const { code, stdout } = await run(['ipam', 'example:calico-lab-2.2', '--show-blocks'])
    expect(code).toBe(0)
    expect(stdout).toContain('| IP Pool  | 10.48.0.0/24   |       256 | 9 (4%)     | 247 (96%) |')
    expect(stdout).toContain('| Block    | 10.48.0.192/26 |        64 | 4 (6%)     | 60 (94%)  |')
  })

  it('prints the capacity plan, and exits 1 when a pod gets no address', async () => {
    expect((await run(['ipam', 'example:calico-lab-2.2', '--plan'])).stdout).toContain('3 of 4 blocks claimed, 9 of 256 addresses used, 247 free;')
    const tiny =
      'apiVersion: v1\nkind: Node\nmetadata: {name: n}\n---\napiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata: {name: p}\nspec: {cidr: 10.0.0.0/32, blockSize: 32}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 2, template: {spec: {containers: [{name: c}]}}}\n'
    const result = await run(['ipam', '-'], tiny)
    expect(result).toMatchObject({ code: 1, stderr: expect.stringContaining('No IPs available in pools: [10.0.0.0/32]') })
  })
})

describe('npm run peerlab', () => {
  it('runs the CLI as a process with the exit code of the command', async () => {
    const result = await promisify(execFile)('npm', ['run', '--silent', 'peerlab', '--', 'validate', 'example:calico-lab-2.2'], { cwd: process.cwd() })
    expect(result.stdout).toBe('example:calico-lab-2.2: 0 errors, 0 warnings\n')
    const failure = await promisify(execFile)('npm', ['run', '--silent', 'peerlab', '--', 'validate', 'example:nope']).catch((error: { code: number; stderr: string }) => error)
    expect(failure).toMatchObject({ code: 2, stderr: expect.stringContaining('no built-in example "nope"') })
  }, 30_000)
})
