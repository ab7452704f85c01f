import { describe, expect, it } from 'vitest'
import { diagramScene } from '../../../shared/export/diagramScene'
import { drawioDiagram } from '../../../shared/export/drawioDiagram'
import { mermaidDiagram } from '../../../shared/export/mermaidDiagram'
import { svgPicture } from '../../../shared/export/svgPicture'
import { loadDesign } from '../../../shared/format/loadDesign'
import { computeNetwork } from '../../../shared/routing/network'
import { readExample } from '../../exampleText'

const lab = loadDesign(readExample('calico-lab-2.2')).design
const scene = diagramScene(lab, computeNetwork(lab).sessions)
const HOSTS = ['bastion', 'control1', 'worker1', 'worker2']

describe('the diagram scene', () => {
  it('has the lab’s segment, its four hosts inside it at their canvas positions, and its six sessions', () => {
    expect(scene.segments.map((s) => s.id)).toEqual(['segment/lab-subnet'])
    expect(scene.hosts.map((h) => [h.lines[0], h.x, h.y, h.segment])).toEqual(HOSTS.map((name, i) => [name, -300 + 200 * i, 0, 'segment/lab-subnet']))
    expect(scene.sessions.map((s) => `${s.kind}:${s.state}`).sort()).toEqual(['mesh:up', 'mesh:up', 'mesh:up', 'router:down', 'router:down', 'router:down'])
  })
})

describe('Mermaid', () => {
  const text = mermaidDiagram(scene)
  it('is a flowchart with the segment as a subgraph holding the hosts, and a link per session, dotted when down', () => {
    const lines = text.split('\n')
    expect(lines[0]).toBe('flowchart TB')
    expect(lines[1]).toBe('  subgraph n0_segment_lab_subnet["lab-subnet  10.0.1.0/24 on ens5 · gateway 10.0.1.1"]')
    expect(lines[2]).toBe('    n1_router_bastion{{"bastion<br/>10.0.1.10<br/>router · AS 64512 · bird"}}')
    expect(lines[6]).toBe('  end')
    expect(lines.filter((l) => / --- /.test(l))).toHaveLength(3)
    expect(lines.filter((l) => l.includes(' -.-|"router · AS 64512 (down)"| n1_router_bastion'))).toHaveLength(3)
  })

  it('escapes quotes and angle brackets so a label cannot end early', () => {
    const odd = mermaidDiagram({ name: 'x', segments: [], hosts: [{ id: 'router/a"b', kind: 'router', lines: ['a"b <c>'], x: 0, y: 0, width: 1, height: 1 }], sessions: [] })
    expect(odd).toBe('flowchart TB\n  n0_router_a_b{{"a#quot;b #lt;c#gt;"}}\n')
  })
})

describe('draw.io', () => {
  const xml = drawioDiagram(scene)
  it('is an uncompressed mxfile: the segment a container, hosts inside it placed relative to it, sessions as edges between hosts', () => {
    expect(xml.startsWith('<mxfile host="Peerlab" type="device">\n  <diagram id="peerlab" name="calico-lab-2.2">\n    <mxGraphModel ')).toBe(true)
    expect(xml).toContain('<mxCell id="c2" value="lab-subnet  10.0.1.0/24 on ens5 · gateway 10.0.1.1" style="rounded=1;arcSize=4;whiteSpace=wrap;html=0;container=1;')
    // worker2 is at (300, 0) on the canvas; the segment's box starts at (-418, -61).
    expect(xml).toContain('value="worker2&#10;10.0.1.31&#10;worker"')
    expect(xml).toMatch(/value="worker2[^"]*"[^>]*parent="c2">\n {10}<mxGeometry x="628" y="28" width="180" height="66" as="geometry" \/>/)
    expect(xml.match(/edge="1"/g)).toHaveLength(6)
    expect(xml.match(/dashed=1;curved=1;|dashed=1;"/g)).toHaveLength(3)
  })
})

describe('SVG', () => {
  const svg = svgPicture(scene)
  it('draws every host by name and address, the segment, and a line per session', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" ')).toBe(true)
    for (const name of HOSTS) expect(svg).toContain(`>${name}</tspan>`)
    expect(svg).toContain('>10.0.1.31</tspan>')
    expect(svg).toContain('<title>calico-lab-2.2</title>')
    expect(svg.match(/<path d=/g)).toHaveLength(6)
    expect(svg.match(/stroke-dasharray="8 4"/g)).toHaveLength(3)
  })

  it('frames the given view, in dark colours when asked, and escapes XML in names', () => {
    const view = svgPicture(scene, { view: { x: 0, y: -50, width: 400, height: 100 }, theme: 'dark' })
    expect(view).toContain('viewBox="0 -50 400 100"')
    expect(view).toContain('fill="#0d1117"')
    const odd = svgPicture({ name: 'a<b', segments: [], hosts: [{ id: 'x', kind: 'worker', lines: ['R&D "x"'], x: 0, y: 0, width: 10, height: 10 }], sessions: [] })
    expect(odd).toContain('<title>a&lt;b</title>')
    expect(odd).toContain('>R&amp;D &quot;x&quot;</tspan>')
  })
})
