import type { Design, EntityId } from '../model/design'
import { hostsOf, resourcesOf, type Host } from '../model/query'
import { parseIpAddress } from '../net'
import { DEFAULT_AS_NUMBER, parseAsNumber } from './asNumber'

/** A BGP speaker: a Calico node's BIRD, or an outside router's daemon. */
export interface BgpSpeaker {
  readonly id: EntityId
  readonly host: Host
  readonly kind: 'calico' | 'router'
  /** The IPv4 address the speaker peers from (a Calico node's BGP address; a router's first IPv4). */
  readonly ipv4: string | undefined
  /** Every address a peer can reach the speaker on. */
  readonly addresses: readonly string[]
  readonly asNumber: number
  readonly routeReflectorClusterId: string | undefined
  /** Whether the speaker runs a BGP daemon that listens at all (a router with no neighbors does not). */
  readonly listens: boolean
  /**
   * Whether its kernel protocol merges equal BGP paths into one multipath route: always on a
   * Calico node (confd writes `merge paths on`, calico.md §5.1), on a router when it asks to.
   */
  readonly mergesPaths: boolean
}

export interface BgpGlobals {
  readonly asNumber: number
  readonly meshEnabled: boolean
}

export function bgpGlobals(design: Design): BgpGlobals {
  const spec = resourcesOf(design, 'projectcalico.org/v3/BGPConfiguration').find((c) => c.metadata.name === 'default')?.spec
  return { asNumber: parseAsNumber(spec?.asNumber) ?? DEFAULT_AS_NUMBER, meshEnabled: spec?.nodeToNodeMeshEnabled ?? true }
}

const isIpv4 = (text: string): boolean => {
  const parsed = parseIpAddress(text)
  return parsed.ok && parsed.value.family === 4
}

/**
 * Every BGP speaker of a design. A Calico node's address is `Node.spec.bgp.ipv4Address` when set
 * (without its length), else its first IPv4 InternalIP, as calico-node autodetects it; its AS is
 * its own or the cluster's (calico.md §4.2).
 */
export function bgpSpeakers(design: Design): BgpSpeaker[] {
  const globals = bgpGlobals(design)
  const calicoNodes = new Map(resourcesOf(design, 'projectcalico.org/v3/Node').map((n) => [n.metadata.name, n.spec?.bgp]))
  const routers = new Map(resourcesOf(design, 'peerlab.dev/v1alpha1/Router').map((r) => [r.metadata.name, r]))
  return hostsOf(design).flatMap((host): BgpSpeaker[] => {
    const addresses = host.interfaces.map((i) => i.address)
    if (host.role === 'router') {
      const router = routers.get(host.name)
      const asNumber = parseAsNumber(router?.spec.asNumber)
      if (asNumber === undefined) return []
      return [
        {
          id: host.id,
          host,
          kind: 'router',
          ipv4: router?.spec.routerID ?? addresses.find(isIpv4),
          addresses,
          asNumber,
          routeReflectorClusterId: undefined,
          listens: (router?.spec.neighbors?.length ?? 0) > 0,
          mergesPaths: router?.spec.mergePaths === true,
        },
      ]
    }
    const bgp = calicoNodes.get(host.name)
    const configured = bgp?.ipv4Address?.split('/')[0]
    return [
      {
        id: host.id,
        host,
        kind: 'calico',
        ipv4: configured ?? addresses.find(isIpv4),
        addresses,
        asNumber: parseAsNumber(bgp?.asNumber) ?? globals.asNumber,
        routeReflectorClusterId: bgp?.routeReflectorClusterID,
        listens: true,
        mergesPaths: true,
      },
    ]
  })
}
