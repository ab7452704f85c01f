import { describe, expect, it } from 'vitest'
import { applyCommand } from '../../../shared/commands/commands'
import { clusterFromTemplate, type ClusterTemplate } from '../../../shared/edit/blueprints/clusterTemplates'
import { addRack, type RackOptions } from '../../../shared/edit/blueprints/rackBlueprint'
import { drawPeering } from '../../../shared/edit/drawPeering'
import { drawGroupPeering } from '../../../shared/edit/selectorPeering'
import { loadDesign } from '../../../shared/format/loadDesign'
import type { Design } from '../../../shared/model/design'
import { hostsOf, resourcesOf } from '../../../shared/model/query'
import { computeNetwork } from '../../../shared/routing/network'
import { buildTopologyGraph } from '../../../shared/topology/topologyGraph'
import { validateDesign } from '../../../shared/validate/validateDesign'

/** What File › New starts from (renderer/src/newDesign.ts). */
const NEW = loadDesign('apiVersion: peerlab.dev/v1alpha1\nkind: Cluster\nmetadata:\n  name: untitled\nspec:\n  podCIDRs: [192.168.0.0/16]\n  serviceCIDRs: [10.96.0.0/12]\n').design

function withRack(design: Design, options: Partial<RackOptions> = {}): Design {
  const result = addRack(design, { workers: 3, peering: 'ebgp', nodeAs: 'rack', routeReflectors: false, ...options }, { x: 0, y: 0 })
  if (!result.ok) throw new Error(result.message)
  return applyCommand(design, result.command)
}

/** Errors in Problems, sessions not Established, and each node's missing routes to the other nodes' blocks. */
function health(design: Design): { errors: string[]; down: string[]; missing: string[] } {
  const network = computeNetwork(design)
  const errors = [...validateDesign(design), ...network.diagnostics].filter((d) => d.severity === 'error').map((d) => d.message)
  const down = network.sessions.filter((s) => s.state !== 'up').map((s) => `${s.speaker} ${s.protocol}: ${s.reason}`)
  const missing: string[] = []
  for (const host of hostsOf(design).filter((h) => h.role !== 'router')) {
    const destinations = new Set(network.routesOf(host.id).map((r) => (r.destination === 'default' ? 'default' : `${r.text.split(' ')[0]}`)))
    for (const block of network.ipam.blocks) if (block.affinity !== host.name && !destinations.has(block.cidr)) missing.push(`${host.name} lacks ${block.cidr} (${block.affinity})`)
  }
  return { errors, down, missing }
}

