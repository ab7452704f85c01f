import type { EntityId } from '../model/design'

const HOME = '/home/ubuntu'
/** Directories every host has; `mv x /usr/local/bin` moves into them. */
const DIRECTORIES = new Set(['/', '/tmp', HOME, '/usr/local/bin', '/usr/bin', '/etc', '/root'])

/**
 * The files people create during a lab (`cat > pool.yaml <<EOF`, a downloaded calicoctl), per
 * host. Only what the console wrote lives here; the design is never a file on a host.
 */
export class HostFiles {
  private readonly files = new Map<EntityId, Map<string, string>>()

  /** An absolute path: relative ones are in the user's home, `~` is the home. */
  static resolve(path: string): string {
    if (path === '~') return HOME
    if (path.startsWith('~/')) return `${HOME}/${path.slice(2)}`
    return path.startsWith('/') ? path : `${HOME}/${path}`
  }

  read(host: EntityId, path: string): string | undefined {
    return this.files.get(host)?.get(HostFiles.resolve(path))
  }

  write(host: EntityId, path: string, text: string, append = false): void {
    let files = this.files.get(host)
    if (!files) this.files.set(host, (files = new Map()))
    const resolved = HostFiles.resolve(path)
    files.set(resolved, append ? `${files.get(resolved) ?? ''}${text}` : text)
  }

  /** `mv FROM TO`: an error message, or undefined when it moved. */
  move(host: EntityId, from: string, to: string, root: boolean): string | undefined {
    const source = HostFiles.resolve(from)
    const text = this.files.get(host)?.get(source)
    if (text === undefined) return `mv: cannot stat '${from}': No such file or directory\n`
    const target = HostFiles.resolve(to)
    const destination = DIRECTORIES.has(target.replace(/\/$/, '') || '/') ? `${target.replace(/\/$/, '')}/${source.slice(source.lastIndexOf('/') + 1)}` : target
    if (!root && !destination.startsWith(`${HOME}/`) && !destination.startsWith('/tmp/')) return `mv: cannot move '${from}' to '${destination}': Permission denied\n`
    this.files.get(host)?.delete(source)
    this.write(host, destination, text)
    return undefined
  }

  exists(host: EntityId, path: string): boolean {
    return this.read(host, path) !== undefined
  }
}
