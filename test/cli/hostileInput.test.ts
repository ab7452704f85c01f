import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { run, temporaryDirectory } from './cliHarness'

const dir = temporaryDirectory('peerlab-hostile-cli-')
const LAB = join(import.meta.dirname, '../../examples/calico-lab-2.2.yaml')

/** Files that are not designs, as a reviewer would throw them at the CLI. */
const NOT_DESIGNS = {
  'a PNG': { name: 'shot.png', bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), says: /shot\.png is not UTF-8 text: the byte at offset 0 \(0x89\)/ },
  'Latin-1 text': {
    name: 'latin1.yaml',
    bytes: Buffer.from([...Buffer.from('kind: Node\nmetadata: {name: caf'), 0xe9, 0x7d, 0x0a]),
    says: /latin1\.yaml is not UTF-8 text: the byte at offset 31 \(0xe9\)/,
  },
  prose: { name: 'notes.txt', bytes: Buffer.from('Remember to peer the bastion with the workers.\n'), says: /notes\.txt is not a Peerlab design: nothing in it could be read/ },
  'broken YAML': { name: 'broken.yaml', bytes: Buffer.from('}{ [\n'), says: /broken\.yaml is not a Peerlab design/ },
}

async function placed(name: string, bytes: Buffer | string): Promise<string> {
  const path = join(dir.path, name)
  await writeFile(path, bytes)
  return path
}

describe('input that is not a design', () => {
  const commands: [string, (design: string) => string[]][] = [
    ['routes', (d) => ['routes', d]],
    ['status', (d) => ['status', d]],
    ['ipam', (d) => ['ipam', d]],
    ['export', (d) => ['export', d]],
    ['export --format bird', (d) => ['export', d, '--format', 'bird']],
    ['exec', (d) => ['exec', d, '--', 'hostname']],
    ['replay', (d) => ['replay', d, '-']],
  ]
  for (const [kind, { name, bytes, says }] of Object.entries(NOT_DESIGNS)) {
    it.each(commands)(`${kind}: %s exits 2 with one message naming the file, and prints nothing`, async (_, argv) => {
      const path = await placed(name, bytes)
      const result = await run(argv(path), 'hostname\n')
      expect(result).toMatchObject({ code: 2, stdout: '' })
      expect(result.stderr).toMatch(says)
      expect(result.stderr).not.toMatch(/\n\s+at /)
    })
  }

  it('validate says why a file is not a design with its diagnostics (exit 1), and exits 2 on bytes that are not text', async () => {
    expect(await run(['validate', await placed('notes.txt', NOT_DESIGNS.prose.bytes)])).toMatchObject({ code: 1, stdout: expect.stringContaining('error format.not-a-resource') })
    expect(await run(['validate', await placed('shot.png', NOT_DESIGNS['a PNG'].bytes)])).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(NOT_DESIGNS['a PNG'].says) })
  })

  it('names standard input when that is what is not UTF-8', async () => {
    expect(await run(['routes', '-'], Buffer.from([0x61, 0xff]))).toEqual({
      code: 2,
      stdout: '',
      stderr: 'peerlab: <stdin> is not UTF-8 text: the byte at offset 1 (0xff) is not part of a valid UTF-8 character\n',
    })
  })

  it('refuses a SCRIPT that is not UTF-8', async () => {
    const script = await placed('script.txt', Buffer.from([0x6c, 0x73, 0x20, 0xfe, 0x0a]))
    expect(await run(['replay', 'example:calico-lab-2.2', script])).toMatchObject({
      code: 2,
      stdout: '',
      stderr: `peerlab: ${script} is not UTF-8 text: the byte at offset 3 (0xfe) is not part of a valid UTF-8 character\n`,
    })
  })
})

