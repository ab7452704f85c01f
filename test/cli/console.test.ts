import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadDesign } from '../../shared/format/loadDesign'
import { run, temporaryDirectory } from './cliHarness'

const dir = temporaryDirectory('peerlab-console-cli-')

describe('peerlab routes', () => {
  it("prints one host's table as ip route does", async () => {
    expect(await run(['routes', 'example:calico-lab-2.2', '--host', 'bastion'])).toEqual({
      code: 0,
      stdout:
        'default via 10.0.1.1 dev ens5 proto dhcp src 10.0.1.10 metric 100 \n10.0.1.0/24 dev ens5 proto kernel scope link src 10.0.1.10 \n10.0.1.1 dev ens5 proto dhcp scope link src 10.0.1.10 metric 100 \n',
      stderr: '',
    })
  })

  it('prints every host under a heading without --host', async () => {
    const { stdout } = await run(['routes', 'example:calico-lab-2.2'])
    expect(stdout.match(/^# .*$/gm)).toEqual(['# bastion', '# control1', '# worker1', '# worker2'])
  })

  it('exits 2 naming an unknown host', async () => {
    expect(await run(['routes', 'example:calico-lab-2.2', '--host', 'nope'])).toMatchObject({
      code: 2,
      stderr: 'peerlab: example:calico-lab-2.2: no host "nope" (use a name, an alias or an address)\n',
    })
  })
})

describe('peerlab status', () => {
  it('prints calicoctl node status for every Calico node, not for routers', async () => {
    const { stdout, code } = await run(['status', 'example:calico-lab-2.2'])
    expect(code).toBe(0)
    expect(stdout.match(/^# .*$/gm)).toEqual(['# control1', '# worker1', '# worker2'])
    expect(stdout).toContain('| 10.0.1.31    | node-to-node mesh | up    | 17:44:46 | Established |')
  })

  it('exits 1 for a host that runs no Calico', async () => {
    expect(await run(['status', 'example:calico-lab-2.2', '--host', 'bastion'])).toMatchObject({ code: 1, stdout: 'Calico process is not running.\n' })
  })
})

describe('peerlab exec', () => {
  it('runs one command on a host and exits with its status', async () => {
    expect(await run(['exec', 'example:calico-lab-2.2', '--host', 'worker1', '--', 'hostname'])).toEqual({ code: 0, stdout: 'ip-10-0-1-30.eu-west-1.compute.internal\n', stderr: '' })
    expect(await run(['exec', 'example:calico-lab-2.2', '--', 'curl', '10.0.1.20'])).toMatchObject({
      code: 7,
      stderr: 'curl: (7) Failed to connect to 10.0.1.20 port 80 after 0 ms: Connection refused\n',
    })
  })

  it("keeps arguments as the user's shell split them", async () => {
    const { stdout } = await run(['exec', 'example:calico-lab-2.2', '--', 'echo', 'a  b', "it's"])
    expect(stdout).toBe("a  b it's\n")
  })

  it('feeds standard input to kubectl apply -f - and saves the changed design', async () => {
    const out = join(dir.path, 'with-pool.yaml')
    const pool = 'apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata:\n  name: piped-pool\nspec:\n  cidr: 10.48.7.0/24\n'
    expect(await run(['exec', 'example:calico-lab-2.2', '--save', out, '--', 'kubectl', 'apply', '-f', '-'], pool)).toMatchObject({ code: 0, stdout: 'ippool.projectcalico.org/piped-pool created\n' })
    const saved = await readFile(out, 'utf8')
    expect(loadDesign(saved).design.entries.some((e) => e.id === 'ippool/piped-pool')).toBe(true)
  })

  it('needs the command after --, and has --help', async () => {
    expect((await run(['exec', 'example:calico-lab-2.2', 'ip', 'route'])).code).toBe(2)
    expect((await run(['exec', '--help'])).stdout).toMatch(/^Usage: peerlab exec DESIGN/)
  })
})

describe('peerlab replay', () => {
  it('prints a transcript with prompts, reads -f FILE beside the script, and saves the result', async () => {
    await writeFile(join(dir.path, 'ns.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: from-file\n')
    const script = join(dir.path, 'steps.txt')
    await writeFile(script, 'kubectl apply -f ns.yaml\nssh worker1\nhostname\nexit\n')
    const saved = join(dir.path, 'after.yaml')
    const { code, stdout } = await run(['replay', 'example:calico-lab-2.2', script, '--save', saved])
    expect(code).toBe(0)
    expect(stdout).toBe(
      'ubuntu@bastion:~$ kubectl apply -f ns.yaml\nnamespace/from-file created\nubuntu@bastion:~$ ssh worker1\nubuntu@worker1:~$ hostname\nip-10-0-1-30.eu-west-1.compute.internal\nubuntu@worker1:~$ exit\nlogout\nConnection to worker1 closed.\n',
    )
    expect(await readFile(saved, 'utf8')).toMatch(/\nkind: Namespace\nmetadata:\n {2}name: from-file\n$/)
  })

  it('gives JSON objects with host, command, output and exitCode, and exits 1 when a command failed', async () => {
    const script = join(dir.path, 'fails.txt')
    await writeFile(script, 'ssh worker1\nnosuchcommand\n')
    const { code, stdout } = await run(['replay', 'example:calico-lab-2.2', script, '--json'])
    expect(code).toBe(1)
    const entries = JSON.parse(stdout) as { host: string; command: string; output: string; exitCode: number }[]
    expect(entries.map((e) => Object.keys(e))).toEqual([
      ['host', 'command', 'output', 'exitCode'],
      ['host', 'command', 'output', 'exitCode'],
    ])
    expect(entries[1]).toMatchObject({ host: 'worker1', command: 'nosuchcommand', exitCode: 127 })
  })

  it('reads the script from standard input with -', async () => {
    const { stdout } = await run(['replay', 'example:calico-lab-2.2', '-', '--json'], 'hostname\n')
    expect(JSON.parse(stdout)).toEqual([{ host: 'bastion', command: 'hostname', output: 'bastion\n', exitCode: 0 }])
  })

  it('exits 2 for a missing script', async () => {
    expect(await run(['replay', 'example:calico-lab-2.2', join(dir.path, 'none.txt')])).toMatchObject({ code: 2 })
  })
})
