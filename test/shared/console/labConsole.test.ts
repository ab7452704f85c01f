import { describe, expect, it } from 'vitest'
import { LabConsole } from '../../../shared/console/labConsole'
import { createEmptyDesign } from '../../../shared/model/design'
import { labConsole, run } from './labConsoleHelpers'

describe('the lab console', () => {
  it("starts on the design's jump host and moves with ssh (alias, name, address, user@) and exit", () => {
    const console = labConsole()
    expect(console.host).toBe('bastion')
    expect(console.prompt).toBe('ubuntu@bastion:~$ ')
    expect(run(console, 'ssh worker1')).toMatchObject({ host: 'bastion', output: '', exitCode: 0 })
    expect(console.host).toBe('worker1')
    run(console, 'ssh ubuntu@ip-10-0-1-31.eu-west-1.compute.internal')
    expect(console.host).toBe('worker2')
    expect(run(console, 'exit')).toMatchObject({ host: 'worker2', stdout: 'logout\n', stderr: 'Connection to worker2 closed.\n' })
    run(console, 'exit')
    expect(console.host).toBe('bastion')
    expect(run(console, 'exit').stdout).toBe('logout\n')
    expect(console.host).toBe('bastion')
    run(console, 'ssh 10.0.1.20')
    expect(console.host).toBe('control1')
    expect(run(console, 'ssh nowhere')).toMatchObject({ stderr: 'ssh: Could not resolve hostname nowhere: Name or service not known\n', exitCode: 255 })
  })

  it('answers an unknown command as bash does and names what it supports', () => {
    const out = run(labConsole(), 'ifconfig -a')
    expect(out.exitCode).toBe(127)
    expect(out.stderr).toMatch(
      /^ifconfig: command not found\n\(Peerlab's console runs: kubectl, calicoctl, ip, birdc, cat, curl, ping, traceroute, ssh, exit, sudo, grep, head, tail, wc, echo, date, sleep, hostname, clear, help; type help for more\.\)\n$/,
    )
  })

  it('lists its commands with help, clears the screen with the escape sequence clear writes', () => {
    const console = labConsole()
    expect(run(console, 'help').stdout).toContain('  kubectl apply|delete|get|scale|cluster-info|exec\n')
    expect(run(console, 'clear').stdout).toBe('\x1b[H\x1b[2J\x1b[3J')
  })

  it('pipes into grep, head, tail and wc, and && / || / ; decide what runs', () => {
    const console = labConsole({ afterSteps: true })
    expect(run(console, 'ip route | grep -c proto').stdout).toBe('4\n')
    expect(run(console, 'ip route | grep -v -i DHCP').stdout).toBe('10.0.1.0/24 dev ens5 proto kernel scope link src 10.0.1.10 \n10.48.2.216/29 via 10.0.1.31 dev ens5 proto bird \n')
    expect(run(console, 'ip route | grep "bird\\|kernel" | wc -l').stdout).toBe('2\n')
    expect(run(console, 'ip route | grep -E "bird|kernel" | head -n 1').stdout).toBe('10.0.1.0/24 dev ens5 proto kernel scope link src 10.0.1.10 \n')
    expect(run(console, 'ip route | tail -1').stdout).toBe('10.48.2.216/29 via 10.0.1.31 dev ens5 proto bird \n')
    expect(run(console, 'ip route | grep -m1 -n via').stdout).toBe('1:default via 10.0.1.1 dev ens5 proto dhcp src 10.0.1.10 metric 100 \n')
    expect(run(console, 'ip route | grep nothing')).toMatchObject({ stdout: '', exitCode: 1 })
    expect(run(console, 'ip route | grep nothing && echo found || echo missing').stdout).toBe('missing\n')
    expect(run(console, 'echo a; echo b').stdout).toBe('a\nb\n')
    expect(run(console, 'echo one two | wc').stdout).toBe('      1       2       8\n')
  })

  it("reports a broken pattern in GNU grep's words", () => {
    expect(run(labConsole(), "ip route | grep -E 'h(i'")).toMatchObject({ stderr: 'grep: Unmatched ( or \\(\n', exitCode: 2 })
  })

  it('accepts cd and pwd: paths are relative to the home directory', () => {
    const console = labConsole()
    expect(run(console, 'cd /tmp')).toMatchObject({ output: '', exitCode: 0 })
    expect(run(console, 'pwd').stdout).toBe('/home/ubuntu\n')
  })

  it("shows an earlier stage's errors and only the last stage's output", () => {
    expect(run(labConsole(), 'cat /nope | grep x').output).toBe('cat: /nope: No such file or directory\n')
  })

  it('writes > FILE on the host it runs on, and cat reads it back there only', () => {
    const console = labConsole()
    run(console, 'ip route > routes.txt')
    expect(run(console, 'cat routes.txt').stdout).toContain('default via 10.0.1.1')
    run(console, 'echo more >> routes.txt')
    expect(run(console, 'cat ~/routes.txt | tail -n 1').stdout).toBe('more\n')
    run(console, 'ssh worker1')
    expect(run(console, 'cat routes.txt')).toMatchObject({ stderr: 'cat: routes.txt: No such file or directory\n', exitCode: 1 })
    expect(run(console, 'cat /etc/hostname').stdout).toBe('ip-10-0-1-30.eu-west-1.compute.internal\n')
  })

  it('keeps a simulated clock: each command takes a few seconds, sleep and date follow it', () => {
    const console = labConsole()
    expect(run(console, 'date').stdout).toBe('Tue May 14 20:33:35 UTC 2024\n')
    run(console, 'sleep 600')
    expect(run(console, 'date').stdout).toBe('Tue May 14 20:43:45 UTC 2024\n')
    expect(run(console, 'sleep soon').exitCode).toBe(1)
    expect(run(console, 'date -s "2024-05-15 09:00:00"')).toMatchObject({ stderr: 'date: cannot set date: Operation not permitted\n', exitCode: 1 })
    expect(run(console, 'sudo date -s "2024-05-15 09:00:00"').stdout).toBe('Wed May 15 09:00:00 UTC 2024\n')
    expect(run(console, 'date').stdout).toBe('Wed May 15 09:00:05 UTC 2024\n')
  })

  it('gives a new session the SINCE of the moment it came up, and a new pod the AGE since it started', () => {
    const console = labConsole()
    console.run('kubectl apply -f - <<EOF\napiVersion: projectcalico.org/v3\nkind: BGPPeer\nmetadata:\n  name: to-bastion\nspec:\n  peerIP: 10.0.1.10\n  asNumber: 64512\nEOF')
    console.run('sleep 115')
    console.run('ssh worker1')
    expect(run(console, 'sudo calicoctl node status').stdout).toContain('| 10.0.1.10    | global            | up    | 20:33:35 | Established |')
    console.run('exit')
    console.run('kubectl scale deployment customer -n yaobank --replicas=2')
    console.run('sleep 55')
    const ages = run(console, 'kubectl get pods -n yaobank')
      .stdout.split('\n')
      .filter((l) => l.startsWith('customer-'))
      .map((l) => l.split(/\s+/)[4])
    expect(ages.sort()).toEqual(['172m', '65s'].sort())
  })

  it('replaces its design from outside (undo in the app) and keeps its host and clock', () => {
    const console = labConsole()
    const start = console.design
    console.run('kubectl apply -f - <<EOF\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: web\nEOF')
    console.run('ssh worker1')
    console.setDesign(start)
    expect(console.host).toBe('worker1')
    expect(run(console, 'kubectl get ns web').exitCode).toBe(1)
  })

  it('reports a shell syntax error as bash does, and runs nothing', () => {
    const [entry] = labConsole().run("echo 'unfinished")
    expect(entry).toMatchObject({ exitCode: 2 })
    expect(entry?.output).toMatch(/^bash: line 1: unexpected EOF while looking for matching/)
  })

  it('feeds standard input to the first command that reads it', () => {
    const console = labConsole()
    const [entry] = console.run('kubectl apply -f -', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: piped\n')
    expect(entry?.stdout).toBe('namespace/piped created\n')
  })

  it('works on an empty design: nowhere to log in, every program answers command not found', () => {
    const console = new LabConsole(createEmptyDesign())
    expect(console.host).toBeUndefined()
    expect(run(console, 'ip route').exitCode).toBe(127)
    expect(run(console, 'help').exitCode).toBe(0)
    expect(run(console, 'exit')).toMatchObject({ stdout: 'logout\n', stderr: 'peerlab: localhost is where the console starts; it stays open\n', exitCode: 0 })
  })
})
