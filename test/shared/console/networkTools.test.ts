import { describe, expect, it } from 'vitest'
import { NGINX_WELCOME_PAGE } from '../../../shared/console/programs/nginxWelcome'
import { labConsole, run } from './labConsoleHelpers'

/** A pod with a declared port and no policy, and a second nginx that a policy shuts entirely. */
const EXTRA = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: external-ns
spec:
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
      - name: api
        image: example/api:1
        ports:
        - containerPort: 8080
`

describe('curl', () => {
  it("gets nginx's page from bastion over the route bastion learned, as the lab shows", () => {
    expect(run(labConsole({ afterSteps: true }), 'curl 10.48.2.216')).toMatchObject({ stdout: NGINX_WELCOME_PAGE, stderr: '', exitCode: 0 })
    expect(run(labConsole({ afterSteps: true }), 'curl -s http://10.48.2.216:80/index.html').stdout).toBe(NGINX_WELCOME_PAGE)
  })

  it('times out when the NetworkPolicy drops the port (silently, as Calico does), and the clock moves on', () => {
    const console = labConsole({ afterSteps: true })
    const before = console.now
    expect(run(console, 'curl 10.48.2.216:8080')).toMatchObject({ stderr: 'curl: (28) Failed to connect to 10.48.2.216 port 8080 after 129000 ms: Connection timed out\n', exitCode: 28 })
    expect(console.now - before).toBeGreaterThanOrEqual(129_000)
    expect(run(console, 'curl -m 5 10.48.2.216:8080').stderr).toBe('curl: (28) Connection timed out after 5001 milliseconds\n')
  })

  it('times out from bastion toward the default pool: its range is not routed outside the cluster', () => {
    expect(run(labConsole({ afterSteps: true }), 'curl 10.48.0.1').exitCode).toBe(28)
  })

  it('is refused where nothing listens, and connects (without inventing a reply) where a pod declares the port', () => {
    const console = labConsole({ afterSteps: true, extra: EXTRA })
    expect(run(console, 'curl 10.0.1.20')).toMatchObject({ stderr: 'curl: (7) Failed to connect to 10.0.1.20 port 80 after 0 ms: Connection refused\n', exitCode: 7 })
    const api =
      run(console, 'kubectl get pods -n external-ns -o wide')
        .stdout.split('\n')
        .find((l) => l.startsWith('api-'))
        ?.split(/\s+/)[5] ?? ''
    expect(api).toMatch(/^10\.48\.2\.\d+$/)
    expect(run(console, `curl ${api}:8080`)).toMatchObject({ stdout: '', exitCode: 0 })
    expect(run(console, `curl ${api}:8080`).stderr).toContain('what example/api:1 answers is not simulated')
    expect(run(console, `curl ${api}:9090`).exitCode).toBe(7)
  })

  it('reaches a pod of another node from a node, over the IPIP tunnel', () => {
    const console = labConsole({ afterSteps: true })
    console.run('ssh worker1')
    expect(run(console, 'curl 10.48.2.216').stdout).toBe(NGINX_WELCOME_PAGE)
  })

  it('fails at once for an address in a block its own host blackholes (connect() gets EINVAL)', () => {
    const console = labConsole()
    console.run('ssh worker2')
    // curl 7.81 reports an immediate connect() failure with its generic text (lib/connect.c).
    expect(run(console, 'curl 10.48.0.60')).toMatchObject({ stderr: "curl: (7) Couldn't connect to server\n", exitCode: 7 })
    expect(run(console, 'ping -c 1 10.48.0.60')).toMatchObject({ stderr: 'ping: connect: Invalid argument\n', exitCode: 2 })
  })

  it('cannot resolve names, and accepts a download with -o as a setup step', () => {
    const console = labConsole()
    expect(run(console, 'curl nginx.external-ns')).toMatchObject({ stderr: 'curl: (6) Could not resolve host: nginx.external-ns\n', exitCode: 6 })
    const download = run(console, 'curl -L https://github.com/projectcalico/calico/releases/latest/download/calicoctl-linux-amd64 -o calicoctl')
    expect(download.exitCode).toBe(0)
    expect(download.stderr).toContain('calicoctl')
    expect(run(console, 'chmod +x calicoctl').exitCode).toBe(0)
    expect(run(console, 'mv calicoctl /usr/local/bin')).toMatchObject({ stderr: "mv: cannot move 'calicoctl' to '/usr/local/bin/calicoctl': Permission denied\n", exitCode: 1 })
    expect(run(console, 'sudo mv calicoctl /usr/local/bin').exitCode).toBe(0)
    expect(run(console, 'chmod +x calicoctl')).toMatchObject({ stderr: "chmod: cannot access 'calicoctl': No such file or directory\n", exitCode: 1 })
  })
})

describe('ping and traceroute', () => {
  it('pings a node directly and a pod that allows ICMP, with the TTL the path leaves', () => {
    const console = labConsole({ afterSteps: true })
    const node = run(console, 'ping -c 2 10.0.1.31')
    expect(node.stdout).toMatch(
      /^PING 10\.0\.1\.31 \(10\.0\.1\.31\) 56\(84\) bytes of data\.\n64 bytes from 10\.0\.1\.31: icmp_seq=1 ttl=64 time=\d\.\d{3} ms\n64 bytes from 10\.0\.1\.31: icmp_seq=2 ttl=64 /,
    )
    expect(node.stdout).toMatch(
      /\n--- 10\.0\.1\.31 ping statistics ---\n2 packets transmitted, 2 received, 0% packet loss, time 1003ms\nrtt min\/avg\/max\/mdev = [\d.]+\/[\d.]+\/[\d.]+\/[\d.]+ ms\n$/,
    )
    console.run('ssh worker1')
    const yaobank =
      run(console, 'kubectl get pods -n yaobank -o wide')
        .stdout.split('\n')
        .find((l) => l.includes('ip-10-0-1-31'))
        ?.split(/\s+/)[5] ?? ''
    expect(run(console, `ping -c 1 ${yaobank}`).stdout).toContain('ttl=63')
  })

  it('loses every packet to nginx: its policy allows TCP port 80 only', () => {
    const out = run(labConsole({ afterSteps: true }), 'ping -c 3 10.48.2.216')
    expect(out.exitCode).toBe(1)
    expect(out.stdout).toContain('3 packets transmitted, 0 received, 100% packet loss, time 2003ms\n')
  })

  it('traces the hops to a node and stars out where a policy drops the probes', () => {
    const console = labConsole({ afterSteps: true })
    console.run('ssh worker1')
    const toNginx = run(console, 'traceroute 10.48.2.216').stdout.split('\n')
    expect(toNginx[0]).toBe('traceroute to 10.48.2.216 (10.48.2.216), 30 hops max, 60 byte packets')
    expect(toNginx[1]).toMatch(/^ 1 {2}10\.0\.1\.31 \(10\.0\.1\.31\) {2}\d\.\d{3} ms {2}\d\.\d{3} ms {2}\d\.\d{3} ms$/)
    expect(toNginx[2]).toBe(' 2  * * *')
    expect(toNginx[30]).toBe('30  * * *')
    expect(toNginx).toHaveLength(32)
    const toNode = run(console, 'traceroute 10.0.1.31').stdout.split('\n')
    expect(toNode.slice(1, -1)).toHaveLength(1)
    // Over IPIP the next node answers from its tunl0 address, where the probe arrived.
    const yaobank =
      run(console, 'kubectl get pods -n yaobank -o wide')
        .stdout.split('\n')
        .find((l) => l.includes('ip-10-0-1-31'))
        ?.split(/\s+/)[5] ?? ''
    const tunnel = run(console, 'ip route get 10.48.0.1').stdout
    expect(tunnel).toContain('dev tunl0')
    const overIpip = run(console, `traceroute ${yaobank}`).stdout.split('\n')
    expect(overIpip[1]).toMatch(/^ 1 {2}10\.48\.0\.\d+ \(10\.48\.0\.\d+\)/)
    expect(overIpip[1]).not.toContain('10.0.1.31')
  })
})
