import { describe, expect, it } from 'vitest'
import { applyCommand, type Command } from '../../../shared/commands/commands'
import { EMPTY_HISTORY, recordEdit, undo } from '../../../shared/commands/history'
import { checkFieldEdit } from '../../../shared/edit/fieldEdit'
import { renumberPool, renumberSegment } from '../../../shared/edit/renumber'
import { loadDesign } from '../../../shared/format/loadDesign'
import { computeIpam } from '../../../shared/ipam/computeIpam'
import type { Design } from '../../../shared/model/design'
import { hostsOf, resourcesOf } from '../../../shared/model/query'
import { computeNetwork } from '../../../shared/routing/network'
import { readExample } from '../../exampleText'

const LAB = readExample('calico-lab-2.2')
/** The lab as it stands after its steps: the external pool, bastion peered, nginx in the external namespace. */
const LAB_DONE = `${LAB}
---
apiVersion: projectcalico.org/v3
kind: IPPool
metadata: {name: external-pool}
spec: {cidr: 10.48.2.0/24, blockSize: 29, ipipMode: Never, natOutgoing: true}
---
apiVersion: projectcalico.org/v3
kind: BGPPeer
metadata: {name: bgppeer-global-64512}
spec: {peerIP: 10.0.1.10, asNumber: 64512}
---
apiVersion: v1
kind: Namespace
metadata:
  name: external-ns
  annotations: {cni.projectcalico.org/ipv4pools: '["external-pool"]'}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: nginx, namespace: external-ns}
spec:
  replicas: 1
  selector: {matchLabels: {app: nginx}}
  template:
    metadata: {labels: {app: nginx}}
    spec: {containers: [{name: nginx, image: nginx}]}
`
const lab = loadDesign(LAB).design
const labDone = loadDesign(LAB_DONE).design
const SEGMENT = 'segment/lab-subnet'

function withDocs(base: string, docs: string): Design {
  const loaded = loadDesign(`${base}\n---\n${docs}`)
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  return loaded.design
}

const addresses = (design: Design): Record<string, string[]> => Object.fromEntries(hostsOf(design).map((h) => [h.alias ?? h.name, h.interfaces.map((i) => i.address)]))
const resourceOf = (design: Design, id: string): Record<string, unknown> => design.entries.find((e) => e.id === id)?.resource as Record<string, unknown>

function renumbered(design: Design, id: string, key: string, text: string): Design {
  const edit = checkFieldEdit(design, id, key, text)
  expect(edit.problems).toEqual([])
  return edit.design
}

