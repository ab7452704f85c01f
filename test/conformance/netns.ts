import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * A throw-away lab of network namespaces, one per host plus one holding a bridge per segment,
 * wired with veth pairs. Everything it creates it tracks and removes again: namespaces, BIRD
 * processes (by PID) and files. No address outside the namespaces is ever used.
 */
export class NamespaceLab {
  readonly dir = mkdtempSync(join(tmpdir(), 'peerlab-conformance-'))
  private readonly namespaces: string[] = []
  private readonly pidFiles: string[] = []
  private vethCount = 0

  constructor(private readonly prefix: string) {}

  /** Why this machine cannot run the lab, or undefined when it can. */
  static unavailable(): string | undefined {
    if (process.getuid?.() !== 0) return 'needs root to create network namespaces'
    if (!existsSync('/usr/sbin/bird') || !existsSync('/usr/sbin/birdc')) return 'needs BIRD 1.6 (Debian package bird)'
    const probe = `plprobe${process.pid % 100000}`
    const created = spawnSync('ip', ['netns', 'add', probe])
    if (created.status !== 0) return `cannot create a network namespace: ${created.stderr.toString().trim()}`
    spawnSync('ip', ['netns', 'delete', probe])
    return undefined
  }

  private run(args: string[]): string {
    return execFileSync(args[0] as string, args.slice(1), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  }

  inNamespace(name: string, args: string[]): string {
    return this.run(['ip', 'netns', 'exec', this.ns(name), ...args])
  }

  ns(name: string): string {
    return `${this.prefix}-${name}`
  }

  addNamespace(name: string): void {
    this.run(['ip', 'netns', 'add', this.ns(name)])
    this.namespaces.push(this.ns(name))
    this.inNamespace(name, ['ip', 'link', 'set', 'lo', 'up'])
  }

  addBridge(switchNs: string, bridge: string): void {
    this.inNamespace(switchNs, ['ip', 'link', 'add', bridge, 'type', 'bridge'])
    this.inNamespace(switchNs, ['ip', 'link', 'set', bridge, 'up'])
  }

  /** Plugs `host` into `bridge` with an interface named as the design names it. */
  connect(host: string, iface: string, switchNs: string, bridge: string): void {
    const outside = `${this.prefix.slice(0, 6)}v${this.vethCount++}`
    this.inNamespace(switchNs, ['ip', 'link', 'add', outside, 'type', 'veth', 'peer', 'name', 'tmp0', 'netns', this.ns(host)])
    this.inNamespace(host, ['ip', 'link', 'set', 'tmp0', 'name', iface])
    this.inNamespace(switchNs, ['ip', 'link', 'set', outside, 'master', bridge, 'up'])
    this.inNamespace(host, ['ip', 'link', 'set', iface, 'up'])
  }

  startBird(host: string, config: string): string {
    const file = join(this.dir, `${host}.conf`)
    const socket = join(this.dir, `${host}.ctl`)
    const pidFile = join(this.dir, `${host}.pid`)
    writeFileSync(file, config)
    this.inNamespace(host, ['bird', '-c', file, '-s', socket, '-P', pidFile])
    this.pidFiles.push(pidFile)
    return socket
  }

  birdc(host: string, socket: string, command: string): string {
    return this.inNamespace(host, ['birdc', '-s', socket, ...command.split(' ')])
  }

  /** Stops every BIRD by its PID and deletes every namespace; safe to call twice, and after a failure. */
  tearDown(): void {
    for (const pidFile of this.pidFiles.splice(0)) {
      try {
        process.kill(Number(readFileSync(pidFile, 'utf8').trim()), 'SIGTERM')
      } catch {
        // Already gone.
      }
    }
    for (const ns of this.namespaces.splice(0).reverse()) spawnSync('ip', ['netns', 'delete', ns])
    rmSync(this.dir, { recursive: true, force: true })
  }
}
