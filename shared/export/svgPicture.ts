import type { SessionKind } from '../topology/sessionEdges'
import { bendPoint, sceneBounds, type DiagramScene, type SceneHost } from './diagramScene'

export interface SvgOptions {
  /** The part of the canvas to draw, in canvas coordinates (the app's current view); the whole design when absent. */
  readonly view?: { readonly x: number; readonly y: number; readonly width: number; readonly height: number }
  readonly theme?: 'light' | 'dark'
}

interface Palette {
  readonly background: string
  readonly text: string
  readonly muted: string
  readonly segmentFill: string
  readonly segmentStroke: string
  readonly host: Readonly<Record<SceneHost['kind'], string>>
  readonly hostStroke: string
  readonly session: Readonly<Record<SessionKind, string>>
  readonly down: string
}

const PALETTES: Readonly<Record<'light' | 'dark', Palette>> = {
  light: {
    background: '#ffffff',
    text: '#1f2328',
    muted: '#57606a',
    segmentFill: '#f6f8fa',
    segmentStroke: '#8c959f',
    host: { router: '#fff1c2', 'control-plane': '#ddeaff', worker: '#e6f6ea', mesh: '#f0e8ff' },
    hostStroke: '#57606a',
    session: { mesh: '#6e7781', global: '#0969da', node: '#1a7f37', 'rr-client': '#8250df', ebgp: '#bc4c00', router: '#6e7781' },
    down: '#cf222e',
  },
  dark: {
    background: '#0d1117',
    text: '#e6edf3',
    muted: '#9198a1',
    segmentFill: '#161b22',
    segmentStroke: '#6e7681',
    host: { router: '#3d2e00', 'control-plane': '#0c2d6b', worker: '#0f3d1f', mesh: '#2e1a5c' },
    hostStroke: '#9198a1',
    session: { mesh: '#9198a1', global: '#4493f8', node: '#3fb950', 'rr-client': '#ab7df8', ebgp: '#f0883e', router: '#9198a1' },
    down: '#f85149',
  },
}

const MARGIN = 40
const LINE_HEIGHT = 15

/** Text for an XML attribute or element: the five characters XML reserves, escaped. */
export function xmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')
}

const n = (value: number): string => String(Math.round(value * 10) / 10)

function textLines(lines: readonly string[], x: number, firstBaseline: number, attributes: string): string {
  const spans = lines.map((line, i) => `<tspan x="${n(x)}" y="${n(firstBaseline + i * LINE_HEIGHT)}">${xmlText(line)}</tspan>`).join('')
  return `<text ${attributes}>${spans}</text>`
}

/** The frame grown to hold each bowed session's curve, which passes halfway to its bend point. */
function withBends(frame: { x: number; y: number; width: number; height: number }, scene: DiagramScene, centres: ReadonlyMap<string, { x: number; y: number }>) {
  let bottom = frame.y + frame.height
  let right = frame.x + frame.width
  for (const e of scene.sessions) {
    const a = centres.get(e.source)
    const b = centres.get(e.target)
    const bend = a && b ? bendPoint(a, b) : undefined
    if (!a || !b || !bend) continue
    bottom = Math.max(bottom, (a.y + b.y) / 4 + bend.y / 2 + MARGIN / 2)
    right = Math.max(right, (a.x + b.x) / 4 + bend.x / 2 + MARGIN / 2)
  }
  return { ...frame, width: right - frame.x, height: bottom - frame.y }
}

/**
 * The design as a picture, drawn as the canvas draws it: segments as boxes, hosts at their canvas
 * positions with their name, addresses and role, and each BGP session as a line coloured by kind
 * (dashed red when it is not Established). Pure text, so the CLI writes it without a browser.
 */
export function svgPicture(scene: DiagramScene, options: SvgOptions = {}): string {
  const palette = PALETTES[options.theme ?? 'light']
  const centres = new Map([...scene.segments, ...scene.hosts].map((b) => [b.id, b]))
  const frame = options.view ?? withBends(sceneBounds(scene, MARGIN) ?? { x: 0, y: 0, width: 400, height: 200 }, scene, centres)
  const labels: string[] = []
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(frame.width)}" height="${n(frame.height)}" viewBox="${n(frame.x)} ${n(frame.y)} ${n(frame.width)} ${n(frame.height)}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    `<title>${xmlText(scene.name)}</title>`,
    `<rect x="${n(frame.x)}" y="${n(frame.y)}" width="${n(frame.width)}" height="${n(frame.height)}" fill="${palette.background}"/>`,
    '<g class="segments">',
  ]
  for (const s of scene.segments) {
    const left = s.x - s.width / 2
    const top = s.y - s.height / 2
    out.push(
      `<g data-id="${xmlText(s.id)}"><rect x="${n(left)}" y="${n(top)}" width="${n(s.width)}" height="${n(s.height)}" rx="6" fill="${palette.segmentFill}" stroke="${palette.segmentStroke}" stroke-dasharray="6 3"/>`,
      `${textLines(s.lines, left + 8, top + 16, `fill="${palette.muted}"`)}</g>`,
    )
  }
  out.push('</g>', '<g class="sessions">')
  for (const e of scene.sessions) {
    const a = centres.get(e.source)
    const b = centres.get(e.target)
    if (!a || !b) continue
    const colour = e.state === 'down' ? palette.down : palette.session[e.kind]
    const dash = e.state === 'down' ? ' stroke-dasharray="8 4"' : ''
    const bend = bendPoint(a, b)
    // A quadratic curve passes halfway to its control point at its middle, where the label goes.
    const middle = bend ? { x: (a.x + b.x) / 4 + bend.x / 2, y: (a.y + b.y) / 4 + bend.y / 2 } : { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 }
    const path = bend ? `M ${n(a.x)} ${n(a.y)} Q ${n(bend.x)} ${n(bend.y)} ${n(b.x)} ${n(b.y)}` : `M ${n(a.x)} ${n(a.y)} L ${n(b.x)} ${n(b.y)}`
    out.push(`<g data-id="${xmlText(e.id)}"><path d="${path}" fill="none" stroke="${colour}" stroke-width="2"${dash}/>`)
    // Labels go over the hosts, on a halo of the background, so a short session's label still reads.
    if (e.label !== '')
      labels.push(
        `<text x="${n(middle.x)}" y="${n(middle.y + 4)}" text-anchor="middle" fill="${colour}" stroke="${palette.background}" stroke-width="4" paint-order="stroke" font-size="11">${xmlText(e.label)}</text>`,
      )
    out.push('</g>')
  }
  out.push('</g>', '<g class="hosts">')
  for (const h of scene.hosts) {
    const left = h.x - h.width / 2
    const top = h.y - h.height / 2
    const first = h.y - ((h.lines.length - 1) * LINE_HEIGHT) / 2 + 4
    out.push(
      `<g data-id="${xmlText(h.id)}"><rect x="${n(left)}" y="${n(top)}" width="${n(h.width)}" height="${n(h.height)}" rx="${h.kind === 'mesh' ? n(h.height / 2) : '8'}" fill="${palette.host[h.kind]}" stroke="${palette.hostStroke}"/>`,
      `${textLines(h.lines, h.x, first, `text-anchor="middle" fill="${palette.text}"`)}</g>`,
    )
  }
  out.push('</g>', '<g class="session-labels">', ...labels, '</g>', '</svg>', '')
  return out.join('\n')
}