describe('renumbering a segment', () => {
  it('moves the gateway, every host and every address that names them, keeping offsets (10.0.1.0/24 → 10.0.2.0/24)', () => {
    const design = renumbered(labDone, SEGMENT, 'cidrs', '10.0.2.0/24')
    expect(addresses(design)).toEqual({ bastion: ['10.0.2.10'], control1: ['10.0.2.20'], worker1: ['10.0.2.30'], worker2: ['10.0.2.31'] })
    expect(hostsOf(design).every((h) => h.interfaces.every((i) => i.segmentId === SEGMENT))).toBe(true)
    const segment = resourceOf(design, SEGMENT) as { spec: { cidrs: string[]; gateways: string[] } }
    expect(segment.spec).toMatchObject({ cidrs: ['10.0.2.0/24'], gateways: ['10.0.2.1'] })
    const bastion = resourcesOf(design, 'peerlab.dev/v1alpha1/Router')[0]
    expect(bastion?.spec.neighbors?.map((n) => n.address)).toEqual(['10.0.2.20', '10.0.2.30', '10.0.2.31'])
    expect(resourcesOf(design, 'projectcalico.org/v3/BGPPeer')[0]?.spec.peerIP).toBe('10.0.2.10')
    // Names are names: the AWS-style node name keeps the address it was created with.
    expect(hostsOf(design).map((h) => h.name)).toContain('ip-10-0-1-31.eu-west-1.compute.internal')
  })

  it('keeps the BGP sessions with bastion Established after the move', () => {
    const state = (design: Design): string[] =>
      computeNetwork(design)
        .sessions.filter((s) => s.speaker === 'router/bastion')
        .map((s) => `${s.peerAddress} ${s.state}`)
    expect(state(labDone)).toEqual(['10.0.1.20 up', '10.0.1.30 up', '10.0.1.31 up'])
    expect(state(renumbered(labDone, SEGMENT, 'cidrs', '10.0.2.0/24'))).toEqual(['10.0.2.20 up', '10.0.2.30 up', '10.0.2.31 up'])
  })

  it("follows a Calico Node's address with its mask, a port after a peer IP, a NetworkPolicy ipBlock and a kind the engine does not model", () => {
    const design = withDocs(
      LAB,
      `apiVersion: projectcalico.org/v3
kind: Node
metadata: {name: ip-10-0-1-31.eu-west-1.compute.internal}
spec: {bgp: {ipv4Address: 10.0.1.31/24}}
---
apiVersion: projectcalico.org/v3
kind: BGPPeer
metadata: {name: to-bastion}
spec: {peerIP: "10.0.1.10:179", asNumber: 64512}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: from-bastion, namespace: yaobank}
spec:
  podSelector: {}
  ingress: [{from: [{ipBlock: {cidr: 10.0.1.10/32}}, {ipBlock: {cidr: 10.0.1.0/24}}, {ipBlock: {cidr: 10.0.0.0/16}}]}]
---
apiVersion: projectcalico.org/v3
kind: HostEndpoint
metadata: {name: worker2-ens5}
spec: {node: ip-10-0-1-31.eu-west-1.compute.internal, expectedIPs: [10.0.1.31]}`,
    )
    const after = renumbered(design, SEGMENT, 'cidrs', '10.0.4.0/23')
    expect((resourceOf(after, 'caliconode/ip-10-0-1-31.eu-west-1.compute.internal') as { spec: unknown }).spec).toEqual({ bgp: { ipv4Address: '10.0.4.31/23' } })
    expect(resourcesOf(after, 'projectcalico.org/v3/BGPPeer').find((p) => p.metadata.name === 'to-bastion')?.spec.peerIP).toBe('10.0.4.10:179')
    const policy = resourcesOf(after, 'networking.k8s.io/v1/NetworkPolicy')[0]
    // The host's /32 moves with it, the subnet's own range becomes the new one, a wider range stays.
    expect(policy?.spec.ingress?.[0]?.from?.map((p) => p.ipBlock?.cidr)).toEqual(['10.0.4.10/32', '10.0.4.0/23', '10.0.0.0/16'])
    expect((resourceOf(after, 'hostendpoint/worker2-ens5') as { spec: unknown }).spec).toEqual({ node: 'ip-10-0-1-31.eu-west-1.compute.internal', expectedIPs: ['10.0.4.31'] })
  })

  it('leaves every address where it is when the new range already holds them (grown or narrowed in place)', () => {
    const grown = renumbered(lab, SEGMENT, 'cidrs', '10.0.0.0/23')
    expect(addresses(grown)).toEqual(addresses(lab))
    expect((resourceOf(grown, SEGMENT) as { spec: unknown }).spec).toMatchObject({ cidrs: ['10.0.0.0/23'], gateways: ['10.0.1.1'] })
    const narrowed = renumbered(lab, SEGMENT, 'cidrs', '10.0.1.0/26')
    expect(addresses(narrowed)).toEqual(addresses(lab))
  })

  it('keeps offsets when growing into another place (10.0.1.0/24 → 10.0.4.0/22)', () => {
    expect(addresses(renumbered(lab, SEGMENT, 'cidrs', '10.0.4.0/22'))).toEqual({ bastion: ['10.0.4.10'], control1: ['10.0.4.20'], worker1: ['10.0.4.30'], worker2: ['10.0.4.31'] })
  })

  it('refuses a range too small for the offsets, naming the hosts that do not fit, and proposes the smallest that holds them', () => {
    const edit = checkFieldEdit(lab, SEGMENT, 'cidrs', '10.0.2.0/28')
    expect(edit.design).toBe(lab)
    expect(edit.problems).toHaveLength(1)
    const [problem] = edit.problems
    expect(problem?.code).toBe('edit.renumber-does-not-fit')
    expect(problem?.message).toBe('10.0.2.0/28 is too small to renumber 10.0.1.0/24 into, keeping their offsets: control1 (10.0.1.20), worker1 (10.0.1.30) and worker2 (10.0.1.31) do not fit')
    // 10.0.2.31 is the broadcast address of a /27: hosts need a /26.
    expect(problem?.proposal).toEqual({ label: 'Renumber segment lab-subnet to 10.0.2.0/26', subject: SEGMENT, field: 'cidrs', text: '10.0.2.0/26' })
    const applied = renumbered(lab, SEGMENT, 'cidrs', problem?.proposal?.text ?? '')
    expect(addresses(applied).worker2).toEqual(['10.0.2.31'])
  })

  it('proposes a range clear of the others when the smallest one there is taken', () => {
    const design = withDocs(LAB, 'apiVersion: peerlab.dev/v1alpha1\nkind: Segment\nmetadata: {name: other}\nspec: {cidrs: [10.0.2.0/26]}')
    const [problem] = checkFieldEdit(design, SEGMENT, 'cidrs', '10.0.2.0/28').problems
    expect(problem?.proposal?.text).toBe('10.0.2.64/26')
  })

  it('renumbers an IPv6 range of a dual-stack segment on its own', () => {
    const design = withDocs(
      LAB.replace('cidrs: [10.0.1.0/24]', 'cidrs: [10.0.1.0/24, "fd00:1::/64"]').replace('address: 10.0.1.31\n', 'address: 10.0.1.31\n    - type: InternalIP\n      address: "fd00:1::31"\n'),
      'apiVersion: v1\nkind: Namespace\nmetadata: {name: extra}',
    )
    const after = renumbered(design, SEGMENT, 'cidrs', '10.0.1.0/24, fd00:2::/64')
    expect(addresses(after).worker2).toEqual(['10.0.1.31', 'fd00:2::31'])
  })

  it('is one undo step', () => {
    const edit = checkFieldEdit(labDone, SEGMENT, 'cidrs', '10.0.2.0/24')
    expect(edit.label).toBe('Renumber segment lab-subnet 10.0.1.0/24 → 10.0.2.0/24 (9 addresses)')
    const history = recordEdit(EMPTY_HISTORY, { label: edit.label, before: labDone, after: edit.design })
    expect(history.past).toHaveLength(1)
    const back = undo(history)
    expect(back?.design).toBe(labDone)
    expect(back?.label).toBe(edit.label)
  })

  it('is no renumbering when a CIDR is added or does not parse', () => {
    expect(renumberSegment(lab, SEGMENT, ['10.0.1.0/24', 'fd00::/64'])).toBeUndefined()
    expect(renumberSegment(lab, SEGMENT, ['10.0.1.0/33'])).toBeUndefined()
    expect(renumberSegment(lab, SEGMENT, ['10.0.1.0/24'])).toBeUndefined()
  })
})

