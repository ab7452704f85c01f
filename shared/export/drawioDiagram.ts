import type { SessionKind } from '../topology/sessionEdges'
import { bendPoint, type DiagramScene, type SceneHost } from './diagramScene'
import { xmlText } from './svgPicture'

const HOST_FILL: Readonly<Record<SceneHost['kind'], string>> = { router: '#fff1c2', 'control-plane': '#ddeaff', worker: '#e6f6ea', mesh: '#f0e8ff' }
const SESSION_COLOUR: Readonly<Record<SessionKind, string>> = { mesh: '#6e7781', global: '#0969da', node: '#1a7f37', 'rr-client': '#8250df', ebgp: '#bc4c00', router: '#6e7781' }

/** A label with its lines: draw.io keeps a newline in a plain (html=0) value as a line break. */
const value = (lines: readonly string[]): string => xmlText(lines.join('\n')).replace(/\n/g, '&#10;')
const n = (x: number): string => String(Math.round(x))

/**
 * The design as a draw.io (diagrams.net) file: an uncompressed `mxfile` whose one page holds each
 * segment as a container, its hosts inside it at their canvas positions (relative to it, as
 * draw.io places a container's children), and each BGP session as an edge between two hosts,
 * dashed red when it is not Established. Opens in draw.io and its desktop app as it is.
 */
export function drawioDiagram(scene: DiagramScene): string {
  const cells: string[] = ['        <mxCell id="0" />', '        <mxCell id="1" parent="0" />']
  const cellId = new Map<string, string>()
  const idOf = (id: string): string => {
    let known = cellId.get(id)
    if (known === undefined) cellId.set(id, (known = `c${cellId.size + 2}`))
    return known
  }
  const origin = new Map<string, { x: number; y: number }>()
  for (const s of scene.segments) {
    const left = s.x - s.width / 2
    const top = s.y - s.height / 2
    origin.set(s.id, { x: left, y: top })
    cells.push(
      `        <mxCell id="${idOf(s.id)}" value="${value(s.lines)}" style="rounded=1;arcSize=4;whiteSpace=wrap;html=0;container=1;collapsible=0;dashed=1;fillColor=#f6f8fa;strokeColor=#8c959f;fontColor=#57606a;align=left;verticalAlign=top;spacingLeft=8;" vertex="1" parent="1">`,
      `          <mxGeometry x="${n(left)}" y="${n(top)}" width="${n(s.width)}" height="${n(s.height)}" as="geometry" />`,
      '        </mxCell>',
    )
  }
  for (const h of scene.hosts) {
    const parent = h.segment !== undefined ? origin.get(h.segment) : undefined
    const shape = h.kind === 'mesh' ? 'ellipse;' : 'rounded=1;'
    cells.push(
      `        <mxCell id="${idOf(h.id)}" value="${value(h.lines)}" style="${shape}whiteSpace=wrap;html=0;fillColor=${HOST_FILL[h.kind]};strokeColor=#57606a;" vertex="1" parent="${parent && h.segment !== undefined ? idOf(h.segment) : '1'}">`,
      `          <mxGeometry x="${n(h.x - h.width / 2 - (parent?.x ?? 0))}" y="${n(h.y - h.height / 2 - (parent?.y ?? 0))}" width="${n(h.width)}" height="${n(h.height)}" as="geometry" />`,
      '        </mxCell>',
    )
  }
  const centres = new Map([...scene.segments, ...scene.hosts].map((b) => [b.id, b]))
  for (const e of scene.sessions) {
    const a = centres.get(e.source)
    const b = centres.get(e.target)
    const bend = a && b ? bendPoint(a, b) : undefined
    // draw.io's curved edge through one waypoint bends as the SVG's does.
    const geometry = bend
      ? ['          <mxGeometry relative="1" as="geometry">', `            <Array as="points"><mxPoint x="${n(bend.x)}" y="${n(bend.y)}" /></Array>`, '          </mxGeometry>']
      : ['          <mxGeometry relative="1" as="geometry" />']
    const colour = e.state === 'down' ? '#cf222e' : SESSION_COLOUR[e.kind]
    const dashed = e.state === 'down' ? 'dashed=1;' : ''
    cells.push(
      `        <mxCell id="${idOf(e.id)}" value="${value(e.label !== '' ? [e.label] : [])}" style="endArrow=none;html=0;strokeWidth=2;strokeColor=${colour};fontColor=${colour};${dashed}${bend ? 'curved=1;' : ''}" edge="1" parent="1" source="${idOf(e.source)}" target="${idOf(e.target)}">`,
      ...geometry,
      '        </mxCell>',
    )
  }
  return [
    '<mxfile host="Peerlab" type="device">',
    `  <diagram id="peerlab" name="${xmlText(scene.name)}">`,
    '    <mxGraphModel grid="1" gridSize="10" guides="1" tooltips="1" connect="1" arrows="1" fold="1" page="0" pageScale="1" math="0" shadow="0">',
    '      <root>',
    ...cells,
    '      </root>',
    '    </mxGraphModel>',
    '  </diagram>',
    '</mxfile>',
    '',
  ].join('\n')
}
