import { defineStore } from 'pinia'
import { computed, shallowReactive, watch } from 'vue'
import type { ForecastOptions } from '../../../shared/ipam/forecast'
import type { Design, EntityId } from '../../../shared/model/design'
import { hostsOf, type Host } from '../../../shared/model/query'
import type { KernelRoute } from '../../../shared/routing/kernelRoutes'
import { StaleAnswer } from '../analysis/analysisClient'
import type { QueryAnswer, QueryArgs, QueryName } from '../analysis/queries'
import { useDesignStore } from './design'

/**
 * The one place views ask the engine about the analysed network: routing tables, provenance,
 * "why not", sessions, addresses and IPAM. The analysis worker holds the network and answers;
 * every answer comes from `shared/explain` (and `shared/plan`, `shared/ipam`), the same objects
 * and words as `peerlab why` and the console. An answer is undefined until it arrives: views show
 * that they are loading, and never an answer about another host or another version of the design.
 */
export const useHostQueryStore = defineStore('hostQuery', () => {
  const designs = useDesignStore()
  /** Answers by version, question and arguments; a redraw asks the same question again and finds it here. */
  const answers = shallowReactive(new Map<string, unknown>())
  const asked = new Set<string>()
  // Answers about an older design are never shown again: they go when the next one's sessions come.
  watch(
    () => designs.analysedVersion,
    (version) => {
      const current = `${version} `
      for (const key of answers.keys()) if (!key.startsWith(current)) answers.delete(key)
      for (const key of asked) if (!key.startsWith(current)) asked.delete(key)
    },
  )

  function answer<N extends QueryName>(name: N, ...args: QueryArgs<N>): QueryAnswer<N> | undefined {
    const version = designs.analysedVersion
    const key = `${version} ${name} ${JSON.stringify(args)}`
    if (answers.has(key)) return answers.get(key) as QueryAnswer<N>
    if (!asked.has(key)) {
      asked.add(key)
      designs.ask(version, name, ...args).then(
        (value) => {
          if (asked.has(key)) answers.set(key, value)
        },
        (error: unknown) => {
          // Asked about a design the worker has moved past: the next version's views ask again.
          if (!(error instanceof StaleAnswer)) console.error(`host query ${name}:`, error)
        },
      )
    }
    return undefined
  }

  /** Asked once and waited for, as a pointer over a row does: undefined when the design moved on meanwhile. */
  async function answerLater<N extends QueryName>(name: N, ...args: QueryArgs<N>): Promise<QueryAnswer<N> | undefined> {
    const version = designs.analysedVersion
    const known = answer(name, ...args)
    if (known !== undefined) return known
    try {
      const value = await designs.ask(version, name, ...args)
      return version === designs.analysedVersion ? value : undefined
    } catch (error) {
      if (error instanceof StaleAnswer) return undefined
      throw error
    }
  }

  /** Hosts are named as the analysed design names them: the analysis lags an edit. */
  const hostsByDesign = new WeakMap<Design, Map<EntityId, Host>>()
  function host(id: EntityId): Host | undefined {
    const design = designs.analysedDesign
    let hosts = hostsByDesign.get(design)
    if (!hosts) hostsByDesign.set(design, (hosts = new Map(hostsOf(design).map((h) => [h.id, h]))))
    return hosts.get(id)
  }

  return {
    host,
    routes: (id: EntityId) => answer('routes', id),
    provenance: (id: EntityId, route: KernelRoute) => answer('provenance', id, route.text),
    provenanceLater: (id: EntityId, route: KernelRoute) => answerLater('provenance', id, route.text),
    whyNot: (id: EntityId, query: string) => answer('whyNot', id, query),
    sessions: (id: EntityId) => answer('sessions', id),
    sessionCounts: (id: EntityId, protocols: readonly string[]) => answer('sessionCounts', id, protocols),
    sessionRoutes: (id: EntityId, protocol: string) => answer('sessionRoutes', id, protocol),
    addresses: (id: EntityId) => answer('addresses', id),
    toolCommand: (id: EntityId) => answer('toolCommand', id),
    /**
     * The host's sessions as its own tool prints them: `calicoctl node status` on a Calico node,
     * `birdc show protocols` on a BIRD router; run by the lab console, so that SINCE is when the
     * console saw each session come up.
     */
    toolStatus: (id: EntityId) => answer('toolStatus', id),
    addressMap: () => answer('addressMap'),
    utilisation: () => answer('utilisation'),
    ipamShow: () => answer('ipamShow'),
    capacity: () => answer('capacity'),
    forecast: (options: ForecastOptions) => answer('forecast', options),
    /** Each Calico node's blocks and pods, for the canvas badges. */
    badges: computed(() => designs.badges),
    /** The design's pool ranges, in Calico's order: what a person most often asks about. */
    poolCidrs: computed(() => designs.poolCidrs),
  }
})
