import { describe, expect, it } from 'vitest'
import { applyCommand } from '../../../shared/commands/commands'
import { loadDesign } from '../../../shared/format/loadDesign'
import type { OpaqueResource } from '../../../shared/model/design'
import { hostsOf } from '../../../shared/model/query'
import { canvasDesignText } from '../../../bench/canvasDesign'

const design = loadDesign(canvasDesignText(80)).design
const resourceOf = (id: string) => design.entries.find((e) => e.id === id)?.resource as OpaqueResource & { metadata: { annotations?: Record<string, string> } }
const hostOf = (hosts: ReturnType<typeof hostsOf>, id: string) => hosts.find((h) => h.id === id)

describe('hosts across edits', () => {
  it('works out again only the host that changed, and keeps the others as they were', () => {
    const before = hostsOf(design)
    const node = resourceOf('node/node-7')
    const after = hostsOf(applyCommand(design, { type: 'apply', resource: { ...node, metadata: { ...node.metadata, annotations: { ...node.metadata.annotations, 'peerlab.dev/alias': 'seven' } } } }))
    expect(hostOf(after, 'node/node-7')?.alias).toBe('seven')
    expect(hostOf(after, 'node/node-8')).toBe(hostOf(before, 'node/node-8'))
  })

  it("places every host again when a segment changes: a node's interface follows its subnet", () => {
    const rack = resourceOf('segment/rack-0') as OpaqueResource & { spec: Record<string, unknown> }
    const renamedNic = applyCommand(design, { type: 'apply', resource: { ...rack, spec: { ...rack.spec, interface: 'bond0' } } })
    expect(hostOf(hostsOf(design), 'node/node-8')?.interfaces[0]?.name).toBe('eth0')
    expect(hostOf(hostsOf(renamedNic), 'node/node-8')?.interfaces[0]?.name).toBe('bond0')
  })
})
