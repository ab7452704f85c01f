import { describe, expect, it } from 'vitest'
import { loadDesign } from '../../../shared/format/loadDesign'
import type { Design } from '../../../shared/model/design'
import { deriveNetwork, type NetworkState } from '../../../shared/routing/network'

/** A small deterministic generator (mulberry32): the same designs on every run. */
function random(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Racks of nodes under a full mesh, with now and then reflectors, top-of-rack routers, a node of
 * another AS, a BGPFilter, a pool with disableBGPExport, a peer nobody has and racks without a
 * way to each other (so that some meshes are down and spelled out).
 */
function generated(seed: number): Design {
  const next = random(seed)
  const chance = (p: number): boolean => next() < p
  const docs: string[] = ['apiVersion: peerlab.dev/v1alpha1\nkind: Cluster\nmetadata: {name: gen}\nspec: {podCIDRs: [10.128.0.0/9], serviceCIDRs: [10.96.0.0/16]}']
  const racks = 1 + Math.floor(next() * 4)
  const isolated = chance(0.25)
  const reflectors = chance(0.4)
  const tors = chance(0.35)
  let n = 0
  for (let r = 0; r < racks; r++) {
    const gateway = isolated && r === racks - 1 ? '' : `, gateways: [10.0.${r}.1]`
    docs.push(`apiVersion: peerlab.dev/v1alpha1\nkind: Segment\nmetadata: {name: rack${r}}\nspec: {cidrs: [10.0.${r}.0/24]${gateway}, interface: eth0}`)
    const size = 2 + Math.floor(next() * 14)
    const members: string[] = []
    for (let i = 0; i < size; i++, n++) {
      const address = `10.0.${r}.${10 + i}`
      members.push(address)
      const reflector = reflectors && n < 2
      docs.push(
        `apiVersion: v1\nkind: Node\nmetadata: {name: node-${n}, labels: {rack: r${r}${reflector ? ', route-reflector: "true"' : ''}}}\nstatus: {addresses: [{type: InternalIP, address: ${address}}]}`,
      )
      if (reflector) docs.push(`apiVersion: projectcalico.org/v3\nkind: Node\nmetadata: {name: node-${n}}\nspec: {bgp: {ipv4Address: ${address}/24, routeReflectorClusterID: 244.0.0.1}}`)
      else if (chance(0.04)) docs.push(`apiVersion: projectcalico.org/v3\nkind: Node\nmetadata: {name: node-${n}}\nspec: {bgp: {ipv4Address: ${address}/24, asNumber: 65010}}`)
    }
    if (tors) {
      docs.push(
        `apiVersion: peerlab.dev/v1alpha1\nkind: Router\nmetadata: {name: tor${r}}\nspec:\n  asNumber: ${65100 + r}\n  daemon: bird\n  interfaces: [{name: eth0, segment: rack${r}, addresses: [10.0.${r}.2]}]\n  neighbors: [${members.map((m) => `{address: ${m}, asNumber: 64512}`).join(', ')}]`,
      )
      docs.push(
        `apiVersion: projectcalico.org/v3\nkind: BGPPeer\nmetadata: {name: tor${r}}\nspec: {nodeSelector: rack == 'r${r}', peerIP: 10.0.${r}.2, asNumber: ${65100 + r}${r === 0 ? ', filters: [only-pods]' : ''}}`,
      )
    }
  }
  if (reflectors) docs.push(`apiVersion: projectcalico.org/v3\nkind: BGPPeer\nmetadata: {name: rr}\nspec: {nodeSelector: all(), peerSelector: "route-reflector == 'true'"}`)
  if (reflectors && chance(0.5)) docs.push('apiVersion: projectcalico.org/v3\nkind: BGPConfiguration\nmetadata: {name: default}\nspec: {nodeToNodeMeshEnabled: false}')
  if (chance(0.3)) docs.push('apiVersion: projectcalico.org/v3\nkind: BGPPeer\nmetadata: {name: nobody}\nspec: {node: node-1, peerIP: 192.0.2.9, asNumber: 65555}')
  docs.push('apiVersion: projectcalico.org/v3\nkind: BGPFilter\nmetadata: {name: only-pods}\nspec: {exportV4: [{action: Accept, matchOperator: In, cidr: 10.128.0.0/12}, {action: Reject}]}')
  docs.push('apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata: {name: pods}\nspec: {cidr: 10.128.0.0/12, blockSize: 26, ipipMode: Always}')
  docs.push(`apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata: {name: quiet}\nspec: {cidr: 10.200.0.0/16, blockSize: 26, disableBGPExport: ${chance(0.5)}}`)
  docs.push(`apiVersion: v1\nkind: Namespace\nmetadata: {name: quiet, annotations: {cni.projectcalico.org/ipv4pools: '["quiet"]'}}`)
  docs.push('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app, namespace: quiet}\nspec: {replicas: 6, template: {metadata: {labels: {app: q}}, spec: {containers: [{name: c}]}}}')
  return loadDesign(docs.join('\n---\n')).design
}

/** A BGP table as plain data: Choice objects hold closures that differ between two computations. */
function tableData(network: NetworkState, id: string): unknown {
  return [...network.bgp.tableOf(id)].map(([cidr, choice]) => [cidr, choice.best, choice.candidates, choice.mergeable, choice.nextHopsVary])
}

describe('a full mesh kept as one group', () => {
  const seeds = Array.from({ length: 24 }, (_, i) => 1000 + i)
  let grouped = 0
  let spelled = 0
  it.each(seeds)('gives what the mesh spelled out session by session gives (design %i)', (seed) => {
    const design = generated(seed)
    const group = deriveNetwork(design)
    const explicit = deriveNetwork(design, true)
    if (group.sessionSet.mesh) grouped++
    else spelled++
    expect(explicit.sessionSet.mesh).toBeUndefined()
    expect(group.sessions).toEqual(explicit.sessions)
    expect(group.diagnostics).toEqual(explicit.diagnostics)
    for (const speaker of explicit.speakers) {
      expect(group.sessionsOf(speaker.id)).toEqual(explicit.sessions.filter((s) => s.speaker === speaker.id))
      expect(tableData(group, speaker.id)).toEqual(tableData(explicit, speaker.id))
      expect(JSON.stringify(group.routesOf(speaker.id))).toBe(JSON.stringify(explicit.routesOf(speaker.id)))
      for (const other of explicit.speakers.slice(0, 6)) expect(group.bgp.exchange(speaker.id, other.id)).toEqual(explicit.bgp.exchange(speaker.id, other.id))
      for (const cidr of [...explicit.bgp.tableOf(explicit.speakers[0]?.id ?? '').keys()].slice(0, 3)) expect(group.bgp.whyNot(speaker.id, cidr)).toEqual(explicit.bgp.whyNot(speaker.id, cidr))
    }
  })
  it('covered both meshes kept as a group and meshes spelled out', () => {
    expect(grouped).toBeGreaterThan(5)
    expect(spelled).toBeGreaterThan(2)
  })
})
