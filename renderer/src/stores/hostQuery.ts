import { defineStore } from 'pinia'
import { computed } from 'vue'
import { hostAddressesOf, type HostAddresses } from '../../../shared/explain/hostAddresses'
import { nodeBadges } from '../../../shared/explain/nodeBadges'
import { explainAbsence, type RouteAbsence } from '../../../shared/explain/routeAbsence'
import { explainRoute, type RouteProvenance } from '../../../shared/explain/routeProvenance'
import { sessionRoutesOf, type SessionRoutes } from '../../../shared/explain/sessionRoutes'
import { namingOf } from '../../../shared/explain/wording'
import type { EntityId } from '../../../shared/model/design'
import { displayName, type Host } from '../../../shared/model/query'
import type { KernelRoute } from '../../../shared/routing/kernelRoutes'
import type { NetworkState } from '../../../shared/routing/network'
import { useDesignStore } from './design'
import { useLabConsoleStore } from './labConsole'

/** Answers are kept per network: a panel asks the same question on every redraw until the design changes. */
function memoPerNetwork<T>(): (network: NetworkState, key: string, make: () => T) => T {
  const cache = new WeakMap<NetworkState, Map<string, T>>()
  return (network, key, make) => {
    let entries = cache.get(network)
    if (!entries) cache.set(network, (entries = new Map()))
    let value = entries.get(key)
    if (value === undefined) entries.set(key, (value = make()))
    return value
  }
}

/**
 * The one place views ask the engine about the analysed network: routing tables, provenance,
 * "why not", sessions and addresses. Every answer comes from `shared/explain`, the same objects
 * and words as `peerlab why` and the console; moving the analysis off the UI thread later
 * changes this store, not the views.
 */
export const useHostQueryStore = defineStore('hostQuery', () => {
  const designs = useDesignStore()
  const labConsole = useLabConsoleStore()
  /** The analysis lags an edit by a frame: the design it was made for is the one to name things by. */
  const analysed = computed(() => ({ network: designs.network, design: designs.analysedDesign }))
  const provenanceMemo = memoPerNetwork<RouteProvenance>()
  const absenceMemo = memoPerNetwork<RouteAbsence>()
  const sessionsMemo = memoPerNetwork<SessionRoutes[]>()
  const addressesMemo = memoPerNetwork<HostAddresses>()
  const statusMemo = memoPerNetwork<string>()

  function host(id: EntityId): Host | undefined {
    const { design, network } = analysed.value
    return namingOf(design, network).host(id)
  }

  function routes(id: EntityId): readonly KernelRoute[] {
    return analysed.value.network.routesOf(id)
  }

  function provenance(id: EntityId, route: KernelRoute): RouteProvenance {
    const { design, network } = analysed.value
    return provenanceMemo(network, `${id} ${route.text}`, () => explainRoute(design, network, id, route))
  }

  function whyNot(id: EntityId, query: string): RouteAbsence {
    const { design, network } = analysed.value
    return absenceMemo(network, `${id} ${query}`, () => explainAbsence(design, network, id, query))
  }

  function sessions(id: EntityId): readonly SessionRoutes[] {
    const { design, network } = analysed.value
    return sessionsMemo(network, id, () => sessionRoutesOf(design, network, id))
  }

  function addresses(id: EntityId): HostAddresses {
    const { design, network } = analysed.value
    return addressesMemo(network, id, () => hostAddressesOf(design, network, id))
  }

  /** The command that shows a host's sessions in its own tool's words, or undefined for a host with no BIRD to ask. */
  function toolCommand(id: EntityId): string | undefined {
    const speaker = analysed.value.network.speakers.find((s) => s.id === id)
    if (!speaker) return undefined
    if (speaker.kind === 'calico') return 'sudo calicoctl node status'
    return speaker.host.daemon === undefined || speaker.host.daemon === 'bird' ? 'sudo birdc show protocols' : undefined
  }

  /**
   * The host's sessions as its own tool prints them: `calicoctl node status` on a Calico node,
   * `birdc show protocols` on a BIRD router; run by the lab console, so that SINCE is when the
   * console saw each session come up.
   */
  function toolStatus(id: EntityId): { readonly command: string; readonly output: string } | undefined {
    const { network } = analysed.value
    const command = toolCommand(id)
    const host = network.speakers.find((s) => s.id === id)?.host
    if (command === undefined || !host) return undefined
    const output = statusMemo(network, id, () => labConsole.peek(displayName(host), command) ?? '')
    return { command, output }
  }

  /** Each Calico node's blocks and pods, for the canvas badges. */
  const badges = computed(() => nodeBadges(analysed.value.network))

  /** The design's pool ranges, in Calico's order: what a person most often asks about. */
  const poolCidrs = computed(() => analysed.value.network.ipam.pools.map((p) => p.resource.spec.cidr))

  return { poolCidrs, host, routes, provenance, whyNot, sessions, addresses, toolCommand, toolStatus, badges }
})
