import { parseIpAddress, prefixContainsAddress, type IpAddress } from '../net'
import type { KernelRoute } from '../routing/kernelRoutes'

/** What the kernel does with a packet that matches a route. */
export interface Forwarding {
  readonly route: KernelRoute
  readonly type: 'unicast' | 'blackhole'
  /** The gateway; undefined when the destination is on the link. */
  readonly via: string | undefined
  readonly dev: string | undefined
  readonly src: string | undefined
}

/** Reads the fields of a route line as `ip route` prints it; a multipath route uses its first next hop. */
export function forwardingOf(route: KernelRoute): Forwarding {
  const words = route.text.split(/\s+/).filter((w) => w !== '')
  const after = (key: string): string | undefined => {
    const index = words.indexOf(key)
    return index >= 0 ? words[index + 1] : undefined
  }
  return { route, type: words[0] === 'blackhole' ? 'blackhole' : 'unicast', via: after('via'), dev: after('dev'), src: after('src') }
}

/** The kernel's choice: the longest matching prefix (the default route is a /0). */
export function lookupRoute(routes: readonly KernelRoute[], destination: IpAddress): Forwarding | undefined {
  let best: KernelRoute | undefined
  let bestLength = -1
  for (const route of routes) {
    if (route.family !== destination.family) continue
    const length = route.destination === 'default' ? 0 : route.destination.length
    if (length <= bestLength) continue
    if (route.destination !== 'default' && !prefixContainsAddress(route.destination, destination)) continue
    best = route
    bestLength = length
  }
  return best ? forwardingOf(best) : undefined
}

export function parseAddress(text: string): IpAddress | undefined {
  const parsed = parseIpAddress(text)
  return parsed.ok ? parsed.value : undefined
}