describe('Add rack', () => {
  it('puts workers on a fresh subnet behind a ToR that is their gateway, peered by one BGPPeer with a nodeSelector', () => {
    const design = withRack(NEW)
    const segment = resourcesOf(design, 'peerlab.dev/v1alpha1/Segment').find((s) => s.metadata.name === 'rack-1')
    expect(segment?.spec).toEqual({ cidrs: ['10.0.0.0/24'], gateways: ['10.0.0.1'], rack: 'rack-1' })
    expect(hostsOf(design).map((h) => [h.name, h.interfaces.map((i) => i.address).join(' ')])).toEqual([
      ['rack-1-tor', '10.0.0.1 10.0.1.1'],
      ['rack-1-worker-1', '10.0.0.2'],
      ['rack-1-worker-2', '10.0.0.3'],
      ['rack-1-worker-3', '10.0.0.4'],
    ])
    // Calico's AS-per-rack example peers a rack with its ToR by label: nodeSelector rack == 'rack1'.
    expect(resourcesOf(design, 'projectcalico.org/v3/BGPPeer').map((p) => [p.metadata.name, p.spec])).toEqual([
      // AS per rack: the mesh is off and the rack meshes within itself (mesh sessions between ASes would be direct eBGP).
      ['rack-1-mesh', { nodeSelector: "rack == 'rack-1'", peerSelector: "rack == 'rack-1'" }],
      ['rack-1-tor', { nodeSelector: "rack == 'rack-1'", peerIP: '10.0.0.1', asNumber: 65000 }],
    ])
    expect(resourcesOf(design, 'projectcalico.org/v3/Node').map((n) => n.spec?.bgp)).toEqual([{ asNumber: 65100 }, { asNumber: 65100 }, { asNumber: 65100 }])
    expect(resourcesOf(design, 'projectcalico.org/v3/IPPool').map((p) => p.spec.cidr)).toEqual(['192.168.0.0/16'])
    expect(health(design)).toEqual({ errors: [], down: [], missing: [] })
  })

  it('adds everything as one undo step, laid out as a block clear of what is there', () => {
    const first = withRack(NEW)
    const second = addRack(first, { workers: 3, peering: 'ebgp', nodeAs: 'rack', routeReflectors: false }, { x: 0, y: 0 })
    if (!second.ok) throw new Error(second.message)
    expect(second.command.type).toBe('batch')
    const graph = buildTopologyGraph(second.design).nodes.filter((n) => n.position !== undefined)
    const positions = graph.map((n) => `${n.position?.x},${n.position?.y}`)
    expect(new Set(positions).size).toBe(positions.length)
    const rack1 = graph.filter((n) => n.id.includes('rack-1')).map((n) => n.position?.x as number)
    const rack2 = graph.filter((n) => n.id.includes('rack-2')).map((n) => n.position?.x as number)
    expect(Math.min(...rack2)).toBeGreaterThan(Math.max(...rack1))
    expect(resourcesOf(second.design, 'peerlab.dev/v1alpha1/Segment').map((s) => `${s.metadata.name} ${s.spec.cidrs[0]}`)).toEqual(['rack-1 10.0.0.0/24', 'fabric 10.0.1.0/24', 'rack-2 10.0.2.0/24'])
  })

  for (const options of [
    { peering: 'ebgp', nodeAs: 'rack', routeReflectors: false },
    { peering: 'ebgp', nodeAs: 'cluster', routeReflectors: false },
    { peering: 'ibgp', nodeAs: 'rack', routeReflectors: false },
    { peering: 'ibgp', nodeAs: 'cluster', routeReflectors: false },
    { peering: 'ebgp', nodeAs: 'rack', routeReflectors: true },
    { peering: 'ebgp', nodeAs: 'cluster', routeReflectors: true },
    { peering: 'ibgp', nodeAs: 'rack', routeReflectors: true },
    { peering: 'ibgp', nodeAs: 'cluster', routeReflectors: true },
  ] as const) {
    it(`two racks, ${options.peering}, ${options.nodeAs} AS${options.routeReflectors ? ', route reflectors' : ''}: clean, every session up, every block routed`, () => {
      const design = withRack(withRack(NEW, options), options)
      expect(health(design)).toEqual({ errors: [], down: [], missing: [] })
    })
  }

  it('makes two nodes route reflectors and turns the mesh off, as Calico documents in-cluster reflectors', () => {
    const design = withRack(NEW, { routeReflectors: true })
    expect(resourcesOf(design, 'projectcalico.org/v3/BGPConfiguration').map((c) => c.spec)).toEqual([{ nodeToNodeMeshEnabled: false }])
    expect(
      hostsOf(design)
        .filter((h) => h.routeReflectorClusterId !== undefined)
        .map((h) => [h.name, h.routeReflectorClusterId, h.labels['route-reflector']]),
    ).toEqual([
      ['rack-1-worker-1', '244.0.0.1', 'true'],
      ['rack-1-worker-2', '244.0.0.1', 'true'],
    ])
    expect(resourcesOf(design, 'projectcalico.org/v3/BGPPeer').map((p) => [p.metadata.name, p.spec])).toEqual([
      ['rack-1-to-reflectors', { nodeSelector: "rack == 'rack-1' && !has(route-reflector)", peerSelector: "rack == 'rack-1' && has(route-reflector)" }],
      ['route-reflector-mesh', { nodeSelector: 'has(route-reflector)', peerSelector: 'has(route-reflector)' }],
      ['rack-1-tor', { nodeSelector: "rack == 'rack-1' && has(route-reflector)", peerIP: '10.0.0.1', asNumber: 65000 }],
    ])
    const second = withRack(design, { routeReflectors: true })
    expect(
      hostsOf(second)
        .filter((h) => h.routeReflectorClusterId === '244.0.0.2')
        .map((h) => h.name),
    ).toEqual(['rack-2-worker-1', 'rack-2-worker-2'])
    expect(
      computeNetwork(second)
        .sessions.filter((s) => s.rrClient && s.speaker === 'node/rack-1-worker-1')
        .map((s) => s.peerAddress),
    ).toContain('10.0.0.4')
  })

  it('marks the reflectors in the canvas graph, so the canvas can draw them apart', () => {
    const graph = buildTopologyGraph(withRack(NEW, { routeReflectors: true }))
    expect(graph.nodes.filter((n) => n.reflector !== undefined).map((n) => [n.id, n.reflector, n.label.split('\n')[2]])).toEqual([
      ['node/rack-1-worker-1', '244.0.0.1', 'worker · route reflector'],
      ['node/rack-1-worker-2', '244.0.0.1', 'worker · route reflector'],
    ])
  })

  it('refuses a rack without workers', () => {
    expect(addRack(NEW, { workers: 0, peering: 'ebgp', nodeAs: 'rack', routeReflectors: false }, { x: 0, y: 0 })).toEqual({ ok: false, message: 'a rack has 1 to 48 workers' })
  })
})

