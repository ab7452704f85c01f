import { workloadsOf } from '../../model/workloads'
import type { PodState } from '../../ipam/computeIpam'
import { fail, ok, type Program, type ProgramContext, type ProgramResult } from '../program'
import { reach } from '../reachability'
import { parseAddress } from '../routeLookup'
import { NGINX_WELCOME_PAGE } from './nginxWelcome'

/**
 * How long curl waits before a silently dropped connection fails: Linux retries the SYN 6 times
 * (net.ipv4.tcp_syn_retries) over 1+2+4+8+16+32+64 s, and curl reports the elapsed time.
 */
const SYN_TIMEOUT_MS = 129_000

interface Target {
  readonly address: string
  readonly port: number
  readonly scheme: 'http' | 'https'
}

/** `10.48.2.216`, `10.48.2.216:8080/path`, `http://[fd00::1]:80/` → address and port. */
function parseUrl(url: string): Target | { readonly host: string } | undefined {
  const match = /^(?:(https?):\/\/)?(\[[0-9a-fA-F:.]+\]|[^/:?#]+)(?::(\d+))?(?:[/?#].*)?$/.exec(url)
  if (!match) return undefined
  const scheme = (match[1] ?? 'http') as 'http' | 'https'
  const host = (match[2] as string).replace(/^\[|\]$/g, '')
  if (!parseAddress(host)) return { host }
  return { address: host, port: match[3] !== undefined ? Number(match[3]) : scheme === 'https' ? 443 : 80, scheme }
}

/** What listens on a pod's port: nginx on 80 (its image's default server), or a declared containerPort. */
function listener(context: ProgramContext, pod: PodState, port: number): { readonly page: string | undefined; readonly image: string } | undefined {
  const containers = workloadsOf(context.design).find((w) => w.id === pod.workloadId)?.podSpec.containers ?? []
  for (const container of containers) {
    const image = container.image ?? container.name
    const isNginx = /(^|\/)nginx(:|@|$)/.test(image)
    if (isNginx && port === 80) return { page: NGINX_WELCOME_PAGE, image }
    if ((container.ports ?? []).some((p) => p.containerPort === port && (p.protocol ?? 'TCP') === 'TCP')) return { page: undefined, image }
  }
  return undefined
}

/** curl's error line: `curl: (7) Failed to connect to 10.0.1.20 port 80 after 0 ms: Connection refused` (curl 7.81). */
const connectError = (silent: boolean, code: number, target: Target, afterMs: number, reason: string): ProgramResult =>
  fail(silent ? '' : `curl: (${code}) Failed to connect to ${target.address} port ${target.port} after ${afterMs} ms: ${reason}\n`, code)

/**
 * curl from the current host: the request follows every routing table hop by hop and the
 * destination pod's NetworkPolicies; nginx answers with its welcome page. A download with
 * `-o FILE` (the lab's calicoctl) is accepted and explained.
 */
export const curl: Program = (context, args) => {
  let silent = false
  let showErrors = false
  let outputFile: string | undefined
  let maxTimeMs: number | undefined
  const urls: string[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string
    if (arg === '-o' || arg === '--output') outputFile = args[++i]
    else if (arg === '-O' || arg === '--remote-name') outputFile = '(remote name)'
    else if (arg === '-m' || arg === '--max-time' || arg === '--connect-timeout') maxTimeMs = Number(args[++i]) * 1000
    else if (/^-[sSLfk]+$/.test(arg)) {
      silent ||= arg.includes('s')
      showErrors ||= arg.includes('S')
    } else if (arg === '--silent' || arg === '--location' || arg === '--fail' || arg === '--insecure') silent ||= arg === '--silent'
    else if (arg.startsWith('-')) return fail(`curl: option ${arg}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n`, 2)
    else urls.push(arg)
  }
  const quiet = silent && !showErrors
  const url = urls[0]
  if (url === undefined) return fail(`curl: try 'curl --help' or 'curl --manual' for more information\n`, 2)
  const target = parseUrl(url)
  if (!target) return fail(quiet ? '' : `curl: (3) URL using bad/illegal format or missing URL\n`, 3)
  if ('host' in target) {
    if (outputFile !== undefined)
      return {
        stdout: '',
        stderr: `peerlab: ${url} is a download from the internet, which the console does not make; what it installs (calicoctl) is already on every host of the design.\n`,
        exitCode: 0,
      }
    return fail(quiet ? '' : `curl: (6) Could not resolve host: ${target.host}\n`, 6)
  }
  const address = parseAddress(target.address)
  if (!address) return fail(`curl: (3) URL using bad/illegal format or missing URL\n`, 3)
  const outcome = reach(context, address, 'TCP', target.port)
  if (outcome.kind === 'error') {
    context.advance(outcome.afterMs)
    // connect() failing at once is only logged verbosely; curl 7.81 then reports its generic text (lib/connect.c).
    if (outcome.afterMs === 0) return fail(quiet ? '' : `curl: (7) Couldn't connect to server\n`, 7)
    return connectError(quiet, 7, target, outcome.afterMs, outcome.errno)
  }
  if (outcome.kind === 'dropped') {
    const waited = Math.min(SYN_TIMEOUT_MS, maxTimeMs ?? SYN_TIMEOUT_MS)
    context.advance(waited)
    if (maxTimeMs !== undefined && maxTimeMs < SYN_TIMEOUT_MS) return fail(quiet ? '' : `curl: (28) Connection timed out after ${waited + 1} milliseconds\n`, 28)
    return connectError(quiet, 28, target, waited, 'Connection timed out')
  }
  const served = outcome.pod ? listener(context, outcome.pod, target.port) : undefined
  if (!served) return connectError(quiet, 7, target, 0, 'Connection refused')
  if (target.scheme === 'https') return fail(quiet ? '' : `curl: (35) error:0A00010B:SSL routines::wrong version number\n`, 35)
  if (served.page === undefined) {
    return { stdout: '', stderr: `peerlab: connected to ${outcome.pod?.namespace}/${outcome.pod?.name} on port ${target.port}; what ${served.image} answers is not simulated\n`, exitCode: 0 }
  }
  if (outputFile !== undefined) return ok('')
  return ok(served.page)
}
