import type { Diagnostic } from '../diagnostics'
import { calicoAtLeast, calicoVersionOf } from '../model/calicoVersion'
import type { Design } from '../model/design'
import { hostsOf, ipFamiliesOf, ipPoolsOf, resourcesOf, type Host } from '../model/query'
import { workloadsOf, type Workload } from '../model/workloads'
import { formatIpPrefix, type IpPrefix } from '../net'
import { autoAssign, assignSpecific, BlockStore, hardError, type AssignResult, type IpamSettings } from './autoAssign'
import { addressOf, freeCount, releaseOrdinal, type AllocationKind, type Block, type Holder } from './blocks'
import { ipamPools, selectsNamespace, selectsNode, type IpamPool } from './ipamPools'
import { IP_ADDRS_ANNOTATION, IPV4_POOLS_ANNOTATION, IPV6_POOLS_ANNOTATION, parseAnnotationList, requestedPools, resolvePoolCidrs } from './poolAnnotations'
import { Scheduler } from './scheduler'
import { TUNNEL_FAMILY, TUNNEL_KINDS, type TunnelKind } from './tunnelKinds'

export type PodPhase = 'Running' | 'Pending' | 'ContainerCreating'

/**
 * The most pods a design is simulated with: Kubernetes' own limit for a cluster is 150,000, so a
 * design past it (a typo in `replicas`) has its remaining pods left out, with a diagnostic.
 */
export const MAX_SIMULATED_PODS = 150_000

/**
 * Pods of one workload listed one by one once every later one is bound to end the same way
 * (Pending, with no address on every node it fits, or on the host network of nodes that each
 * already run one); the rest are counted in one diagnostic.
 */
export const LISTED_AFTER_STEADY = 100

/** One pod as the cluster would run it. */
export interface PodState {
  readonly namespace: string
  readonly name: string
  readonly workloadId: string
  readonly labels: Readonly<Record<string, string>>
  /** Kubernetes node name, when scheduled. */
  readonly node: string | undefined
  readonly ips: readonly string[]
  readonly phase: PodPhase
  /** Why the pod is not Running (scheduler or CNI message). */
  readonly message: string | undefined
}

export interface BlockState {
  readonly cidr: string
  /** `cidr` as a prefix, as IPAM made it: routing needs both for thousands of blocks. */
  readonly prefix: IpPrefix
  readonly name: string
  readonly pool: string
  /** The node the block is affine to. */
  readonly affinity: string | undefined
  readonly size: number
  readonly inUse: number
  /** In ordinal order; `borrowed` when used on a node other than the block's (calico.md §2.8: a /32 route). */
  readonly allocations: readonly AllocationState[]
  /** How many of `allocations` are borrowed, counted without spelling them out. */
  readonly borrowed: number
}

export interface AllocationState {
  readonly address: string
  readonly kind: AllocationKind
  readonly node: string
  /** Used on a node other than the block's: that node advertises a /32 for it (calico.md §2.8). */
  readonly borrowed: boolean
  /** `namespace/name` of the pod. */
  readonly pod: string | undefined
}

/** The node an address is used on: a pod's index stands for the pod, which holds its node. */
function holderNode(holder: Holder, pods: readonly PodState[]): string {
  return typeof holder === 'number' ? ((pods[holder] as PodState).node as string) : holder.node
}

/** A block's allocations in ordinal order. */
function allocationsOf(block: Block, pods: readonly PodState[]): AllocationState[] {
  const states: AllocationState[] = []
  block.allocations.forEach((a, ordinal) => {
    if (a === undefined) return
    const index = typeof a === 'number' ? a : a.pod
    const pod = index === undefined ? undefined : pods[index]
    const node = holderNode(a, pods)
    states.push({ address: addressOf(block, ordinal), kind: typeof a === 'number' ? 'pod' : a.kind, node, borrowed: node !== block.affinity, pod: pod ? `${pod.namespace}/${pod.name}` : undefined })
  })
  return states
}