describe('a design with errors', () => {
  async function labWithError(): Promise<string> {
    // A disabled pool with host bits set: an error Calico would refuse, and one that changes nothing else.
    const stray = '---\napiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata:\n  name: stray\nspec:\n  cidr: 10.99.0.1/24\n  disabled: true\n'
    return placed('unmasked.yaml', `${await readFile(LAB, 'utf8')}${stray}`)
  }

  it.each([
    ['routes', ['routes'], '# bastion'],
    ['status', ['status'], 'Calico process is running.'],
    ['ipam', ['ipam'], '| IP Pool  |'],
    ['export --format design', ['export', '--format', 'design'], 'kind: IPPool'],
  ])('%s says so on stderr, prints its output all the same, and exits 1', async (_, [command, ...options], output) => {
    const path = await labWithError()
    const result = await run([command as string, path, ...options])
    expect(result.code).toBe(1)
    expect(result.stdout).toContain(output)
    expect(result.stderr).toContain(`peerlab ${command}: ${path} has 1 error, so this output may not match a real cluster:\n`)
    expect(result.stderr).toMatch(new RegExp(`${path}:\\d+:\\d+: error ippool.cidr-not-masked`))
  })

  it("exec exits 1 when its command succeeded, and with the command's own status when it did not", async () => {
    const path = await labWithError()
    expect(await run(['exec', path, '--', 'hostname'])).toMatchObject({ code: 1, stdout: 'bastion\n', stderr: expect.stringContaining('has 1 error') })
    expect(await run(['exec', path, '--', 'curl', '10.0.1.20'])).toMatchObject({ code: 7 })
  })

  it('replay prints the transcript and exits 1', async () => {
    const path = await labWithError()
    expect(await run(['replay', path, '-'], 'hostname\n')).toMatchObject({ code: 1, stdout: expect.stringContaining('ubuntu@bastion:~$ hostname\n'), stderr: expect.stringContaining('has 1 error') })
  })

  it('computes on the documents that loaded when one has a syntax error', async () => {
    const path = await placed('one-broken.yaml', `${await readFile(LAB, 'utf8')}---\nkind: [unclosed\n`)
    const result = await run(['routes', path, '--host', 'bastion'])
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('10.0.1.0/24 dev ens5 proto kernel')
    expect(result.stderr).toContain('error format.yaml-syntax')
  })

  it('lists ten errors and says how many more there are', async () => {
    const pools = Array.from({ length: 12 }, (_, i) => `apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata: {name: p${i}}\nspec: {cidr: 10.${i}.0.1/24}\n`).join('---\n')
    const path = await placed('many.yaml', pools)
    const { code, stderr } = await run(['ipam', path])
    expect(code).toBe(1)
    expect(stderr.match(/error ippool\.cidr-not-masked/g)).toHaveLength(10)
    expect(stderr).toContain(`... and 2 more: peerlab validate ${path} lists them all\n`)
  })
})

describe('import into a design that is not one', () => {
  const dump = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: imported}\n'

  it('leaves a file that is not a design alone, and exits 2', async () => {
    const readme = await placed('README.md', '# Our lab\n\nNotes, not a design.\n')
    const result = await run(['import', await placed('dump.yaml', dump), '-o', readme])
    expect(result).toMatchObject({ code: 2, stderr: expect.stringContaining(`${readme} is not a Peerlab design, so nothing was imported into it`) })
    expect(await readFile(readme, 'utf8')).toBe('# Our lab\n\nNotes, not a design.\n')
  })

  it('leaves a target that is not UTF-8 alone, and exits 2', async () => {
    const target = await placed('latin1-target.yaml', NOT_DESIGNS['Latin-1 text'].bytes)
    expect(await run(['import', await placed('dump.yaml', dump), '-o', target])).toMatchObject({ code: 2, stderr: expect.stringContaining('is not UTF-8 text') })
    expect(await readFile(target)).toEqual(NOT_DESIGNS['Latin-1 text'].bytes)
  })

  it('writes nothing when one of the dumps cannot be read', async () => {
    const target = join(dir.path, 'not-created.yaml')
    const result = await run(['import', await placed('dump.yaml', dump), await placed('bad-dump.yaml', NOT_DESIGNS['a PNG'].bytes), '-o', target])
    expect(result).toMatchObject({ code: 2, stdout: '' })
    expect(await readdir(dir.path)).not.toContain('not-created.yaml')
  })

  it('merges into a design with a broken document, keeps that document as it was, and exits 1', async () => {
    const broken = 'kind: [unclosed\n'
    const target = await placed('partly-broken.yaml', `apiVersion: v1\nkind: Namespace\nmetadata: {name: kept}\n---\n${broken}`)
    const result = await run(['import', await placed('dump.yaml', dump), '-o', target])
    expect(result).toMatchObject({ code: 1, stderr: expect.stringContaining('what could not be read is written back as it was') })
    const text = await readFile(target, 'utf8')
    expect(text).toContain(broken)
    expect(text).toContain('name: imported')
  })
})