describe('renumbering an IP pool', () => {
  const POOL = 'ippool/external-pool'

  it("moves what names its range (bastion's import filter, a BGPFilter rule, a namespace annotation by CIDR, pinned pod addresses); pools named by name stay valid", () => {
    const design = withDocs(
      LAB_DONE,
      `apiVersion: projectcalico.org/v3
kind: BGPFilter
metadata: {name: only-external}
spec: {exportV4: [{action: Accept, matchOperator: Equal, cidr: 10.48.2.0/24}, {action: Reject}]}
---
apiVersion: v1
kind: Namespace
metadata:
  name: by-cidr
  annotations: {cni.projectcalico.org/ipv4pools: '["10.48.2.0/24"]'}
---
apiVersion: v1
kind: Pod
metadata:
  name: pinned
  namespace: external-ns
  annotations: {cni.projectcalico.org/ipAddrs: '["10.48.2.77"]'}
spec: {containers: [{name: c, image: nginx}]}`,
    )
    const after = renumbered(design, POOL, 'cidr', '10.48.3.0/24')
    expect(resourcesOf(after, 'projectcalico.org/v3/IPPool').find((p) => p.metadata.name === 'external-pool')?.spec.cidr).toBe('10.48.3.0/24')
    expect(resourcesOf(after, 'peerlab.dev/v1alpha1/Router')[0]?.spec.importFilter?.[0]).toEqual({ action: 'Accept', cidr: '10.48.3.0/24', matchOperator: 'In' })
    expect(resourcesOf(after, 'projectcalico.org/v3/BGPFilter')[0]?.spec.exportV4?.[0]?.cidr).toBe('10.48.3.0/24')
    const annotations = Object.fromEntries(resourcesOf(after, 'v1/Namespace').map((n) => [n.metadata.name, n.metadata.annotations?.['cni.projectcalico.org/ipv4pools']]))
    expect(annotations).toMatchObject({ 'external-ns': '["external-pool"]', 'by-cidr': '["10.48.3.0/24"]' })
    expect(resourcesOf(after, 'v1/Pod')[0]?.metadata.annotations?.['cni.projectcalico.org/ipAddrs']).toBe('["10.48.3.77"]')
    // The cluster's pod CIDR is planned on its own and stays.
    expect(resourcesOf(after, 'peerlab.dev/v1alpha1/Cluster')[0]?.spec.podCIDRs).toEqual(['10.48.0.0/16'])
    // Blocks and pods are IPAM's to work out again, in the new range.
    const ipam = computeIpam(after)
    const nginx = ipam.pods.find((p) => p.name.startsWith('nginx-'))
    expect(nginx?.ips[0]).toMatch(/^10\.48\.3\./)
    expect(ipam.pods.find((p) => p.name === 'pinned')?.ips).toEqual(['10.48.3.77'])
  })

  it('refuses a smaller pool that would lose a pinned address, and proposes one that keeps it', () => {
    const design = withDocs(
      LAB_DONE,
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: pinned\n  namespace: external-ns\n  annotations: {cni.projectcalico.org/ipAddrs: \'["10.48.2.77"]\'}\nspec: {containers: [{name: c, image: nginx}]}',
    )
    const edit = checkFieldEdit(design, POOL, 'cidr', '10.48.5.0/26')
    expect(edit.problems.map((p) => p.message)).toEqual([
      '10.48.5.0/26 is too small to renumber 10.48.2.0/24 into, keeping their offsets in the pool: Pod external-ns/pinned (10.48.2.77) does not fit',
    ])
    expect(edit.problems[0]?.proposal?.text).toBe('10.48.5.0/25')
  })

  it('leaves the rest alone when the pool only grows in place', () => {
    const result = renumberPool(labDone, POOL, '10.48.2.0/23')
    expect(result?.ok).toBe(true)
    const after = applyCommand(labDone, (result as { command: Command }).command)
    // The filter rule names the pool's range exactly, so it follows it.
    expect(resourcesOf(after, 'peerlab.dev/v1alpha1/Router')[0]?.spec.importFilter?.[0]?.cidr).toBe('10.48.2.0/23')
  })
})

describe('a refused edit proposes the edit that works', () => {
  it('an address that is not one: the first free address of the host’s segment', () => {
    const [problem] = checkFieldEdit(lab, 'node/ip-10-0-1-31.eu-west-1.compute.internal', 'addresses', '10.0.1.300').problems
    expect(problem?.message).toContain('10.0.1.300 is not a valid IPv4 address')
    expect(problem?.proposal).toMatchObject({ field: 'addresses', text: '10.0.1.2' })
  })

  it('a typo of an address that is free: did you mean it?', () => {
    const [problem] = checkFieldEdit(lab, 'node/ip-10-0-1-31.eu-west-1.compute.internal', 'addresses', '10.0.1.400').problems
    expect(problem?.suggestion).toBe('did you mean 10.0.1.40?')
    expect(problem?.proposal?.text).toBe('10.0.1.40')
  })

  it("an address another host has: the segment's first free one", () => {
    const [problem] = checkFieldEdit(lab, 'node/ip-10-0-1-31.eu-west-1.compute.internal', 'addresses', '10.0.1.30').problems
    expect(problem?.code).toBe('address.duplicate')
    expect(problem?.proposal?.text).toBe('10.0.1.2')
  })

  it("a gateway outside its segment: renumber the segment's CIDR, gateway and hosts together", () => {
    const edit = checkFieldEdit(lab, SEGMENT, 'gateways', '10.0.2.1')
    expect(edit.problems.map((p) => p.message)).toEqual(["gateway 10.0.2.1 lies outside 10.0.1.0/24; change the segment's CIDR to renumber it and its hosts together"])
    expect(edit.problems[0]?.proposal).toEqual({ label: 'Renumber lab-subnet to 10.0.2.0/24', subject: SEGMENT, field: 'cidrs', text: '10.0.2.0/24' })
  })

  it('an overlapping range: the next free prefix of the same size', () => {
    const pool = checkFieldEdit(labDone, 'ippool/default-ipv4-ippool', 'cidr', '10.48.2.0/24').problems
    expect(pool.map((p) => p.code)).toContain('ippool.overlap')
    expect(pool.find((p) => p.code === 'ippool.overlap')?.proposal?.text).toBe('10.48.3.0/24')
    const segment = checkFieldEdit(lab, SEGMENT, 'cidrs', '10.49.0.0/24').problems
    expect(segment[0]?.proposal?.text).toBe('10.50.0.0/24')
  })

  it('a CIDR with host bits set: the masked prefix', () => {
    const [problem] = checkFieldEdit(lab, 'ippool/default-ipv4-ippool', 'cidr', '10.48.0.5/24').problems
    expect(problem?.code).toBe('ippool.cidr-not-masked')
    expect(problem?.proposal?.text).toBe('10.48.0.0/24')
  })
})
