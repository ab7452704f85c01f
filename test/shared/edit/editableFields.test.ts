import { describe, expect, it } from 'vitest'
import { applyCommand, type Command } from '../../../shared/commands/commands'
import { checkEdit } from '../../../shared/edit/checkedEdit'
import { editField, fieldsOf } from '../../../shared/edit/editableFields'
import { loadDesign } from '../../../shared/format/loadDesign'
import { hostsOf, ipPoolsOf, resourcesOf } from '../../../shared/model/query'
import { readExample } from '../../exampleText'

const lab = loadDesign(readExample('calico-lab-2.2')).design
const WORKER2 = 'node/ip-10-0-1-31.eu-west-1.compute.internal'

function edit(id: string, key: string, text: string, design = lab): ReturnType<typeof checkEdit> {
  const command = editField(design, id, key, text) as Command
  expect(command).toBeDefined()
  return checkEdit(design, command)
}

describe('inspector fields', () => {
  it("shows a node's name, alias, addresses and BGP settings as text", () => {
    const fields = Object.fromEntries(fieldsOf(lab, WORKER2).map((f) => [f.key, f.text]))
    expect(fields).toMatchObject({ name: 'ip-10-0-1-31.eu-west-1.compute.internal', alias: 'worker2', addresses: '10.0.1.31', asNumber: '', routeReflectorClusterID: '' })
    expect(fields.labels).toContain('kubernetes.io/os=linux')
  })

  it('writes a node AS number into its Calico Node, creating it', () => {
    const { design, problems } = edit(WORKER2, 'asNumber', '65001')
    expect(problems).toEqual([])
    expect(resourcesOf(design, 'projectcalico.org/v3/Node').map((n) => [n.metadata.name, n.spec?.bgp?.asNumber])).toEqual([['ip-10-0-1-31.eu-west-1.compute.internal', 65001]])
    expect(hostsOf(design).find((h) => h.id === WORKER2)?.asNumber).toBe(65001)
  })

  it('rejects a value of the wrong shape with the engine check, naming the field', () => {
    const { problems } = edit('ippool/default-ipv4-ippool', 'blockSize', 'big')
    expect(problems.map((p) => [p.code, p.subject, p.path])).toEqual([['format.wrong-type', 'ippool/default-ipv4-ippool', ['spec', 'blockSize']]])
  })

  it('rejects a semantic error the edit adds, but not errors that were there before', () => {
    const { problems } = edit('ippool/default-ipv4-ippool', 'cidr', '10.48.0.5/24')
    expect(problems.map((p) => p.code)).toContain('ippool.cidr-not-masked')
    const broken = applyCommand(lab, editField(lab, 'ippool/default-ipv4-ippool', 'cidr', '10.48.0.5/24') as Command)
    expect(edit(WORKER2, 'alias', 'w2', broken).problems).toEqual([])
  })

  it('offers enum and boolean fields as choices, and an empty input removes the field', () => {
    const ipip = fieldsOf(lab, 'ippool/default-ipv4-ippool').find((f) => f.key === 'ipipMode')
    expect(ipip?.choices).toEqual(['', 'Always', 'CrossSubnet', 'Never'])
    const { design } = edit('ippool/default-ipv4-ippool', 'ipipMode', '')
    expect(ipPoolsOf(design)[0]?.spec.ipipMode).toBeUndefined()
  })

  it("edits a router's prefix filter as one line of rules", () => {
    const filter = fieldsOf(lab, 'router/bastion').find((f) => f.key === 'importFilter')
    expect(filter?.text).toBe('Accept 10.48.2.0/24 In; Reject')
    const { design, problems } = edit('router/bastion', 'importFilter', 'Accept 10.48.0.0/16 In; Reject')
    expect(problems).toEqual([])
    expect(resourcesOf(design, 'peerlab.dev/v1alpha1/Router')[0]?.spec.importFilter).toEqual([{ action: 'Accept', cidr: '10.48.0.0/16', matchOperator: 'In' }, { action: 'Reject' }])
    expect(edit('router/bastion', 'importFilter', 'Allow 10.0.0.0/8').problems.map((p) => p.code)).toEqual(['format.wrong-type'])
  })

  it('renames a node with its Calico Node and canvas position', () => {
    const withAs = applyCommand(lab, {
      type: 'batch',
      label: 'prepare',
      commands: [editField(lab, WORKER2, 'asNumber', '65001') as Command, { type: 'move', positions: { [WORKER2]: { x: 5, y: 6 } } }],
    })
    const { design, problems } = edit(WORKER2, 'name', 'worker-2', withAs)
    expect(problems).toEqual([])
    expect(hostsOf(design).map((h) => h.id)).toContain('node/worker-2')
    expect(resourcesOf(design, 'projectcalico.org/v3/Node').map((n) => n.metadata.name)).toEqual(['worker-2'])
    expect(resourcesOf(design, 'peerlab.dev/v1alpha1/Layout')[0]?.spec.positions).toEqual({ 'node/worker-2': { x: 5, y: 6 } })
    expect(edit(WORKER2, 'name', 'Worker_2').problems.map((p) => p.code)).toEqual(['name.invalid'])
  })

  it('renames what names the node too: a BGPPeer scoped to it, pods and templates pinned to it', () => {
    const old = WORKER2.slice('node/'.length)
    const pinned = (spec: Record<string, unknown>) => ({ containers: [{ name: 'c', image: 'nginx' }], ...spec })
    const resources = [
      { apiVersion: 'projectcalico.org/v3', kind: 'BGPPeer', metadata: { name: 'w2-to-bastion' }, spec: { node: old, peerIP: '10.0.1.10', asNumber: 64512 } },
      { apiVersion: 'projectcalico.org/v3', kind: 'BGPPeer', metadata: { name: 'others' }, spec: { node: 'someone-else', peerIP: '10.0.1.10', asNumber: 64512 } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'pinned', namespace: 'default' }, spec: pinned({ nodeName: old }) },
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', namespace: 'default' },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: 'web' } },
          template: { metadata: { labels: { app: 'web' } }, spec: pinned({ nodeSelector: { 'kubernetes.io/hostname': old, disk: 'ssd' } }) },
        },
      },
    ]
    const prepared = applyCommand(lab, { type: 'batch', label: 'prepare', commands: resources.map((resource) => ({ type: 'apply' as const, resource: resource as never })) })
    const { design, problems } = edit(WORKER2, 'name', 'worker-2', prepared)
    expect(problems).toEqual([])
    const peers = Object.fromEntries(resourcesOf(design, 'projectcalico.org/v3/BGPPeer').map((p) => [p.metadata.name, p.spec.node]))
    expect(peers).toMatchObject({ 'w2-to-bastion': 'worker-2', others: 'someone-else' })
    const pod = design.entries.find((e) => e.id === 'pod/default/pinned')?.resource as unknown as { spec: { nodeName: string } }
    expect(pod.spec.nodeName).toBe('worker-2')
    const web = design.entries.find((e) => e.id === 'deployment/default/web')?.resource as unknown as { spec: { template: { spec: { nodeSelector: Record<string, string> } } } }
    expect(web.spec.template.spec.nodeSelector).toEqual({ 'kubernetes.io/hostname': 'worker-2', disk: 'ssd' })
  })

  it('creates the default BGPConfiguration when a cluster setting is first changed', () => {
    expect(fieldsOf(lab, 'bgpconfiguration/default').map((f) => f.key)).toEqual(['asNumber', 'nodeToNodeMeshEnabled', 'logSeverityScreen', 'listenPort'])
    const { design } = edit('bgpconfiguration/default', 'nodeToNodeMeshEnabled', 'false')
    expect(resourcesOf(design, 'projectcalico.org/v3/BGPConfiguration')[0]?.spec).toEqual({ nodeToNodeMeshEnabled: false })
  })
})
