import { segmentsOf, type Host } from '../../model/query'
import { formatIpAddress, prefixContainsAddress, prefixLastAddress, type IpFamily } from '../../net'
import { ipRoute } from '../../routing/kernelRoutes'
import { podInterfaceName, sha1Hex } from '../../routing/sha1'
import { fail, ok, type Program, type ProgramContext, type ProgramResult } from '../program'
import { parseAddress } from '../routeLookup'
import { routeGet, tunnelAddress } from '../routeGet'

const HELP =
  "Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\nwhere  OBJECT := { address | route }\n       OPTIONS := { -4 | -6 }\n(Peerlab's console supports ip route [show], ip route get ADDR and ip address [show [dev IF]].)\n"

/** iproute2 accepts any prefix of an object or command name: `ip r`, `ip ro sh`, `ip a`. */
const abbreviates = (word: string | undefined, full: string): boolean => word !== undefined && word.length > 0 && full.startsWith(word)

/** A stable, locally administered MAC for an interface (EC2-like `02:…`), from the host and interface names. */
const macOf = (host: Host, name: string): string => `02:${(sha1Hex(`${host.name}/${name}`).slice(0, 10).match(/../g) ?? []).join(':')}`

/** `ip address`: loopback, the host's NICs with their subnets, and on a Calico node tunl0 and the pods' cali interfaces. */
function addressShow(context: ProgramContext, family: IpFamily | undefined, dev: string | undefined): ProgramResult {
  const { host } = context
  const segments = new Map(segmentsOf(context.design).map((s) => [s.id, s]))
  const blocks: { name: string; text: string }[] = []
  const inet = (f: IpFamily): boolean => family === undefined || family === f
  blocks.push({
    name: 'lo',
    text: `lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n${inet(4) ? '    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever\n' : ''}${inet(6) ? '    inet6 ::1/128 scope host \n       valid_lft forever preferred_lft forever\n' : ''}`,
  })
  const nics = [...new Set(host.interfaces.map((i) => i.name))]
  for (const name of nics) {
    const lines = host.interfaces
      .filter((i) => i.name === name)
      .flatMap((i) => {
        const address = parseAddress(i.address)
        if (!address || !inet(address.family)) return []
        const segment = i.segmentId !== undefined ? segments.get(i.segmentId) : undefined
        const subnet = segment?.prefixes.find((p) => prefixContainsAddress(p, address))
        const leased = (segment?.resource.spec.gateways ?? []).length > 0 && !(segment?.resource.spec.gateways ?? []).includes(i.address)
        const length = subnet?.length ?? (address.family === 4 ? 32 : 128)
        if (address.family === 6)
          return [`    inet6 ${i.address}/${length} scope global ${leased ? 'dynamic ' : ''}\n       valid_lft ${leased ? '3542sec' : 'forever'} preferred_lft ${leased ? '3542sec' : 'forever'}\n`]
        const broadcast = subnet ? ` brd ${formatIpAddress(prefixLastAddress(subnet))}` : ''
        return [
          `    inet ${i.address}/${length}${broadcast} scope global ${leased ? 'dynamic ' : ''}${name}\n       valid_lft ${leased ? '3542sec' : 'forever'} preferred_lft ${leased ? '3542sec' : 'forever'}\n`,
        ]
      })
    blocks.push({
      name,
      text: `${name}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 9001 qdisc mq state UP group default qlen 1000\n    link/ether ${macOf(host, name)} brd ff:ff:ff:ff:ff:ff\n${lines.join('')}`,
    })
  }
  const speaker = context.network.speakers.find((s) => s.id === host.id)
  if (speaker?.kind === 'calico') {
    const tunnel = tunnelAddress(context.network, host, 'ipipTunnelAddress')
    blocks.push({
      name: 'tunl0',
      text: `tunl0@NONE: <NOARP,UP,LOWER_UP> mtu 8981 qdisc noqueue state UNKNOWN group default qlen 1000\n    link/ipip 0.0.0.0 brd 0.0.0.0\n${tunnel !== undefined && inet(4) ? `    inet ${tunnel}/32 scope global tunl0\n       valid_lft forever preferred_lft forever\n` : ''}`,
    })
    const vxlan = tunnelAddress(context.network, host, 'vxlanTunnelAddress')
    if (vxlan !== undefined)
      blocks.push({
        name: 'vxlan.calico',
        text: `vxlan.calico: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 8951 qdisc noqueue state UNKNOWN group default qlen 1000\n    link/ether ${macOf(host, 'vxlan.calico')} brd ff:ff:ff:ff:ff:ff\n${inet(4) ? `    inet ${vxlan}/32 scope global vxlan.calico\n       valid_lft forever preferred_lft forever\n` : ''}`,
      })
    // Felix's IPv6 VXLAN device: its own MTU (host MTU − 70, felix/dataplane/linux/int_dataplane.go
    // vxlanV6MTUOverhead @ v3.30.0) and the node's VXLAN-v6 address as a /128 (calico.md §2.4).
    const vxlanV6 = tunnelAddress(context.network, host, 'vxlanV6TunnelAddress')
    if (vxlanV6 !== undefined)
      blocks.push({
        name: 'vxlan-v6.calico',
        text: `vxlan-v6.calico: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 8931 qdisc noqueue state UNKNOWN group default qlen 1000\n    link/ether ${macOf(host, 'vxlan-v6.calico')} brd ff:ff:ff:ff:ff:ff\n${inet(6) ? `    inet6 ${vxlanV6}/128 scope global \n       valid_lft forever preferred_lft forever\n` : ''}`,
      })
    // Felix gives every pod's host-side veth the same MAC and no address (calico.md §6).
    context.network.ipam.pods
      .filter((p) => p.node === host.name && p.phase === 'Running')
      .forEach((pod, index) => {
        const name = podInterfaceName(pod.namespace, pod.name)
        blocks.push({
          name,
          text: `${name}@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 8981 qdisc noqueue state UP group default qlen 1000\n    link/ether ee:ee:ee:ee:ee:ee brd ff:ff:ff:ff:ff:ff link-netns cni-${sha1Hex(`${pod.namespace}/${pod.name}`).slice(0, 8)}-${index}\n${inet(6) ? '    inet6 fe80::ecee:eeff:feee:eeee/64 scope link \n       valid_lft forever preferred_lft forever\n' : ''}`,
        })
      })
  }
  // With -4 or -6, iproute2 prints only the address lines, and only interfaces that have one (ipaddress.c ipaddr_filter).
  const shown = blocks
    .map((b, i) => ({ ...b, index: i + 1 }))
    .filter((b) => dev === undefined || b.name === dev)
    .map((b) =>
      family === undefined
        ? b
        : {
            ...b,
            text: b.text
              .split('\n')
              .filter((line) => !/^ {4}link\//.test(line))
              .join('\n'),
          },
    )
    .filter((b) => family === undefined || /\n {4}inet/.test(b.text))
  if (dev !== undefined && shown.length === 0) return fail(`Device "${dev}" does not exist.\n`, 1)
  return ok(shown.map((b) => `${b.index}: ${b.text}`).join(''))
}

/** `ip` on the current host: its routing table and addresses, as iproute2 prints them. */
export const ip: Program = (context, args) => {
  let family: IpFamily | undefined
  const words: string[] = []
  for (const arg of args) {
    if (arg === '-4') family = 4
    else if (arg === '-6') family = 6
    else if (arg.startsWith('-')) return fail(`Option "${arg}" is unknown, try "ip -help".\n`, 255)
    else words.push(arg)
  }
  const [object, command, ...rest] = words
  if (abbreviates(object, 'route')) {
    if (command === undefined || abbreviates(command, 'show') || abbreviates(command, 'list')) return ok(ipRoute(context.network.routesOf(context.host.id), family ?? 4))
    if (abbreviates(command, 'get')) return routeGet(context.network, context.host, rest[0], context.sudo)
    return fail(`peerlab: ip route ${command} changes the kernel's table by hand; in Peerlab routes come from the design (edit it instead)\n`, 2)
  }
  if (abbreviates(object, 'address') || object === 'a' || object === 'addr') {
    if (command !== undefined && !abbreviates(command, 'show') && !abbreviates(command, 'list'))
      return fail(`peerlab: ip address ${command} changes addresses by hand; in Peerlab addresses come from the design\n`, 2)
    const devIndex = rest.indexOf('dev')
    return addressShow(context, family, devIndex >= 0 ? rest[devIndex + 1] : rest[0])
  }
  return fail(object === undefined ? HELP : `Object "${object}" is unknown, try "ip help".\n`, 255)
}
