import { formatIpAddress } from '../../net'
import { fail, ok, type Program } from '../program'
import { reach } from '../reachability'
import { tracePacket } from '../packetPath'
import { parseAddress } from '../routeLookup'
import { tunnelKindOfDevice, type TunnelKind } from '../../ipam/tunnelKinds'

/** Round trips in the simulation: a fixed cost per host the packet crosses, so transcripts are stable. */
const rttMs = (hosts: number, seq: number): number => 0.2 + 0.15 * hosts + ((seq * 37) % 11) / 1000

const ms3 = (value: number): string => value.toFixed(3)

/**
 * iputils `ping -c N ADDR` (4 packets unless -c says otherwise: the console cannot be stopped with
 * Ctrl+C). Replies come back with the TTL the return path leaves them; a pod whose policies
 * allow no ICMP, or a missing route, loses every packet as a real one would.
 */
export const ping: Program = (context, args) => {
  let count = 4
  let target: string | undefined
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string
    if (arg === '-c') count = Number(args[++i])
    else if (/^-c\d+$/.test(arg)) count = Number(arg.slice(2))
    else if (arg === '-W' || arg === '-i' || arg === '-w') i++
    else if (arg.startsWith('-')) return fail(`ping: invalid option -- '${arg.slice(1)}'\n`, 2)
    else target = arg
  }
  if (target === undefined) return fail('ping: usage error: Destination address required\n', 1)
  if (!Number.isInteger(count) || count < 1) return fail(`ping: invalid argument: '${String(count)}': out of range: 1 <= value <= 9223372036854775807\n`, 1)
  const address = parseAddress(target)
  if (!address) return fail(`ping: ${target}: Name or service not known\n`, 2)
  const outcome = reach(context, address, 'ICMP', undefined)
  // ping connect()s its socket first: a local failure ends it there (iputils ping.c: error(2, errno, "connect")).
  if (outcome.kind === 'error' && outcome.afterMs === 0) return fail(`ping: connect: ${outcome.errno}\n`, 2)
  const header = `PING ${target} (${target}) 56(84) bytes of data.\n`
  // "time" runs from the first packet to the last: nothing for one packet.
  const elapsed = count > 1 ? (count - 1) * 1000 + 3 : 0
  context.advance(elapsed)
  if (outcome.kind !== 'arrives') {
    const errors = outcome.kind === 'error' ? count : 0
    const from = outcome.kind === 'error' ? (outcome.path.end.host.interfaces[0]?.address ?? target) : target
    const what = outcome.kind === 'error' && outcome.errno === 'Network is unreachable' ? 'Net' : 'Host'
    const lines = outcome.kind === 'error' ? Array.from({ length: count }, (_, i) => `From ${from} icmp_seq=${i + 1} Destination ${what} Unreachable\n`).join('') : ''
    // ICMP errors raise ping's pipe size, which it then reports (iputils ping_common.c finish()).
    const tail = errors > 0 ? `pipe ${Math.min(errors, 3)}\n` : '\n'
    return fail(
      '',
      1,
      `${header}${lines}\n--- ${target} ping statistics ---\n${count} packets transmitted, 0 received, ${errors > 0 ? `+${errors} errors, ` : ''}100% packet loss, time ${elapsed}ms\n${tail}`,
    )
  }
  const back = tracePacket(context.design, context.network, outcome.host, parseAddress(outcome.path.source ?? '') ?? address)
  // The reply starts at 64 and loses one for every host that forwards it back (the sender's own host does not, for a host target).
  const ttl = 64 - back.hops.length + (outcome.pod ? 0 : 1)
  const hosts = outcome.path.hops.length + back.hops.length
  const times = Array.from({ length: count }, (_, i) => rttMs(hosts, i + 1))
  const replies = times.map((t, i) => `64 bytes from ${target}: icmp_seq=${i + 1} ttl=${ttl} time=${t < 1 ? ms3(t) : t.toFixed(2)} ms\n`).join('')
  const avg = times.reduce((a, b) => a + b, 0) / count
  const mdev = Math.sqrt(times.reduce((a, b) => a + (b - avg) ** 2, 0) / count)
  return ok(
    `${header}${replies}\n--- ${target} ping statistics ---\n${count} packets transmitted, ${count} received, 0% packet loss, time ${elapsed}ms\nrtt min/avg/max/mdev = ${ms3(times.reduce((a, b) => Math.min(a, b)))}/${ms3(avg)}/${ms3(times.reduce((a, b) => Math.max(a, b)))}/${ms3(mdev)} ms\n`,
  )
}

const MAX_TTL = 30

/**
 * traceroute (UDP probes to ports 33434 and up, three per hop): each forwarding host answers
 * from the address the packet reached it on; the destination answers "port unreachable" unless a
 * NetworkPolicy drops the probes, and then the rest of the lines are `* * *` up to 30 hops.
 */
export const traceroute: Program = (context, args) => {
  const target = args.find((a) => !a.startsWith('-'))
  if (target === undefined)
    return fail(
      'Usage:\n  traceroute [ -46dFITnreAUDV ] [ -f first_ttl ] [ -g gate,... ] [ -i device ] [ -m max_ttl ] [ -N squeries ] [ -p port ] [ -t tos ] [ -l flow_label ] [ -w MAX,HERE,NEAR ] [ -q nqueries ] [ -s src_addr ] [ -z sendwait ] [ --fwmark=num ] host [ packetlen ]\n',
      2,
    )
  const address = parseAddress(target)
  if (!address) return fail(`${target}: Name or service not known\nCannot handle "host" cmdline arg \`${target}' on position 1 (argc 1)\n`, 2)
  const path = tracePacket(context.design, context.network, context.host, address)
  const outcome = reach(context, address, 'UDP', 33434)
  let text = `traceroute to ${target} (${target}), ${MAX_TTL} hops max, 60 byte packets\n`
  // Hop numbers are `%2u ` (traceroute.c print_header of each hop).
  const probe = (hop: number, who: string, hosts: number): string => `${String(hop).padStart(2)}  ${who} (${who})  ${[1, 2, 3].map((i) => `${ms3(rttMs(hosts, hop * 3 + i))} ms`).join('  ')}\n`
  // Each forwarding host answers from the address the probe reached it on: the `via` its predecessor
  // used, or over an IPIP/VXLAN tunnel the host's own tunnel address (the packet arrives on tunl0).
  const tunnelOf = (name: string, kind: TunnelKind): string | undefined => context.network.ipam.tunnels.find((t) => t.node === name && t.kind === kind)?.address
  const forwarders = path.hops.slice(1).map((hop, i) => {
    const dev = path.hops[i]?.forwarding.dev
    const overTunnel = tunnelKindOfDevice(dev)
    const tunnel = overTunnel !== undefined ? tunnelOf(hop.host.name, overTunnel) : undefined
    return tunnel ?? path.hops[i]?.forwarding.via ?? hop.host.interfaces[0]?.address ?? ''
  })
  let line = 1
  for (const who of forwarders) text += probe(line++, who, line)
  const arrived = outcome.kind === 'arrives'
  if (arrived) text += probe(line++, formatIpAddress(address), line)
  while (!arrived && line <= MAX_TTL) text += `${String(line++).padStart(2)}  * * *\n`
  context.advance(arrived ? 50 : 5000 * (MAX_TTL - forwarders.length))
  return ok(text)
}