/**
 * A block as the result shows it. Its allocation list is made on first read: most views need
 * only the counts, and spelling out every address of a large design is most of the work. A class,
 * not an object literal with getters: those made each of 20,000 blocks an object of its own
 * layout with two functions, ten times the memory.
 */
class BlockView implements BlockState {
  readonly cidr: string
  readonly prefix: IpPrefix
  readonly name: string
  readonly pool: string
  readonly size: number
  readonly inUse: number
  readonly affinity: string | undefined
  readonly #block: Block
  readonly #pods: readonly PodState[]
  #allocations: AllocationState[] | undefined
  #borrowed: number | undefined

  constructor(block: Block, pods: readonly PodState[]) {
    this.cidr = formatIpPrefix(block.prefix)
    this.prefix = block.prefix
    this.name = block.name
    this.pool = block.poolName
    this.size = block.size
    this.inUse = block.size - freeCount(block)
    this.affinity = block.affinity
    this.#block = block
    this.#pods = pods
  }

  get allocations(): readonly AllocationState[] {
    this.#allocations ??= allocationsOf(this.#block, this.#pods)
    return this.#allocations
  }

  get borrowed(): number {
    if (this.#borrowed === undefined) {
      let borrowed = 0
      for (const a of this.#block.allocations) if (a !== undefined && holderNode(a, this.#pods) !== this.affinity) borrowed += 1
      this.#borrowed = borrowed
    }
    return this.#borrowed
  }
}

export interface TunnelAddress {
  readonly node: string
  readonly kind: TunnelKind
  readonly address: string
}

export interface IpamResult {
  readonly pools: readonly IpamPool[]
  /** Every block, in Calico's datastore order (block name). */
  readonly blocks: readonly BlockState[]
  readonly tunnels: readonly TunnelAddress[]
  readonly pods: readonly PodState[]
  readonly diagnostics: readonly Diagnostic[]
}

export type TunnelResult = { readonly ok: true; readonly tunnel: TunnelAddress } | { readonly ok: false; readonly message: string }

/**
 * What calico-node claims at start-up, before any pod (calico.md §2.4): an IPIP, then a VXLAN
 * tunnel address, each from the encapsulated pools that select the node.
 */
export function assignTunnelAddresses(store: BlockStore, node: Host, pools: readonly IpamPool[], settings: IpamSettings): TunnelResult[] {
  const results: TunnelResult[] = []
  // reconcileTunnelAddrs and determineEnabledPoolCIDRs (node/pkg/allocateip/allocateip.go @ v3.30.0):
  // VXLAN-v6 takes IPv6 pools with vxlanMode Always or CrossSubnet, the other two IPv4 pools.
  // Tunnel addresses have no namespace: a namespaceSelector sees no labels (ipam.go @ v3.31.0).
  for (const kind of TUNNEL_KINDS) {
    const encapsulated = (p: IpamPool): boolean => (kind === 'ipipTunnelAddress' ? p.ipipEnabled : p.vxlanEnabled)
    const tunnelPools = pools.filter(
      (p) => p.prefix.family === TUNNEL_FAMILY[kind] && p.enabled && encapsulated(p) && p.uses.includes('Tunnel') && selectsNode(p, node.labels) && selectsNamespace(p, {}),
    )
    if (tunnelPools.length === 0) continue
    const result = autoAssign(store, node.name, tunnelPools, settings, { kind, node: node.name, pod: undefined })
    results.push(result.ok ? { ok: true, tunnel: { node: node.name, kind, address: result.address } } : { ok: false, message: `${node.name} gets no ${kind}: ${result.message}` })
  }
  return results
}

/** One object shape for every pod: 150,000 of them stay fast when V8 sees a single layout. */
function podState(workload: Workload, name: string, node: string | undefined, ips: readonly string[], phase: PodPhase, message: string | undefined): PodState {
  return { namespace: workload.namespace, name, workloadId: workload.id, labels: workload.labels, node, ips, phase, message }
}

/** IPAMConfiguration `default` with Calico's defaults (calico.md §2.1). */
export function ipamSettingsOf(design: Design): IpamSettings {
  const spec = resourcesOf(design, 'projectcalico.org/v3/IPAMConfiguration').find((c) => c.metadata.name === 'default')?.spec
  return { strictAffinity: spec?.strictAffinity ?? false, autoAllocateBlocks: spec?.autoAllocateBlocks ?? true, maxBlocksPerHost: spec?.maxBlocksPerHost ?? 0 }
}

/**
 * Why a pod cannot ask IPAM for a family: the CNI plugin's own checks of the annotation (`cni`,
 * made for both families before IPAM runs), or IPAM's pool choice (`ipam`, an error of that
 * family's auto-assign).
 */
interface PoolFailure {
  readonly stage: 'cni' | 'ipam'
  readonly message: string
}

type PoolChoice = IpamPool[] | PoolFailure

const isFailure = (choice: PoolChoice): choice is PoolFailure => !Array.isArray(choice)

/**
 * Pools a pod may use for one family, in Calico's order (calico.md §2.2; `determinePools` and
 * `prepareAffinityBlocksForHost` in libcalico-go lib/ipam/ipam.go @ v3.30.0): the annotation's
 * pools as the CNI plugin resolves them; then, in IPAM, the enabled pools of the family
 * ("qualified"), the requested ones among them used whatever their selectors say, else those
 * selecting the node (and from v3.31 whose namespaceSelector selects the pod's namespace labels:
 * determinePools @ v3.31.0; requested pools ignore it, §9.1); and last, requested or not, only
 * those whose `allowedUses` has Workload.
 */
function podPools(
  pools: readonly IpamPool[],
  family: 4 | 6,
  node: Host,
  podAnnotations: Readonly<Record<string, string>>,
  namespaceAnnotations: Readonly<Record<string, string>>,
  namespaceLabels: Readonly<Record<string, string>> = {},
): PoolChoice {
  const annotation = family === 4 ? IPV4_POOLS_ANNOTATION : IPV6_POOLS_ANNOTATION
  const requested = podAnnotations[annotation] ?? namespaceAnnotations[annotation]
  let cidrs: readonly IpPrefix[] = []
  if (requested !== undefined) {
    const list = parseAnnotationList(annotation, requested)
    if (!list.ok) return { stage: 'cni', message: list.message }
    const resolved = resolvePoolCidrs(
      list.values,
      pools.map((p) => p.resource),
      family,
    )
    if (!resolved.ok) return { stage: 'cni', message: resolved.message }
    cidrs = resolved.cidrs
  }
  const qualified = pools.filter((p) => p.prefix.family === family && p.enabled)
  if (qualified.length === 0) return { stage: 'ipam', message: NO_QUALIFIED_POOL }
  let candidates: IpamPool[]
  if (cidrs.length > 0) {
    const chosen = requestedPools(
      cidrs,
      qualified.map((p) => p.resource),
    )
    if (!chosen.ok) return { stage: 'ipam', message: chosen.message }
    candidates = chosen.pools.flatMap((r) => qualified.filter((p) => p.resource === r))
  } else {
    candidates = qualified.filter((p) => !p.manual && selectsNode(p, node.labels) && selectsNamespace(p, namespaceLabels))
    if (candidates.length === 0) return { stage: 'ipam', message: `no configured Calico pools for node ${node.name}` }
  }
  const forWorkloads = candidates.filter((p) => p.uses.includes('Workload'))
  return forWorkloads.length > 0 ? forWorkloads : { stage: 'ipam', message: `${NO_QUALIFIED_POOL}, no pools match the required use (Workload)` }
}

/** Pools a pod with no annotation of its own may use for one family on a node, or why none (the capacity fill's question). */
export function poolsForPod(pools: readonly IpamPool[], family: 4 | 6, node: Host): IpamPool[] | string {
  const choice = podPools(pools, family, node, {}, {})
  return isFailure(choice) ? choice.message : choice
}

/** ErrNoQualifiedPool (libcalico-go lib/ipam/ipam.go @ v3.30.0). */
const NO_QUALIFIED_POOL = 'cannot find a qualified ippool'

/** What the CNI plugin returns for a family IPAM gave fewer addresses than asked (`PartialFulfillmentError`). */
const partialFulfillment = (family: 4 | 6, message: string): string => `failed to request IPv${family} addresses: Assigned 0 out of 1 requested IPv${family} addresses; ${message}`

/** A pod's addresses, or the error the runtime gets, with what IPAM said besides and what was given back. */
type AddressOutcome =
  { readonly ok: true; readonly ips: readonly string[] } | { readonly ok: false; readonly message: string; readonly detail: string | undefined; readonly released: readonly string[] }

/** Gives back what a failed pod was assigned: CNI DEL releases everything under the pod's handle. */
function releaseAll(taken: Iterable<AssignResult & { ok: true }>): string[] {
  const released: string[] = []
  for (const result of taken) {
    releaseOrdinal(result.block, result.ordinal)
    released.push(result.address)
  }
  return released
}

/**
 * One pod's request for an address of each family, as the CNI plugin's `cmdAdd` makes it
 * (cni-plugin/pkg/ipamplugin/ipam_plugin.go @ v3.30.0, calico.md §2.3 "Dual stack"): the
 * annotations are resolved for both families first; then one AutoAssign, IPv4 before IPv6, which
 * stops at the first error. Any failure leaves the pod with no address at all: on a shortfall the
 * plugin releases the other family's address, and after an error the runtime's CNI DEL releases
 * what was taken by the pod's handle. Released ordinals go to the end of their block's free list.
 * The error returned is the first one: the annotation's, IPAM's, else IPv4's shortfall, then IPv6's.
 */
function assignFamilies(families: readonly (4 | 6)[], choose: (family: 4 | 6) => PoolChoice, assign: (pools: IpamPool[]) => AssignResult): AddressOutcome {
  // Single stack, most pods of a large design: no bookkeeping for a second family.
  if (families.length === 1) {
    const family = families[0] as 4 | 6
    const choice = choose(family)
    const result = isFailure(choice) ? hardError(choice.message) : assign(choice)
    if (result.ok) return { ok: true, ips: [result.address] }
    return { ok: false, message: result.hard ? result.message : partialFulfillment(family, result.message), detail: result.detail, released: [] }
  }
  const order = families[0] === 6 ? [...families].reverse() : families
  const choices = order.map(choose)
  for (const choice of choices) if (isFailure(choice) && choice.stage === 'cni') return { ok: false, message: choice.message, detail: undefined, released: [] }
  const taken: (AssignResult & { ok: true })[] = []
  let error: (AssignResult & { ok: false }) | undefined
  let shortfall: string | undefined
  for (let i = 0; i < order.length; i++) {
    const choice = choices[i] as PoolChoice
    const result = isFailure(choice) ? hardError(choice.message) : assign(choice)
    if (result.ok) taken.push(result)
    else if (result.hard) {
      error = result
      break
    } else shortfall ??= partialFulfillment(order[i] as 4 | 6, result.message)
  }
  const message = error?.message ?? shortfall
  if (message === undefined) return { ok: true, ips: order === families ? taken.map((r) => r.address) : taken.map((r) => r.address).reverse() }
  return { ok: false, message, detail: error?.detail, released: releaseAll(taken) }
}

/**
 * The `ipAddrs` annotation: the CNI plugin asks IPAM for each address in turn and stops at the
 * first error (`ipAddrsResult` in cni-plugin/pkg/k8s/k8s.go @ v3.30.0); CNI DEL then gives back
 * those already taken.
 */
function assignListed(text: string, assign: (ip: string) => AssignResult): AddressOutcome {
  const list = parseAnnotationList(IP_ADDRS_ANNOTATION, text)
  if (!list.ok) return { ok: false, message: list.message, detail: undefined, released: [] }
  const taken: (AssignResult & { ok: true })[] = []
  for (const ip of list.values) {
    const result = assign(ip)
    if (!result.ok) return { ok: false, message: result.message, detail: result.detail, released: releaseAll(taken) }
    taken.push(result)
  }
  return { ok: true, ips: taken.map((r) => r.address) }
}

/**
 * What Calico IPAM hands out for a design, in a fixed, documented order:
 *  1. every node starts, in design order, and claims its tunnel addresses (IPIP, VXLAN, then
 *     VXLAN-v6) from the encapsulated pools that select it, before any pod, as calico-node does
 *     at start-up;
 *  2. pods are created workload by workload in design order (`workloadsOf`), replica by replica (a
 *     StatefulSet's from NAME-0 up, a DaemonSet's node by node in design order), each placed by
 *     the scheduler and given one address per cluster IP family.
 * Deterministic: block choice comes from Calico's seeded generator, never from a clock.
 */
export function computeIpam(design: Design): IpamResult {
  const pools = ipamPools(ipPoolsOf(design), { namespaceSelectors: calicoAtLeast(calicoVersionOf(design), 'v3.31') })
  const byNamespace = pools.some((p) => p.namespaceSelector !== undefined)
  const settings = ipamSettingsOf(design)
  const nodes = hostsOf(design).filter((h) => h.role !== 'router')
  const store = new BlockStore()
  const tunnels: TunnelAddress[] = []
  const diagnostics: Diagnostic[] = []
  const families: (4 | 6)[] = ipFamiliesOf(design).map((f) => (f === 'IPv6' ? 6 : 4))

  for (const node of nodes) {
    for (const result of assignTunnelAddresses(store, node, pools, settings)) {
      if (result.ok) tunnels.push(result.tunnel)
      else diagnostics.push({ code: 'ipam.tunnel-address', severity: 'error', message: result.message, subject: node.id })
    }
  }

  const namespaces = new Map(resourcesOf(design, 'v1/Namespace').map((n) => [n.metadata.name, n.metadata.annotations ?? {}]))
  // The labels the CNI plugin reads from the Namespace object; Kubernetes adds the name label to every namespace.
  const namespaceLabels = new Map(resourcesOf(design, 'v1/Namespace').map((n) => [n.metadata.name, n.metadata.labels ?? {}]))
  const labelsOf = (namespace: string): Readonly<Record<string, string>> => ({ ...namespaceLabels.get(namespace), 'kubernetes.io/metadata.name': namespace })
  const k8sNodes = new Map(resourcesOf(design, 'v1/Node').map((n) => [n.metadata.name, n]))
  const scheduler = new Scheduler(nodes.map((node) => ({ node, taints: k8sNodes.get(node.name)?.spec?.taints ?? [] })))
  const pods: PodState[] = []
  // Without an annotation, the pools a pod may use depend only on its node (and family), and on
  // its namespace when a pool has a namespaceSelector.
  // By family, then namespace ('' for all when no pool selects namespaces), then node: no key is spelled out per pod.
  const defaultChoices = { 4: new Map<string, Map<Host, PoolChoice>>(), 6: new Map<string, Map<Host, PoolChoice>>() }
  const defaultPools = (family: 4 | 6, node: Host, namespace: string): PoolChoice => {
    const scope = byNamespace ? namespace : ''
    let byNode = defaultChoices[family].get(scope)
    if (!byNode) defaultChoices[family].set(scope, (byNode = new Map()))
    let choice = byNode.get(node)
    if (choice === undefined) byNode.set(node, (choice = podPools(pools, family, node, {}, {}, byNamespace ? labelsOf(namespace) : {})))
    return choice
  }
  // The pod being given its addresses, which the two callbacks below read: they are made once, not twice per pod.
  let podWorkload: Workload | undefined
  let podNode: Host | undefined
  let podAllocation = 0
  let requested = new Map<4 | 6, PoolChoice>()
  const choosePools = (family: 4 | 6): PoolChoice => requested.get(family) ?? defaultPools(family, podNode as Host, (podWorkload as Workload).namespace)
  const assignFromPools = (chosen: IpamPool[]): AssignResult => autoAssign(store, (podNode as Host).name, chosen, settings, podAllocation)
  // The pools an annotation asks for depend only on its text and family: thousands of workloads share a few namespaces' annotations.
  const annotatedChoices = { 4: new Map<string, PoolChoice>(), 6: new Map<string, PoolChoice>() }
  for (const workload of workloadsOf(design)) {
    // With an annotation (the pod's, else its namespace's), every replica asks for the same pools.
    const nsAnnotations = namespaces.get(workload.namespace) ?? {}
    requested = new Map<4 | 6, PoolChoice>()
    for (const family of families) {
      const annotation = family === 4 ? IPV4_POOLS_ANNOTATION : IPV6_POOLS_ANNOTATION
      const text = workload.annotations[annotation] ?? nsAnnotations[annotation]
      if (text === undefined) continue
      let choice = annotatedChoices[family].get(text)
      if (choice === undefined) annotatedChoices[family].set(text, (choice = podPools(pools, family, nodes[0] as Host, workload.annotations, nsAnnotations)))
      requested.set(family, choice)
    }
    // Nodes where this workload's pods got no address at all: nothing a later pod does frees one
    // (addresses are released only by a replacement, which takes one first), so they stay out.
    const spent = new Set<string>()
    const fitsMoreThan = scheduler.fitsMoreThan(workload.podSpec)
    let pending = false
    let failed = 0
    let lastFailure = ''
    let listedSinceSteady = 0
    let unlisted = 0
    let capped = false
    const hostNetwork = workload.podSpec.hostNetwork === true
    for (let replica = 0; replica < workload.replicas; replica++) {
      if (pods.length >= MAX_SIMULATED_PODS) {
        diagnostics.push({
          code: 'ipam.too-many-pods',
          severity: 'error',
          message: `the design asks for more than ${MAX_SIMULATED_PODS} pods, more than a Kubernetes cluster runs; ${workload.kind} ${workload.namespace}/${workload.name} and the workloads after it are not simulated past that`,
          subject: workload.id,
        })
        capped = true
        break
      }
      // An OrderedReady StatefulSet creates a pod only once the one before it runs.
      if (workload.ordered && replica > 0 && pods[pods.length - 1]?.phase !== 'Running') break
      // Once every later pod would end the same way (Pending, on a node out of addresses, or on the
      // host network of a node that already runs one), a few more are listed and the rest counted,
      // so the work follows the addresses and the nodes, not the replicas.
      const steady = pending || !fitsMoreThan(spent.size) || (hostNetwork && !fitsMoreThan(replica))
      if (steady && listedSinceSteady++ >= LISTED_AFTER_STEADY) {
        const remaining = workload.replicas - replica
        if (!pending) scheduler.placeMany(workload.podSpec, remaining)
        if (!pending && !hostNetwork) failed += remaining
        unlisted += remaining
        break
      }
      // Each name is worked out once: 150,000 of them hash their way to a suffix.
      let generation = 0
      let name = workload.podName(replica, 0)
      if (workload.deletedPods.size > 0) while (workload.deletedPods.has(name)) name = workload.podName(replica, ++generation)
      const placement = scheduler.place(workload.nodes ? { ...workload.podSpec, nodeName: workload.nodes[replica] } : workload.podSpec)
      if (!placement.ok) {
        pending = true
        pods.push(podState(workload, name, undefined, [], 'Pending', placement.message))
        continue
      }
      const node = placement.node
      // Each deleted predecessor held an address on this node and gave it back: Calico puts a
      // released address at the end of its block's free list, so the replacement gets the next one.
      if (!hostNetwork && workload.annotations[IP_ADDRS_ANNOTATION] === undefined) {
        for (let g = 0; g < generation; g++) {
          for (const family of families) {
            const chosen = requested.get(family) ?? defaultPools(family, node, workload.namespace)
            if (isFailure(chosen)) continue
            const held = autoAssign(store, node.name, chosen, settings, { kind: 'pod', node: node.name, pod: undefined })
            if (held.ok) releaseOrdinal(held.block, held.ordinal)
          }
        }
      }
      // The pod about to be pushed, by its index (the list's length): it is pushed with this node
      // whenever it keeps an address (a pod that gets none gives back what it took).
      const allocation = pods.length
      if (hostNetwork) {
        pods.push(podState(workload, name, node.name, node.interfaces.map((i) => i.address).slice(0, 1), 'Running', undefined))
        continue
      }
      const fixed = workload.annotations[IP_ADDRS_ANNOTATION]
      podWorkload = workload
      podNode = node
      podAllocation = allocation
      const outcome = fixed !== undefined ? assignListed(fixed, (ip) => assignSpecific(store, node.name, ip, pools, settings, allocation)) : assignFamilies(families, choosePools, assignFromPools)
      if (outcome.ok) {
        pods.push(podState(workload, name, node.name, outcome.ips, 'Running', undefined))
        continue
      }
      const detail = outcome.detail !== undefined ? ` (${outcome.detail})` : ''
      const released = outcome.released.length > 0 ? `; the CNI plugin released ${outcome.released.join(' and ')}, which IPAM had assigned it: a pod gets an address of every family or none` : ''
      lastFailure = `pod ${workload.namespace}/${name} on ${node.name} gets no address: ${outcome.message}${detail}${released}`
      // A pod with no address is listed only among the workload's first failures: the pods of
      // nodes without a pool can outnumber those that get addresses a thousand to one.
      const listed = failed++ < LISTED_AFTER_STEADY
      if (listed) diagnostics.push({ code: 'ipam.pod-address', severity: 'error', message: lastFailure, subject: workload.id })
      spent.add(node.name)
      // The pod's message is the error the runtime got from the CNI plugin: `kubectl describe`
      // shows it in the FailedCreatePodSandBox event.
      if (listed) pods.push(podState(workload, name, node.name, [], 'ContainerCreating', outcome.message))
      else unlisted += 1
    }
    if (failed > LISTED_AFTER_STEADY) {
      diagnostics.push({
        code: 'ipam.pod-address',
        severity: 'error',
        message: `${failed} pods of ${workload.kind} ${workload.namespace}/${workload.name} get no address (the first ${LISTED_AFTER_STEADY} are reported one by one); the last: ${lastFailure}`,
        subject: workload.id,
      })
    }
    if (unlisted > 0) {
      const fate = pending ? 'Pending' : hostNetwork ? 'Running on its node’s own address' : 'without an address'
      diagnostics.push({
        code: 'ipam.pods-not-listed',
        severity: 'info',
        message: `${unlisted} more pods of ${workload.kind} ${workload.namespace}/${workload.name} are counted, not listed: each would be ${fate}, as the ones listed are`,
        subject: workload.id,
      })
    }
    if (capped) break
  }

  // By name, as the datastore lists them: the names sorted as strings, without a comparator called for every pair.
  const blocks = [...store.byName.keys()].sort().map((name) => store.byName.get(name) as Block)
  return {
    pools,
    blocks: blocks.map((block) => new BlockView(block, pods)),
    tunnels,
    pods,
    diagnostics,
  }
}