describe('New cluster from template', () => {
  for (const template of ['full-mesh', 'racks', 'route-reflectors'] as ClusterTemplate[]) {
    it(`${template}: analyses clean, every session Established, every block routed`, () => {
      const result = clusterFromTemplate(NEW, template)
      if (!result.ok) throw new Error(result.message)
      expect(applyCommand(NEW, result.command)).toEqual(result.design)
      expect(health(result.design)).toEqual({ errors: [], down: [], missing: [] })
      expect(computeNetwork(result.design).sessions.length).toBeGreaterThan(0)
    })
  }
})

describe('a peering drawn from a group', () => {
  const NO_TOR = (() => {
    // Two racks whose ToRs peer with nobody in the cluster yet: the rack BGPPeers are left out.
    const design = withRack(withRack(NEW))
    return { ...design, entries: design.entries.filter((e) => !(e.resource.kind === 'BGPPeer')) }
  })()

  it('from a rack box to its ToR is one BGPPeer whose nodeSelector is the rack label, and the ToR gets a neighbor per node', () => {
    const result = drawPeering(NO_TOR, 'segment/rack-1', 'router/rack-1-tor')
    if (!result.ok) throw new Error(result.message)
    const design = applyCommand(NO_TOR, result.command)
    expect(resourcesOf(design, 'projectcalico.org/v3/BGPPeer').map((p) => [p.metadata.name, p.spec])).toEqual([
      ['rack-1-rack-1-tor', { nodeSelector: "rack == 'rack-1'", peerIP: '10.0.0.1', asNumber: 65000 }],
    ])
    expect(
      computeNetwork(design)
        .sessions.filter((s) => s.source === 'bgppeer/rack-1-rack-1-tor')
        .map((s) => [s.speaker, s.state]),
    ).toEqual([
      ['node/rack-1-worker-1', 'up'],
      ['node/rack-1-worker-2', 'up'],
      ['node/rack-1-worker-3', 'up'],
    ])
  })

  it('labels a segment’s nodes when no label of theirs picks exactly them', () => {
    const design = {
      ...NO_TOR,
      entries: NO_TOR.entries.map((e) =>
        e.resource.kind === 'Node' && e.resource.apiVersion === 'v1'
          ? { ...e, resource: { ...e.resource, metadata: { ...e.resource.metadata, labels: { 'kubernetes.io/hostname': e.resource.metadata.name } } } }
          : e,
      ),
    } as Design
    const result = drawPeering(design, 'router/rack-2-tor', 'segment/rack-2')
    if (!result.ok) throw new Error(result.message)
    const after = applyCommand(design, result.command)
    expect(resourcesOf(after, 'projectcalico.org/v3/BGPPeer').map((p) => p.spec.nodeSelector)).toEqual(["peerlab.dev/segment == 'rack-2'"])
    expect(
      hostsOf(after)
        .filter((h) => h.labels['peerlab.dev/segment'] === 'rack-2')
        .map((h) => h.name),
    ).toEqual(['rack-2-worker-1', 'rack-2-worker-2', 'rack-2-worker-3'])
  })

  it('to a route reflector is one BGPPeer with a nodeSelector and a peerSelector for the reflectors of its cluster', () => {
    const design = withRack(NEW, { routeReflectors: true })
    const without = { ...design, entries: design.entries.filter((e) => e.id !== 'bgppeer/rack-1-to-reflectors') }
    const result = drawGroupPeering(without, { selector: "rack == 'rack-1' && !has(route-reflector)" }, 'node/rack-1-worker-1')
    if (!result.ok) throw new Error(result.message)
    const after = applyCommand(without, result.command)
    const added = resourcesOf(after, 'projectcalico.org/v3/BGPPeer').filter((p) => !resourcesOf(without, 'projectcalico.org/v3/BGPPeer').includes(p))
    expect(added.map((p) => p.spec)).toEqual([{ nodeSelector: "rack == 'rack-1' && !has(route-reflector)", peerSelector: "route-reflector == 'true'" }])
    expect(health(after)).toEqual({ errors: [], down: [], missing: [] })
  })

  it('says why when the selector does not parse or picks nobody', () => {
    expect(drawGroupPeering(NO_TOR, { selector: 'rack ==' }, 'router/rack-1-tor').ok).toBe(false)
    expect(drawGroupPeering(NO_TOR, { selector: "rack == 'rack-9'" }, 'router/rack-1-tor')).toEqual({ ok: false, message: "rack == 'rack-9' picks no Calico node to peer" })
    expect(drawPeering(NO_TOR, 'segment/rack-1', 'segment/rack-2')).toEqual({ ok: false, message: 'draw from a segment to a router or a route reflector' })
  })
})
